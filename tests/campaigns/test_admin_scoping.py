"""A coordinator in Poznań never sees Helsinki's rows; section staff see everything."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.permissions import COORDINATOR_GROUP, SECTION_STAFF_GROUP
from tests.admin_forms import change_form_data
from tests.factories import LocalGroupFactory, MembershipFactory, UserFactory, coordinator_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def poznan():
    return LocalGroupFactory(name="Poznań group", country="PL", city="Poznań")


@pytest.fixture
def helsinki():
    return LocalGroupFactory(name="Helsinki group", country="FI", city="Helsinki")


def as_coordinator(group):
    user = coordinator_of(group)
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    return user


def test_role_groups_exist_with_their_permissions():
    coordinator = Group.objects.get(name=COORDINATOR_GROUP)
    staff = Group.objects.get(name=SECTION_STAFF_GROUP)
    codenames = set(coordinator.permissions.values_list("codename", flat=True))
    assert {"view_localgroup", "change_localgroup", "view_membership"} <= codenames
    assert "delete_localgroup" not in codenames
    assert staff.permissions.filter(codename="delete_localgroup").exists()


def test_changelist_shows_a_coordinator_only_their_groups(client, poznan, helsinki):
    client.force_login(as_coordinator(poznan))

    html = client.get(reverse("admin:campaigns_localgroup_changelist")).content.decode()

    assert "Poznań group" in html
    assert "Helsinki group" not in html


def test_search_does_not_reach_other_groups(client, poznan, helsinki):
    client.force_login(as_coordinator(poznan))
    response = client.get(reverse("admin:campaigns_localgroup_changelist"), {"q": "Helsinki"})
    assert "Helsinki group" not in response.content.decode()
    assert response.context["cl"].result_count == 0


@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_guessing_another_groups_id_is_404(client, poznan, helsinki, view):
    client.force_login(as_coordinator(poznan))

    response = client.get(reverse(f"admin:campaigns_localgroup_{view}", args=[helsinki.pk]))

    assert response.status_code == 404
    assert "Helsinki group" not in response.content.decode()


def test_a_coordinator_can_open_their_own_group(client, poznan):
    client.force_login(as_coordinator(poznan))
    response = client.get(reverse("admin:campaigns_localgroup_change", args=[poznan.pk]))
    assert response.status_code == 200
    assert "Poznań group" in response.content.decode()


def test_autocomplete_only_offers_the_coordinators_groups(client, poznan, helsinki):
    client.force_login(as_coordinator(poznan))

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "campaigns", "model_name": "membership", "field_name": "group", "term": ""},
    )

    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Poznań group"]


def test_memberships_of_other_groups_are_hidden(client, poznan, helsinki):
    MembershipFactory(group=helsinki, user=UserFactory(email="aino@example.org"))
    client.force_login(as_coordinator(poznan))
    html = client.get(reverse("admin:campaigns_membership_changelist")).content.decode()
    assert "aino@example.org" not in html


def test_section_staff_see_every_group(client, poznan, helsinki):
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name=SECTION_STAFF_GROUP))
    client.force_login(staff)

    html = client.get(reverse("admin:campaigns_localgroup_changelist")).content.decode()

    assert "Poznań group" in html and "Helsinki group" in html
    assert client.get(reverse("admin:campaigns_localgroup_change", args=[helsinki.pk])).status_code == 200


def test_localgroup_changelist_query_count_is_constant(client, poznan, django_assert_num_queries):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:campaigns_localgroup_changelist")
    client.get(url)  # the first request saves the session; measure the ones after it
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)
    for _ in range(30):
        LocalGroupFactory()
    with django_assert_num_queries(len(one_row.captured_queries)):
        client.get(url)
    assert len(one_row.captured_queries) <= 6


def test_staff_sessions_expire_after_a_working_day(client, settings):
    settings.STAFF_SESSION_SECONDS = 8 * 3600
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.get(reverse("admin:index"))
    assert client.session.get_expiry_age() == 8 * 3600


@pytest.mark.django_db
def test_admin_login_locks_out_after_repeated_failures(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="coordinator@example.org", is_staff=True)
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "coordinator@example.org", "password": "wrong"})

    response = client.post(
        url, {"username": "coordinator@example.org", "password": "correct horse battery staple"}
    )

    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_volunteer_signing_in_to_the_back_office_is_told_it_is_not_theirs_not_that_the_password_is_wrong(
    client,
):
    UserFactory(email="volunteer@example.org", is_staff=False, password="correct horse battery staple")
    UserFactory(email="coordinator@example.org", is_staff=True, password="correct horse battery staple")
    url = reverse("admin:login")

    volunteer = client.post(
        url, {"username": "volunteer@example.org", "password": "correct horse battery staple"}
    )
    wrong = client.post(url, {"username": "coordinator@example.org", "password": "wrong"})

    page = volunteer.content.decode()
    assert "This account has no access to the back office" in page
    assert '<a href="/events/mine/">Go to My events</a>' in page
    assert "Please enter the correct" not in page
    assert "_auth_user_id" not in client.session
    assert "Please enter the correct" in wrong.content.decode()  # a wrong password still says only that


@pytest.mark.django_db
def test_a_volunteer_signed_in_on_the_site_who_opens_the_back_office_is_sent_to_their_events(client):
    client.force_login(UserFactory(is_staff=False))

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/events/mine/"
    said = [str(m) for m in response.context["messages"]]
    assert said == [
        "The back office is for coordinators and staff. Your own events are here, under “My events”."
    ]


@pytest.mark.django_db
def test_log_in_records_keep_a_keyed_hash_of_the_address_never_the_address(client, settings):
    import ipaddress

    from axes.models import AccessAttempt, AccessFailureLog

    settings.AXES_ENABLED = True
    UserFactory(email="coordinator@example.org", is_staff=True)
    client.post(
        reverse("admin:login"),
        {"username": "coordinator@example.org", "password": "wrong"},
        REMOTE_ADDR="203.0.113.7",
    )

    stored = {str(a.ip_address) for a in AccessAttempt.objects.all()} | {
        str(f.ip_address) for f in AccessFailureLog.objects.all()
    }
    assert len(stored) == 1
    [value] = stored
    assert "203.0.113.7" not in value
    assert ipaddress.ip_address(value) in ipaddress.ip_network("fd00::/8")


def test_export_log_is_read_only_and_scoped(client, poznan, helsinki):
    from campaigns.services import log_export

    coordinator = as_coordinator(poznan)
    log_export(user=coordinator, what="event sign-ups", description="Lantern workshop", group=poznan, rows=12)
    log_export(user=coordinator, what="signatures", description="Poster drive", group=poznan, rows=40)
    log_export(user=UserFactory(), what="event sign-ups", description="Candle vigil", group=helsinki, rows=30)
    client.force_login(coordinator)

    html = client.get(reverse("admin:campaigns_exportlog_changelist")).content.decode()

    assert "Lantern workshop" in html
    assert "Candle vigil" not in html
    assert "Export records: 2" in html  # the count names what it counts ("2 export log" before)


def test_a_coordinator_sees_the_record_of_their_own_export_across_several_groups(client, poznan, helsinki):
    """An export spanning several groups records no group: its author still sees it (the list showed only
    rows carrying one of their groups, so the person who downloaded 73 names saw no trace of it)."""
    from campaigns.services import log_export

    coordinator = as_coordinator(poznan)
    MembershipFactory(user=coordinator, group=helsinki, role="coordinator")
    log_export(
        user=coordinator, what="event sign-ups", description="Two groups' sign-ups", group=None, rows=73
    )
    log_export(user=UserFactory(), what="event sign-ups", description="Someone else's", group=None, rows=5)
    client.force_login(coordinator)

    html = client.get(reverse("admin:campaigns_exportlog_changelist")).content.decode()

    assert "Two groups&#x27; sign-ups" in html
    assert "Someone else" not in html
    [own] = coordinator.exports.all()
    page = client.get(reverse("admin:campaigns_exportlog_change", args=[own.pk])).content.decode()
    assert page.count("/admin/campaigns/user/") == 0 and str(coordinator) in page  # a name, not a 403 link
    assert client.get(reverse("admin:campaigns_exportlog_add")).status_code == 403


@pytest.mark.parametrize(
    "model", ["campaigns_action", "campaigns_exportlog", "campaigns_datarequest", "api_widgetcatalogue"]
)
def test_records_cannot_be_added_edited_or_deleted_even_by_a_superuser(client, model):
    """The ledger, the export log, the data-request log and the widget page are records, not forms."""
    from django.contrib import admin
    from django.test import RequestFactory

    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(reverse(f"admin:{model}_add")).status_code == 403

    model_admin = next(
        a for m, a in admin.site._registry.items() if f"{m._meta.app_label}_{m._meta.model_name}" == model
    )
    request = RequestFactory().get("/")
    request.user = superuser
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_ledger_names_each_rows_source_in_words(client, poznan):
    """ "events.eventreport 12" told a coordinator nothing; "event report 12" says what to look for."""
    import datetime as dt

    from campaigns import ledger
    from tests.factories import CampaignFactory

    ledger.record(
        source=poznan,
        campaign=CampaignFactory(),
        group=poznan,
        kind="lantern",
        count=3,
        occurred_at=dt.datetime(2012, 12, 10, tzinfo=dt.UTC),
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get(reverse("admin:campaigns_action_changelist")).content.decode()

    assert f"local group {poznan.pk}" in html and "campaigns.localgroup" not in html


def test_a_coordinator_cannot_move_their_group_to_another_country(client, poznan):
    """The group's country decides whose solidarity messages its coordinators read and approve."""
    client.force_login(as_coordinator(poznan))
    url = reverse("admin:campaigns_localgroup_change", args=[poznan.pk])
    page = client.get(url)
    data = change_form_data(page) | {"country": "FI", "slug": "moved", "name": "Poznań group (renamed)"}

    response = client.post(url, data)

    poznan.refresh_from_db()
    assert response.status_code == 302
    assert 'name="country"' not in page.content.decode()
    assert (poznan.country, poznan.slug, poznan.is_active) == ("PL", poznan.slug, True)
    assert poznan.slug != "moved"
    assert poznan.name == "Poznań group (renamed)"


def test_section_staff_can_change_a_groups_country(client, poznan):
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name=SECTION_STAFF_GROUP))
    client.force_login(staff)

    html = client.get(reverse("admin:campaigns_localgroup_change", args=[poznan.pk])).content.decode()

    assert 'name="country"' in html and 'name="is_active"' in html
