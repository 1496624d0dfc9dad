"""What the benchmark made the site do: public cache headers, the baseline probe, fast selects."""

import importlib

import pytest
from django.db import connection
from django.forms import Select
from django.urls import clear_url_caches
from django_countries import countries

from campaigns.widgets import FastSelect
from tests.factories import UserFactory


@pytest.fixture
def benchmark_urls(settings):
    settings.BENCHMARK = True
    import marathon.urls

    importlib.reload(marathon.urls)
    clear_url_caches()
    yield
    settings.BENCHMARK = False
    importlib.reload(marathon.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_the_baseline_probe_is_not_routed_unless_benchmark_is_on(client):
    assert client.post("/bench/baseline/").status_code == 404


@pytest.mark.django_db
def test_the_baseline_probe_inserts_one_row(client, benchmark_urls):
    from campaigns.benchmark import TABLE, create_baseline_table

    create_baseline_table()
    response = client.post("/bench/baseline/")
    assert response.status_code == 200
    assert response.content == b"ok"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")  # noqa: S608 - a constant
        assert cursor.fetchone()[0] == 1
    assert client.get("/bench/baseline/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/pl/events/", "/pl/cases/", "/pl/groups/", "/pl/petitions/"])
def test_anonymous_pages_are_public_and_do_not_vary_by_cookie(client, path):
    client.cookies["django_language"] = "pl"  # the first visit under /pl/ sets it, and is not public
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=30"
    assert "Cookie" not in response.get("Vary", "")  # base.html no longer reads the session


@pytest.mark.django_db
def test_unprefixed_pages_are_public_but_say_they_depend_on_the_language_cookie(client):
    response = client.get("/events/")
    assert response["Cache-Control"] == "public, max-age=30"
    assert "Cookie" in response["Vary"]  # the language redirect reads the cookie


@pytest.mark.django_db
def test_pages_with_the_visitors_csrf_token_are_not_public(client):
    from tests.petitions.factories import PetitionFactory

    petition = PetitionFactory()
    response = client.get(f"/petitions/{petition.slug}/")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_logged_in_visitors_and_health_checks_get_no_public_cache(client, settings):
    assert "Cache-Control" not in client.get("/healthz")
    client.force_login(UserFactory())
    client.cookies["django_language"] = "pl"
    response = client.get("/pl/events/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private"  # a signed-in person's page: no shared cache keeps it


@pytest.mark.django_db
def test_public_cache_can_be_switched_off(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    client.cookies["django_language"] = "pl"
    assert "Cache-Control" not in client.get("/pl/events/")


def test_fast_select_writes_the_same_options_as_djangos_select():
    choices = [("", "—"), *list(countries)[:20], ("X<", 'Tom & "Jerry"')]
    fast = FastSelect(choices=choices).render("country", "AL", attrs={"id": "id_country", "required": True})
    django = Select(choices=choices).render("country", "AL", attrs={"id": "id_country", "required": True})
    assert fast.split() == django.split()
