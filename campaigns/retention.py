"""How long personal data is kept: rules registered by each app, applied by `manage.py apply_retention`.

A rule takes the current time and anonymises (or deletes, for rows that never counted) what has passed its
period, returning how many rows it changed. Rules are idempotent: each is a set-based UPDATE or DELETE of rows
not yet treated, so a second run finds nothing left to do. Runs are serialised by an advisory lock, so two
started at once (a cron job and a task) run one after the other. A rule whose period is a setting names it,
and the privacy page lists those periods.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise

from .locks import advisory_lock

RETENTION_LOCK_KEY = 7_104_732

Rule = Callable[[dt.datetime], int]


@dataclass(frozen=True)
class RetentionRule:
    name: str
    label: Promise | str
    rule: Rule
    days_setting: str = ""

    @property
    def days(self) -> int | None:
        return getattr(settings, self.days_setting) if self.days_setting else None


_rules: dict[str, RetentionRule] = {}


def register_retention(name: str, *, label, days_setting: str = ""):
    """Decorator: `@register_retention("petitions.delivered", label=_("…"), days_setting="…")` on
    `def rule(now) -> int`."""

    def decorator(rule: Rule) -> Rule:
        _rules[name] = RetentionRule(name=name, label=label, rule=rule, days_setting=days_setting)
        return rule

    return decorator


def retention_rules() -> list[RetentionRule]:
    return list(_rules.values())


def apply_retention(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Run every rule in one transaction; {rule name: rows changed}."""
    now = now or timezone.now()
    with transaction.atomic(), advisory_lock(RETENTION_LOCK_KEY):
        return {rule.name: rule.rule(now) for rule in _rules.values()}
