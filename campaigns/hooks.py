"""A minimal publish/subscribe registry for things other apps may react to, such as webhooks.

The publishing app never imports its subscribers (events does not import api): it calls `publish(topic, ...)`
inside its transaction, and each subscriber runs once that transaction commits (never for a rollback).
Payloads are plain values (ids), so subscribers read committed rows themselves.

Topics in use:
    "events.registration_created"  registration_id
    "events.report_approved"       report_id
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)

_subscribers: dict[str, list[Callable[..., None]]] = defaultdict(list)


def subscribe(topic: str):
    """Decorator: `@subscribe("events.registration_created")` on `def handler(*, registration_id)`."""

    def decorator(func: Callable[..., None]):
        if func not in _subscribers[topic]:
            _subscribers[topic].append(func)
        return func

    return decorator


def publish(topic: str, **payload) -> None:
    """Call every subscriber of `topic` after the current transaction commits (at once outside one)."""
    if _subscribers.get(topic):
        transaction.on_commit(partial(_deliver, topic, payload))


def _deliver(topic: str, payload: dict) -> None:
    for func in list(_subscribers.get(topic, ())):
        try:
            func(**payload)
        except Exception:  # one failing subscriber must not stop the others or the request
            logger.exception("Subscriber %s of %s failed", func, topic)
