import datetime as dt
import re
from collections import Counter

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone, translation
from icalendar import Calendar

from campaigns import ledger
from campaigns.models import Action
from events import counting, services
from events.models import Event, EventReport, Registration, ReportCaseCount, ReportPhoto
from tests.factories import CaseFactory, LocalGroupFactory, UserFactory, coordinator_of

from .factories import EventFactory, EventReportFactory, RegistrationFactory, in_days, past_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("known_language", "subject"), [("", "Nuevo evento por revisar"), ("fr", "Nouvel")])
def test_coordinators_read_the_review_request_in_their_language_not_the_volunteer_s(
    known_language, subject, django_capture_on_commit_callbacks
):
    """A coordinator who never chose a language reads the group's country's (Paraguay: Spanish), whatever
    language the volunteer proposed the event in."""
    group = LocalGroupFactory(country="PY", city="Asunción")
    coordinator = coordinator_of(group, email="ana@example.org")
    coordinator.language = known_language
    coordinator.save()
    event = EventFactory.build(group=group, host=UserFactory())
    fields = {
        f: getattr(event, f)
        for f in ("title", "description", "kind", "starts_at", "ends_at", "timezone", "city", "country")
    }

    with translation.override("pl"), django_capture_on_commit_callbacks(execute=True):
        services.propose_event(
            host=event.host, cases=[], group=group, campaign=EventFactory().campaign, **fields
        )

    assert mail.outbox[-1].to == ["ana@example.org"]
    assert mail.outbox[-1].subject.startswith(subject)


