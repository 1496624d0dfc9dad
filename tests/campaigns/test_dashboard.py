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


def test_the_figures_name_this_campaign_and_say_when_its_dates_are_over(client, two_groups_with_actions):
    """The active campaign is "this campaign"; past its end date it still takes its cases' actions."""
    from campaigns.models import Campaign

    poznan, _ = two_groups_with_actions
    client.force_login(coordinator_of(poznan))
    Campaign.objects.update(
        name="Write for Rights 2012", starts_on=dt.date(2012, 12, 7), ends_on=dt.date(2013, 2, 28)
    )

    ended = client.get(reverse("admin:index")).content.decode()
    Campaign.objects.update(ends_on=dt.date.today() + dt.timedelta(days=30))
    running = client.get(reverse("admin:index")).content.decode()

    assert "This campaign: Write for Rights 2012 (7 December 2012 – 28 February 2013)" in ended
    assert "Its dates are over" in ended
    assert "This campaign: Write for Rights 2012" in running and "Its dates are over" not in running


def test_the_paper_signature_figure_says_what_it_counts(client, two_groups_with_actions):
    """It sums batches, named signatures and tallies: a coordinator comparing it with a petition's page or their
    batch list found three different numbers and nothing to say why."""
    client.force_login(coordinator_of(two_groups_with_actions[0]))

    html = client.get(reverse("admin:index")).content.decode()

    assert (
        "the tallies the national section recorded. A petition&#x27;s own page counts its own." in html
        or ("the tallies the national section recorded. A petition's own page counts its own." in html)
    )


def test_staff_see_every_groups_total_and_can_compare_groups(client, two_groups_with_actions):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    index = client.get(reverse("admin:index")).content.decode()
    side_by_side = client.get(reverse("admin:campaigns_localgroup_figures")).content.decode()

    assert figure_value(index, "Actions this campaign") == "127"
    assert "Poznań group" in side_by_side and "Helsinki group" in side_by_side
    assert '<td class="num">120</td>' in side_by_side and '<td class="num">7</td>' in side_by_side
    # Third-party apps are named in words, not by their labels ("OTP_TOTP", "AXES").
    assert "Two-factor devices" in index and "Log-in lockouts" in index
    assert ">Otp_Totp<" not in index and ">Axes<" not in index


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


def test_every_figure_opens_a_list_of_exactly_what_it_counts(client):
    """ "Upcoming events 4" opened every event of the group (past, pending, rejected): 9."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from campaigns.permissions import COORDINATOR_GROUP
    from events.models import Event, Registration
    from tests.events.factories import EventFactory, RegistrationFactory, past_event

    poznan = LocalGroupFactory(name="Poznań group")
    coordinator = coordinator_of(poznan)
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    upcoming = EventFactory(group=poznan)
    EventFactory(group=poznan)
    past_event(group=poznan)
    EventFactory(group=poznan, status=Event.Status.PENDING)
    EventFactory(group=poznan, status=Event.Status.REJECTED)
    EventFactory()  # another group's
    RegistrationFactory(event=upcoming)
    RegistrationFactory(event=upcoming, status=Registration.Status.CANCELLED)
    old = RegistrationFactory(event=upcoming)
    Registration.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=9))
    client.force_login(coordinator)

    from campaigns.dashboard import figures_for

    checked = []
    for figure, value in figures_for(coordinator):
        if not figure.url_name:
            continue
        url = reverse(figure.url_name) + (f"?{figure.url_query}" if figure.url_query else "")
        response = client.get(url)
        assert response.status_code == 200, (figure.key, url, response.status_code)
        listed = response.context["cl"].result_count
        assert listed == value, (figure.key, url, listed, value)
        checked.append(figure.key)
    assert {"upcoming_events", "signups_this_week", "events_awaiting_review"} <= set(checked)


@pytest.mark.parametrize(
    ("headers", "cookies", "expected", "html_lang"),
    [
        ({}, {}, "Your groups", "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "es-PY,es;q=0.9"}, {}, "Cifras de tus grupos", "es"),
        ({"HTTP_ACCEPT_LANGUAGE": "es"}, {"django_language": "pl"}, "Liczby Twoich grup", "pl"),
    ],
)
def test_the_back_office_speaks_the_language_its_user_chose_or_their_browsers(
    client, two_groups_with_actions, headers, cookies, expected, html_lang
):
    poznan, _ = two_groups_with_actions
    client.force_login(coordinator_of(poznan))
    for name, value in cookies.items():
        client.cookies[name] = value

    html = client.get(reverse("admin:index"), **headers).content.decode()

    assert expected in html and f'<html lang="{html_lang}"' in html
    if html_lang == "pl":
        assert "Zaplecze: Marathon" in html  # the site's own header too


def test_the_ledger_list_says_its_rows_are_entries_that_each_count_actions(client, two_groups_with_actions):
    """The overview's "Actions this campaign 127" opens a list of 2 rows: the list calls them ledger entries and
    says the figure adds up their counts, and what a negative count is (it said "2 actions")."""
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get(reverse("admin:campaigns_action_changelist")).content.decode()

    assert "<h1>Select ledger entry to view</h1>" in html
    assert "Each entry records one or more actions (its count)" in html
    assert "A negative count takes back actions counted before" in html


def test_the_overview_gives_a_coordinator_their_groups_paper_signatures_and_event_letters(client):
    campaign = CampaignFactory(is_active=True)
    poznan, helsinki = LocalGroupFactory(), LocalGroupFactory()
    for group, kind, count in (
        (poznan, "paper_signature", 212),
        (poznan, "paper_signature", 30),
        (poznan, "event_letter", 120),
        (poznan, "lantern", 60),
        (helsinki, "paper_signature", 999),
    ):
        ledger.record(source=group, campaign=campaign, group=group, kind=kind, count=count, occurred_at=AT)
    client.force_login(coordinator_of(poznan))

    html = client.get(reverse("admin:index")).content.decode()

    assert figure_value(html, "Petition signatures on paper this campaign") == "242"
    assert figure_value(html, "Letters written at events this campaign") == "120"
    assert figure_value(html, "Actions this campaign") == "422"


def test_the_back_office_says_which_zone_its_times_are_in(client, settings):
    from tests.factories import LocalGroupFactory

    settings.TIME_ZONE = "Europe/Warsaw"  # a section's deployment sets its own
    client.force_login(coordinator_of(LocalGroupFactory()))

    html = client.get(reverse("admin:index")).content.decode()

    assert "Times in the back office&#x27;s lists are in Europe/Warsaw" in html or (
        "Times in the back office's lists are in Europe/Warsaw" in html
    )
    client.logout()
    assert "Times in the back office" not in client.get(reverse("admin:login")).content.decode()
