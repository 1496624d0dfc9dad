import csv
import datetime as dt
import io
import re
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from PIL import Image

from campaigns.models import ExportLog
from events import services
from events.models import Event, EventReport, Registration, ReportPhoto
from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory, UserFactory, coordinator_of

from .factories import EventFactory, RegistrationFactory, in_days, past_event

pytestmark = pytest.mark.django_db

LIST = reverse("events:list")


def signup_data(**overrides):
    rendered_at = signing.dumps(time.time() - 30, salt="form-rendered-at")
    return {
        "name": "Ala Kowalska",
        "email": "ala@example.org",
        "phone": "",
        "consent": "on",
        "website": "",
        "rendered_at": rendered_at,
        **overrides,
    }


def test_list_shows_upcoming_published_events_only(client):
    shown = EventFactory(title="Lantern workshop in Tokyo", city="Tokyo", country="JP")
    EventFactory(title="Pending one", status=Event.Status.PENDING)
    EventFactory(title="Cancelled one", status=Event.Status.CANCELLED)
    past_event(title="Last year's vigil")
    response = client.get(LIST)
    assert list(response.context["events"]) == [shown]
    content = response.content.decode()
    assert "1 event found" in content
    assert "Lantern workshop in Tokyo" in content and "Pending one" not in content
    assert '<a class="fw-bold" href="?country=JP">Japan</a>' in content


def test_list_filters_by_each_parameter(client):
    case = CaseFactory(slug="ales-bialiatski")
    group = LocalGroupFactory(slug="tokyo-jp")
    tokyo = EventFactory(
        title="Lanterns",
        kind=Event.Kind.LANTERN_WORKSHOP,
        city="Tokyo",
        country="JP",
        group=group,
        cases=[case],
        starts_at=in_days(20),
        capacity=2,
    )
    poznan = EventFactory(title="Letters", city="Poznań", country="PL", starts_at=in_days(5), capacity=1)
    RegistrationFactory(event=poznan)
    date = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    for query, expected in [
        ({"country": "JP"}, [tokyo]),
        ({"country": "PL"}, [poznan]),
        ({"city": "tokyo"}, [tokyo]),
        ({"kind": "lantern_workshop"}, [tokyo]),
        ({"case": "ales-bialiatski"}, [tokyo]),
        ({"group": "tokyo-jp"}, [tokyo]),
        ({"date_from": date}, [tokyo]),
        ({"date_to": date}, [poznan]),
        ({"free": "on"}, [tokyo]),
        ({"free": "1"}, [tokyo]),
        ({"free": "0"}, [poznan, tokyo]),
        ({"free": "no"}, [poznan, tokyo]),
        ({"free": "false"}, [poznan, tokyo]),
        ({"q": "letters"}, [poznan]),
        ({}, [poznan, tokyo]),
    ]:
        response = client.get(LIST, query)
        assert list(response.context["events"]) == expected, query


def test_the_search_ignores_case_and_accents_as_people_type(client):
    poznan = EventFactory(title="Pisanie listów", venue_name="Zamek", city="Poznań", country="PL")
    lodz = EventFactory(title="Lampiony", city="Łódź", country="PL")
    minsk = EventFactory(title="Лiсты салiдарнасцi", description="Збор подпісаў", city="Мінск")

    for query, expected in [
        ("poznan", [poznan]),
        ("POZNAŃ", [poznan]),
        ("listow zamek", [poznan]),  # every word, anywhere in the event
        ("lodz", [lodz]),
        ("ŁÓDŹ", [lodz]),
        ("ПОДПІСАУ", [minsk]),  # ў typed as у
        ("poznan łódź", []),
    ]:
        assert list(client.get(LIST, {"q": query}).context["events"]) == expected, query


def test_a_city_is_found_as_people_type_it_and_in_their_language(client):
    warsaw = EventFactory(title="Candle vigil", city="Warsaw", country="PL")
    poznan = EventFactory(title="Letters", city="Poznań", country="PL")
    moscow = EventFactory(title="Пикет", city="Москва", country="RU")

    for query, expected in [
        ({"city": "Warszawa"}, [warsaw]),
        ({"city": "варшава"}, [warsaw]),
        ({"city": "Varsovie"}, [warsaw]),
        ({"city": "poznan"}, [poznan]),
        ({"city": "Moscow"}, [moscow]),
        ({"city": "Warsz"}, []),  # the city filter takes a whole name; the search takes parts
        ({"q": "Warszawa"}, [warsaw]),
        ({"q": "vigil warszawa"}, [warsaw]),
        ({"q": "Moskwa"}, [moscow]),
        ({"q": "warsz"}, []),
    ]:
        assert list(client.get(LIST, query).context["events"]) == expected, query
    with translation.override("pl"):
        html = client.get(reverse("events:list"), {"city": "Warszawa"}).content.decode()
        detail = client.get(warsaw.get_absolute_url()).content.decode()
    assert "Candle vigil" in html
    assert '<p class="mb-1">Warszawa, Polska' in html  # the card names the city as Polish writes it
    assert '?country=PL&amp;city=Warsaw">Warszawa</a>' in html  # the list of places too, its link as stored
    assert "<dd>Warszawa, Polska</dd>" in detail


def country_options(html: str) -> list[str]:
    select = html.split('name="country"')[1].split("</select>")[0]
    return re.findall(r'<option value="([A-Z]*)"', select)


def test_the_country_list_offers_the_countries_with_upcoming_events(client):
    EventFactory(country="PL", city="Poznań")
    EventFactory(country="FI", city="Helsinki")
    EventFactory(country="IS", city="Reykjavík", status=Event.Status.PENDING)  # not public: not offered

    assert country_options(client.get(reverse("events:list")).content.decode()) == ["", "FI", "PL"]


def test_a_country_without_events_asked_for_by_a_link_is_kept_and_finds_nothing(client):
    EventFactory(country="PL", city="Poznań")

    html = client.get(reverse("events:list"), {"country": "aq"}).content.decode()

    assert country_options(html) == ["", "AQ", "PL"]
    assert '<option value="AQ" selected>' in html
    assert "No upcoming event matches these filters." in html
    assert "could not be used" not in html  # still a valid choice, not a refused filter


def test_where_events_happen_lists_a_city_once_however_its_hosts_spelled_it(client):
    EventFactory(city="Warsaw", country="PL")
    EventFactory(city="Warszawa", country="PL")

    html = client.get("/pl/events/").content.decode()

    places = html.split('id="where-title"')[1]
    assert places.count(">Warszawa</a>") == 1 and 'Warszawa</a> <span class="muted">(2)</span>' in places


def test_an_edited_title_is_found_by_its_new_words(client):
    event = EventFactory(title="Letters")
    event.title = "Candle vigil"
    event.save(update_fields=["title"])

    assert list(client.get(LIST, {"q": "vigil"}).context["events"]) == [event]
    assert list(client.get(LIST, {"q": "letters"}).context["events"]) == []


