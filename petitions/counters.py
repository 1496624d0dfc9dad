"""The counters pages read, the recount that proves them, and the ledger recount for this app."""

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, Sum

from campaigns.ledger import register_recount
from campaigns.models import Action

from .models import PaperSignatureBatch, Petition, Signature


@dataclass
class CounterCheck:
    petition: Petition
    stored_online: int
    stored_paper: int
    actual_online: int
    actual_paper: int

    @property
    def drifted(self) -> bool:
        return (self.stored_online, self.stored_paper) != (self.actual_online, self.actual_paper)


def actual_counts(petition: Petition) -> tuple[int, int]:
    """(confirmed online, paper) counted from the rows: the slow, exact truth the counters must equal."""
    rows = Signature.objects.filter(petition=petition, status=Signature.Status.CONFIRMED).aggregate(
        online=Count("id", filter=Q(source=Signature.Source.ONLINE)),
        paper=Count("id", filter=Q(source=Signature.Source.PAPER)),
    )
    batches = (
        PaperSignatureBatch.objects.counted().filter(petition=petition).aggregate(n=Sum("count"))["n"] or 0
    )
    return rows["online"], rows["paper"] + batches


def verify_counts(*, repair: bool = False) -> list[CounterCheck]:
    """Compare every petition's counters with its rows; with `repair`, set drifted counters right.

    The petition row is locked while it is counted and repaired; confirmations take the same lock to
    add to the counter, so none can slip between the count and the repair.
    """
    checks = []
    for petition_id in Petition.objects.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            petition = Petition.objects.select_for_update().get(pk=petition_id)
            online, paper = actual_counts(petition)
            check = CounterCheck(
                petition, petition.signature_count, petition.paper_signature_count, online, paper
            )
            if repair and check.drifted:
                Petition.objects.filter(pk=petition.pk).update(
                    signature_count=online, paper_signature_count=paper
                )
        checks.append(check)
    return checks


@register_recount("petitions.signatures")
def recount(campaign) -> Counter:
    """What the ledger should hold for this campaign, from the petition tables alone."""
    total: Counter = Counter()
    signatures = (
        Signature.objects.filter(petition__campaign=campaign, status=Signature.Status.CONFIRMED)
        .values_list("source", "country", "petition__case_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for source, country, case_id, n in signatures:
        kind = (
            Action.Kind.ONLINE_SIGNATURE if source == Signature.Source.ONLINE else Action.Kind.PAPER_SIGNATURE
        )
        total[(str(kind), country, case_id)] += n
    batches = (
        PaperSignatureBatch.objects.counted()
        .filter(petition__campaign=campaign)
        .values_list("group__country", "petition__case_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for country, case_id, n in batches:
        total[(str(Action.Kind.PAPER_SIGNATURE), country, case_id)] += n
    return total
