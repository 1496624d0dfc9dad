"""What the ledger should hold for letters and messages, recounted from this app's own tables."""

from collections import Counter

from django.db.models import Count, Sum

from campaigns.ledger import Kind, register_recount

from .models import AppealLetter, SolidarityMessage


@register_recount("letters.appeal_letters")
def recount_appeal_letters(campaign) -> Counter:
    rows = (
        AppealLetter.objects.filter(campaign=campaign)
        .values_list("country", "case_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return Counter({(Kind.APPEAL_LETTER.value, country, case_id): n for country, case_id, n in rows})


@register_recount("letters.solidarity_messages")
def recount_solidarity_messages(campaign) -> Counter:
    rows = (
        SolidarityMessage.objects.approved()
        .filter(campaign=campaign)
        .values_list("country", "case_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Counter({(Kind.SOLIDARITY_MESSAGE.value, country, case_id): n for country, case_id, n in rows})