def test_bad_filter_values_show_errors_not_a_500(client):
    EventFactory()
    response = client.get(LIST, {"country": "XX", "date_from": "soon", "case": "nobody"})
    assert response.status_code == 200
    errors = response.context["filter"].form.errors
    assert set(errors) == {"country", "date_from", "case"}


def test_a_date_range_given_backwards_says_so_instead_of_finding_nothing(client):
    EventFactory(starts_at=in_days(5))
    start, end = (timezone.localdate() + dt.timedelta(days=n) for n in (30, 1))

    response = client.get(LIST, {"date_from": start.isoformat(), "date_to": end.isoformat()})

    assert response.status_code == 200
    assert response.context["filter"].form.errors == {
        "date_to": ["This date is before the “From” date. Please swap them or pick another."]
    }
    assert "This date is before the “From” date." in response.content.decode()
    assert "Some filters could not be used, so the list leaves them out." in response.content.decode()


def test_empty_state_with_and_without_filters(client):
    assert "No upcoming events yet." in client.get(LIST).content.decode()
    EventFactory(country="PL")
    content = client.get(LIST, {"country": "JP"}).content.decode()
    assert "No upcoming event matches these filters." in content
    assert "0 events found" in content


def test_pagination_keeps_the_filters(client):
    for n in range(13):
        EventFactory(country="PL", starts_at=in_days(3 + n))
    EventFactory(country="JP")
    response = client.get(LIST, {"country": "PL"})
    assert response.context["page_obj"].paginator.count == 13
    assert 'href="?country=PL&amp;page=2"' in response.content.decode()
    second = client.get(LIST, {"country": "PL", "page": 2})
    assert len(second.context["events"]) == 1
    assert all(e.country.code == "PL" for e in second.context["events"])


@pytest.mark.parametrize("count", [1, 50])
def test_list_query_count_is_constant(client, django_assert_num_queries, count):
    case, host, group, campaign = CaseFactory(), UserFactory(), LocalGroupFactory(), CampaignFactory()
    for _ in range(count):
        event = EventFactory(capacity=10, cases=[case], host=host, group=group, campaign=campaign)
        RegistrationFactory(event=event)
    with django_assert_num_queries(6):
        response = client.get(LIST, {"page": 1})
    assert response.status_code == 200


def test_detail_shows_times_in_the_events_zone_and_places_left(client):
    case = CaseFactory(name="Ales Bialiatski")
    event = EventFactory(
        title="Lanterns", capacity=3, starts_at=in_days(10, hour=18), timezone="Europe/Warsaw", cases=[case]
    )
    RegistrationFactory(event=event, name="Secret Person", email="secret@example.org")
    content = client.get(event.get_absolute_url()).content.decode()
    assert "18:00" in content and "Times in Warsaw, UTC+" in content
    assert "2 of 3 places left" in content
    assert "Ales Bialiatski" in content
    assert event.group.name in content
    assert "Secret Person" not in content and "secret@example.org" not in content


def test_detail_of_an_unpublished_event_is_hidden_from_the_public(client):
    event = EventFactory(status=Event.Status.PENDING)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(event.host)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_signup_stores_a_registration_and_sends_the_email(client, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=2, cases=[CaseFactory(name="Ales Bialiatski")])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.get_absolute_url(), signup_data(email="Ala@Example.org"), follow=True)
    registration = Registration.objects.get()
    assert (registration.email, registration.status, registration.consent) == (
        "ala@example.org",
        "confirmed",
        True,
    )
    assert registration.ip_hash
    # The consent is kept with the version of the words agreed to and the form; emails follow the language.
    assert (registration.consent_text_version, registration.consent_form, registration.language) == (
        "event-signup-v1",
        "event-page",
        "en",
    )
    # The person lands on a page of its own, not on the event's blank form again.
    [(landing, status)] = response.redirect_chain
    assert status == 302 and landing.startswith(reverse("events:signed-up", args=[event.slug]) + "?pass=")
    page = response.content.decode()
    assert "You have a place" in page and event.title in page
    assert reverse("events:calendar", args=[event.slug]) in page
    assert "Ales Bialiatski" in page  # what to do next: act for the event's cases
    assert "Join me at" in page and "wa.me" in page  # and pass it on
    assert mail.outbox[0].to == ["ala@example.org"]


