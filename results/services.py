"""Reported tallies: offline actions a section enters as one aggregated count, recorded in the ledger."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import ledger
from campaigns.models import Action, Campaign, Case, LocalGroup

from .models import ReportedTally


class TallyError(ValueError):
    """A tally that cannot be recorded; the message says why, for the form."""


def check_tally(
    *,
    campaign: Campaign,
    case: Case,
    country: str,
    kind: str,
    count: int,
    occurred_at: dt.datetime,
    group: LocalGroup | None = None,
) -> None:
    """Raise `TallyError` with the reason when a tally cannot be recorded (the admin form shows it)."""
    country = str(country or "").upper()
    if count is None or count < 1:
        raise TallyError(_("A tally counts at least one action."))
    if kind not in Action.Kind.values:
        raise TallyError(_("Unknown kind of action."))
    if not country:
        raise TallyError(_("Say in which country the actions were taken."))
    if group is not None and str(group.country) != country:
        raise TallyError(_("The local group is in another country."))
    if not case.campaigns.filter(pk=campaign.pk).exists():
        raise TallyError(_("This case is not part of this campaign."))
    local_day = timezone.localtime(occurred_at).date()
    if local_day > timezone.localdate():
        raise TallyError(_("The actions cannot have been taken in the future. Please check the date."))
    if not campaign.counts_actions_on(local_day):
        raise TallyError(_("The actions must fall within the campaign's dates."))


def record_tally(
    *,
    campaign: Campaign,
    case: Case,
    country: str,
    kind: str,
    count: int,
    occurred_at: dt.datetime,
    group: LocalGroup | None = None,
    note: str = "",
    entered_by=None,
) -> ReportedTally:
    """Store a tally and append it to the ledger, in one transaction."""
    country = str(country or "").upper()
    check_tally(
        campaign=campaign,
        case=case,
        country=country,
        kind=kind,
        count=count,
        occurred_at=occurred_at,
        group=group,
    )
    with transaction.atomic():
        tally = ReportedTally.objects.create(
            campaign=campaign,
            case=case,
            country=country,
            group=group,
            kind=kind,
            count=count,
            occurred_at=occurred_at,
            note=note,
            entered_by=entered_by,
        )
        ledger.record(
            source=tally,
            campaign=campaign,
            case=case,
            group=group,
            country=country,
            kind=kind,
            count=count,
            occurred_at=occurred_at,
        )
    return tally


def withdraw_tally(*, tally: ReportedTally) -> ReportedTally:
    """Stop counting a tally (entered twice, or wrong). Idempotent: the row is locked, then retracted once."""
    with transaction.atomic():
        tally = ReportedTally.objects.select_for_update().get(pk=tally.pk)
        if tally.withdrawn_at is None:
            tally.withdrawn_at = timezone.now()
            tally.save(update_fields=["withdrawn_at"])
            ledger.retract(source=tally)
    return tally
