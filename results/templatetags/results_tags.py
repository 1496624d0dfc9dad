from django import template
from django.conf import settings

from campaigns.selectors import active_campaign

from ..selectors import campaign_results, case_total

register = template.Library()


@register.inclusion_tag("results/includes/_live_counter.html")
def campaign_counter(campaign):
    """The live total of a campaign: server-rendered, refreshed by static/js/results-counter.js."""
    return {
        "campaign": campaign,
        "actions": campaign_results(campaign).total,
        "refresh_seconds": settings.RESULTS_COUNTER_REFRESH_SECONDS,
    }


@register.inclusion_tag("results/includes/_case_counter.html")
def case_counter(case):
    """Actions for a case in the active campaign (live), or across all campaigns if it is not in it."""
    campaign = active_campaign()
    if campaign is not None and campaign in case.campaigns.all():
        actions = campaign_results(campaign).case_actions(case.pk) or 0
    else:
        campaign, actions = None, case_total(case)
    return {
        "case": case,
        "campaign": campaign,
        "actions": actions,
        "refresh_seconds": settings.RESULTS_COUNTER_REFRESH_SECONDS,
    }
