from django import template
from django.conf import settings
from django.utils.translation import npgettext

from campaigns.selectors import active_campaign

from ..selectors import campaign_results, case_total

register = template.Library()


@register.inclusion_tag("results/includes/_live_counter.html")
def campaign_counter(campaign):
    """The live total of a campaign: server-rendered, refreshed by static/js/results-counter.js; its goal, or that
    the goal is reached, under it."""
    return {
        "campaign": campaign,
        "actions": campaign_results(campaign).total,
        "goal": campaign.actions_goal,
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


@register.simple_tag
def actions_in_countries(actions, countries):
    """The words after the big number: "actions in 36 countries", each noun agreeing with its own number.

    One plural cannot serve both numbers ("104 731 działań w 1 kraju"), so the countries are a phrase of their own that
    the translator puts in the case the preposition asks for.
    """
    countries_phrase = npgettext(
        "results headline, the case that follows 'in'", "%(count)s country", "%(count)s countries", countries
    ) % {"count": countries}
    return npgettext(
        "results headline, after the number of actions",
        "action in %(countries)s",
        "actions in %(countries)s",
        actions,
    ) % {"countries": countries_phrase}