def test_signing_up_again_shows_the_same_page_and_emails_the_details_to_the_address_only(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(event.get_absolute_url(), signup_data(), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        again = Client().post(event.get_absolute_url(), signup_data(email="ALA@example.org"), follow=True)
        third = Client().post(event.get_absolute_url(), signup_data(email="ala@example.org"), follow=True)

    # Whoever typed the address learns nothing about whether it was already on the list...
    assert again.redirect_chain[0][0].split("?")[0] == first.redirect_chain[0][0].split("?")[0]
    assert "You have a place" in again.content.decode()
    assert "already" not in again.content.decode()
    # ...and the details go to the address, at most once in SIGNUP_RESEND_SECONDS.
    assert [m.to for m in mail.outbox] == [["ala@example.org"], ["ala@example.org"]]
    assert third.status_code == 200
    assert Registration.objects.count() == 1


def signed_up_url(event, *, for_event=None):
    return (
        reverse("events:signed-up", args=[event.slug])
        + "?pass="
        + services.signed_up_pass(for_event or event, waitlisted=False)
    )


def test_the_signed_up_page_opens_only_right_after_the_form_and_only_while_the_event_takes_sign_ups(client):
    """For anyone else "You have a place" would be untrue: they are sent to the event."""
    event, other = EventFactory(), EventFactory()
    base = reverse("events:signed-up", args=[event.slug])
    assert client.get(signed_up_url(event)).status_code == 200
    for url in (base, base + "?pass=made-up", signed_up_url(event, for_event=other)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == event.get_absolute_url(), url

    event = EventFactory(status=Event.Status.CANCELLED)
    response = client.get(signed_up_url(event))
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    hidden = EventFactory(status=Event.Status.PENDING)
    assert client.get(signed_up_url(hidden)).status_code == 404


def test_full_event_puts_people_on_the_waiting_list(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Join the waiting list" in page
    assert "a place that frees up goes to the first person waiting" in page
    response = client.post(event.get_absolute_url(), signup_data(), follow=True)
    page = response.content.decode()
    assert '<h1 class="section-title">You are on the waiting list</h1>' in page
    assert "You have a place" not in page
    assert reverse("events:calendar", args=[event.slug]) not in page  # no place to put in a calendar
    assert Registration.objects.get(email="ala@example.org").status == "waitlisted"


def test_signing_up_again_for_a_full_event_shows_what_a_new_sign_up_would_see(
    client, django_capture_on_commit_callbacks
):
    """Whoever types an address learns nothing about it: on a full event, the page says "waiting list" whether
    the address already had a place, was waiting, or is new."""
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, email="ala@example.org")  # she has the one place

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(event.get_absolute_url(), signup_data(email="Ala@example.org"), follow=True)
        someone_new = Client().post(
            event.get_absolute_url(), signup_data(email="ola@example.org"), follow=True
        )

    assert "You are on the waiting list" in again.content.decode()
    assert "You are on the waiting list" in someone_new.content.decode()
    assert Registration.objects.get(email="ala@example.org").status == "confirmed"
    assert [m.to for m in mail.outbox] == [["ala@example.org"], ["ola@example.org"]]


def test_the_page_after_the_form_trusts_only_its_own_pass(client):
    event = EventFactory()
    base = reverse("events:signed-up", args=[event.slug])
    waiting = client.get(base + "?pass=" + services.signed_up_pass(event, waitlisted=True)).content.decode()
    older_kind = signing.dumps(event.pk, salt=services.SIGNED_UP_SALT)  # a pass that named the event only

    assert "You are on the waiting list" in waiting
    assert client.get(f"{base}?pass={older_kind}")["Location"] == event.get_absolute_url()


def test_the_error_summary_names_a_sentence_label_without_its_full_stop(client):
    event = EventFactory()
    html = client.post(event.get_absolute_url(), signup_data(consent="")).content.decode()
    summary = html.split('class="alert alert-danger error-summary"', 1)[1].split("</div>", 1)[0]
    assert "The organisers may contact me about this event: Please agree" in summary
    assert "event.:" not in summary


def test_signup_without_consent_rerenders_with_the_message(client):
    event = EventFactory()
    response = client.post(event.get_absolute_url(), signup_data(consent=""))
    assert response.status_code == 200
    assert "Please agree to be contacted about this event" in response.content.decode()
    assert response.context["form"]["name"].value() == "Ala Kowalska"
    assert not Registration.objects.exists()


def test_cancelled_event_says_so_and_refuses_signups(client):
    event = EventFactory(status=Event.Status.CANCELLED, cancellation_reason="Storm warning.")
    content = client.get(event.get_absolute_url()).content.decode()
    assert "This event has been cancelled." in content and "Storm warning." in content
    response = client.post(event.get_absolute_url(), signup_data(), follow=True)
    assert "This event has been cancelled, so it takes no more sign-ups." in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "event",
    [
        lambda: EventFactory(status=Event.Status.CANCELLED, capacity=10),
        lambda: past_event(capacity=10, ends_at=in_days(-3) + dt.timedelta(hours=3)),
    ],
    ids=["cancelled", "over"],
)
def test_a_cancelled_or_past_event_offers_no_places_and_no_calendar_file(client, event):
    event = event()
    content = client.get(event.get_absolute_url()).content.decode()
    assert "places left" not in content and "No limit" not in content
    assert "Add to my calendar" not in content
    upcoming = client.get(EventFactory(capacity=10).get_absolute_url()).content.decode()
    assert "10 of 10 places left" in upcoming and "Add to my calendar" in upcoming


def test_past_event_refuses_signups(client):
    event = past_event()
    response = client.post(event.get_absolute_url(), signup_data(), follow=True)
    assert "This event is over, so it takes no more sign-ups." in response.content.decode()
    assert not Registration.objects.exists()


def test_an_online_event_s_link_is_for_the_people_signed_up_and_those_who_run_it(client):
    event = EventFactory(kind=Event.Kind.ONLINE, venue_name="", online_url="https://meet.example.org/w4r")
    other = EventFactory(online_url="https://example.org/more-about-our-stall")

    public = client.get(event.get_absolute_url()).content.decode()
    calendar = client.get(reverse("events:calendar", args=[event.slug])).content

    assert "meet.example.org" not in public and "meet.example.org" not in calendar.decode()
    assert "The link to join comes in the email you get when you sign up." in public
    assert str(Calendar.from_ical(calendar).walk("VEVENT")[0]["LOCATION"]) == "Online event"
    assert "https://example.org/more-about-our-stall" in client.get(other.get_absolute_url()).content.decode()
    client.force_login(event.host)
    assert 'href="https://meet.example.org/w4r"' in client.get(event.get_absolute_url()).content.decode()


def test_calendar_file_parses_with_tzid_uid_and_location(client):
    event = EventFactory(
        title="Lanterns",
        venue_name="Café Rozbrat",
        address="ul. Pułaskiego 21a",
        starts_at=in_days(10, hour=18),
    )
    response = client.get(reverse("events:calendar", args=[event.slug]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Lanterns"
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert str(vevent["LOCATION"]) == "Café Rozbrat, ul. Pułaskiego 21a, Poznań, Poland"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent["DTSTART"].dt.hour == 18
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Warsaw"


def test_the_new_event_form_lists_the_groups_by_name(client):
    import re

    for name, country in (("Toronto group", "CA"), ("Bermuda group", "BM"), ("Sofia group", "BG")):
        LocalGroupFactory(name=name, country=country)
    client.force_login(UserFactory())

    page = client.get(reverse("events:new")).content.decode()

    select = page.split('name="group"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r">([^<]+ group)</option>", select) == ["Bermuda group", "Sofia group", "Toronto group"]


def test_new_event_needs_login(client):
    response = client.get(reverse("events:new"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def new_event_data(group, **overrides) -> dict:
    """A valid proposal for the host's form, ten days ahead."""
    start = (timezone.now() + dt.timedelta(days=10)).strftime("%Y-%m-%d")
    data = {
        "title": "Lantern workshop",
        "kind": "lantern_workshop",
        "campaign": CampaignFactory().pk,
        "cases": [CaseFactory().pk],
        "group": group.pk,
        "description": "Paper lanterns.",
        "starts_at": f"{start}T18:00",
        "ends_at": f"{start}T21:00",
        "timezone": "Asia/Tokyo",
        "venue_name": "Hall",
        "address": "",
        "city": "Tokyo",
        "country": "JP",
        "online_url": "",
        "capacity": "",
        "accessibility_notes": "",
    }
    return {**data, **overrides}


def test_volunteer_proposes_an_event(client, django_capture_on_commit_callbacks):
    group = LocalGroupFactory()
    coordinator_of(group, email="coord@example.org")
    volunteer = UserFactory()
    client.force_login(volunteer)
    data = new_event_data(group)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:new"), data)
    assert response.status_code == 302 and response["Location"] == reverse("events:mine")
    event = Event.objects.get()
    assert (event.host, event.status, event.city, str(event.timezone)) == (
        volunteer,
        "pending",
        "Tokyo",
        "Asia/Tokyo",
    )
    assert timezone.localtime(event.starts_at, event.timezone).hour == 18
    assert mail.outbox[0].to == ["coord@example.org"]
    mine = client.get(reverse("events:mine")).content.decode()
    assert "Lantern workshop" in mine and "Pending review" in mine


def test_an_online_event_needs_no_city_and_is_listed_under_its_group_s(client):
    group = LocalGroupFactory(country="IS", city="Reykjavík")
    client.force_login(UserFactory())
    online = new_event_data(
        group, kind="online", venue_name="", city="", country="", online_url="https://meet.example.org/w4r"
    )

    response = client.post(reverse("events:new"), online)

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.city, event.country.code) == ("Reykjavík", "IS")


@pytest.mark.parametrize(
    ("typed_city", "city"), [("Warsaw", "Helsinki"), ("Kraków", "Kraków")]
)  # left as it came from the group, or a place the host typed
def test_a_waiting_online_event_moved_to_another_group_is_listed_under_the_new_group_s_place(
    client, typed_city, city
):
    warsaw = LocalGroupFactory(country="PL", city="Warsaw")
    helsinki = LocalGroupFactory(country="FI", city="Helsinki")
    event = EventFactory(
        group=warsaw, kind="online", city=typed_city, country="PL", status=Event.Status.PENDING,
        online_url="https://meet.example.org/w4r",
    )  # fmt: skip
    client.force_login(event.host)
    form = client.get(reverse("events:edit", args=[event.slug])).context["form"]
    data = {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}
    data.update(cases=[], group=str(helsinki.pk))
    data["starts_at"] = data["starts_at"].strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = data["ends_at"].strftime("%Y-%m-%dT%H:%M")

    response = client.post(reverse("events:edit", args=[event.slug]), data)

    assert response.status_code == 302, response.context["form"].errors
    event.refresh_from_db()
    assert (event.group, event.city, event.country.code) == (
        helsinki,
        city,
        "FI" if city == "Helsinki" else "PL",
    )


def test_an_event_in_a_place_still_needs_its_city_and_country(client):
    client.force_login(UserFactory())

    response = client.post(reverse("events:new"), new_event_data(LocalGroupFactory(), city="", country=""))

    assert response.status_code == 200
    assert response.context["form"].errors["city"] == [
        "Which city is the event in? (An event held online needs none.)"
    ]
    assert response.context["form"].errors["country"] == [
        "Which country is the event in? (An event held online needs none.)"
    ]
    assert not Event.objects.exists()


def test_an_event_proposed_in_polish_is_titled_in_every_language(client, django_capture_on_commit_callbacks):
    """A volunteer writes in their own language: readers of every other language see that text (marked as
    Polish for screen readers), never a blank title, and find it by its words."""
    group = LocalGroupFactory()
    coordinator = coordinator_of(group, email="coord@example.org")
    client.force_login(UserFactory())
    data = new_event_data(
        group,
        title="Warsztaty lampionów",
        description="Robimy papierowe lampiony.",
        timezone="Europe/Warsaw",
        venue_name="Sala",
        city="Poznań",
        country="PL",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/pl{reverse('events:new')}", data).status_code == 302
    event = Event.objects.get()
    with translation.override("en"):  # the coordinator approves in English
        services.publish_event(event=event, by=coordinator)
        reader, listing_url, event_url = Client(), reverse("events:list"), event.get_absolute_url()

    listing = reader.get(listing_url).content.decode()
    page = reader.get(event_url).content.decode()
    found = reader.get(listing_url, {"q": "lampion"}).content.decode()
    api = reader.get(f"/api/v1/events/{event.slug}/", HTTP_ACCEPT="application/json").json()
    polish_page = reader.get(f"/pl{event_url}").content.decode()

    assert 'lang="pl">Warsztaty lampionów</a>' in listing
    assert "<title>Warsztaty lampionów" in page
    assert '<h1 lang="pl">Warsztaty lampionów</h1>' in page
    assert '<div lang="pl"><p>Robimy papierowe lampiony.</p></div>' in page
    assert "Warsztaty lampionów" in found
    assert api["title"] == "Warsztaty lampionów"
    assert "<h1>Warsztaty lampionów</h1>" in polish_page  # in its own language, no mark
    assert "Warsztaty lampionów" in mail.outbox[-1].subject + mail.outbox[-1].body  # the host's "published"


def test_my_events_lists_what_comes_next_first_then_past_events_latest_first(
    client, django_assert_max_num_queries
):
    host = UserFactory()
    for title, days in [
        ("In a month", 30),
        ("Tomorrow", 1),
        ("Last week", -7),
        ("Last year", -365),
        ("Soon", 3),
    ]:
        EventFactory(title=title, host=host, starts_at=in_days(days))
    client.force_login(host)

    with django_assert_max_num_queries(12):
        html = client.get(reverse("events:mine")).content.decode()

    order = ["Coming up", "Tomorrow", "Soon", "In a month", "Past events", "Last week", "Last year"]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert html.count('<ul class="list-unstyled">') == 2 and html.count("</ul>") >= 2


def test_my_events_gives_a_rejected_events_reason_and_offers_to_send_it_again_not_to_cancel_it(client):
    event = EventFactory(status=Event.Status.REJECTED, rejection_reason="Please add the venue's address.")
    client.force_login(event.host)

    html = client.get(reverse("events:mine")).content.decode()

    assert "The coordinator's note:</strong> Please add the venue&#x27;s address." in html
    assert "Edit and send for review again" in html
    assert reverse("events:cancel", args=[event.slug]) not in html


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("fr", ["1 inscription, 1 en attente · 1 place"], ["2 inscriptions, 0 en attente · 2 places"]),
        ("es", ["1 inscripción, 1 en espera · 1 plaza"], ["2 inscripciones, 0 en espera · 2 plazas"]),
    ],
)
def test_my_events_and_the_signup_list_count_in_the_languages_grammar(client, language, one, two):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    client.force_login(event.host)
    with translation.override(language):
        mine, signups = reverse("events:mine"), reverse("events:signups", args=[event.slug])

    assert one[0] in client.get(mine).content.decode()
    Registration.objects.filter(event=event).update(status=Registration.Status.CONFIRMED)
    Event.objects.filter(pk=event.pk).update(capacity=2)
    assert two[0] in client.get(mine).content.decode()
    if language == "fr":
        assert (
            "2 confirmées · 0 sur liste d’attente · 0 annulée · 2 places"
            in client.get(signups).content.decode()
        )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("be", "· засталося 37 месцаў"),
        ("pl", "· zostało 37 miejsc"),
        ("ru", "· осталось 37 мест"),
        ("es", "· quedan 37 plazas"),
    ],
)
def test_places_left_on_an_event_card_continue_the_line_in_lower_case(client, language, said):
    """The card's line reads "… · open to all" or "… · 37 places left": mid-line, no capital."""
    EventFactory(capacity=37)
    with translation.override(language):
        listing = reverse("events:list")

    assert said in " ".join(client.get(listing).content.decode().split())


def test_an_event_under_way_is_listed_without_places_that_can_no_longer_be_taken(client):
    now = timezone.now()
    EventFactory(title="Vigil under way", capacity=10, starts_at=now - dt.timedelta(hours=1),
                 ends_at=now + dt.timedelta(hours=2))  # fmt: skip

    card = " ".join(client.get(reverse("events:list")).content.decode().split()).split("Vigil under way", 1)[
        1
    ]

    assert "under way: sign-ups are closed" in card.split("</article>", 1)[0]
    assert "places left" not in card.split("</article>", 1)[0]


def test_a_full_event_s_button_at_the_top_says_it_is_the_waiting_list(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)

    top = client.get(event.get_absolute_url()).content.decode().split('id="signup-title"', 1)[0]

    assert 'href="#signup-title">Join the waiting list</a>' in top


def test_a_signed_in_volunteer_finds_my_events_in_the_menu(client):
    client.force_login(UserFactory())

    html = client.get(reverse("events:list")).content.decode()

    menu = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{reverse("events:mine")}">My events</a>' in menu
    mine = client.get(reverse("events:mine")).content.decode()
    assert 'href="/accounts/name/">My account</a>' in mine  # the account menu's first page

    account = client.get("/accounts/password/change/").content.decode()
    pages = account.split('aria-label="Your account"', 1)[1].split("</nav>", 1)[0]
    assert 'aria-current="page" href="/accounts/password/change/">Password</a>' in pages
    assert 'href="/accounts/email/">Email address</a>' in pages
    assert (
        'href="/privacy/my-data/">Your data</a>' in pages
    )  # the copy or erasure of it, from the account too


def test_a_signed_in_person_asking_about_their_data_finds_their_address_filled_in(client):
    client.force_login(UserFactory(email="vera@example.org"))

    form = client.get("/privacy/my-data/").context["form"]

    assert form["email"].value() == "vera@example.org"


def test_an_anonymous_visitor_has_no_my_events_link(client):
    html = client.get(reverse("events:list")).content.decode()

    assert reverse("events:mine") not in html


def test_bad_new_event_keeps_what_was_typed(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("events:new"), {"title": "x" * 200, "venue_name": "Kept hall", "capacity": "0"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Please correct the marked fields. Everything you typed is still here." in content
    assert "Kept hall" in content
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "places, message",
    [
        ("0", "Places must be at least 1, or leave the field empty for no limit."),
        ("99999999999", "That is more places than an event can take (at most 100,000)."),
    ],
)
def test_a_number_of_places_out_of_range_is_refused_with_a_reason(client, places, message):
    """A typo's extra zeros would show "99999999999 of 99999999999 places left" publicly (and overflow
    PostgreSQL's integer column): the form names the limit instead."""
    client.force_login(UserFactory())

    response = client.post(reverse("events:new"), {"title": "Lanterns", "capacity": places})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_host_edits_time_and_people_signed_up_are_told(client, django_capture_on_commit_callbacks):
    event = EventFactory(starts_at=in_days(10, hour=18), capacity=10)
    RegistrationFactory(event=event, email="ala@example.org")
    client.force_login(event.host)
    form = client.get(reverse("events:edit", args=[event.slug])).context["form"]
    data = {name: field.value() for name, field in ((n, form[n]) for n in form.fields)}
    data["cases"] = []
    data["starts_at"] = data["starts_at"].strftime("%Y-%m-%dT19:00")
    data["ends_at"] = data["ends_at"].strftime("%Y-%m-%dT22:00")
    data = {k: ("" if v is None else v) for k, v in data.items()}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:edit", args=[event.slug]), data)
    assert response.status_code == 302, response.context["form"].errors
    event.refresh_from_db()
    assert timezone.localtime(event.starts_at, event.timezone).hour == 19
    assert [m.to for m in mail.outbox] == [["ala@example.org"]]
    assert "19:00" in mail.outbox[0].body
    shown = client.get(response["Location"]).content.decode()
    assert "Your changes are saved. We are emailing the 1 person signed up about the new details." in shown


def test_more_places_and_a_new_time_email_each_person_once_and_the_host_hears_who(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(starts_at=in_days(10, hour=18), capacity=1)
    RegistrationFactory(event=event, email="ala@example.org")
    RegistrationFactory(event=event, email="ewa@example.org", status=Registration.Status.WAITLISTED)
    client.force_login(event.host)
    form = client.get(reverse("events:edit", args=[event.slug])).context["form"]
    data = {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}
    data.update(cases=[], capacity="5")
    data["starts_at"] = data["starts_at"].strftime("%Y-%m-%dT19:00")
    data["ends_at"] = data["ends_at"].strftime("%Y-%m-%dT22:00")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:edit", args=[event.slug]), data, follow=True)

    assert sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox) == [
        ("ala@example.org", "New time"),
        ("ewa@example.org", "A place is free for you"),
    ]
    assert "19:00" in [m.body for m in mail.outbox if m.to == ["ewa@example.org"]][0]
    assert (
        "We are emailing the 1 person signed up about the new details. 1 person moved up from the waiting list and "
        "is emailed their place."
    ) in response.content.decode()


def test_a_rejected_event_edited_says_it_goes_back_to_review(client):
    event = EventFactory(status=Event.Status.REJECTED, rejection_reason="Add the address.")
    client.force_login(event.host)
    form = client.get(reverse("events:edit", args=[event.slug])).context["form"]
    data = {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}
    data.update(cases=[], address="ul. Pułaskiego 21a, 61-001 Poznań")
    for name in ("starts_at", "ends_at"):
        data[name] = data[name].strftime("%Y-%m-%dT%H:%M")

    response = client.post(reverse("events:edit", args=[event.slug]), data, follow=True)

    assert "The event goes back to the group&#x27;s coordinators for review" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.PENDING


def test_host_cannot_cut_places_below_the_people_who_have_one_and_keeps_what_they_typed(client):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event, email="ala@example.org")
    RegistrationFactory(event=event, email="ewa@example.org")
    client.force_login(event.host)
    form = client.get(reverse("events:edit", args=[event.slug])).context["form"]
    data = {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}
    data.update(cases=[], capacity="1", venue_name="Smaller room")
    for name in ("starts_at", "ends_at"):
        data[name] = data[name].strftime("%Y-%m-%dT%H:%M")

    response = client.post(reverse("events:edit", args=[event.slug]), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "2 people already have a place, so the event needs at least 2 places." in page
    assert 'value="Smaller room"' in page
    event.refresh_from_db()
    assert event.capacity == 2 and event.venue_name != "Smaller room"


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_only_host_coordinators_and_staff_manage_and_see_signups(client, who):
    event = EventFactory()
    RegistrationFactory(event=event, email="private@example.org")
    if who == "stranger":
        client.force_login(UserFactory())
    for name in ("edit", "cancel", "signups", "signups-csv", "report"):
        response = client.get(reverse(f"events:{name}", args=[event.slug]))
        assert response.status_code in (302, 403), name
        assert b"private@example.org" not in response.content


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (Event.Status.PUBLISHED, "Nobody has signed up yet. Share the event page to spread the word."),
        (Event.Status.PENDING, "sign-ups open once a coordinator has approved the event."),
        (Event.Status.REJECTED, "sign-ups open once a coordinator has approved the event."),
        (Event.Status.CANCELLED, "Nobody had signed up."),
    ],
)
def test_an_empty_signup_list_says_what_the_host_can_do_at_the_events_stage(client, status, said):
    event = EventFactory(status=status)
    client.force_login(event.host)

    page = client.get(reverse("events:signups", args=[event.slug])).content.decode()

    assert said in page
    assert ("Share the event page" in page) == (status == Event.Status.PUBLISHED)


def test_the_host_cancels_a_persons_sign_up_after_a_question_and_the_place_goes_on(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """Someone who says "I can't come" by phone: the host cancels them from the list, they are emailed, and the
    first person waiting gets the place."""
    event = EventFactory(capacity=1)
    ala = RegistrationFactory(event=event, name="Ala Nowak", email="ala@example.org")
    jan = RegistrationFactory(event=event, name="Jan", email="jan@example.org", status="waitlisted")
    client.force_login(event.host)
    listed = client.get(reverse("events:signups", args=[event.slug])).content.decode()
    url = reverse("events:signup-cancel-by-host", args=[event.slug, ala.pk])
    assert f'href="{url}"' in listed

    with django_assert_max_num_queries(8):
        question = client.get(url).content.decode()
    assert "Cancel this sign-up?" in question and "Ala Nowak" in question
    assert "goes to the first person on the waiting list" in question
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, follow=True)

    ala.refresh_from_db()
    jan.refresh_from_db()
    assert (ala.status, jan.status) == ("cancelled", "confirmed")
    assert "The sign-up of Ala Nowak is cancelled." in done.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["ala@example.org", "jan@example.org"]
    again = client.post(url, follow=True)  # a second click, or the back button
    assert "This sign-up was already cancelled." in again.content.decode()


def test_only_the_events_organisers_cancel_its_sign_ups_and_not_after_it(client):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    url = reverse("events:signup-cancel-by-host", args=[event.slug, registration.pk])
    client.force_login(UserFactory())
    assert client.post(url).status_code == 403
    other = RegistrationFactory()  # another event's sign-up, through this event's address
    client.force_login(event.host)
    assert (
        client.post(reverse("events:signup-cancel-by-host", args=[event.slug, other.pk])).status_code == 404
    )

    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2), ends_at=timezone.now() - dt.timedelta(days=1)
    )
    over = client.post(url, follow=True)
    assert "This event is over: its sign-ups can no longer be changed." in over.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_coordinator_sees_the_signup_list_and_csv(client):
    event = EventFactory()
    RegistrationFactory(event=event, name="=HYPERLINK(1)", email="ala@example.org", phone="+48 600")
    RegistrationFactory(event=event, name="Waiting", email="w@example.org", status="waitlisted")
    client.force_login(coordinator_of(event.group))
    response = client.get(reverse("events:signups", args=[event.slug]))
    page = response.content.decode()
    assert "ala@example.org" in page and "1 confirmed · 1 on the waiting list · 0 cancelled" in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    response = client.get(reverse("events:signups-csv", args=[event.slug]))
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeffEvent,")  # Excel reads UTF-8 (Poznań, not PoznaÅ„) only with the mark
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[0] == [
        "Event",
        "Event starts (its own time)",
        "Group",
        "Name",
        "Email",
        "Phone",
        "Status",
        "Signed up (UTC)",
        "Cancelled (UTC)",
    ]
    starts = event.local_starts_at.strftime("%Y-%m-%d %H:%M")
    assert rows[1][:7] == [
        event.title,
        starts,
        event.group.name,
        "'=HYPERLINK(1)",
        "ala@example.org",
        "'+48 600",
        "Confirmed",
    ]
    assert rows[2][:7] == [
        event.title,
        starts,
        event.group.name,
        "Waiting",
        "w@example.org",
        "",
        "On the waiting list",
    ]
    assert response["Content-Disposition"] == (
        f'attachment; filename="signups-{event.slug}-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    [logged] = ExportLog.objects.all()
    assert (logged.what, logged.description, logged.group) == ("event sign-ups", event.title, event.group)


def test_the_signup_list_gives_sign_up_times_in_the_events_zone_and_labels_each_cell_for_phones(client):
    event = EventFactory(timezone="Europe/Warsaw")
    registration = RegistrationFactory(
        event=event, name="Ala", email="ala@example.org", phone="+48 600 100 200"
    )
    Registration.objects.filter(pk=registration.pk).update(
        created_at=dt.datetime(2026, 12, 1, 7, 24, tzinfo=dt.UTC)  # 08:24 in Warsaw
    )
    client.force_login(event.host)

    page = client.get(reverse("events:signups", args=[event.slug])).content.decode()

    assert '<td data-label="Signed up">Tue 1 Dec 2026, 08:24</td>' in page
    assert '<td data-label="Phone"><a href="tel:+48 600 100 200">+48 600 100 200</a></td>' in page
    assert '<th scope="row" data-label="Name">Ala</th>' in page


def test_host_cancels_the_event(client, django_capture_on_commit_callbacks):
    event = EventFactory()
    RegistrationFactory(event=event, email="ala@example.org")
    client.force_login(event.host)
    assert (
        "1 person signed up will be emailed."
        in client.get(reverse("events:cancel", args=[event.slug])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:cancel", args=[event.slug]), {"reason": "Snow."})
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancellation_reason == "Snow."
    assert mail.outbox[0].to == ["ala@example.org"]


def test_signup_cancel_link_confirms_then_cancels(client):
    event = EventFactory(capacity=1)
    registration = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    url = reverse("events:signup-cancel", args=[services.cancel_token(registration)])
    assert "Cancel your sign-up?" in client.get(url).content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"  # a GET (a mail scanner) changes nothing
    client.post(url)
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.status, waiting.status) == ("cancelled", "confirmed")
    bad = client.get(reverse("events:signup-cancel", args=["forged:token"]))
    assert bad.status_code == 404 and "This link does not work" in bad.content.decode()


def test_the_cancel_link_of_someone_on_the_waiting_list_offers_to_take_them_off_it(client):
    """The waiting list's email carries the same link: it said "you are signed up" and "your place goes to the
    next person", to someone who had no place."""
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted", name="Ola")
    later = RegistrationFactory(event=event, status="waitlisted")
    url = reverse("events:signup-cancel", args=[services.cancel_token(waiting)])

    page = client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "Leave the waiting list?" in page
    assert f"Ola, you are on the waiting list for {event.title}." in page
    assert "your place" not in page
    assert "You are off the waiting list." in response.content.decode()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert (waiting.status, later.status) == ("cancelled", "waitlisted")  # no place came free


def test_the_cancel_page_says_where_a_freed_place_goes(client, django_assert_num_queries):
    event = EventFactory(capacity=1)
    placed = RegistrationFactory(event=event)
    url = reverse("events:signup-cancel", args=[services.cancel_token(placed)])

    alone = client.get(url).content.decode()
    RegistrationFactory(event=event, status="waitlisted")
    with django_assert_num_queries(2):  # the sign-up with its event, whether anyone waits
        with_a_queue = client.get(url).content.decode()

    assert f"you have a place at {event.title}" in alone
    assert "your place is free for someone else" in alone
    assert "your place goes to the next person on the waiting list" in with_a_queue


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "yellow").save(buffer, "JPEG")
    return buffer.getvalue()


def report_data(case, **overrides):
    data = {
        "participants": "40",
        f"letters_{case.pk}": "120",
        "paper_signatures": "300",
        "lanterns": "60",
        "photos_taken": "12",
        "notes": "Great evening.",
        "photos-TOTAL_FORMS": "3",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "3",
        "photos-0-caption": "Lanterns on the table",
        "photos-0-publish_consent": "on",
    }
    data.update(overrides)
    return data


def test_host_files_a_report_with_a_photo(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = CaseFactory()
    event = past_event(kind=Event.Kind.LANTERN_WORKSHOP, cases=[case])
    client.force_login(event.host)
    page = client.get(reverse("events:report", args=[event.slug])).content.decode()
    assert f"Letters written for {case.name}" in page
    data = report_data(
        case, **{"photos-0-image": SimpleUploadedFile("l.jpg", jpeg(), content_type="image/jpeg")}
    )
    response = client.post(reverse("events:report", args=[event.slug]), data)
    assert response.status_code == 302
    report = EventReport.objects.get(event=event)
    assert (report.participants, report.lanterns, report.paper_signatures, report.status) == (
        40,
        60,
        300,
        "pending",
    )
    assert report.case_counts.get().letters == 120
    photo = ReportPhoto.objects.get()
    assert (photo.caption, photo.publish_consent) == ("Lanterns on the table", True)
    # Stored under an unguessable name: a photo not for publication is not found by trying "l.jpg".
    folder, name = photo.image.name.rsplit("/", 1)
    assert (
        folder == f"events/reports/{event.pk}"
        and name != "l.jpg"
        and name.endswith(".jpg")
        and len(name) > 20
    )


def test_a_letter_writing_evening_featuring_no_case_reports_letters_per_campaign_case(client):
    event = past_event()
    first = CaseFactory(name="Ales Bialiatski", campaigns=[event.campaign])
    second = CaseFactory(name="Jabeur Mejri", campaigns=[event.campaign])
    client.force_login(event.host)
    url = reverse("events:report", args=[event.slug])
    page = client.get(url).content.decode()
    assert "Letters written for Ales Bialiatski" in page and "Letters written for Jabeur Mejri" in page
    data = report_data(first, **{f"letters_{second.pk}": "15"})
    assert client.post(url, data).status_code == 302
    counts = dict(EventReport.objects.get(event=event).case_counts.values_list("case__name", "letters"))
    assert counts == {"Ales Bialiatski": 120, "Jabeur Mejri": 15}


def test_a_host_sees_the_photos_on_file_removes_one_and_keeps_to_three(
    client, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(name):
        return SimpleUploadedFile(name, jpeg(), content_type="image/jpeg")

    case = CaseFactory()
    event = past_event(cases=[case])
    url = reverse("events:report", args=[event.slug])
    client.force_login(event.host)
    client.post(
        url,
        report_data(
            case,
            **{
                "photos-0-image": upload("a.jpg"),
                "photos-1-image": upload("b.jpg"),
                "photos-1-caption": "Second",
            },
        ),
    )
    first, second = ReportPhoto.objects.order_by("pk")

    page = client.get(url).content.decode()
    assert "Photos on file" in page and "Lanterns on the table" in page and "Second" in page
    assert page.count("Remove this photo") == 2
    assert "Add a photo (optional)" in page and 'name="photos-TOTAL_FORMS" value="1"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            report_data(
                case,
                **{
                    "kept-remove": [first.pk],
                    "photos-TOTAL_FORMS": "1",
                    "photos-MAX_NUM_FORMS": "1",
                    "photos-0-image": upload("c.jpg"),
                    "photos-0-caption": "Third",
                },
            ),
        )
    assert response.status_code == 302
    assert list(ReportPhoto.objects.order_by("pk").values_list("caption", flat=True)) == ["Second", "Third"]
    assert not default_storage.exists(first.image.name) and default_storage.exists(second.image.name)

    client.post(url, report_data(case, **{"photos-TOTAL_FORMS": "1", "photos-0-image": upload("d.jpg")}))
    assert ReportPhoto.objects.count() == 3
    full = client.get(url).content.decode()
    assert "A report has at most three photos: remove one above to add another." in full
    forged = client.post(
        url, report_data(case, **{"photos-TOTAL_FORMS": "1", "photos-0-image": upload("e.jpg")})
    )
    assert forged.status_code == 200 and ReportPhoto.objects.count() == 3

    mine = client.get(reverse("events:mine")).content.decode()
    assert "Report: pending review" in mine and "Update the report" in mine


def test_report_refuses_a_non_image_and_keeps_the_numbers(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = CaseFactory()
    event = past_event(cases=[case])
    client.force_login(event.host)
    data = report_data(case, **{"photos-0-image": SimpleUploadedFile("x.jpg", b"not an image")})
    response = client.post(reverse("events:report", args=[event.slug]), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "This file is not a photo we can read." in content
    assert 'value="120"' in content
    assert "Please check the photos marked below." in content and "error-summary" not in content
    assert "Please choose your photos again" in content
    assert not EventReport.objects.exists()

    # A refused number and a photo: the one summary at the top, no second alert about the photos.
    data = report_data(
        case,
        participants="-1",
        **{"photos-0-image": SimpleUploadedFile("x.jpg", jpeg(), content_type="image/jpeg")},
    )
    content = client.post(reverse("events:report", args=[event.slug]), data).content.decode()
    assert (
        "Please correct the marked fields." in content
        and "Please check the photos marked below." not in content
    )
    assert content.count("error-summary") == 1 and "Please choose your photos again" in content


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("participants", "99999999999999999999", "That is more than 100,000. Please check the number"),
        ("letters", "100001", "That is more than 100,000."),
        ("paper_signatures", "-3", "Please enter 0 or more."),
        ("lanterns", "twelve", "Please enter a number in figures, such as 12."),
    ],
)
def test_report_refuses_a_count_out_of_range_and_keeps_the_report_on_file(client, field, typed, message):
    case = CaseFactory()
    event = past_event(kind=Event.Kind.LANTERN_WORKSHOP, cases=[case])
    client.force_login(event.host)
    url = reverse("events:report", args=[event.slug])
    assert client.post(url, report_data(case)).status_code == 302
    EventReport.objects.filter(event=event).update(status=EventReport.Status.APPROVED)
    name = f"letters_{case.pk}" if field == "letters" else field

    response = client.post(url, report_data(case, **{name: typed, "notes": "Typed again"}))

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert (
        "Please correct the marked fields. Everything you typed is still here." in page
    )  # the summary on top
    assert f'value="{typed}"' in page
    report = EventReport.objects.get(event=event)
    assert (report.status, report.participants, report.notes) == ("approved", 40, "Great evening.")
    assert report.case_counts.get().letters == 120


def test_report_messages_speak_the_pages_language(client):
    case = CaseFactory()
    event = past_event(cases=[case])
    client.force_login(event.host)

    with translation.override("be"):
        url = reverse("events:report", args=[event.slug])
    page = client.post(url, report_data(case, participants="-1")).content.decode()

    assert "Калі ласка, увядзіце 0 або больш." in page and "Please enter 0 or more." not in page


def test_report_before_the_event_is_refused(client):
    event = EventFactory()
    client.force_login(event.host)
    response = client.get(reverse("events:report", args=[event.slug]), follow=True)
    assert "You can file the report once the event has started." in response.content.decode()


def test_case_page_lists_upcoming_events_for_the_case(client):
    case = CaseFactory(slug="ales")
    EventFactory(title="Lanterns for Ales", cases=[case])
    EventFactory(title="Other case event")
    past_event(title="Old event", cases=[case])
    content = client.get(case.get_absolute_url()).content.decode()
    assert "Events for this case" in content and "Lanterns for Ales" in content
    assert "Other case event" not in content and "Old event" not in content


def test_completed_event_shows_its_approved_report_and_consented_photos(client):
    case = CaseFactory()
    event = past_event(cases=[case])
    report = services.submit_report(event=event, by=event.host, participants=33, letters_by_case={case: 7})
    ReportPhoto.objects.create(report=report, image="a.jpg", caption="Public photo", publish_consent=True)
    ReportPhoto.objects.create(report=report, image="b.jpg", caption="Private photo", publish_consent=False)
    assert "33 people took part" not in client.get(event.get_absolute_url()).content.decode()
    services.approve_report(report=report, by=None)
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Completed" in content and "33 people took part" in content and "7 letters for" in content
    assert "Public photo" in content and "Private photo" not in content


def test_a_same_day_time_range_stays_on_one_line(client):
    event = EventFactory(starts_at=in_days(5, hour=18))  # 18:00 to 21:00 in Warsaw

    content = client.get(f"/ru/events/{event.slug}/").content.decode()

    assert "18:00</time>&#8288;–&#8288;21:00" in content  # word joiners: no line break beside the dash


def test_an_events_figures_and_a_first_of_the_month_read_as_french_writes_them(client):
    import datetime as dt
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    case = CaseFactory(name="Ales Bialiatski")
    event = EventFactory(
        cases=[case],
        timezone=paris,
        starts_at=dt.datetime(2026, 1, 1, 10, 0, tzinfo=paris),
        ends_at=dt.datetime(2026, 1, 1, 12, 0, tzinfo=paris),
    )
    report = services.submit_report(
        event=event, by=event.host, participants=1200, letters_by_case={case: 1500}
    )
    services.approve_report(report=report, by=None)

    content = client.get(f"/fr/events/{event.slug}/").content.decode()

    assert "Jeudi 1er janvier 2026, 10:00" in content
    assert (
        "1\xa0200 personnes ont participé" in content and "1\xa0500 lettres pour Ales Bialiatski" in content
    )


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_account_pages_use_the_site_layout(client, url):
    content = client.get(url).content.decode()
    assert 'class="site-header"' in content
    assert 'class="section-title account-title mb-3"' in content
    assert "btn btn-accent" in content
    assert "Skip to main content" in content


def test_account_pages_speak_as_the_menu_does_and_say_who_needs_an_account(client):
    login = client.get("/accounts/login/").content.decode()
    signup = client.get("/accounts/signup/").content.decode()
    assert "<title>Log in ·" in login and ">Log in</button>" in login.replace("\n", "").replace("  ", "")
    assert "Keep me logged in on this device" in login
    assert "Volunteer sign-up" in signup and "Create my account" in signup
    assert "You need no account to sign petitions, join events or write letters." in signup
    polish = client.get("/pl/accounts/signup/").content.decode()
    assert "Utwórz konto" in polish


def test_logging_in_before_confirming_the_address_sends_the_confirmation_again(client):
    client.post(
        "/accounts/signup/",
        {"email": "ana@example.org", "password1": "pass-word-1234", "password2": "pass-word-1234"},
    )
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    cache.clear()  # allauth sends it at most once in three minutes

    response = client.post("/accounts/login/", {"login": "ana@example.org", "password": "pass-word-1234"})

    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_the_confirmation_email_says_what_the_account_is_for_in_the_sign_up_pages_language(client, settings):
    client.post(
        "/fr/accounts/signup/",
        {"email": "ana@example.org", "password1": "pass-word-1234", "password2": "pass-word-1234"},
    )

    (message,) = mail.outbox
    assert f"Merci de vous engager avec {settings.ORGANISATION_NAME}" in message.body
    assert "/fr/accounts/confirm-email/" in message.body
    assert "You're receiving this email because" not in message.body
    assert "Vous recevez cet e-mail" not in message.body


@pytest.mark.parametrize("signups", [1, 30])
def test_detail_query_count_does_not_grow_with_sign_ups(client, django_assert_num_queries, signups):
    event = EventFactory(capacity=100, cases=[CaseFactory()])
    for _ in range(signups):
        RegistrationFactory(event=event)
    with django_assert_num_queries(2):  # the event with its seat counts, its public cases
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert f"{100 - signups} of 100 place" in response.content.decode()
    # The next anonymous visitor gets the same page finished with their own token: the event row only.
    with django_assert_num_queries(1):
        again = client.get(event.get_absolute_url())
    assert f"{100 - signups} of 100 place" in again.content.decode()


def test_list_result_count_is_counted_once_a_minute_per_filter_combination(client, django_assert_num_queries):
    for n in range(13):
        EventFactory(country="PL", starts_at=in_days(3 + n))
    first = client.get(LIST, {"country": "PL"})
    assert first.context["page_obj"].paginator.count == 13
    with django_assert_num_queries(
        2
    ):  # the events and their cases: the count, places and filter form are cached
        second = client.get(LIST, {"country": "PL", "page": 2})
    assert second.context["page_obj"].paginator.count == 13


@pytest.mark.parametrize("cases", [1, 4])
def test_signed_up_page_query_count_does_not_grow_with_cases(client, django_assert_num_queries, cases):
    event = EventFactory(cases=CaseFactory.create_batch(cases))
    RegistrationFactory.create_batch(3, event=event)
    with django_assert_num_queries(2):  # the event with its counts of places, its public cases
        response = client.get(signed_up_url(event))
    assert response.status_code == 200


def test_the_group_filter_lists_groups_by_country_in_the_readers_language(client):
    from django.utils import translation

    from tests.factories import LocalGroupFactory

    LocalGroupFactory(name="Vienna group", country="AT", city="Vienna", slug="vienna-at")
    LocalGroupFactory(name="Sofia group", country="BG", city="Sofia", slug="sofia-bg")
    LocalGroupFactory(name="Hamilton group", country="BM", city="Hamilton", slug="hamilton-bm")
    with translation.override("fr"):
        html = client.get("/fr/events/").content.decode()
    select = html.split('name="group"', 1)[1].split("</select>", 1)[0]
    # Autriche, Bermudes, Bulgarie: not by code (AT, BG, BM), which read "Autriche, Bulgarie, Bermudes".
    assert (
        select.index('label="Autriche"') < select.index('label="Bermudes"') < select.index('label="Bulgarie"')
    )
    assert '<option value="sofia-bg">Sofia group</option>' in select


def test_the_french_places_list_spaces_its_colon():
    from django.test import Client

    EventFactory(country="AT", city="Vienna")
    html = Client().get("/fr/events/").content.decode()
    assert '<span class="muted">(1)</span>\u00a0:' in html
