"""The action ledger: the one place that says what counts as an action.

Every capability that produces an action calls `record()` inside the same transaction that writes its own
row, and `retract()` when that action stops counting. Rows are never updated or deleted.
"""

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
