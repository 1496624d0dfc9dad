"""The events journey in a real browser: a volunteer registers and confirms their email, proposes an event,
a coordinator approves it in the admin, and a supporter finds it by country and signs up."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from campaigns.permissions import COORDINATOR_GROUP
from events.models import Event, Registration
from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory, UserFactory, coordinator_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "lanterns-for-ales-2012"


def log_in_on_the_site(page, live_server, email: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/")


def test_volunteer_proposes_coordinator_approves_supporter_signs_up(live_server, page, artifacts_dir):
    CampaignFactory(name="Write for Rights 2012")
    CaseFactory(name="Ales Bialiatski")
    group = LocalGroupFactory(name="Poznań group", country="PL", city="Poznań")
    coordinator = coordinator_of(group, email="kasia@example.org", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True, primary=True)
    UserFactory(email="other@example.org")

    # A volunteer registers and confirms the address from the email.
    page.goto(live_server.url + "/accounts/signup/")
    page.locator("#id_email").fill("ana@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.screenshot(path=f"{artifacts_dir}/events-account-signup.png", full_page=True)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + "/accounts/" + link.split("/accounts/", 1)[1])
    page.get_by_role("button", name="Confirm").click()
    log_in_on_the_site(page, live_server, "ana@example.org")

    # … and proposes an event.
    day = (timezone.localdate() + dt.timedelta(days=12)).isoformat()
    page.goto(live_server.url + "/events/new/")
    page.get_by_label("Title").fill("Lantern workshop in Poznań")
    page.get_by_label("Kind of event").select_option("lantern_workshop")
    page.get_by_label("Ales Bialiatski").check()
    page.get_by_label("Hosting local group").select_option(label="Poznań group")
    page.get_by_label("Description").fill("We fold paper lanterns and write letters.")
    page.get_by_label("Starts").fill(f"{day}T18:00")
    page.get_by_label("Ends").fill(f"{day}T21:00")
    page.get_by_label("Time zone").select_option("Europe/Warsaw")
    page.get_by_label("Venue").fill("Café Rozbrat")
    page.get_by_label("City").fill("Poznań")
    page.get_by_label("Country").select_option("PL")
    page.get_by_label("Places").fill("12")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/events/mine/")
    assert page.get_by_text("Pending review").is_visible()
    event = Event.objects.get()
    assert event.status == Event.Status.PENDING
    assert any(m.to == ["kasia@example.org"] for m in mail.outbox)

    # A coordinator approves it in the admin's review queue.
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/?next=/admin/events/pendingevent/")
    page.locator("#id_username").fill("kasia@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/events/pendingevent/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("approve_events")
    page.get_by_role("button", name="Go").click()
    page.get_by_text("1 event published.").wait_for()
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert any(m.to == ["ana@example.org"] and "published" in m.subject for m in mail.outbox)

    # A supporter finds it by country and signs up.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(live_server.url + "/events/")
    page.get_by_label("Country").select_option("PL")
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url("**/events/?*country=PL*")
    assert page.get_by_text("1 event found").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=f"{artifacts_dir}/events-list-phone.png", full_page=True)
    page.get_by_role("link", name="Lantern workshop in Poznań").click()
    assert page.get_by_text("Times in Warsaw").is_visible()
    page.get_by_label("Your name").fill("Jan Nowak")
    page.get_by_label("Email").fill("jan@example.org")
    page.get_by_label("The organisers may contact me about this event.").check()
    page.get_by_role("button", name="Sign me up").click()
    page.get_by_role("heading", name="You have a place").wait_for()
    assert page.get_by_role("link", name="Add to my calendar (.ics)").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=f"{artifacts_dir}/events-signed-up-phone.png", full_page=True)
    registration = Registration.objects.get()
    assert (registration.email, registration.status) == ("jan@example.org", "confirmed")
    assert mail.outbox[-1].to == ["jan@example.org"]
    assert mail.outbox[-1].attachments[0][0] == f"{event.slug}.ics"


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "Asia/Kolkata"])
def test_a_new_event_starts_in_the_hosts_own_time_zone(live_server, new_context, zone):
    """The zone list defaulted to UTC, where a host who missed it would publish the wrong local time. Chromium
    names Asia/Kolkata by its older name, Asia/Calcutta, which is not in the list: it is added."""
    from allauth.account.models import EmailAddress

    host = UserFactory(email="hiroshi@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=host, email=host.email, verified=True, primary=True)
    page = new_context(timezone_id=zone).new_page()
    log_in_on_the_site(page, live_server, host.email)

    page.goto(live_server.url + "/events/new/")

    reported = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert page.get_by_label("Time zone").input_value() == reported


def test_a_new_event_takes_its_group_s_time_zone_until_the_host_sets_one(live_server, new_context):
    """A browser that says UTC (a privacy setting, a fresh machine) no longer leaves an Asunción event three hours
    off: choosing the group moves the zone to the group's; a zone chosen by hand stays."""
    from allauth.account.models import EmailAddress

    LocalGroupFactory(name="Grupo Asunción", country="PY", city="Asunción")
    LocalGroupFactory(name="Grupa Poznań", country="PL", city="Poznań")
    host = UserFactory(email="ana@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=host, email=host.email, verified=True, primary=True)
    page = new_context(timezone_id="UTC").new_page()
    log_in_on_the_site(page, live_server, host.email)
    page.goto(live_server.url + "/events/new/")
    zone = page.get_by_label("Time zone")

    page.get_by_label("Local group").select_option(label="Grupo Asunción")
    assert zone.input_value() == "America/Asuncion"
    page.get_by_label("Local group").select_option(label="Grupa Poznań")
    assert zone.input_value() == "Europe/Warsaw"

    zone.select_option("Europe/Vilnius")  # set by hand
    page.get_by_label("Local group").select_option(label="Grupo Asunción")
    assert zone.input_value() == "Europe/Vilnius"
