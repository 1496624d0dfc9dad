"""A new app-server worker builds, before its first visitor, what Django would otherwise build inside its first
requests (marathon/warmup.py): the URL maps of every language and the public templates."""

import pytest
from django.conf import settings
from django.template.base import Template
from django.template.loader import get_template
from django.urls import clear_url_caches, get_resolver, reverse
from django.urls.resolvers import URLResolver
from django.utils import translation

from events.search import city_forms_by_name
from events.zones import zones_by_city
from marathon.warmup import namespaces, public_template_names, warm_up

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def cold_url_maps():
    clear_url_caches()
    yield
    clear_url_caches()


def count_calls(monkeypatch, owner, name) -> list:
    calls = []
    original = getattr(owner, name)

    def counted(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_namespaces_name_every_apps_urls_nested_included():
    found = namespaces(get_resolver())

    assert {"admin", "events", "petitions", "letters", "results", "api"} <= set(found)
    assert len(found) == len(set(found))


def test_after_warm_up_no_request_builds_url_maps_in_any_language(cold_url_maps, monkeypatch):
    counts = (
        warm_up()
    )  # no database: these tests have no access to one, and a worker warms up before it connects
    builds = count_calls(monkeypatch, URLResolver, "_populate")

    for code in LANGUAGES:
        with translation.override(code):
            reverse("home")
            reverse("admin:index")
            reverse("petitions:detail", kwargs={"slug": "free-ales-bialiatski"})
            reverse("events:list")

    assert builds == []
    assert counts["languages"] == len(LANGUAGES)


def test_without_warm_up_the_first_request_in_a_language_builds_them(cold_url_maps, monkeypatch):
    builds = count_calls(monkeypatch, URLResolver, "_populate")

    with translation.override("be"):
        reverse("admin:index")

    assert builds  # what the test above shows warm_up() spares a visitor


def test_warm_up_compiles_every_public_template_once(monkeypatch):
    names = public_template_names()
    warm_up()
    compiled = count_calls(monkeypatch, Template, "compile_nodelist")

    for name in names:
        get_template(name)

    assert compiled == []
    assert "base.html" in names and "petitions/petition_detail.html" in names
    assert not [name for name in names if name.startswith("admin/")]


def test_warm_up_names_the_cities_the_event_search_and_pages_know():
    city_forms_by_name.cache_clear()
    zones_by_city.cache_clear()

    counts = warm_up()

    assert city_forms_by_name.cache_info().currsize == 1 and zones_by_city.cache_info().currsize == 1
    assert counts["city names"] > 400  # about 420 zones' cities, in six languages
