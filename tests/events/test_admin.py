import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from campaigns.models import Action
from campaigns.permissions import COORDINATOR_GROUP
from events.models import Event, EventReport, Registration
from tests.admin_forms import change_form_data
from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory, UserFactory, coordinator_of

from .factories import EventFactory, EventReportFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:events_pendingevent_changelist")


@pytest.fixture
def coordinator():
    group = LocalGroupFactory(name="Poznań group")
    user = coordinator_of(group, email="kasia@example.org")
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    return user


def test_review_queue_shows_only_pending_events_of_the_coordinators_groups(client, coordinator):
    group = coordinator.memberships.get().group
    mine = EventFactory(title="Mine pending", group=group, status=Event.Status.PENDING)
    EventFactory(title="Mine published", group=group)
    EventFactory(title="Other group pending", status=Event.Status.PENDING)
    client.force_login(coordinator)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [mine]


def test_the_lists_give_each_event_its_place_and_its_local_start_with_the_zone(client, coordinator):
    import datetime as dt
    from zoneinfo import ZoneInfo

    warsaw = ZoneInfo("Europe/Warsaw")
    EventFactory(
        group=coordinator.memberships.get().group,
        status=Event.Status.PENDING,
        city="Poznań",
        country="PL",
        timezone=warsaw,
        starts_at=dt.datetime(2030, 12, 10, 18, 0, tzinfo=warsaw),
        ends_at=dt.datetime(2030, 12, 10, 21, 0, tzinfo=warsaw),
    )
    client.force_login(coordinator)

    queue = client.get(QUEUE).content.decode()
    events = client.get(reverse("admin:events_event_changelist")).content.decode()

    assert "Poznań, Poland" in queue
    for page in (queue, events):
        assert (
            '<span class="nowrap">Tue 10 Dec 2030, 18:00</span><br><span class="quiet">Warsaw</span>' in page
        )


def test_approve_action_publishes_and_emails_the_host(
    client, coordinator, django_capture_on_commit_callbacks
):
    group = coordinator.memberships.get().group
    event = EventFactory(group=group, status=Event.Status.PENDING, host=UserFactory(email="host@example.org"))
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(QUEUE, {"action": "approve_events", ACTION_CHECKBOX_NAME: [event.pk]})
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert mail.outbox[0].to == ["host@example.org"]


def test_reject_action_asks_for_a_reason_then_emails_it(
    client, coordinator, django_capture_on_commit_callbacks
):
    group = coordinator.memberships.get().group
    event = EventFactory(group=group, status=Event.Status.PENDING)
    client.force_login(coordinator)
    page = client.post(QUEUE, {"action": "reject_events", ACTION_CHECKBOX_NAME: [event.pk]})
    assert "Reason (sent to the host)" in page.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            QUEUE,
            {
                "action": "reject_events",
                ACTION_CHECKBOX_NAME: [event.pk],
                "apply": "1",
                "reason": "Add a venue.",
            },
        )
    event.refresh_from_db()
    assert (event.status, event.rejection_reason) == (Event.Status.REJECTED, "Add a venue.")
    assert "Add a venue." in mail.outbox[0].body


def test_rejecting_an_event_that_cannot_be_says_why_and_counts_nothing_done(client, coordinator):
    group = coordinator.memberships.get().group
    published = EventFactory(group=group, status=Event.Status.PUBLISHED)
    pending = EventFactory(group=group, status=Event.Status.PENDING)
    client.force_login(coordinator)
    events = reverse("admin:events_event_changelist")
    chosen = {"action": "reject_events", "apply": "1", "reason": "Add a venue."}

    refused = client.post(events, {**chosen, ACTION_CHECKBOX_NAME: [published.pk]}, follow=True)
    done = client.post(events, {**chosen, ACTION_CHECKBOX_NAME: [pending.pk]}, follow=True)

    said = [str(message) for message in refused.context["messages"]]
    assert said == [  # not also "0 rejected."
        f"{published}: Only a pending or draft event can be rejected. To call off a published one, cancel it on "
        "its page on the site: everyone signed up is told."
    ]
    assert [str(message) for message in done.context["messages"]] == ["1 event rejected."]