def sign_up(event, email="ala@example.org", name="Ala Kowalska"):
    """A sign-up as a request makes it: its transaction commits, so its email leaves at once."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.register_for_event(event=event, name=name, email=email, consent=True)


def test_propose_event_is_pending_and_emails_the_groups_coordinators(django_capture_on_commit_callbacks):
    group = LocalGroupFactory(name="Poznań group")
    coordinator = coordinator_of(group, email="kasia@example.org")
    coordinator.language = "en"
    coordinator.save()
    host = UserFactory()
    event = EventFactory.build(group=group, host=host)
    fields = {
        f: getattr(event, f)
        for f in (
            "title",
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "timezone",
            "venue_name",
            "address",
            "city",
            "country",
            "capacity",
        )
    }
    with django_capture_on_commit_callbacks(execute=True):
        created = services.propose_event(
            host=host, cases=[CaseFactory()], group=group, campaign=EventFactory().campaign, **fields
        )
    created.refresh_from_db()
    assert created.status == Event.Status.PENDING
    assert created.slug.startswith("letter-writing-evening")
    assert created.cases.count() == 1
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert mail.outbox[0].subject == f"New event to review: {created.title}"
    assert f"/admin/events/event/{created.pk}/change/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Мастерская фонариков", "masterskaia-fonarikov"),
        ("Майстэрня ліхтарыкаў у Мінску", "maisternia-likhtarykau-u-minsku"),
        ("Warsztaty lampionów — Poznań", "warsztaty-lampionow-poznan"),
        ("Vigilia por Ales Bialiatski en Asunción", "vigilia-por-ales-bialiatski-en-asuncion"),
    ],
)
def test_an_events_address_spells_its_title_in_latin_letters(title, slug):
    assert services.unique_slug(title) == slug


def test_an_events_address_is_at_most_100_characters_and_ends_on_a_whole_word():
    slug = services.unique_slug("Свечы " * 40)

    assert len(slug) <= 100 and slug.endswith("svechy") and not slug.endswith("-")


def test_slug_never_takes_a_reserved_path():
    assert services.unique_slug("New") != "new"
    assert services.unique_slug("Mine") != "mine"


def test_publish_event_emails_the_host(django_capture_on_commit_callbacks):
    event = EventFactory(
        status=Event.Status.PENDING, host=UserFactory(email="host@example.org", full_name="")
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_event(event=event)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert event.published_at is not None
    assert mail.outbox[0].to == ["host@example.org"]
    assert mail.outbox[0].subject == f"Your event is published: {event.title}"
    assert mail.outbox[0].body.startswith(
        "Hello,\n\nGood news: your event has been approved"
    )  # no name known


def test_the_host_is_greeted_by_name_when_told_their_event_was_not_approved(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(status=Event.Status.PENDING, host=UserFactory(full_name="Vera Kowalczyk"))
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_event(event=event, reason="Please add the venue's address.")
    assert mail.outbox[0].body.startswith("Hello Vera Kowalczyk,\n\nThe coordinators could not approve")


def test_reject_event_needs_a_reason_and_emails_it(django_capture_on_commit_callbacks):
    event = EventFactory(status=Event.Status.PENDING)
    with pytest.raises(services.EventError):
        services.reject_event(event=event, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_event(event=event, reason="Please add the venue's address.")
    event.refresh_from_db()
    assert event.status == Event.Status.REJECTED
    assert event.rejection_reason == "Please add the venue's address."
    assert "Please add the venue's address." in mail.outbox[0].body


def test_published_event_cannot_be_rejected():
    with pytest.raises(services.EventError):
        services.reject_event(event=EventFactory(), reason="No")


def test_register_confirms_then_waitlists_when_full(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(event, "a@example.org")
        second = sign_up(event, "b@example.org")
        third = sign_up(event, "c@example.org")
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]
    assert len(mail.outbox) == 3
    assert mail.outbox[0].subject == f"You are signed up: {event.title}"
    assert mail.outbox[2].subject == f"You are on the waiting list: {event.title}"
    # Not "if a place frees up it is yours": only the first person waiting gets the next one.
    assert "goes to the first person waiting, in the order people signed up" in mail.outbox[2].body


def test_confirmation_email_has_details_ics_and_a_working_cancel_link(django_capture_on_commit_callbacks):
    event = EventFactory(title="Lantern workshop", venue_name="Café Rozbrat", starts_at=in_days(5, hour=18))
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(event)
    message = mail.outbox[0]
    assert message.to == ["ala@example.org"]
    assert "Hello Ala Kowalska," in message.body
    assert "Café Rozbrat" in message.body
    assert "18:00" in message.body and "Warsaw, UTC+" in message.body
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == (f"{event.slug}.ics", "text/calendar")
    assert Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"] == "Lantern workshop"
    token = re.search(r"/events/signups/cancel/([^/\s]+)/", message.body).group(1)
    assert services.registration_from_token(token) == registration
    assert services.registration_from_token(token + "x") is None
    html = message.alternatives[0][0]
    assert "Café Rozbrat" in html


def test_an_online_event_s_link_comes_in_the_sign_up_email_and_its_calendar_file(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(kind=Event.Kind.ONLINE, venue_name="", online_url="https://meet.example.org/w4r")
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(event)

    message = mail.outbox[0]
    assert "Online: https://meet.example.org/w4r" in message.body
    vevent = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert str(vevent["LOCATION"]) == "https://meet.example.org/w4r"


def test_the_waiting_list_gets_an_online_event_s_link_with_its_place_not_before(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(
        kind=Event.Kind.ONLINE, venue_name="", online_url="https://meet.example.org/w4r", capacity=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(event, "first@example.org")
        sign_up(event, "second@example.org")

    waiting = mail.outbox[-1]
    assert waiting.to == ["second@example.org"]
    assert "meet.example.org" not in waiting.body and "meet.example.org" not in waiting.attachments[0][1]
    assert "the link to join comes with the email that gives you a place." in waiting.body

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first)

    given = mail.outbox[-1]
    assert given.to == ["second@example.org"]
    assert "Online: https://meet.example.org/w4r" in given.body
    assert "https://meet.example.org/w4r" in str(
        Calendar.from_ical(given.attachments[0][1]).walk("VEVENT")[0]["LOCATION"]
    )


def test_each_persons_calendar_file_speaks_their_language(django_capture_on_commit_callbacks):
    event = EventFactory(title="Lantern workshop", venue_name="Café Rozbrat", city="Poznań", country="PL")
    with django_capture_on_commit_callbacks(execute=True):
        services.register_for_event(
            event=event, name="Ala", email="ala@example.org", consent=True, language="fr"
        )
        services.register_for_event(
            event=event, name="Jan", email="jan@example.org", consent=True, language="en"
        )

    files = {
        message.to[0]: Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
        for message in mail.outbox
    }
    assert "Pologne" in str(files["ala@example.org"]["LOCATION"])
    assert str(files["ala@example.org"]["URL"]).endswith(f"/fr/events/{event.slug}/")
    assert "Poland" in str(files["jan@example.org"]["LOCATION"])
    assert str(files["jan@example.org"]["URL"]).endswith(f"/events/{event.slug}/")
    assert "/fr/" not in str(files["jan@example.org"]["URL"])


def test_the_waiting_lists_calendar_file_is_tentative_until_a_place_frees(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    first = sign_up(event, "ala@example.org")
    sign_up(event, "jan@example.org")  # waiting

    def status(email, field="STATUS"):
        message = [m for m in mail.outbox if m.to == [email]][-1]
        return str(Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0][field])

    assert (status("ala@example.org"), status("jan@example.org")) == ("CONFIRMED", "TENTATIVE")
    # Phone calendars show a tentative entry as any other: its title says so.
    assert status("jan@example.org", "SUMMARY") == f"{event.title} (waiting list)"
    assert status("ala@example.org", "SUMMARY") == event.title
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=first)
    assert status("jan@example.org") == "CONFIRMED"  # the email giving the place replaces the tentative one
    assert status("jan@example.org", "SUMMARY") == event.title


def test_same_email_twice_keeps_one_seat_case_insensitively():
    event = EventFactory(capacity=5)
    sign_up(event, "ala@example.org")
    with pytest.raises(services.AlreadyRegistered):
        sign_up(event, " ALA@Example.org ")
    assert event.registrations.count() == 1


def test_a_cancelled_signup_may_sign_up_again():
    event = EventFactory()
    services.cancel_registration(registration=sign_up(event))
    again = sign_up(event)
    assert again.status == Registration.Status.CONFIRMED
    assert event.registrations.count() == 2


@pytest.mark.parametrize(
    ("status", "days", "message"),
    [
        (Event.Status.CANCELLED, 5, "This event has been cancelled, so it takes no more sign-ups."),
        (Event.Status.PENDING, 5, "This event is not published, so it takes no sign-ups."),
        (Event.Status.DRAFT, 5, "This event is not published, so it takes no sign-ups."),
        (Event.Status.PUBLISHED, -2, "This event is over, so it takes no more sign-ups."),
        (Event.Status.PUBLISHED, 0, "This event has already started, so it takes no more sign-ups."),
    ],
)
def test_signup_is_refused_with_a_reason(status, days, message):
    start = timezone.now() - dt.timedelta(hours=1) if days == 0 else in_days(days)
    event = EventFactory(status=status, starts_at=start)
    with pytest.raises(services.SignupRefused) as refused:
        sign_up(event)
    assert str(refused.value) == message
    assert not Registration.objects.exists()


def test_signup_needs_consent():
    with pytest.raises(services.SignupRefused):
        services.register_for_event(event=EventFactory(), name="A", email="a@example.org", consent=False)


def test_cancellation_promotes_the_first_waitlisted_and_emails_them(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    seated = sign_up(event, "a@example.org")
    first_waiting = sign_up(event, "b@example.org")
    second_waiting = sign_up(event, "c@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=seated)
    for r in (seated, first_waiting, second_waiting):
        r.refresh_from_db()
    assert seated.status == "cancelled" and seated.cancelled_at is not None
    assert first_waiting.status == "confirmed" and first_waiting.promoted_at is not None
    assert second_waiting.status == "waitlisted"
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
    assert mail.outbox[0].subject == f"A place is free for you: {event.title}"


def test_cancelling_twice_changes_nothing():
    event = EventFactory(capacity=1)
    registration = sign_up(event)
    services.cancel_registration(registration=registration)
    services.cancel_registration(registration=registration)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_changing_time_of_a_published_event_emails_everyone_signed_up(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    sign_up(event, "a@example.org")
    sign_up(event, "b@example.org")
    cancelled = sign_up(event, "gone@example.org")
    services.cancel_registration(registration=cancelled)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event=event,
            starts_at=event.starts_at + dt.timedelta(hours=1),
            ends_at=event.ends_at + dt.timedelta(hours=1),
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(m.subject == f"New time: {event.title}" for m in mail.outbox)
    assert "The organisers have changed the time of this event." in mail.outbox[0].body


@pytest.mark.parametrize(
    ("fields", "subject", "first_line"),
    [
        ({"venue_name": "Town library"}, "New place", "changed the place of this event."),
        (
            {"city": "Gdańsk", "timezone": "Europe/Warsaw"},
            "New time and place",
            "changed the time and the place",
        ),
    ],
)
def test_the_change_email_says_what_changed(django_capture_on_commit_callbacks, fields, subject, first_line):
    event = EventFactory(timezone="Europe/Helsinki")
    sign_up(event, "a@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, **fields)
    [message] = mail.outbox
    assert message.subject == f"{subject}: {event.title}"
    assert first_line in message.body
    assert first_line in message.alternatives[0][0]


def test_the_change_email_repeats_the_time_and_place_the_event_had(django_capture_on_commit_callbacks):
    warsaw = dt.timezone(dt.timedelta(hours=1))
    starts = dt.datetime.now(warsaw).replace(hour=18, minute=0, second=0, microsecond=0) + dt.timedelta(
        days=30
    )
    event = EventFactory(
        timezone="Europe/Warsaw",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        venue_name="Old Town Square",
        address="",
        city="Warsaw",
        country="PL",
    )
    sign_up(event, "a@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event=event, starts_at=starts + dt.timedelta(minutes=90), ends_at=starts + dt.timedelta(hours=3)
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, venue_name="Town library")

    time_changed, place_changed = mail.outbox
    new_details, before = time_changed.body.split("Before the change:")
    assert "19:30–21:00" in new_details and "18:00–20:00" in before
    assert "Where:" not in before  # only what changed
    assert "18:00–20:00" in time_changed.alternatives[0][0]
    new_details, before = place_changed.body.split("Before the change:")
    assert "Town library" in new_details
    assert "Where: Old Town Square, Warsaw, Poland" in before and "When:" not in before


def test_a_hosts_new_words_for_a_published_event_go_to_its_coordinators_to_read_again(
    django_capture_on_commit_callbacks,
):
    """Approved once, a published event's title, kind, description and cases were the host's to rewrite
    unseen; it stays published, and the group's coordinators hear what changed, with its earlier versions."""
    event = EventFactory(title="Lantern workshop")
    coordinator = coordinator_of(event.group, email="coord@example.org")
    coordinator.language = "en"
    coordinator.save()
    other_case = CaseFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, title="Lantern and letters workshop", description="Now with tea.")
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, cases=[other_case])
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, cases=[other_case], venue_name="Town library")  # nothing to reread

    rewritten, recased = [m for m in mail.outbox if m.to == ["coord@example.org"]]
    assert rewritten.subject == "Changed by its host: Lantern and letters workshop"
    assert "changed the published event “Lantern and letters workshop”: title, description." in rewritten.body
    assert f"/admin/events/event/{event.pk}/history/" in rewritten.body
    assert "published event “Lantern and letters workshop”: featured cases." in recased.body
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_a_host_rewriting_an_event_still_in_review_tells_nobody(django_capture_on_commit_callbacks):
    event = EventFactory(status=Event.Status.PENDING)
    coordinator_of(event.group, email="coord@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, title="A better title")
    assert [m.subject for m in mail.outbox] == []


def test_changing_only_the_description_emails_nobody_signed_up(django_capture_on_commit_callbacks):
    event = EventFactory()
    sign_up(event, "ala@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, description="Now with tea.")
    assert all(message.to != ["ala@example.org"] for message in mail.outbox)  # only its coordinators hear
    event.refresh_from_db()
    assert event.description == "Now with tea."


def test_more_places_move_people_off_the_waiting_list_and_tell_only_them(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    sign_up(event, "a@example.org")
    waiting = sign_up(event, "b@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["b@example.org"], f"A place is free for you: {event.title}")
    ]


def test_places_cannot_fall_below_the_people_who_have_one(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=3)
    sign_up(event, "a@example.org")
    sign_up(event, "b@example.org")
    mail.outbox.clear()

    with pytest.raises(services.EventError, match="2 people already have a place"):
        services.update_event(event=event, capacity=1)

    event.refresh_from_db()
    assert event.capacity == 3 and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, capacity=2)  # exactly the people who have a place: allowed
    event.refresh_from_db()
    assert event.capacity == 2


def test_editing_a_rejected_event_sends_it_back_to_review():
    event = EventFactory(status=Event.Status.REJECTED, rejection_reason="Too vague")
    services.update_event(event=event, description="Clearer now.")
    event.refresh_from_db()
    assert event.status == Event.Status.PENDING


def test_a_rejected_event_edited_or_a_waiting_one_moved_to_another_group_is_that_groups_to_review(
    django_capture_on_commit_callbacks,
):
    warsaw, poznan = (
        LocalGroupFactory(country="PL", city="Warsaw"),
        LocalGroupFactory(country="PL", city="Poznań"),
    )
    coordinator_of(warsaw, email="warsaw@example.org")
    coordinator_of(poznan, email="poznan@example.org")
    waiting = EventFactory(status=Event.Status.PENDING, group=warsaw)
    rejected = EventFactory(status=Event.Status.REJECTED, group=poznan, rejection_reason="Too vague")

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=waiting, description="Only the words.")  # still Warsaw's: nothing new
        services.update_event(event=waiting, group=poznan)
        services.update_event(event=rejected, description="Clearer now.")

    assert [m.to for m in mail.outbox] == [["poznan@example.org"], ["poznan@example.org"]]
    assert mail.outbox[0].subject.endswith(waiting.title) and mail.outbox[1].subject.endswith(rejected.title)
    published = EventFactory(status=Event.Status.PUBLISHED, group=warsaw)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=published, group=poznan)  # published already: nothing to review
    assert mail.outbox == []


