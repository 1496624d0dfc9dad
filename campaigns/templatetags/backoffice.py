from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from campaigns.dashboard import figures_for
from campaigns.models import LocalGroup
from campaigns.permissions import coordinated_group_ids, sees_everything
from campaigns.selectors import active_campaign

register = template.Library()


@register.inclusion_tag("admin/includes/_dashboard.html", takes_context=True)
def group_dashboard(context):
    user = context["request"].user
    rows = []
    for figure, value in figures_for(user):
        try:
            url = reverse(figure.url_name) if figure.url_name else ""
        except NoReverseMatch:
            url = ""
        if url and figure.url_query:
            url = f"{url}?{figure.url_query}"
        rows.append(
            {
                "label": figure.label,
                "value": value,
                "url": url,
                "needs_review": figure.needs_review,
                "help": figure.help,
            }
        )
    groups = [] if sees_everything(user) else LocalGroup.objects.filter(pk__in=coordinated_group_ids(user))
    campaign = active_campaign()
    return {
        "rows": rows,
        "groups": groups,
        "is_staff_view": sees_everything(user),
        # "This campaign" in the figures' names: which one, and whether its dates are over (its cases' actions
        # still count into it until another campaign is made active).
        "campaign": campaign,
        "campaign_has_ended": campaign is not None and campaign.ends_on < timezone.localdate(),
    }