def test_rejecting_asks_a_reason_only_for_the_events_that_can_take_it(client, coordinator):
    group = coordinator.memberships.get().group
    published = EventFactory(group=group, title="Vigil")
    pending = EventFactory(group=group, title="Letters", status=Event.Status.PENDING)
    client.force_login(coordinator)
    events = reverse("admin:events_event_changelist")

    only_published = client.post(
        events, {"action": "reject_events", ACTION_CHECKBOX_NAME: [published.pk]}, follow=True
    )
    both = client.post(events, {"action": "reject_events", ACTION_CHECKBOX_NAME: [published.pk, pending.pk]})

    assert "Reason (sent to the host)" not in only_published.content.decode()  # refused at once, no form
    assert [str(m) for m in only_published.context["messages"]] == [
        "Vigil: Only a pending or draft event can be rejected. To call off a published one, cancel it on its page "
        "on the site: everyone signed up is told."
    ]
    page = both.content.decode()
    assert "<title>Reject an event |" in page
    assert (
        f'&rsaquo; <a href="{events}">Events</a> &rsaquo; Reject an event</div>' in page
    )  # a way back to the list
    assert "This will be rejected and its host emailed with your reason:" in page
    assert "<li>Letters</li>" in page and "<li>Vigil</li>" not in page
    assert f'name="_selected_action" value="{pending.pk}"' in page
    assert f'name="_selected_action" value="{published.pk}"' not in page


def test_approving_nothing_approvable_says_no_green_zero(client, coordinator):
    group = coordinator.memberships.get().group
    published = EventFactory(group=group, title="Vigil")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "approve_events", ACTION_CHECKBOX_NAME: [published.pk]},
        follow=True,
    )

    said = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert said == [("warning", "Vigil: Only a draft, pending or rejected event can be published.")]


def test_report_actions_count_what_they_changed(client, coordinator):
    group = coordinator.memberships.get().group
    report = EventReportFactory(event__group=group)
    client.force_login(coordinator)
    url = reverse("admin:events_eventreport_changelist")

    def said(action):
        response = client.post(url, {"action": action, ACTION_CHECKBOX_NAME: [report.pk]}, follow=True)
        return [str(m) for m in response.context["messages"]]

    assert said("approve_reports") == ["1 report approved: it counts in the results."]
    assert said("approve_reports") == ["The selected report was already approved."]
    assert said("unapprove_reports") == [
        "1 report is back in review: its numbers no longer count until it is approved again."
    ]
    assert said("unapprove_reports") == ["The selected report was not approved."]


def test_the_reports_export_names_the_country_and_the_local_day_and_is_dated(client, coordinator):
    import csv
    import datetime as dt
    import io
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    group = coordinator.memberships.get().group
    tokyo = ZoneInfo("Asia/Tokyo")
    event = EventFactory(
        group=group,
        title="Lanterns",
        city="Tokyo",
        country="JP",
        timezone=tokyo,
        starts_at=dt.datetime(2012, 12, 10, 7, 0, tzinfo=tokyo),  # 9 December in UTC
        ends_at=dt.datetime(2012, 12, 10, 9, 0, tzinfo=tokyo),
    )
    report = EventReportFactory(event=event, participants=12, lanterns=30)
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:events_eventreport_changelist"),
        {"action": "export_csv", ACTION_CHECKBOX_NAME: [report.pk]},
    )

    assert f"event-reports-{timezone.localdate():%Y-%m-%d}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Event", "Country", "City", "Date"]
    assert rows[1][:6] == ["Lanterns", "Japan", "Tokyo", "2012-12-10", "Pending review", "12"]


def test_event_change_page_shows_registrations_and_out_of_scope_is_404(client, coordinator):
    group = coordinator.memberships.get().group
    event = EventFactory(group=group)
    RegistrationFactory(event=event, email="ala@example.org")
    other = EventFactory()
    client.force_login(coordinator)
    assert (
        "ala@example.org"
        in client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    )
    assert client.get(reverse("admin:events_event_change", args=[other.pk])).status_code == 404


