"""The letters figure on the back-office overview (see campaigns/dashboard.py)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from campaigns.dashboard import Figure, register_figure
from campaigns.models import LocalGroup
from campaigns.permissions import scope_to_countries

from .models import SolidarityMessage


def messages_to_moderate(group_ids):
    """Per group, the pending messages from its country (messages belong to a country, not a group)."""
    groups = LocalGroup.objects.all() if group_ids is None else LocalGroup.objects.filter(pk__in=group_ids)
    country_of = dict(groups.values_list("pk", "country"))
    pending = dict(
        SolidarityMessage.objects.pending()
        .filter(country__in=set(country_of.values()))
        .values("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
        .order_by()
    )
    return {group_id: pending.get(country, 0) for group_id, country in country_of.items()}


def messages_to_moderate_for(user) -> int:
    return scope_to_countries(SolidarityMessage.objects.pending(), user, "country").count()


register_figure(
    Figure(
        "messages_to_moderate",
        _("Solidarity messages to moderate"),
        messages_to_moderate,
        url_name="admin:letters_solidaritymessage_changelist",
        url_query="status=pending",
        needs_review=True,
        order=30,
        total_for_user=messages_to_moderate_for,
    )
)
