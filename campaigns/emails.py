"""Outgoing email: rendered from templates/emails/ in the recipient's language, sent by a task after commit.

Two ways in. `queue_email` renders now and queues the finished message. `queue_email_about` queues only what the
email is about (a builder's dotted path, a row's id and the template) and the task worker builds and renders it:
the request that triggered it does less (signing a petition and signing up for an event are the busiest forms of
the site), and the queue holds an id instead of a copy of the person's details.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from django_tasks_db.backend import DatabaseBackend

from .tasks import send_email, send_email_about


def render_email(template: str, context: dict, *, language: str | None = None) -> dict[str, str]:
    """Render `emails/<template>.subject.txt`, `.txt` and `.html` into strings a task can carry."""
    context = {"site_url": settings.SITE_URL, "organisation_name": settings.ORGANISATION_NAME, **context}
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}.subject.txt", context, using="text").strip()
        text = render_to_string(f"emails/{template}.txt", context, using="text")
        html = render_to_string(f"emails/{template}.html", context)
    return {"subject": " ".join(subject.split()), "text": text, "html": html}


def enqueue_with_the_transaction(enqueue: Callable[[], object]) -> None:
    """Queue a task so that it runs only if the surrounding transaction commits.

    The database queue (the default) writes the task row in that same transaction, so the row an email is
    about and the email's job commit together or not at all, with one commit instead of two; a queue
    elsewhere (Redis/RQ) is told once the transaction has committed.
    """
    if isinstance(send_email.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue, robust=True)


def queue_email(
    template: str,
    context: dict,
    *,
    to: str,
    language: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render now (in the current request's language) and send once the surrounding transaction commits.

    `attachments` are (filename, text content, mimetype) triples, so the task stays JSON-serialisable.
    """
    message = render_email(template, context, language=language)
    enqueue_with_the_transaction(
        lambda: send_email.enqueue(to=[to], attachments=attachments or [], **message)
    )


@dataclass
class EmailDraft:
    """What an email builder returns: the template and its context, the recipient's language, attachments as
    (filename, text content, mimetype) triples."""

    template: str
    context: dict
    language: str | None = None
    attachments: list[tuple[str, str, str]] = field(default_factory=list)


def queue_email_about(builder: str, pk: int, *, template: str, to: str) -> None:
    """Queue an email the task worker builds once the surrounding transaction has committed.

    `builder` is the dotted path of a function `(pk, template) -> EmailDraft | None`; it reads the row as it is
    when the email leaves, and returns None when there is nothing to send any more (the row was erased).
    """
    enqueue_with_the_transaction(
        lambda: send_email_about.enqueue(builder=builder, pk=pk, template=template, to=[to])
    )


def build_email(builder: str, pk: int, template: str) -> dict | None:
    """Run a builder and render its draft into the strings `send_email` takes (None: nothing to send)."""
    draft = import_string(builder)(pk, template)
    if draft is None:
        return None
    message = render_email(draft.template, draft.context, language=draft.language)
    return {**message, "attachments": draft.attachments}
