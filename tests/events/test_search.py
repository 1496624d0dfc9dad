import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from campaigns.text import folded
from events.models import Event
from events.search import city_forms
from events.zones import city_name

from .factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Poznań", "poznan"),
        ("ŁÓDŹ", "lodz"),
        ("Reykjavík", "reykjavik"),
        ("Chișinău", "chisinau"),
        ("Straße", "strasse"),
        ("Lomé", "lome"),
        ("Ёлка", "елка"),
        ("Подпісаў", "подпісау"),
    ],
)
def test_folding_drops_case_and_marks(typed, read):
    assert folded(typed) == read


def test_events_inserted_in_bulk_are_searchable_too():
    """seed_demo and the benchmark insert events in bulk, past save()."""
    copy = Event.objects.get(pk=EventFactory().pk)
    copy.pk, copy.slug, copy.title, copy.city, copy.search_text = None, "bulk", "Świece", "Gdańsk", ""

    Event.objects.bulk_create([copy])

    assert {"swiece", "gdansk"} <= set(Event.objects.get(slug="bulk").search_text.split())
    assert Event.objects.get(slug="bulk").city_folded == "gdansk"


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("Warszawa", {"warsaw", "warszawa", "варшава", "varsovie", "varsovia"}),
        ("  MOSKWA ", {"moscow", "moskwa", "москва", "масква", "moscou", "moscu"}),
        ("Мінск", {"minsk", "минск", "мінск"}),
        ("Poznań", {"poznan"}),  # not a time zone's city: as typed, folded
        (
            "Meksyk",
            {"mexico city", "meksyk (miasto)", "meksyk", "мехико", "мехіка", "mexico", "ciudad de mexico"},
        ),
    ],
)
def test_a_city_goes_by_its_name_in_each_of_the_sites_languages(typed, names):
    assert city_forms(typed) == names


def test_the_migration_fills_the_city_column_of_existing_events():
    event = EventFactory(city="  Kraków")
    Event.objects.update(city_folded="")
    migration = importlib.import_module("events.migrations.0008_event_city_folded")

    migration.fill_city_folded(apps, SimpleNamespace(connection=connection))

    event.refresh_from_db()
    assert event.city_folded == "krakow"


def test_the_migration_fills_the_search_column_of_existing_events():
    event = EventFactory(title="Lanterns", city="Kraków")
    Event.objects.update(search_text="")
    migration = importlib.import_module("events.migrations.0007_event_search_text")

    migration.fill_search_text(apps, SimpleNamespace(connection=connection))

    event.refresh_from_db()
    assert {"lanterns", "krakow"} <= set(event.search_text.split())


@pytest.mark.parametrize(
    ("city", "country", "language", "shown"),
    [
        ("Warsaw", "PL", "pl", "Warszawa"),
        ("Warsaw", "PL", "fr", "Varsovie"),
        ("warszawa", "PL", "en", "Warsaw"),
        ("Москва", "RU", "es", "Moscú"),
        (
            "Reykjavík",
            "IS",
            "en",
            "Reykjavík",
        ),  # the CLDR's "Reykjavik" is the same name: the host's spelling stays
        ("Reykjavík", "IS", "ru", "Рейкьявик"),
        ("Vienna", "US", "pl", "Vienna"),  # Vienna, Virginia: not the zone's city, whose country is Austria
        ("Vienna", "AT", "pl", "Wiedeń"),
        ("Poznań", "PL", "ru", "Poznań"),  # a city the CLDR does not name stays as the host wrote it
    ],
)
def test_a_city_is_shown_as_the_readers_language_writes_it(city, country, language, shown):
    assert city_name(city, country, language) == shown
