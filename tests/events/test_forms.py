import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from events.forms import EventForm, ReportPhotoForm, SignupForm
from events.models import Event
from events.zones import zone_choices
from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def local(days: int, hour: int = 18) -> str:
    return (timezone.now() + dt.timedelta(days=days)).strftime(f"%Y-%m-%dT{hour:02d}:00")


def event_data(**overrides):
    data = {
        "title": "Lantern workshop",
        "kind": Event.Kind.LANTERN_WORKSHOP,
        "campaign": CampaignFactory().pk,
        "cases": [CaseFactory().pk],
        "group": LocalGroupFactory().pk,
        "description": "We fold paper lanterns.",
        "starts_at": local(10, 18),
        "ends_at": local(10, 21),
        "timezone": "Asia/Tokyo",
        "venue_name": "Shibuya hall",
        "address": "1-1 Shibuya",
        "city": "Tokyo",
        "country": "JP",
        "online_url": "",
        "capacity": "20",
        "accessibility_notes": "",
    }
    data.update(overrides)
    return data


def test_valid_event_reads_times_in_the_events_own_zone():
    form = EventForm(data=event_data())
    assert form.is_valid(), form.errors
    starts_at = form.cleaned_data["starts_at"]
    assert str(starts_at.tzinfo) == "Asia/Tokyo"
    assert starts_at.hour == 18
    assert starts_at.astimezone(dt.UTC).hour == 9


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": local(10, 17)}, "ends_at", "The event must end after it starts."),
        (
            {"starts_at": local(-2, 18), "ends_at": local(-2, 20)},
            "starts_at",
            "The start is in the past. Please choose a future date and time.",
        ),
        ({"capacity": "0"}, "capacity", "Places must be at least 1, or leave the field empty for no limit."),
        ({"capacity": "-5"}, "capacity", "Places must be at least 1, or leave the field empty for no limit."),
        ({"country": "XX"}, "country", "Choose a country from the list."),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", None),
        ({"title": "x" * 121}, "title", "Please keep the title to 120 characters (it has 121)."),
        ({"starts_at": "tomorrow-ish"}, "starts_at", "Enter a valid date/time."),
        ({"kind": Event.Kind.ONLINE, "online_url": ""}, "online_url", "An online event needs a link."),
        (
            {"online_url": "ftp://files.example.org/x"},
            "online_url",
            "Please give a web link, starting with https://.",
        ),
        (
            {"city": "", "online_url": "https://meet.example.org/x"},
            "city",
            "Which city is the event in? If it is held online, choose the type “Online event”.",
        ),
    ],
)
def test_bad_event_input_gets_a_clear_message_on_its_field(overrides, field, message):
    form = EventForm(data=event_data(**overrides))
    assert not form.is_valid()
    assert field in form.errors
    if message:
        assert message in form.errors[field]
    # Everything typed is still there to correct.
    assert form["venue_name"].value() == "Shibuya hall"


def test_editing_a_started_check_ignores_an_unchanged_start():
    event = EventFactory()
    form = EventForm(instance=event)
    assert form.initial["starts_at"] == timezone.localtime(event.starts_at, event.timezone).replace(
        tzinfo=None
    )


def test_signup_form_requires_consent_and_a_real_email():
    form = SignupForm(data={"name": "Ala", "email": "ala@mailinator.com", "consent": ""})
    assert not form.is_valid()
    assert form.errors["consent"] == [
        "Please agree to be contacted about this event, or we cannot sign you up."
    ]
    assert form.errors["email"] == ["Please use a permanent email address."]


