"""The action ledger: the one place that says what counts as an action.

Every capability that produces an action calls `record()` inside the same transaction that writes its own
row, and `retract()` when that action stops counting. Rows are never updated or deleted.
"""

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from django.db import models
from django.db.models import Sum

from .models import Action, Campaign, Case, LocalGroup

Kind = Action.Kind


def source_label(source: models.Model) -> str:
    return f"{source._meta.app_label}.{source._meta.model_name}"


def record(
    *,
    source: models.Model,
    campaign: Campaign,
    kind: str,
    count: int,
    occurred_at: datetime,
    country: str = "",
    case: Case | None = None,
    group: LocalGroup | None = None,
) -> Action | None:
    """Append an action (or several, `count`) produced by `source`. A count of 0 records nothing."""
    if count == 0:
        return None
    return Action.objects.create(
        source_type=source_label(source),
        source_id=source.pk,
        campaign=campaign,
        case=case,
        group=group,
        country=str(country or ""),
        kind=kind,
        count=count,
        occurred_at=occurred_at,
    )


def net_count_for(source: models.Model) -> int:
    total = Action.objects.filter(source_type=source_label(source), source_id=source.pk).aggregate(
        n=Sum("count")
    )
    return total["n"] or 0


def retract(*, source: models.Model) -> list[Action]:
    """Cancel whatever `source` still counts for, per kind, by appending negative rows. Idempotent."""
    rows = (
        Action.objects.filter(source_type=source_label(source), source_id=source.pk)
        .values("campaign_id", "case_id", "group_id", "country", "kind")
        .annotate(net=Sum("count"), first_at=models.Min("occurred_at"))
        .filter(net__gt=0)
    )
    return [
        Action.objects.create(
            source_type=source_label(source),
            source_id=source.pk,
            campaign_id=row["campaign_id"],
            case_id=row["case_id"],
            group_id=row["group_id"],
            country=row["country"],
            kind=row["kind"],
            count=-row["net"],
            occurred_at=row["first_at"],
        )
        for row in rows
    ]


# --- recounting from the source tables ------------------------------------------------------------
# Each app that records actions registers a function that recounts, from its own tables alone, what the
# ledger should hold for a campaign. `manage.py rebuild_results` compares the two and reports drift.
# A recount returns a Counter keyed by (kind, country code, case id or None).

RecountKey = tuple[str, str, int | None]
_recounters: dict[str, Callable[[Campaign], Counter]] = {}


def register_recount(name: str):
    """Decorator: `@register_recount("letters.appeal")` on `def recount(campaign) -> Counter[RecountKey]`."""

    def decorator(func: Callable[[Campaign], Counter]):
        _recounters[name] = func
        return func

    return decorator


def recount_from_sources(campaign: Campaign) -> Counter:
    total: Counter = Counter()
    for recount in _recounters.values():
        total.update(recount(campaign))
    return +total  # drop zero and negative keys


def ledger_totals(campaign: Campaign) -> Counter:
    rows = (
        Action.objects.filter(campaign=campaign)
        .values_list("kind", "country", "case_id")
        .annotate(net=Sum("count"))
    )
    return +Counter({(kind, country, case_id): net for kind, country, case_id, net in rows})
