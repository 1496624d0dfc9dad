"""What an approved event report counts in the action ledger — one function for recording and recounting.

Rule (see the README): an APPROVED report counts its participants (`event_participant`), the letters written at
the event per featured case (`event_letter`), and lanterns, posters and photos. Paper signatures are not counted
here: the petitions app counts them when the paper batch is entered. Counts other than letters are attributed
to the featured case when the event features exactly one, otherwise to no case.
"""

from collections import Counter

from campaigns import ledger
from campaigns.models import Action, Campaign, Case

from .models import EventReport

Kind = Action.Kind


def report_rows(report: EventReport) -> list[tuple[str, int, Case | None]]:
    """(kind, count, case) for everything `report` counts, zero counts left out."""
    featured = list(report.event.cases.all())
    single_case = featured[0] if len(featured) == 1 else None
    rows: list[tuple[str, int, Case | None]] = [
        (Kind.EVENT_PARTICIPANT, report.participants, single_case),
        (Kind.LANTERN, report.lanterns, single_case),
        (Kind.POSTER, report.posters, single_case),
        (Kind.PHOTO, report.photos_taken, single_case),
    ]
    rows += [(Kind.EVENT_LETTER, row.letters, row.case) for row in report.case_counts.all()]
    return [(kind, count, case) for kind, count, case in rows if count > 0]


def record_report(report: EventReport) -> None:
    event = report.event
    for kind, count, case in report_rows(report):
        ledger.record(
            source=report,
            campaign=event.campaign,
            kind=kind,
            count=count,
            occurred_at=event.ends_at,
            country=event.country.code,
            case=case,
            group=event.group,
        )


@ledger.register_recount("events.report")
def recount(campaign: Campaign) -> Counter:
    total: Counter = Counter()
    reports = (
        EventReport.objects.filter(status=EventReport.Status.APPROVED, event__campaign=campaign)
        .select_related("event")
        .prefetch_related("case_counts__case", "event__cases")
    )
    for report in reports:
        for kind, count, case in report_rows(report):
            total[(str(kind), report.event.country.code, case.pk if case else None)] += count
    return total


def retract_report(report: EventReport) -> None:
    """Stop counting `report` (idempotent: nothing happens when it counts for nothing)."""
    ledger.retract(source=report)
