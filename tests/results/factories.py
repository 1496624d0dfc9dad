"""Helpers for the results tests: ledger rows straight through the public ledger API."""

import datetime as dt

from campaigns import ledger
from campaigns.models import Action
from tests.factories import CampaignFactory, CaseFactory

AT = dt.datetime(2012, 12, 10, 18, 30, tzinfo=dt.UTC)


def campaign_with_case(**campaign_fields):
    campaign = CampaignFactory(**campaign_fields)
    case = CaseFactory(campaigns=[campaign])
    return campaign, case


def record(campaign, *, case=None, country="PL", kind=Action.Kind.EVENT_LETTER, count=1, at=AT, source=None):
    """Record `count` actions with the campaign itself as a stand-in source (tests only)."""
    return ledger.record(
        source=source or campaign,
        campaign=campaign,
        case=case,
        country=country,
        kind=kind,
        count=count,
        occurred_at=at,
    )
