import pytest

from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory, UserFactory, coordinator_of


@pytest.fixture
def campaign(db):
    return CampaignFactory(is_active=True)


@pytest.fixture
def case(campaign):
    return CaseFactory(campaigns=[campaign])


@pytest.fixture
def coordinator(db):
    return coordinator_of(LocalGroupFactory())


@pytest.fixture
def volunteer(db):
    return UserFactory()
