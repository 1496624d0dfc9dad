import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns import ledger
from campaigns.models import Action
from results.models import ReportedTally
from results.recount import recount
from results.rollup import page_totals, rollup_totals, update_rollups
from results.services import TallyError, record_tally, withdraw_tally
from tests.factories import CaseFactory, LocalGroupFactory, UserFactory

from .factories import AT, campaign_with_case

pytestmark = pytest.mark.django_db


def tally(campaign, case, **overrides):
    fields = {"country": "PY", "kind": "event_participant", "count": 212, "occurred_at": AT}
    return record_tally(campaign=campaign, case=case, **(fields | overrides))


def test_record_tally_stores_it_and_its_ledger_row_in_one_go():
    campaign, case = campaign_with_case()
    group = LocalGroupFactory(country="PY", city="Asunción")
    staff = UserFactory(is_staff=True)

    saved = tally(campaign, case, group=group, note="Bike rally", entered_by=staff)

    saved.refresh_from_db()
    assert (saved.count, saved.country.code, saved.kind, saved.group, saved.entered_by) == (
        212,
        "PY",
        "event_participant",
        group,
        staff,
    )
    action = Action.objects.get()
    assert (action.source_type, action.source_id) == ("results.reportedtally", saved.pk)
    assert (action.count, action.country.code, action.case, action.group, action.occurred_at) == (
        212,
        "PY",
        case,
        group,
        AT,
    )
    assert recount(campaign) == {("event_participant", "PY", case.id): 212}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"count": 0}, "A tally counts at least one action."),
        ({"count": -3}, "A tally counts at least one action."),
        ({"kind": "carrier_pigeon"}, "Unknown kind of action."),
        ({"country": ""}, "Say in which country the actions were taken."),
        (
            {"occurred_at": dt.datetime(2012, 12, 6, 12, tzinfo=dt.UTC)},
            "The actions must fall within the campaign's dates.",
        ),
    ],
)
def test_record_tally_refuses_bad_input(overrides, message):
    campaign, case = campaign_with_case()
    with pytest.raises(TallyError, match=message.replace("(", r"\(")):
        tally(campaign, case, **overrides)
    assert not ReportedTally.objects.exists()
    assert not Action.objects.exists()


def test_an_active_campaign_takes_late_tallies_up_to_today_and_a_finished_one_does_not():
    """The same rule as the letters written online: late actions count while the campaign stays active."""
    campaign, case = campaign_with_case()
    late = timezone.now() - dt.timedelta(days=1)

    tally(campaign, case, occurred_at=late)
    with pytest.raises(TallyError, match="in the future"):
        tally(campaign, case, occurred_at=timezone.now() + dt.timedelta(days=2))

    campaign.is_active = False
    campaign.save()
    with pytest.raises(TallyError, match="within the campaign's dates"):
        tally(campaign, case, occurred_at=late)
    assert Action.objects.count() == 1


def test_record_tally_refuses_a_group_in_another_country_and_a_case_outside_the_campaign():
    campaign, case = campaign_with_case()
    with pytest.raises(TallyError, match="The local group is in another country."):
        tally(campaign, case, group=LocalGroupFactory(country="PL"))
    with pytest.raises(TallyError, match="This case is not part of this campaign."):
        tally(campaign, CaseFactory())
    assert not Action.objects.exists()


def test_withdraw_tally_retracts_it_once():
    campaign, case = campaign_with_case()
    saved = tally(campaign, case)
    withdraw_tally(tally=saved)
    withdraw_tally(tally=saved)
    saved.refresh_from_db()
    assert saved.withdrawn_at is not None
    assert sorted(Action.objects.values_list("count", flat=True)) == [-212, 212]
    assert recount(campaign) == {}
    assert ledger.ledger_totals(campaign) == {}


def test_staff_enter_a_tally_in_the_admin_and_it_reaches_the_ledger(admin_client, admin_user):
    campaign, case = campaign_with_case()
    response = admin_client.post(
        reverse("admin:results_reportedtally_add"),
        {
            "campaign": campaign.pk,
            "case": case.pk,
            "country": "LU",
            "kind": "lantern",
            "count": "150",
            "occurred_at_0": "2012-12-10",
            "occurred_at_1": "19:00:00",
            "note": "Lanterns on the river",
        },
    )
    assert response.status_code == 302
    saved = ReportedTally.objects.get()
    assert (saved.count, saved.entered_by, saved.note) == (150, admin_user, "Lanterns on the river")
    assert ledger.ledger_totals(campaign) == {("lantern", "LU", case.id): 150}


def test_the_admin_form_explains_a_tally_outside_the_campaign(admin_client):
    campaign, case = campaign_with_case(is_active=False)
    response = admin_client.post(
        reverse("admin:results_reportedtally_add"),
        {
            "campaign": campaign.pk,
            "case": case.pk,
            "country": "LU",
            "kind": "lantern",
            "count": "150",
            "occurred_at_0": "2014-12-10",
            "occurred_at_1": "19:00:00",
        },
    )
    assert response.status_code == 200
    assert "The actions must fall within the campaign&#x27;s dates." in response.content.decode()
    assert not ReportedTally.objects.exists()


def test_the_admin_withdraw_action_retracts_the_selected_tallies(admin_client):
    campaign, case = campaign_with_case()
    first, second = tally(campaign, case), tally(campaign, case, count=8)
    response = admin_client.post(
        reverse("admin:results_reportedtally_changelist"),
        {"action": "withdraw", "_selected_action": [first.pk]},
        follow=True,
    )
    assert "1 tally withdrawn." in response.content.decode()
    assert ledger.ledger_totals(campaign) == {("event_participant", "PY", case.id): 8}
    second.refresh_from_db()
    assert second.withdrawn_at is None


def test_admin_changelist_query_count_is_constant(admin_client, django_assert_max_num_queries):
    campaign, case = campaign_with_case()
    tally(campaign, case)
    with django_assert_max_num_queries(12) as few:
        admin_client.get(reverse("admin:results_reportedtally_changelist"))
    for n in range(20):
        tally(campaign, case, count=n + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(reverse("admin:results_reportedtally_changelist"))


operation = st.one_of(
    st.tuples(
        st.just("record"),
        st.sampled_from(["PL", "FI", "PY"]),
        st.sampled_from(["photo", "lantern"]),
        st.integers(1, 500),
        st.integers(0, 24 * 80),
    ),
    st.tuples(st.just("withdraw"), st.integers(0, 30)),
    st.tuples(st.just("roll up")),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, max_size=25))
def test_totals_equal_a_recount_after_any_mix_of_records_and_withdrawals(operations):
    campaign, case = campaign_with_case()
    tallies = []
    for op in operations:
        if op[0] == "record":
            _name, country, kind, count, hour = op
            at = dt.datetime(2012, 12, 7, 9, tzinfo=dt.UTC) + dt.timedelta(hours=hour)
            tallies.append(tally(campaign, case, country=country, kind=kind, count=count, occurred_at=at))
        elif op[0] == "withdraw" and tallies:
            withdraw_tally(tally=tallies[op[1] % len(tallies)])
        else:
            update_rollups()
    update_rollups()

    expected = ledger.recount_from_sources(campaign)
    assert ledger.ledger_totals(campaign) == expected
    assert rollup_totals(campaign) == dict(expected)
    assert page_totals(campaign) == dict(expected)
