import datetime as dt

import pytest

from tests.events.factories import EventFactory
from tests.factories import CampaignFactory, CaseFactory
from tests.petitions.factories import PetitionFactory


@pytest.fixture
def world(db, settings):
    """An active campaign with a case, an open petition and an upcoming event: every public form has a target."""
    settings.RATELIMIT_ENABLE = False  # the sweep posts far faster than the public limits allow
    campaign = CampaignFactory(is_active=True, starts_on=dt.date(2012, 12, 1), ends_on=dt.date(2030, 12, 31))
    case = CaseFactory(name="Ales Bialiatski", slug="ales-bialiatski", campaigns=[campaign])
    return {
        "campaign": campaign,
        "case": case,
        "petition": PetitionFactory(campaign=campaign, case=case, slug="free-ales"),
        "event": EventFactory(campaign=campaign, cases=[case], capacity=5),
    }