@pytest.mark.parametrize(
    ("phone", "kept"),
    [
        ("+48 600 100 200", "+48 600 100 200"),
        (" (021) 555-0199 ", "(021) 555-0199"),
        ("", ""),
        ("abc<script>", None),
        ("12", None),
    ],
)
def test_a_phone_number_is_kept_as_typed_but_must_be_one(phone, kept):
    form = SignupForm(data={"name": "Ala", "email": "ala@example.org", "phone": phone, "consent": "on"})
    form.is_valid()
    if kept is None:
        assert form.errors["phone"] == [
            "Please enter a phone number in figures, such as +48 600 100 200, or leave it empty."
        ]
    else:
        assert "phone" not in form.errors
        assert form.cleaned_data["phone"] == kept


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("  Ala   Kowalska ", "Ala Kowalska"),
        ("Алесь Бяляцкі", "Алесь Бяляцкі"),
        ("Jean-Luc O'Neill", "Jean-Luc O'Neill"),
        ("ナツコ", "ナツコ"),
        ("😀", None),
        ("<script>", None),
        ("=HYPERLINK(1)", None),
        ("\u200b", None),
    ],
)
def test_a_name_is_a_persons_name_as_on_the_petition(name, kept):
    """The host's list and every email greet the person by it: "Здравствуйте, 😀!" was accepted."""
    form = SignupForm(data={"name": name, "email": "ala@example.org", "consent": "on"})
    form.is_valid()
    if kept is None:
        assert form.errors["name"] == ["Your name may contain letters, spaces, hyphens and apostrophes only."]
    else:
        assert "name" not in form.errors and form.cleaned_data["name"] == kept


def image_bytes(fmt="JPEG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "yellow").save(buffer, fmt)
    return buffer.getvalue()


def test_photo_form_accepts_a_real_jpeg_with_caption():
    upload = SimpleUploadedFile("lanterns.jpg", image_bytes(), content_type="image/jpeg")
    form = ReportPhotoForm(data={"caption": "Lanterns", "publish_consent": "on"}, files={"image": upload})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "evil.jpg",
            b"<?php echo 'hi'; ?>",
            "This file is not a photo we can read. Please upload a JPEG, PNG or WebP image.",
        ),
        ("pic.gif", None, "Please upload a JPEG, PNG or WebP photo."),
    ],
)
def test_photo_form_checks_the_content_not_the_name(name, content, message):
    content = content if content is not None else image_bytes("GIF")
    form = ReportPhotoForm(data={"caption": "x"}, files={"image": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    assert form.errors["image"] == [message]


def test_photo_form_refuses_large_files(monkeypatch):
    monkeypatch.setattr("events.forms.MAX_PHOTO_BYTES", 100)
    form = ReportPhotoForm(data={"caption": "x"}, files={"image": SimpleUploadedFile("a.jpg", image_bytes())})
    assert not form.is_valid()
    assert form.errors["image"] == ["This photo is larger than 5 MB. Please upload a smaller one."]


def test_photo_needs_a_caption():
    form = ReportPhotoForm(data={"caption": ""}, files={"image": SimpleUploadedFile("a.jpg", image_bytes())})
    assert not form.is_valid()
    assert form.errors["caption"] == ["Please add a short caption to the photo."]


def test_a_new_event_is_for_a_campaign_still_counting_but_an_older_event_keeps_its_own():
    over = CampaignFactory(is_active=False, starts_on=dt.date(2011, 12, 1), ends_on=dt.date(2012, 2, 28))
    coming = CampaignFactory(
        is_active=False, starts_on=timezone.localdate(), ends_on=timezone.localdate() + dt.timedelta(days=80)
    )

    refused = EventForm(data=event_data(campaign=over.pk))
    assert not refused.is_valid()
    assert refused.errors["campaign"] == [
        "Choose a campaign from the list: a campaign that is over counts no more actions."
    ]
    assert EventForm(data=event_data(campaign=coming.pk)).is_valid()

    older = EventFactory(campaign=over, status=Event.Status.PENDING)
    assert over in EventForm(instance=older).fields["campaign"].queryset


def test_a_published_event_cannot_move_to_another_group():
    event = EventFactory()
    form = EventForm(instance=event)
    assert form.fields["group"].disabled and form.fields["campaign"].disabled


def test_the_group_list_reads_by_country_then_city_and_offers_only_active_groups():
    krakow = LocalGroupFactory(name="Kraków group", country="PL", city="Kraków")
    asuncion = LocalGroupFactory(name="Asunción group", country="PY", city="Asunción")
    bialystok = LocalGroupFactory(name="Białystok group", country="PL", city="Białystok")
    LocalGroupFactory(name="Closed group", country="PL", city="Gdańsk", is_active=False)

    with translation.override("fr"):
        choices = list(EventForm().fields["group"].choices)

    assert choices == [
        ("", "---------"),
        ("Paraguay", [(asuncion.pk, "Asunción group")]),
        ("Pologne", [(bialystok.pk, "Białystok group"), (krakow.pk, "Kraków group")]),
    ]


def test_a_group_from_another_list_is_refused_and_a_listed_one_accepted():
    closed = LocalGroupFactory(is_active=False)
    form = EventForm(data=event_data(group=closed.pk))
    assert not form.is_valid()
    assert "group" in form.errors

    form = EventForm(data=event_data())
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("language", "minsk", "warsaw"),
    [("be", "Мінск (UTC+03:00)", "Варшава (UTC+01:00)"), ("fr", "Minsk (UTC+03:00)", "Varsovie (UTC+01:00)")],
)
def test_the_zone_list_names_each_place_in_the_readers_language_in_its_alphabet(language, minsk, warsaw):
    from django.utils import translation

    from campaigns.text import alphabetical

    winter = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
    with translation.override(language):
        choices = zone_choices(now=winter)
        europe = next(
            options for label, options in choices if str(label) == str(translation.gettext("Europe"))
        )
        labels = [label for _zone, label in europe]

        assert dict(europe)["Europe/Minsk"] == minsk and dict(europe)["Europe/Warsaw"] == warsaw
        assert labels == sorted(labels, key=alphabetical)


def test_the_zone_list_has_one_zone_per_place_grouped_by_region_with_its_offset():
    winter = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
    choices = zone_choices(now=winter)
    groups = {str(label): dict(options) for label, options in choices if isinstance(options, list)}

    assert choices[0] == ("UTC", "UTC")
    assert groups["Europe"]["Europe/Warsaw"] == "Warsaw (UTC+01:00)"
    assert groups["Europe"]["Europe/Oslo"] == "Oslo (UTC+01:00)"  # every country's own zone is there
    assert groups["Americas"]["America/Argentina/Buenos_Aires"] == "Buenos Aires (UTC−03:00)"
    assert groups["Asia"]["Asia/Kolkata"] == "Kolkata (UTC+05:30)"
    listed = {zone for options in groups.values() for zone in options}
    assert not listed & {"US/Pacific", "Etc/GMT+5", "W-SU", "Asia/Calcutta"}
    assert 300 < len(listed) < 500  # against the database's ~600 names
    assert list(groups["Europe"].values()) == sorted(groups["Europe"].values())


@pytest.mark.parametrize("zone", ["Asia/Calcutta", "US/Pacific"])
def test_an_older_name_of_a_zone_is_still_accepted_and_kept_when_editing(zone):
    form = EventForm(data=event_data(timezone=zone))
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["timezone"]) == zone

    event = EventFactory(timezone=zone)
    html = str(EventForm(instance=event)["timezone"])
    assert f'<option value="{zone}" selected>' in html


