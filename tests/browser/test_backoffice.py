"""The back office in a real browser: a Poznań coordinator logs in, sees only their group's pending event,
approves it, and exports its sign-ups."""

import csv
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from campaigns.models import ExportLog
from campaigns.permissions import COORDINATOR_GROUP
from events.models import Event
from events.services import register_for_event
from tests.events.factories import EventFactory
from tests.factories import LocalGroupFactory, coordinator_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "lanterns-for-ales-2012"


def log_in_to_the_back_office(page, live_server, email: str) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_coordinator_approves_their_pending_event_and_exports_its_signups(live_server, page, artifacts_dir):
    poznan = LocalGroupFactory(name="Poznań group", country="PL", city="Poznań")
    helsinki = LocalGroupFactory(name="Helsinki group", country="FI", city="Helsinki")
    ours = EventFactory(group=poznan, title="Graffiti for Ales", status=Event.Status.PENDING)
    EventFactory(group=helsinki, title="Candle vigil on Senate Square", status=Event.Status.PENDING)
    coordinator = coordinator_of(poznan, email="kasia@example.org", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))

    log_in_to_the_back_office(page, live_server, "kasia@example.org")

    # The overview points at the one event waiting for this coordinator.
    overview = page.locator("#group-figures")
    assert "Events awaiting review" in overview.inner_text()
    page.get_by_role("link", name="Events awaiting review").first.click()
    queue = page.locator("#result_list").inner_text()
    assert "Graffiti for Ales" in queue
    assert "Candle vigil" not in queue
    page.screenshot(path=f"{artifacts_dir}/backoffice-queue.png", full_page=True)

    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("approve_events")
    page.get_by_role("button", name="Go", exact=True).click()
    assert "1 event published." in page.locator(".messagelist").inner_text()
    ours.refresh_from_db()
    assert ours.status == Event.Status.PUBLISHED

    # Supporters sign up; the coordinator exports the list.
    register_for_event(event=ours, name="Ala Kowalska", email="ala@example.org", consent=True)
    register_for_event(event=ours, name="Jan Nowak", email="jan@example.org", consent=True)
    page.goto(live_server.url + "/admin/events/event/")
    assert "Candle vigil" not in page.locator("#result_list").inner_text()
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("export_signups")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Go", exact=True).click()
    rows = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8-sig"))))

    assert download_info.value.suggested_filename.startswith("signups-")
    assert sorted(row[4] for row in rows[1:]) == ["ala@example.org", "jan@example.org"]
    assert ExportLog.objects.get().user == coordinator


def test_on_a_phone_the_review_queue_shows_each_event_its_place_and_start_without_scrolling(
    live_server, page
):
    poznan = LocalGroupFactory(name="Poznań group", country="PL", city="Poznań")
    EventFactory(group=poznan, title="Graffiti for Ales", status=Event.Status.PENDING)
    coordinator = coordinator_of(poznan, email="kasia@example.org", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    page.set_viewport_size({"width": 390, "height": 844})
    log_in_to_the_back_office(page, live_server, "kasia@example.org")

    page.goto(live_server.url + "/admin/events/pendingevent/")

    shown = page.evaluate(
        "[...document.querySelectorAll('#result_list thead th')].filter(th => th.offsetParent).map(th => th.innerText)"
    )
    assert [name.lower() for name in shown[1:]] == ["title", "where", "starts (local time)"]
    results = page.locator(".results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth")


def test_the_event_form_says_nothing_of_server_time_since_its_times_are_the_events_own(
    live_server, new_context
):
    """Django notes "you are 9 hours ahead of server time" under date fields when the browser's zone differs from
    the server's; the event's start and end are typed in the event's zone, so that note would mislead."""
    poznan = LocalGroupFactory(name="Poznań group", country="PL", city="Poznań")
    event = EventFactory(group=poznan, title="Graffiti for Ales", status=Event.Status.PENDING)
    coordinator = coordinator_of(poznan, email="kasia@example.org", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    page = new_context(timezone_id="Asia/Tokyo").new_page()
    log_in_to_the_back_office(page, live_server, "kasia@example.org")

    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.wait_for_load_state("load")
    page.locator("#id_starts_at_0 + .datetimeshortcuts").first.wait_for()  # Django's date widgets have run

    assert page.locator(".timezonewarning").count() == 0
    assert page.get_by_label("Time zone").is_visible()


def test_on_a_phone_a_coordinator_withdraws_a_batch_typed_wrong(live_server, page):
    import datetime as dt

    from petitions.models import PaperSignatureBatch
    from petitions.services import add_paper_batch
    from tests.petitions.factories import PetitionFactory

    asuncion = LocalGroupFactory(name="Asunción group", country="PY", city="Asunción")
    coordinator = coordinator_of(asuncion, email="ana@example.org", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    petition = PetitionFactory()
    slip = add_paper_batch(
        petition=petition,
        group=asuncion,
        count=2120,
        description="Bike rally",
        collected_on=dt.date(2012, 12, 9),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in_to_the_back_office(page, live_server, "ana@example.org")

    page.goto(live_server.url + "/admin/petitions/papersignaturebatch/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("withdraw_selected")
    page.get_by_role("button", name="Go", exact=True).click()
    assert (
        "You are about to withdraw 1 batch of 2,120 signatures." in page.locator("#content-main").inner_text()
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Why").fill("Typed 2120 for 212.")
    page.get_by_role("button", name="Withdraw").click()

    assert "1 batch withdrawn: its signatures no longer count." in page.locator(".messagelist").inner_text()
    slip.refresh_from_db()
    petition.refresh_from_db()
    assert slip.withdrawn_at is not None and petition.paper_signature_count == 0
    assert PaperSignatureBatch.objects.counted().count() == 0


def test_on_a_phone_a_coordinator_rejects_an_event_with_a_reason_the_host_receives(
    live_server, page, mailoutbox
):
    kallio = LocalGroupFactory(name="Kallio group", country="FI", city="Helsinki")
    event = EventFactory(group=kallio, title="Letters in Kallio library", status=Event.Status.PENDING)
    coordinator = coordinator_of(kallio, email="aino@example.org", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    page.set_viewport_size({"width": 390, "height": 844})
    log_in_to_the_back_office(page, live_server, "aino@example.org")

    page.goto(live_server.url + "/admin/events/event/?status__exact=pending")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("reject_events")
    page.get_by_role("button", name="Go", exact=True).click()

    assert "Letters in Kallio library" in page.locator("#content").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_role("link", name="Go back").is_visible()
    page.get_by_label("Reason (sent to the host)").fill(
        "The library is closed that week; please pick another date."
    )
    page.get_by_role("button", name="Reject and email the host").click()

    assert "rejected" in page.locator(".messagelist").inner_text()
    event.refresh_from_db()
    assert event.status == Event.Status.REJECTED
    assert "The library is closed that week" in mailoutbox[-1].body