def test_report_approval_in_the_admin_records_the_ledger(client, coordinator):
    group = coordinator.memberships.get().group
    case = CaseFactory()
    report = EventReportFactory(event__group=group, participants=12)
    report.event.cases.add(case)
    report.case_counts.create(case=case, letters=30)
    client.force_login(coordinator)
    url = reverse("admin:events_eventreport_changelist")
    client.post(url, {"action": "approve_reports", ACTION_CHECKBOX_NAME: [report.pk]})
    report.refresh_from_db()
    assert report.status == EventReport.Status.APPROVED
    assert sorted(Action.objects.values_list("kind", "count")) == [
        ("event_letter", 30),
        ("event_participant", 12),
    ]
    client.post(url, {"action": "unapprove_reports", ACTION_CHECKBOX_NAME: [report.pk]})
    assert sum(Action.objects.values_list("count", flat=True)) == 0


@pytest.mark.parametrize("count", [1, 30])
def test_admin_changelists_query_count_is_constant(admin_client, django_assert_num_queries, count):
    host, group = UserFactory(), LocalGroupFactory()
    for _ in range(count):
        event = EventFactory(host=host, group=group)
        RegistrationFactory(event=event)
        EventReportFactory(event=EventFactory(host=host, group=group))
    for name, queries in (("event", 12), ("pendingevent", 8), ("eventreport", 6), ("registration", 5)):
        with django_assert_num_queries(queries):
            assert admin_client.get(reverse(f"admin:events_{name}_changelist")).status_code == 200


def test_a_waiting_events_own_page_approves_it_or_asks_for_the_reason_to_reject(client, coordinator):
    import re

    group = coordinator.memberships.get().group
    event = EventFactory(group=group, status=Event.Status.PENDING)
    client.force_login(coordinator)
    page = client.get(reverse("admin:events_pendingevent_change", args=[event.pk])).content.decode()
    forms = re.findall(
        r'<form method="post" action="([^"]+)">.*?name="action" value="(\w+)".*?</form>', page, re.S
    )
    assert forms == [(QUEUE, "approve_events"), (QUEUE, "reject_events")]

    fields = {ACTION_CHECKBOX_NAME: event.pk, "index": 0, "select_across": 0}
    asked = client.post(QUEUE, {"action": "reject_events", **fields}).content.decode()
    assert "reason" in asked.lower()
    event.refresh_from_db()
    assert event.status == Event.Status.PENDING
    client.post(QUEUE, {"action": "approve_events", **fields})
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_the_review_emails_link_leads_to_a_page_with_the_approve_and_reject_buttons(
    client, coordinator, django_capture_on_commit_callbacks
):
    """The coordinator's "please approve or reject" email links to the event in the back office: that page
    offers the two buttons too, and once the event is published it no longer does."""
    import re

    from events import services

    group = coordinator.memberships.get().group
    coordinator.language = "en"  # reads the back office in English (else: the group's country's language)
    coordinator.save()
    template = EventFactory.build(group=group)
    fields = ("title", "kind", "description", "starts_at", "ends_at", "timezone", "city", "country")
    with django_capture_on_commit_callbacks(execute=True):
        event = services.propose_event(
            host=UserFactory(),
            group=group,
            campaign=CampaignFactory(),
            **{name: getattr(template, name) for name in fields},
        )
    [link] = re.findall(r"https?://[^/\s]+(/admin/\S+)", mail.outbox[-1].body)
    assert f"You receive this email as a coordinator of {group.name}" in mail.outbox[-1].body
    assert "because of an action you took" not in mail.outbox[-1].body
    client.force_login(coordinator)

    page = client.get(link).content.decode()
    forms = re.findall(r'name="action" value="(\w+)"', page)
    assert forms == ["approve_events", "reject_events"]

    services.publish_event(event=event, by=coordinator)
    published = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert 'value="approve_events"' not in published


