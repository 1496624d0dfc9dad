"""What the ledger should hold for reported tallies, recounted from `ReportedTally` alone."""

from collections import Counter

from django.db.models import Sum

from campaigns.ledger import register_recount
from campaigns.models import Campaign

from .models import ReportedTally


@register_recount("results.tally")
def recount(campaign: Campaign) -> Counter:
    rows = (
        ReportedTally.objects.filter(campaign=campaign, withdrawn_at__isnull=True)
        .values_list("kind", "country", "case_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return Counter({(kind, country, case_id): n for kind, country, case_id, n in rows})
