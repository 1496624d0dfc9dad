"""Public, read-only endpoints: content, filters shared with /events/, pagination, caching, CORS, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import ledger
from events.models import Event
from petitions.models import Petition
from results.rollup import update_rollups
from tests.events.factories import EventFactory, in_days
from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory
from tests.petitions.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_events_list_shows_published_events_in_osdi_shape(api):
    case = CaseFactory(slug="ales-bialiatski")
    hidden_case = CaseFactory(slug="hidden", is_published=False)
    event = EventFactory(
        title="Lanterns for Ales",
        slug="lanterns-for-ales",
        kind=Event.Kind.LANTERN_WORKSHOP,
        capacity=20,
        cases=[case, hidden_case],
        group=LocalGroupFactory(slug="poznan-pl"),
    )
    EventFactory(status=Event.Status.PENDING)
    EventFactory(status=Event.Status.DRAFT)
    EventFactory(status=Event.Status.CANCELLED)

    (row,) = results(api.get("/api/v1/events/"))

    assert row == {
        "identifiers": [f"marathon:event:{event.pk}"],
        "id": event.pk,
        "name": "lanterns-for-ales",
        "title": "Lanterns for Ales",
        "description": "Paper, pens and stamps provided.",
        "kind": "lantern_workshop",
        "type": "limited",
        "status": "confirmed",
        "start_date": event.starts_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "end_date": event.ends_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "timezone": "Europe/Warsaw",
        "location": {
            "venue": "Café Rozbrat",
            "address_lines": ["ul. Pułaskiego 21a"],
            "locality": "Poznań",
            "country": "PL",
        },
        "online_url": "",
        "capacity": 20,
        "total_accepted": 0,
        "seats_left": 20,
        "accessibility_notes": "",
        "group": "poznan-pl",
        "advocacy_campaign": event.campaign.slug,
        "cases": ["ales-bialiatski"],
        "browser_url": "http://127.0.0.1:8000/events/lanterns-for-ales/",
        "calendar_url": "http://127.0.0.1:8000/events/lanterns-for-ales/calendar.ics",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=FI", ["helsinki"]),
        ("city=poznań", ["poznan"]),
        ("kind=bike_rally", ["helsinki"]),
        ("case=ales", ["poznan"]),
        ("group=helsinki-fi", ["helsinki"]),
        ("date_from={far}", ["helsinki"]),
        ("date_to={near}", ["poznan"]),
        ("q=rally", ["helsinki"]),
        ("", ["poznan", "helsinki"]),
    ],
)
def test_events_filter_with_the_same_parameters_as_the_events_page(api, query, expected):
    case = CaseFactory(slug="ales")
    EventFactory(slug="poznan", starts_at=in_days(5), cases=[case])
    EventFactory(
        slug="helsinki",
        title="Bike rally",
        kind=Event.Kind.BIKE_RALLY,
        city="Helsinki",
        country="FI",
        starts_at=in_days(20),
        group=LocalGroupFactory(slug="helsinki-fi", country="FI", city="Helsinki"),
    )
    query = query.format(far=in_days(15).date().isoformat(), near=in_days(6).date().isoformat())

    rows = results(api.get(f"/api/v1/events/?{query}"))

    assert [row["name"] for row in rows] == expected


def test_events_filter_uses_the_events_page_filterset_class():
    from api.views import EventViewSet
    from events.filters import EventFilter

    assert EventViewSet.filterset_class is EventFilter


def test_bad_filter_value_is_a_400_with_the_reason(api):
    response = api.get("/api/v1/events/?country=XX&date_from=not-a-date")

    assert response.status_code == 400
    assert set(response.json()) == {"country", "date_from"}


def test_event_detail_by_slug_and_unpublished_is_404(api):
    EventFactory(slug="open-evening")
    EventFactory(slug="in-review", status=Event.Status.PENDING)

    assert api.get("/api/v1/events/open-evening/").json()["name"] == "open-evening"
    assert api.get("/api/v1/events/in-review/").status_code == 404


def test_an_online_event_s_joining_link_is_not_published(api):
    EventFactory(slug="online-hour", kind=Event.Kind.ONLINE, online_url="https://meet.example.org/w4r")
    EventFactory(slug="stall", online_url="https://example.org/more-about-our-stall")

    assert api.get("/api/v1/events/online-hour/").json()["online_url"] == ""
    assert api.get("/api/v1/events/stall/").json()["online_url"] == "https://example.org/more-about-our-stall"


def test_petitions_list_shows_published_petitions_with_counts(api):
    petition = PetitionFactory(slug="free-ales", goal=1000)
    Petition.objects.filter(pk=petition.pk).update(signature_count=7, paper_signature_count=212)
    PetitionFactory(status=Petition.Status.DRAFT)

    (row,) = results(api.get("/api/v1/petitions/"))

    assert row["slug"] == "free-ales"
    assert row["total_signatures"] == 219
    assert row["online_signatures"] == 7
    assert row["paper_signatures"] == 212
    assert row["goal"] == 1000
    assert row["is_accepting_signatures"] is True
    assert row["target"] == [
        {"name": "Alyaksandr Lukashenka", "title": "President of the Republic of Belarus"}
    ]
    assert row["case"] == petition.case.slug
    assert row["browser_url"] == "http://127.0.0.1:8000/petitions/free-ales/"


def test_cases_list_only_public_cases_with_their_campaigns(api):
    campaign = CampaignFactory(slug="w4r-2012")
    CaseFactory(slug="ales", name="Ales Bialiatski", campaigns=[campaign])
    CaseFactory(slug="secret", is_published=False)

    (row,) = results(api.get("/api/v1/cases/"))

    assert row["slug"] == "ales"
    assert row["advocacy_campaigns"] == ["w4r-2012"]
    assert row["target"]["name"] == "Prosecutor General"
    assert row["photo_url"] is None
    assert api.get("/api/v1/cases/secret/").status_code == 404


def test_campaigns_list_with_public_cases(api):
    campaign = CampaignFactory(slug="w4r-2012", name="Write for Rights 2012", actions_goal=100000)
    CaseFactory(slug="ales", campaigns=[campaign])
    CaseFactory(slug="hidden", campaigns=[campaign], is_published=False)

    (row,) = results(api.get("/api/v1/advocacy_campaigns/"))

    assert row["title"] == "Write for Rights 2012"
    assert row["start_date"] == "2012-12-07"
    assert row["end_date"] == "2013-02-28"
    assert row["cases"] == ["ales"]
    assert row["results_url"] == "http://127.0.0.1:8000/api/v1/advocacy_campaigns/w4r-2012/results/"


def test_campaign_results_come_from_the_rollups_not_the_ledger(api):
    campaign = CampaignFactory(slug="w4r-2012")
    case = CaseFactory(slug="ales")
    hour = dt.datetime(2012, 12, 10, 12, tzinfo=dt.UTC)
    source = LocalGroupFactory()  # any row can stand as the source of a ledger entry
    ledger.record(
        source=source,
        campaign=campaign,
        case=case,
        country="PL",
        kind="appeal_letter",
        count=5,
        occurred_at=hour,
    )
    ledger.record(source=source, campaign=campaign, country="FI", kind="lantern", count=2, occurred_at=hour)
    update_rollups()  # the results app's own job folds the ledger into its rollups
    # A ledger row the rollup job has not folded in yet is not shown: the API reads rollups only.
    ledger.record(source=source, campaign=campaign, kind="appeal_letter", count=100, occurred_at=hour)

    with CaptureQueriesContext(connection) as queries:
        data = api.get("/api/v1/advocacy_campaigns/w4r-2012/results/").json()

    assert not any("campaigns_action" in q["sql"] for q in queries.captured_queries)
    assert data.pop("updated_at")  # when the rollup job last ran
    assert data == {
        "advocacy_campaign": "w4r-2012",
        "total_actions": 7,
        "countries": 2,
        "by_country": [{"country": "PL", "actions": 5}, {"country": "FI", "actions": 2}],
        "by_kind": [{"kind": "appeal_letter", "actions": 5}, {"kind": "lantern", "actions": 2}],
        "by_case": [{"case": "ales", "actions": 5}],
    }
    assert api.get("/api/v1/advocacy_campaigns/nope/results/").status_code == 404


def test_pagination_with_per_page_and_links(api):
    for n in range(5):
        EventFactory(slug=f"event-{n}", starts_at=in_days(n + 1))

    page = api.get("/api/v1/events/?per_page=2&page=2").json()

    assert [row["name"] for row in page["results"]] == ["event-2", "event-3"]
    assert page["total_records"] == 5
    assert page["total_pages"] == 3
    assert page["page"] == 2
    assert page["per_page"] == 2
    assert page["next"] == "http://testserver/api/v1/events/?page=3&per_page=2"
    assert page["previous"] == "http://testserver/api/v1/events/?per_page=2"
    assert api.get("/api/v1/events/?page=9").status_code == 404


def test_per_page_is_capped(api, settings):
    settings.API_MAX_PAGE_SIZE = 3
    for n in range(4):
        EventFactory(starts_at=in_days(n + 1))

    assert api.get("/api/v1/events/?per_page=1000").json()["per_page"] == 3


def test_a_page_or_page_size_that_is_not_a_number_is_a_400_naming_it_and_links_carry_the_size_served(
    api, settings
):
    settings.API_MAX_PAGE_SIZE = 2
    for n in range(5):
        EventFactory(starts_at=in_days(n + 1))

    for query, field in [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("per_page=-3", "per_page"),
        ("per_page=x", "per_page"),
    ]:
        response = api.get(f"/api/v1/events/?{query}")
        assert response.status_code == 400, query
        assert list(response.json()) == [field]
    capped = api.get("/api/v1/events/?per_page=500&page=2").json()
    assert capped["per_page"] == 2
    assert capped["next"] == "http://testserver/api/v1/events/?page=3&per_page=2"
    assert capped["previous"] == "http://testserver/api/v1/events/?per_page=2"
    assert api.get("/api/v1/events/?page=last&per_page=2").json()["page"] == 3

    schema = api.get("/api/v1/schema/?format=json").json()
    assert {"200", "400", "404"} <= set(schema["paths"]["/api/v1/events/"]["get"]["responses"])


def test_public_reads_are_cacheable_with_etag_and_answer_304(api):
    EventFactory()

    first = api.get("/api/v1/events/")
    etag = first["ETag"]
    again = api.get("/api/v1/events/", HTTP_IF_NONE_MATCH=etag)

    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert etag.startswith('"') and len(etag) == 42
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"


def test_etag_changes_when_the_data_does(api):
    event = EventFactory()
    etag = api.get("/api/v1/events/")["ETag"]
    Event.objects.filter(pk=event.pk).update(title="Renamed")

    response = api.get("/api/v1/events/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


@pytest.mark.parametrize(
    "url", ["/api/v1/events/", "/api/v1/petitions/", "/api/v1/cases/", "/api/v1/advocacy_campaigns/"]
)
def test_public_reads_allow_any_origin(api, url):
    response = api.get(url, HTTP_ORIGIN="https://amnesty.example")
    preflight = api.options(
        url, HTTP_ORIGIN="https://amnesty.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("url", ["/api/v1/events/", "/api/v1/petitions/"])
def test_public_endpoints_are_read_only(api, url):
    assert api.post(url, {}, format="json").status_code == 405


def test_the_api_address_leads_to_its_documentation_which_the_results_page_links(
    api, client, django_capture_on_commit_callbacks
):
    from results.services import record_tally
    from tests.factories import CampaignFactory, CaseFactory

    campaign = CampaignFactory()
    with django_capture_on_commit_callbacks(execute=True):  # the rollups the results page reads
        record_tally(
            campaign=campaign,
            case=CaseFactory(campaigns=[campaign]),
            country="FI",
            kind="event_letter",
            count=5,
            occurred_at=dt.datetime.combine(campaign.starts_on, dt.time(12), tzinfo=dt.UTC),
        )

    assert api.get("/api/")["Location"] == "/api/v1/docs/"
    assert 'href="/api/v1/docs/"' in client.get(f"/results/{campaign.slug}/").content.decode()
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    assert '<a href="/api/v1/docs/">Open API</a>' in footer  # found from every page


def test_the_api_docs_say_how_to_get_a_token_and_lead_back_to_the_site(api):
    info = api.get("/api/v1/schema/?format=json").json()["info"]

    assert "Authorization: Bearer mrt_" in info["description"]
    assert "Open API and integrations → API tokens" in info["description"]
    assert "[Back to the site](/)" in info["description"]


def test_schema_and_docs_are_served_without_third_party_assets(api):
    schema = api.get("/api/v1/schema/")
    docs = api.get("/api/v1/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/attendances/" in schema.content
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "https://" not in html


def _make_events(n: int) -> None:
    case = CaseFactory()
    group = LocalGroupFactory()
    for _ in range(n):
        EventFactory(group=group, cases=[case])


def _make_cases(n: int) -> None:
    campaign = CampaignFactory()
    for _ in range(n):
        CaseFactory(campaigns=[campaign])


def _make_petitions(n: int) -> None:
    campaign, case = CampaignFactory(), CaseFactory()
    for _ in range(n):
        PetitionFactory(campaign=campaign, case=case)


def _make_campaigns(n: int) -> None:
    case = CaseFactory()
    for _ in range(n):
        case.campaigns.add(CampaignFactory())


@pytest.mark.parametrize(
    ("url", "make", "queries"),
    [
        ("/api/v1/events/", _make_events, 3),
        ("/api/v1/cases/", _make_cases, 3),
        ("/api/v1/petitions/", _make_petitions, 2),
        ("/api/v1/advocacy_campaigns/", _make_campaigns, 3),
    ],
)
@pytest.mark.parametrize("rows", [1, 12])
def test_public_list_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, url, make, queries, rows
):
    make(rows)

    with django_assert_num_queries(queries):
        response = api.get(url)

    assert len(response.json()["results"]) == rows
