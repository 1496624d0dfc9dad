"""The upcoming-events widget: an iframe page other sites may frame, filtered like /events/."""

import re

import pytest

from events.models import Event
from tests.events.factories import EventFactory, in_days, past_event
from tests.factories import LocalGroupFactory

pytestmark = pytest.mark.django_db

URL = "/api/widgets/events/"


@pytest.mark.parametrize("code", ["pl", " Pl "])
def test_a_country_code_in_lower_case_lists_its_events_as_the_page_and_the_api_do(client, code):
    EventFactory(title="Lanterns in Poznań")
    EventFactory(title="Rally in Helsinki", country="FI", city="Helsinki")

    html = client.get(URL, {"country": code}).content.decode()
    api = client.get("/api/v1/events/", {"country": code}).json()
    page = client.get("/events/", {"country": code}).content.decode()

    assert (
        "Upcoming events in Poland" in html
        and "Lanterns in Poznań" in html
        and "Rally in Helsinki" not in html
    )
    assert [event["title"] for event in api["results"]] == ["Lanterns in Poznań"]
    assert "Lanterns in Poznań" in page and "Rally in Helsinki" not in page
    assert '<option value="PL" selected>' in page  # the country list shows it chosen


def test_the_widget_speaks_the_snippets_language_else_the_visitors_and_links_to_pages_in_it(client):
    event = EventFactory(title="Letters", title_pl="Listy")

    polish = client.get(URL, {"country": "PL", "language": "pl", "limit": "3"})
    by_browser = client.get(URL, {"country": "PL"}, HTTP_ACCEPT_LANGUAGE="fr")
    unknown = client.get(URL, {"country": "PL", "language": "xx"})

    html = polish.content.decode()
    assert polish["Content-Language"] == "pl" and '<html lang="pl">' in html
    assert "Nadchodzące wydarzenia" in html and ">Listy<span" in html
    assert f'href="http://testserver/pl/events/{event.slug}/"' in html
    assert 'href="http://testserver/pl/events/?country=PL"' in html  # neither limit nor language carried over
    assert by_browser["Content-Language"] == "fr" and "Accept-Language" in by_browser["Vary"]
    assert f"/fr/events/{event.slug}/" in by_browser.content.decode()
    assert unknown["Content-Language"] == "en"


def test_lists_upcoming_published_events_of_the_country(client):
    EventFactory(title="Lanterns in Poznań", starts_at=in_days(3))
    EventFactory(title="Letters in Warsaw", city="Warsaw", starts_at=in_days(5))
    EventFactory(title="Rally in Helsinki", country="FI", city="Helsinki")
    EventFactory(title="Still in review", status=Event.Status.PENDING)
    past_event(title="Already happened")

    response = client.get(URL, {"country": "PL"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Upcoming events in Poland" in html
    assert html.index("Lanterns in Poznań") < html.index("Letters in Warsaw")
    for hidden in ("Rally in Helsinki", "Still in review", "Already happened"):
        assert hidden not in html


def test_can_be_framed_and_cached_and_loads_nothing_from_third_parties(client):
    EventFactory()

    response = client.get(URL, {"country": "PL"})

    assert "X-Frame-Options" not in response
    assert "public" in response["Cache-Control"]
    html = response.content.decode()
    assert not re.search(r'(src|href)="https?://(?!testserver)', html)
    assert 'target="_blank"' in html and 'href="http://testserver/events/' in html


def test_takes_the_other_events_page_filters_and_a_limit(client):
    group = LocalGroupFactory(slug="poznan-pl")
    for n in range(4):
        EventFactory(title=f"Poznań evening {n}", group=group, starts_at=in_days(n + 1))
    EventFactory(title="Another group's evening")

    html = client.get(URL, {"country": "PL", "group": "poznan-pl", "limit": "2"}).content.decode()

    assert "Poznań evening 0" in html and "Poznań evening 1" in html
    assert "Poznań evening 2" not in html and "Another group" not in html
    assert "See all events" in html
    assert 'href="http://testserver/events/?country=PL&amp;group=poznan-pl"' in html


def test_empty_and_invalid_filters_get_a_friendly_page(client):
    empty = client.get(URL, {"country": "FI"}).content.decode()
    invalid = client.get(URL, {"country": "XX", "limit": "lots"})

    assert "No upcoming events yet" in empty
    assert invalid.status_code == 200
    assert "filter we do not know" in invalid.content.decode()


@pytest.mark.parametrize("rows", [1, 8])
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    for n in range(rows):
        EventFactory(starts_at=in_days(n + 1))

    with django_assert_num_queries(2):
        client.get(URL, {"country": "PL", "limit": "20"})