def posted_as_is(form_class, event) -> dict:
    """What the back office's event page posts when saved without changes."""
    unbound = form_class(instance=event)
    data = {name: unbound[name].value() for name in unbound.fields}
    data = {name: value for name, value in data.items() if value is not None}
    for name in ("starts_at", "ends_at"):  # the admin's split date and time inputs
        moment = data.pop(name)
        data.update({f"{name}_0": moment.strftime("%Y-%m-%d"), f"{name}_1": moment.strftime("%H:%M")})
    return data


def test_the_back_office_saves_an_event_written_in_polish_only_but_not_one_without_a_title(rf, coordinator):
    """The admin form has a title and a description per language: any one language will do (it required the
    English ones, so an event a host wrote on /pl/ could not be saved without translating it)."""
    from django.contrib import admin

    group = coordinator.memberships.get().group
    event = EventFactory(
        group=group,
        title_en="",
        title_pl="Warsztaty lampionów",
        description_en="",
        description_pl="Robimy lampiony.",
    )
    request = rf.get("/admin/")
    request.user = coordinator
    form_class = admin.site._registry[Event].get_form(request, event)
    data = posted_as_is(form_class, event)

    saved = form_class({**data, "venue_name": "Sala"}, instance=event)
    untitled = form_class({**data, "title_pl": " "}, instance=event)

    assert saved.is_valid(), saved.errors
    assert not untitled.is_valid()
    assert untitled.errors["title_en"] == ["Please write a title in at least one language."]


def test_the_back_office_refuses_more_places_than_an_event_takes_as_the_hosts_form_does(rf, coordinator):
    """The limit is the model's: a typo's extra zeros must not reach the public page from either form."""
    from django.contrib import admin

    event = EventFactory(group=coordinator.memberships.get().group)
    request = rf.get("/admin/")
    request.user = coordinator
    form_class = admin.site._registry[Event].get_form(request, event)
    data = posted_as_is(form_class, event)

    form = form_class({**data, "capacity": "99999999999"}, instance=event)

    assert not form.is_valid()
    assert form.errors["capacity"] == ["Ensure this value is less than or equal to 100000."]


def test_the_back_office_refuses_fewer_places_than_people_who_have_one(rf, coordinator):
    from django.contrib import admin

    event = EventFactory(group=coordinator.memberships.get().group, capacity=3)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    request = rf.get("/admin/")
    request.user = coordinator
    form_class = admin.site._registry[Event].get_form(request, event)

    form = form_class({**posted_as_is(form_class, event), "capacity": "1"}, instance=event)

    assert not form.is_valid()
    assert form.errors["capacity"][0].startswith(
        "2 people already have a place, so the event needs at least 2"
    )


def test_a_coordinators_change_of_places_reaches_the_people_signed_up_as_a_hosts_does(
    rf, coordinator, django_capture_on_commit_callbacks
):
    from django.contrib import admin

    event = EventFactory(group=coordinator.memberships.get().group, capacity=1)
    RegistrationFactory(event=event, email="ala@example.org")
    waiting = RegistrationFactory(event=event, email="ewa@example.org", status=Registration.Status.WAITLISTED)
    request = rf.post("/admin/")
    request.user = coordinator
    model_admin = admin.site._registry[Event]
    form = model_admin.get_form(request, event)(
        {**posted_as_is(model_admin.get_form(request, event), event), "capacity": "2"}, instance=event
    )
    assert form.is_valid(), form.errors
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        model_admin.save_model(request, form.save(commit=False), form, change=True)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    # Only the person moved up hears of it: nothing changed for the one who had a place.
    assert [(m.to, m.subject.split(":")[0]) for m in mail.outbox] == [
        (["ewa@example.org"], "A place is free for you")
    ]