def test_a_made_up_zone_is_refused_with_a_message():
    form = EventForm(data=event_data(timezone="Mars/Olympus_Mons"))
    assert form.errors["timezone"] == ["Choose a time zone from the list, for example Europe/Warsaw."]


@pytest.mark.parametrize(
    ("city", "country", "zone"),
    [
        ("Asunción", "PY", "America/Asuncion"),  # a zone named after the city
        ("asuncion", "PY", "America/Asuncion"),  # as a host may type it
        ("Poznań", "PL", "Europe/Warsaw"),  # the country has one zone
        ("Montreal", "CA", None),  # neither tells: the browser's zone stands
    ],
)
def test_a_place_s_zone_is_its_city_s_or_its_country_s_only_one(city, country, zone):
    from events.zones import place_zone

    assert place_zone(city, country) == zone


@pytest.mark.django_db
def test_a_new_event_form_knows_each_group_s_zone_for_its_script():
    import json

    asuncion = LocalGroupFactory(country="PY", city="Asunción")
    montreal = LocalGroupFactory(country="CA", city="Montreal")

    zones = json.loads(EventForm().fields["timezone"].widget.attrs["data-group-zones"])

    assert zones[str(asuncion.pk)] == "America/Asuncion"
    assert str(montreal.pk) not in zones