def test_cancel_event_tells_everyone(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    sign_up(event, "a@example.org")
    sign_up(event, "b@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event=event, reason="The venue flooded.")
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert "The venue flooded." in mail.outbox[0].body
    ics = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert str(ics["STATUS"]) == "CANCELLED"
    with pytest.raises(services.EventError):
        services.update_event(event=event, description="x")


def test_reminders_go_once_to_confirmed_people_of_events_starting_within_a_day(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    tomorrow = EventFactory(
        starts_at=now + dt.timedelta(hours=20), ends_at=now + dt.timedelta(hours=23), capacity=1
    )
    later = EventFactory(starts_at=now + dt.timedelta(days=3), ends_at=now + dt.timedelta(days=3, hours=2))
    confirmed = sign_up(tomorrow, "a@example.org")
    sign_up(tomorrow, "waiting@example.org")
    sign_up(later, "later@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_event_reminders(now=now) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_event_reminders(now=now) == 0
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert mail.outbox[0].subject == f"Reminder: {tomorrow.title} is coming up"
    confirmed.refresh_from_db()
    assert confirmed.reminder_sent_at == now


def test_reminder_command_runs(capsys):
    from django.core.management import call_command

    call_command("send_event_reminders")
    assert "0 reminder(s) and 0 report reminder(s) queued." in capsys.readouterr().out


def test_the_host_of_an_event_that_ended_unreported_is_asked_once_for_the_report_in_their_language(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()

    def ended(hours_ago, **kwargs):
        end = now - dt.timedelta(hours=hours_ago)
        return EventFactory(starts_at=end - dt.timedelta(hours=3), ends_at=end, **kwargs)

    due = ended(20, host=UserFactory(email="host@example.org", language="pl"))
    ended(2)  # the evening has only just ended
    ended(24 * 30)  # a month ago: no reminder about the old marathon on a first run
    ended(20, status=Event.Status.CANCELLED)
    EventReportFactory(event=ended(20))  # already reported

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_report_reminders(now=now) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_report_reminders(now=now) == 0

    (message,) = mail.outbox
    assert message.to == ["host@example.org"]
    assert message.subject.startswith("Jak poszło?")
    assert f"/pl/events/{due.slug}/report/" in message.body
    due.refresh_from_db()
    assert due.report_reminder_sent_at == now


# --- reports and the ledger ------------------------------------------------------------------------------


def approved_report(**counts):
    bialiatski = CaseFactory(name="Ales Bialiatski")
    event = past_event(kind=Event.Kind.LANTERN_WORKSHOP, cases=[bialiatski])
    report = services.submit_report(
        event=event,
        by=event.host,
        participants=counts.get("participants", 40),
        letters_by_case={bialiatski: counts.get("letters", 120)},
        paper_signatures=300,
        lanterns=counts.get("lanterns", 60),
        photos_taken=0,
    )
    return services.approve_report(report=report, by=UserFactory()), bialiatski


def test_approving_a_report_records_the_ledger_rule():
    report, bialiatski = approved_report()
    event = report.event
    rows = {
        (a.kind, a.count, a.case_id, a.country, a.group_id, a.campaign_id, a.occurred_at)
        for a in Action.objects.all()
    }
    where = (bialiatski.pk, "PL", event.group_id, event.campaign_id, event.ends_at)
    assert rows == {
        ("event_participant", 40, *where),
        ("event_letter", 120, *where),
        ("lantern", 60, *where),
    }
    # Paper signatures are the petitions app's to count.
    assert not Action.objects.filter(kind=Action.Kind.PAPER_SIGNATURE).exists()


def test_the_host_hears_that_their_report_is_approved_and_where_its_numbers_count(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = approved_report()

    assert mail.outbox[-1].to == [report.event.host.email]
    assert mail.outbox[-1].subject == f"Your event report is approved: {report.event.title}"
    assert f"/results/{report.event.campaign.slug}/" in mail.outbox[-1].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report=report, by=None)  # already approved: nothing new to say
    assert mail.outbox == []


def test_approving_twice_records_once():
    report, _ = approved_report()
    services.approve_report(report=report, by=None)
    assert Action.objects.count() == 3


def test_rejecting_an_approved_report_retracts_it_and_emails_the_host(django_capture_on_commit_callbacks):
    report, _ = approved_report()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_report(report=report, by=None, reason="The letters count looks doubled.")
    report.refresh_from_db()
    assert report.status == EventReport.Status.REJECTED
    assert ledger.net_count_for(report) == 0
    assert "The letters count looks doubled." in mail.outbox[-1].body


def test_unapproving_retracts_and_reapproving_counts_again():
    report, _ = approved_report()
    services.unapprove_report(report=report, by=None)
    assert ledger.net_count_for(report) == 0
    services.approve_report(report=report, by=None)
    assert ledger.net_count_for(report) == 220


def test_resubmitting_an_approved_report_withdraws_it_until_approved_again():
    report, bialiatski = approved_report()
    services.submit_report(
        event=report.event, by=report.event.host, participants=41, letters_by_case={bialiatski: 100}
    )
    report.refresh_from_db()
    assert report.status == EventReport.Status.PENDING
    assert ledger.net_count_for(report) == 0
    assert ReportCaseCount.objects.get(report=report).letters == 100


def test_recount_matches_the_ledger():
    report, bialiatski = approved_report()
    pending, _ = approved_report()
    services.unapprove_report(report=pending, by=None)
    expected = Counter(
        {
            ("event_participant", "PL", bialiatski.pk): 40,
            ("event_letter", "PL", bialiatski.pk): 120,
            ("lantern", "PL", bialiatski.pk): 60,
        }
    )
    assert counting.recount(report.event.campaign) == expected
    assert ledger.ledger_totals(report.event.campaign) == expected
    assert ledger.ledger_totals(pending.event.campaign) == Counter()


def test_counts_go_to_no_case_when_an_event_features_several():
    one, two = CaseFactory(), CaseFactory()
    event = past_event(cases=[one, two])
    report = services.submit_report(
        event=event, by=event.host, participants=10, letters_by_case={one: 3, two: 4}
    )
    services.approve_report(report=report, by=None)
    rows = set(Action.objects.values_list("kind", "case_id", "count"))
    assert rows == {("event_participant", None, 10), ("event_letter", one.pk, 3), ("event_letter", two.pk, 4)}


def test_an_event_featuring_no_case_reports_letters_for_the_campaigns_published_cases():
    event = past_event()
    bialiatski = CaseFactory(name="Ales Bialiatski", campaigns=[event.campaign])
    CaseFactory(is_published=False, campaigns=[event.campaign])  # still a draft
    CaseFactory()  # another campaign's
    assert event.reportable_cases() == [bialiatski]
    report = services.submit_report(
        event=event, by=event.host, participants=12, letters_by_case={bialiatski: 30}
    )
    services.approve_report(report=report, by=None)
    assert set(Action.objects.values_list("kind", "case_id", "count")) == {
        ("event_participant", None, 12),
        ("event_letter", bialiatski.pk, 30),
    }


def test_report_is_refused_before_the_event_and_for_cancelled_events():
    with pytest.raises(services.EventError):
        services.submit_report(event=EventFactory(), by=None, participants=1, letters_by_case={})
    with pytest.raises(services.EventError):
        services.submit_report(
            event=past_event(status=Event.Status.CANCELLED), by=None, participants=1, letters_by_case={}
        )


def test_published_photos_are_consented_photos_of_approved_reports(django_assert_num_queries):
    approved = EventReportFactory(status=EventReport.Status.APPROVED)
    pending = EventReportFactory(status=EventReport.Status.PENDING)
    shown = ReportPhoto.objects.create(
        report=approved, image="x.jpg", caption="Lanterns", publish_consent=True
    )
    ReportPhoto.objects.create(report=approved, image="y.jpg", caption="Faces", publish_consent=False)
    ReportPhoto.objects.create(report=pending, image="z.jpg", caption="Pending", publish_consent=True)
    with django_assert_num_queries(1):
        photos = list(ReportPhoto.objects.published())
        assert [p.report.event.city for p in photos] == ["Poznań"]
    assert photos == [shown]


def test_event_interface_for_other_apps():
    event = EventFactory(kind=Event.Kind.LANTERN_WORKSHOP)
    assert event.get_absolute_url() == f"/events/{event.slug}/"
    assert Event.Kind.LANTERN_WORKSHOP.label == "Lantern workshop"
    assert event.country.code == "PL" and event.city == "Poznań"


def test_seats_left_and_completed():
    event = EventFactory(capacity=3)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    assert Event.objects.with_seat_counts().get(pk=event.pk).seats_left == 2
    assert past_event().is_completed
    assert not EventFactory().is_completed


def test_a_city_respelled_tells_nobody_but_a_new_online_link_tells_everyone(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(city="Warsaw", country="PL")
    sign_up(event, "a@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, city="Warszawa")  # the same place, as Polish writes it
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, online_url="https://meet.example.org/abc")
    assert [m.subject for m in mail.outbox] == [f"New place: {event.title}"]


def test_an_event_ending_before_it_starts_is_refused_in_words_not_by_the_constraints_name():
    event = EventFactory.build(ends_at=in_days(1), starts_at=in_days(2))

    with pytest.raises(ValidationError) as refused:
        event.full_clean()

    assert refused.value.message_dict["ends_at"] == ["The event must end after it starts."]
    assert "event_ends_after_it_starts" not in str(refused.value)


def test_the_coordinators_are_told_every_count_of_a_report_to_review(django_capture_on_commit_callbacks):
    from tests.factories import coordinator_of

    bialiatski = CaseFactory(name="Ales Bialiatski")
    event = past_event(kind=Event.Kind.LANTERN_WORKSHOP, cases=[bialiatski], title="Lantern workshop")
    coordinator_of(event.group, email="kasia@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(
            event=event,
            by=event.host,
            participants=40,
            letters_by_case={bialiatski: 120},
            paper_signatures=0,
            lanterns=60,
            photos_taken=5,
        )
    [email] = [email for email in mail.outbox if email.to == ["kasia@example.org"]]
    assert "A report for “Lantern workshop” is waiting for approval." in email.body
    for line in (
        "Participants: 40",
        "Letters written for Ales Bialiatski: 120",
        "Lanterns: 60",
        "Photos taken: 5",
    ):
        assert line in email.body
    assert "Petition signatures on paper" not in email.body  # none: not listed