def test_a_coordinators_change_of_place_tells_the_people_signed_up_where_it_was(
    rf, coordinator, django_capture_on_commit_callbacks
):
    from django.contrib import admin

    event = EventFactory(group=coordinator.memberships.get().group, venue_name="Old library", address="")
    RegistrationFactory(event=event, email="ala@example.org")
    request = rf.post("/admin/")
    request.user = coordinator
    model_admin = admin.site._registry[Event]
    form_class = model_admin.get_form(request, event)
    form = form_class({**posted_as_is(form_class, event), "venue_name": "New library"}, instance=event)
    assert form.is_valid(), form.errors
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        model_admin.save_model(request, form.save(commit=False), form, change=True)

    [email] = mail.outbox
    assert email.subject.startswith("New place")
    assert "Before the change:\nWhere: Old library," in email.body


def test_the_back_office_reads_a_link_without_its_scheme_as_https_as_the_hosts_form_does(rf, coordinator):
    from django.contrib import admin

    event = EventFactory(group=coordinator.memberships.get().group)
    request = rf.get("/admin/")
    request.user = coordinator
    form_class = admin.site._registry[Event].get_form(request, event)

    form = form_class(
        {**posted_as_is(form_class, event), "online_url": "meet.example.org/marathon"}, instance=event
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["online_url"] == "https://meet.example.org/marathon"


def test_the_back_office_offers_the_hosts_list_of_zones_and_keeps_an_events_older_name(rf, coordinator):
    from django.contrib import admin

    event = EventFactory(group=coordinator.memberships.get().group, timezone="Europe/Kiev")  # an old alias
    request = rf.get("/admin/")
    request.user = coordinator
    form_class = admin.site._registry[Event].get_form(request, event)
    form = form_class(instance=event)
    offered = [
        value
        for value, label in form.fields["timezone"].choices
        for value in ([value] if not isinstance(label, list | tuple) else [v for v, _ in label])
    ]

    assert "Europe/Warsaw" in offered and "Africa/Asmera" not in offered  # one zone per place, no aliases
    assert "Europe/Kiev" in offered  # the event's own, so saving it unchanged keeps it
    saved = form_class(posted_as_is(form_class, event), instance=event)
    assert saved.is_valid(), saved.errors
    assert str(saved.cleaned_data["timezone"]) == "Europe/Kiev"


def test_a_report_waiting_for_review_offers_approve_and_reject_on_its_own_page(client, coordinator):
    """The "report to review" email links to the report's page: the buttons are there (only Save was), and a
    report sent again after a review no longer names the earlier reviewer."""
    import re

    from events import services

    group = coordinator.memberships.get().group
    report = EventReportFactory(event__group=group)
    client.force_login(coordinator)
    url = reverse("admin:events_eventreport_change", args=[report.pk])

    assert re.findall(r'name="action" value="(\w+)"', client.get(url).content.decode()) == [
        "approve_reports",
        "reject_reports",
    ]
    services.approve_report(report=report, by=coordinator)
    assert 'value="approve_reports"' not in client.get(url).content.decode()

    services.submit_report(event=report.event, by=report.event.host, participants=50, letters_by_case={})
    report.refresh_from_db()
    assert (report.status, report.reviewed_by, report.reviewed_at) == ("pending", None, None)


def test_people_on_a_coordinators_pages_are_names_not_links_to_pages_they_may_not_open(client, coordinator):
    """Django links a read-only person to their account page, which only staff may open: every "reviewed by"
    and "host" led a coordinator to "403 Forbidden"."""
    from events import services

    group = coordinator.memberships.get().group
    host = UserFactory(full_name="Ana Benítez")
    report = EventReportFactory(event__group=group, event__host=host, submitted_by=host)
    services.approve_report(report=report, by=coordinator)
    client.force_login(coordinator)

    report_page = client.get(reverse("admin:events_eventreport_change", args=[report.pk])).content.decode()
    event_page = client.get(reverse("admin:events_event_change", args=[report.event.pk])).content.decode()

    assert "/admin/campaigns/user/" not in report_page + event_page
    assert "Ana Benítez" in report_page and "Ana Benítez" in event_page
    assert str(coordinator) in report_page  # reviewed by
    assert client.get(reverse("admin:campaigns_user_change", args=[host.pk])).status_code == 403


def test_the_back_office_search_finds_events_by_a_title_in_any_language_and_a_city_without_accents(
    client, coordinator
):
    group = coordinator.memberships.get().group
    russian = EventFactory(title="Letters for Ales", title_ru="Вечер писем для Алеся", group=group)
    lodz = EventFactory(title="Lantern workshop", city="Łódź", group=group)
    EventFactory(title="Вечер писем elsewhere", title_ru="Вечер писем", city="Łódź")  # another group's
    RegistrationFactory(event=russian, name="Ala")
    EventReportFactory(event=EventFactory(title="Vigil", title_ru="Вечер свечей", group=group, city="Łódź"))
    client.force_login(coordinator)

    def found(url, term):
        return {str(row) for row in client.get(url, {"q": term}).context["cl"].result_list}

    events = reverse("admin:events_event_changelist")
    assert found(events, "ПИСЕМ") == {"Letters for Ales"}
    assert found(events, "lodz workshop") == {"Lantern workshop"}
    warsaw = EventFactory(title="Vigil in Warsaw", city="Warsaw", group=group)
    assert (
        found(events, "Варшава") == found(events, "varsovie") == {str(warsaw)}
    )  # as the admin's list names it
    assert found(events, "kasia@example.org") == set()  # still Django's own fields too: no host by that email
    assert found(events, lodz.host.email) == {"Lantern workshop"}
    assert len(found(reverse("admin:events_registration_changelist"), "писем")) == 1
    assert found(reverse("admin:events_eventreport_changelist"), "lodz свечей") == {"Report: Vigil"}


def test_a_report_s_photos_are_shown_to_the_coordinator_who_approves_them(client, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.models import ReportPhoto
    from tests.events.test_views import jpeg

    report = EventReportFactory(event__group=coordinator.memberships.get().group)
    photo = ReportPhoto.objects.create(
        report=report,
        image=SimpleUploadedFile("table.jpg", jpeg(), content_type="image/jpeg"),
        caption="The letters table",
        publish_consent=True,
    )
    client.force_login(coordinator)

    page = client.get(reverse("admin:events_eventreport_change", args=[report.pk])).content.decode()

    assert f'<img src="{photo.image.url}" alt="The letters table" class="report-photo-preview"' in page
    assert 'name="photos-0-publish_consent"' in page  # still to review: the coordinator may correct it

    from events import services

    services.approve_report(report=report, by=coordinator)
    approved = client.get(reverse("admin:events_eventreport_change", args=[report.pk])).content.decode()
    # What was approved stays as it was: the host's consent is not the coordinator's to change.
    assert "The letters table" in approved
    assert 'name="photos-0-publish_consent"' not in approved and 'name="photos-0-caption"' not in approved


def test_a_resubmitted_reports_history_shows_what_changed_in_its_letters_and_photos(client, coordinator):
    """The letters by case and the photos are rows of their own: the history showed only "status" and
    "reviewed" for a resubmission whose letters went from 25 to 42 and that gained a photo."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events import services
    from tests.events.factories import past_event
    from tests.events.test_views import jpeg

    case = CaseFactory(name="Ales Bialiatski")
    event = past_event(group=coordinator.memberships.get().group, cases=[case])
    counts = {"participants": 12, "paper_signatures": 0, "photos_taken": 1}
    report = services.submit_report(event=event, by=event.host, letters_by_case={case: 25}, **counts)
    services.reject_report(report=report, by=coordinator, reason="Were there 25 letters?")
    photo = (SimpleUploadedFile("table.jpg", jpeg(), content_type="image/jpeg"), "The letters table", True)
    services.submit_report(event=event, by=event.host, letters_by_case={case: 42}, photos=[photo], **counts)
    client.force_login(coordinator)

    page = client.get(reverse("admin:events_eventreport_history", args=[report.pk])).content.decode()

    assert "Ales Bialiatski: 25" in page and "Ales Bialiatski: 42" in page
    assert "The letters table" in page
    # Created (its id first, then its counts), rejected, submitted again: a resubmission is one version.
    assert report.history.count() == 4


def test_a_past_version_of_a_report_is_shown_but_cannot_be_restored(client, coordinator):
    """Restoring a version saved status and counts around the ledger: a report reverted from approved to
    pending stayed counted, and approving it again counted it twice."""
    from events import services

    group = coordinator.memberships.get().group
    report = EventReportFactory(event__group=group, participants=9)
    services.approve_report(report=report, by=coordinator)
    pending_version = report.history.filter(status=EventReport.Status.PENDING).earliest()
    client.force_login(coordinator)
    url = reverse("admin:events_eventreport_simple_history", args=[report.pk, pending_version.history_id])

    page = client.get(url)
    assert page.status_code == 200
    assert "Revert" not in page.content.decode()

    response = client.post(url, change_form_data(page))
    report.refresh_from_db()
    assert response.status_code == 405
    assert report.status == EventReport.Status.APPROVED
    assert sum(Action.objects.values_list("count", flat=True)) == 9


@pytest.mark.parametrize(
    ("participants", "saved"), [("250000", True), ("999999999999", False), ("-3", False)]
)
def test_the_back_office_takes_bigger_counts_than_a_host_but_not_a_typing_slip(
    client, coordinator, participants, saved
):
    group = coordinator.memberships.get().group
    report = EventReportFactory(event__group=group, participants=9)
    client.force_login(coordinator)
    url = reverse("admin:events_eventreport_change", args=[report.pk])
    data = change_form_data(client.get(url)) | {"participants": participants}

    response = client.post(url, data)
    report.refresh_from_db()

    if saved:
        assert response.status_code == 302
        assert report.participants == 250_000
    else:
        assert response.status_code == 200
        assert report.participants == 9
        errors = response.context["adminform"].form.errors["participants"]
        assert errors in (
            ["That is more than 1,000,000. Please check the number: it is one event's."],
            ["Ensure this value is greater than or equal to 0."],
        )


def test_cancelling_sign_ups_in_the_back_office_asks_first_then_emails_each_person(
    client, coordinator, django_capture_on_commit_callbacks
):
    group = coordinator.memberships.get().group
    group.contact_email = "poznan@example.org"
    group.save()
    event = EventFactory(group=group, capacity=1, title="Letter-writing evening")
    kept = RegistrationFactory(event=event, name="Lorena", email="lorena@example.org")
    waiting = RegistrationFactory(
        event=event, name="Piotr", email="piotr@example.org", status=Registration.Status.WAITLISTED
    )
    client.force_login(coordinator)
    url = reverse("admin:events_registration_changelist")
    chosen = {"action": "cancel_registrations", ACTION_CHECKBOX_NAME: [kept.pk]}

    page = client.post(url, chosen)
    kept.refresh_from_db()
    assert page.status_code == 200
    assert "Lorena · Letter-writing evening" in page.content.decode()
    assert kept.status == Registration.Status.CONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, chosen | {"apply": "1"}, follow=True)
    kept.refresh_from_db()
    waiting.refresh_from_db()
    assert kept.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert "1 sign-up cancelled: its person is emailed." in response.content.decode()
    cancelled = next(email for email in mail.outbox if email.to == ["lorena@example.org"])
    assert cancelled.subject == "Your sign-up is cancelled: Letter-writing evening"
    assert "The organisers have cancelled your sign-up for Letter-writing evening" in cancelled.body
    assert "If you think this is a mistake, write to poznan@example.org." in cancelled.body
    assert not cancelled.attachments
    assert any(email.to == ["piotr@example.org"] for email in mail.outbox)  # the place went to him


def test_someone_taken_off_the_waiting_list_is_not_told_they_lost_a_place(
    client, coordinator, django_capture_on_commit_callbacks
):
    group = coordinator.memberships.get().group
    event = EventFactory(group=group, capacity=1, title="Letter-writing evening")
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(
        event=event, email="lucien@example.org", status=Registration.Status.WAITLISTED
    )
    client.force_login(coordinator)
    chosen = {"action": "cancel_registrations", ACTION_CHECKBOX_NAME: [waiting.pk]}

    page = client.post(reverse("admin:events_registration_changelist"), chosen).content.decode()
    assert "Cancel the sign-up and email the person" in page  # one: singular

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:events_registration_changelist"), chosen | {"apply": "1"})
    [email] = [email for email in mail.outbox if email.to == ["lucien@example.org"]]
    assert email.subject == "You are off the waiting list: Letter-writing evening"
    assert "taken you off the waiting list" in email.body and "no longer have a place" not in email.body


def test_a_person_who_cancels_their_own_sign_up_is_not_told_the_organisers_did(
    django_capture_on_commit_callbacks,
):
    from events import services

    registration = RegistrationFactory(email="lorena@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=registration)
    assert not [email for email in mail.outbox if email.to == ["lorena@example.org"]]


def test_the_history_of_an_event_reads_as_the_forms_do(client, coordinator):
    """Choices by their labels, an empty person as a dash, people as names, not links to pages a coordinator
    may not open ("pending → rejected", "Deleted user (pk=None)" and /admin/campaigns/user/… before)."""
    from events import services

    group = coordinator.memberships.get().group
    event = EventFactory(
        group=group, status=Event.Status.PENDING, host=UserFactory(full_name="Vera Kowalczyk")
    )
    services.reject_event(event=event, reason="Please add the venue.")
    client.force_login(coordinator)

    page = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()

    assert "Pending review&nbsp;&rarr;&nbsp;&nbsp;Rejected" in page
    assert "pending&nbsp;&rarr;" not in page
    assert "pk=None" not in page
    assert "/admin/campaigns/user/" not in page
    assert "Change reason" not in page and "revert" not in page.lower()
    assert f"History of {event}" in page  # the library's "View history:" had no Polish or Spanish


def test_an_events_history_reads_its_times_in_the_events_zone_and_a_past_version_is_text(client, coordinator):
    import datetime as dt
    from zoneinfo import ZoneInfo

    group = coordinator.memberships.get().group
    warsaw = ZoneInfo("Europe/Warsaw")
    event = EventFactory(
        group=group,
        timezone="Europe/Warsaw",
        title="Lantern workshop",
        starts_at=dt.datetime(2030, 12, 10, 18, 0, tzinfo=warsaw),
        ends_at=dt.datetime(2030, 12, 10, 21, 0, tzinfo=warsaw),
    )
    event.starts_at = dt.datetime(2030, 12, 10, 18, 30, tzinfo=warsaw)
    event.save()
    client.force_login(coordinator)

    page = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert (
        "10 Dec 2030, 18:00 (CET)&nbsp;&rarr;&nbsp;&nbsp;10 Dec 2030, 18:30 (CET)" in page
    )  # Warsaw, not UTC
    assert "+00:00" not in page

    first = event.history.earliest()
    past = client.get(reverse("admin:events_event_simple_history", args=[event.pk, first.history_id]))
    html = past.content.decode()
    assert past.status_code == 200
    assert 'name="title_en"' not in html and "Lantern workshop" in html  # text, not an input
    # The version's start and end in Warsaw, as its form says, not in UTC (17:00 and 20:00).
    assert "2030, 18:00" in html and "2030, 21:00" in html
    assert "2030, 17:00" not in html
    assert "Historical" not in html and 'type="submit"' not in html.split('id="content"', 1)[1]


def test_cancelling_a_sign_up_for_an_event_under_way_says_nobody_is_emailed(
    client, coordinator, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    group = coordinator.memberships.get().group
    event = EventFactory(group=group, starts_at=timezone.now() - dt.timedelta(hours=1))
    registration = RegistrationFactory(event=event, email="ana@example.org")
    client.force_login(coordinator)
    chosen = {"action": "cancel_registrations", ACTION_CHECKBOX_NAME: [registration.pk]}

    page = client.post(reverse("admin:events_registration_changelist"), chosen).content.decode()
    assert "the event has started: not emailed" in page
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("admin:events_registration_changelist"), chosen | {"apply": "1"}, follow=True
        )
    assert "nobody is emailed about an event that has already started" in done.content.decode()
    assert not [email for email in mail.outbox if email.to == ["ana@example.org"]]
