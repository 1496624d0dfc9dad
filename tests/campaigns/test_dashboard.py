import datetime as dt

import pytest
from django.urls import reverse

from campaigns import ledger
from tests.factories import CampaignFactory, LocalGroupFactory, UserFactory, coordinator_of

pytestmark = pytest.mark.django_db

AT = dt.datetime(2012, 12, 10, 12, tzinfo=dt.UTC)


@pytest.fixture
def two_groups_with_actions():
    campaign = CampaignFactory(is_active=True)
    poznan, helsinki = LocalGroupFactory(name="Poznań group"), LocalGroupFactory(name="Helsinki group")
    ledger.record(source=poznan, campaign=campaign, group=poznan, kind="lantern", count=120, occurred_at=AT)
    ledger.record(source=helsinki, campaign=campaign, group=helsinki, kind="lantern", count=7, occurred_at=AT)
    return poznan, helsinki


def figure_value(html: str, label: str) -> str:
    row = html.split(label, 1)[1]
    return row.split('class="figure">', 1)[1].split("<", 1)[0].strip()


def test_a_coordinator_sees_only_their_groups_figures_on_the_admin_index(client, two_groups_with_actions):
    poznan, _ = two_groups_with_actions
    client.force_login(coordinator_of(poznan))

    html = client.get(reverse("admin:index")).content.decode()

    assert "Your groups&#x27; figures" in html or "Your groups' figures" in html
    assert figure_value(html, "Actions this campaign") == "120"
    assert "Helsinki group" not in html


def test_staff_see_every_groups_total_and_can_compare_groups(client, two_groups_with_actions):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    index = client.get(reverse("admin:index")).content.decode()
    side_by_side = client.get(reverse("admin:campaigns_localgroup_figures")).content.decode()

    assert figure_value(index, "Actions this campaign") == "127"
    assert "Poznań group" in side_by_side and "Helsinki group" in side_by_side
    assert '<td class="num">120</td>' in side_by_side and '<td class="num">7</td>' in side_by_side


def test_coordinators_cannot_open_the_side_by_side_page(client, two_groups_with_actions):
    client.force_login(coordinator_of(two_groups_with_actions[0]))
    assert client.get(reverse("admin:campaigns_localgroup_figures")).status_code == 403


def test_side_by_side_page_costs_the_same_for_few_and_many_groups(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    CampaignFactory(is_active=True)
    LocalGroupFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:campaigns_localgroup_figures")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(40):
        LocalGroupFactory()
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
