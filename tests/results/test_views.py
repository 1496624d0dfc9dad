import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import Action
from results.rollup import update_rollups
from tests.factories import CampaignFactory, CaseFactory

from .factories import AT, campaign_with_case, record

pytestmark = pytest.mark.django_db


def seed_actions(campaign, case, n: int) -> None:
    """n ledger rows over n hours and a few countries and kinds."""
    countries, kinds = ["PL", "FI", "PY", "JP"], list(Action.Kind.values)
    for i in range(n):
        record(
            campaign,
            case=case,
            country=countries[i % 4],
            kind=kinds[i % len(kinds)],
            count=i + 1,
            at=AT + dt.timedelta(hours=i),
        )
    update_rollups()


def test_campaign_json_has_exactly_the_documented_shape_and_headers(client):
    campaign, case = campaign_with_case()
    other = CaseFactory(campaigns=[campaign], slug="another-person")
    record(campaign, case=case, country="PL", kind="photo", count=30)
    record(campaign, case=case, country="PL", kind="event_letter", count=12)
    record(campaign, case=other, country="FI", kind="lantern", count=5)
    record(campaign, country="", kind="appeal_letter", count=1)  # no country, no case: in the total only
    update_rollups()

    response = client.get(reverse("results:campaign-json", args=[campaign.slug]))

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=10"
    data = response.json()
    updated_at = data.pop("updated_at")
    assert dt.datetime.fromisoformat(updated_at).tzinfo is not None
    assert data == {
        "campaign": campaign.slug,
        "total_actions": 48,
        "countries": 2,
        "by_country": [{"country": "PL", "actions": 42}, {"country": "FI", "actions": 5}],
        "by_kind": [
            {"kind": "photo", "actions": 30},
            {"kind": "event_letter", "actions": 12},
            {"kind": "lantern", "actions": 5},
            {"kind": "appeal_letter", "actions": 1},
        ],
        "by_case": [{"case": case.slug, "actions": 42}, {"case": "another-person", "actions": 5}],
    }


def test_campaign_json_of_a_campaign_without_actions(client):
    campaign = CampaignFactory()
    data = client.get(reverse("results:campaign-json", args=[campaign.slug])).json()
    assert data == {
        "campaign": campaign.slug,
        "total_actions": 0,
        "countries": 0,
        "by_country": [],
        "by_kind": [],
        "by_case": [],
        "updated_at": None,
    }


def test_unknown_campaign_is_a_404_everywhere(client):
    for name in [
        "results:campaign",
        "results:campaign-json",
        "results:campaign-csv",
        "results:campaign-embed",
    ]:
        assert client.get(reverse(name, args=["no-such-marathon"])).status_code == 404


def test_results_only_change_after_the_rollup_job_runs(client):
    campaign, case = campaign_with_case()
    record(campaign, case=case, count=3)
    update_rollups()
    url = reverse("results:campaign-json", args=[campaign.slug])
    assert client.get(url).json()["total_actions"] == 3
    record(campaign, case=case, count=4)
    assert client.get(url).json()["total_actions"] == 3  # the job has not run yet
    update_rollups()
    assert client.get(url).json()["total_actions"] == 7


def test_csv_download_of_the_by_country_table(client):
    campaign, case = campaign_with_case()
    record(campaign, case=case, country="PL", count=30)
    record(campaign, case=case, country="PY", count=7)
    update_rollups()
    response = client.get(reverse("results:campaign-csv", args=[campaign.slug]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{campaign.slug}-actions-by-country.csv"'
    assert response.content.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the byte order mark
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["country_code", "country", "actions"], ["PL", "Poland", "30"], ["PY", "Paraguay", "7"]]


def test_embed_can_be_framed_and_shows_the_total(client):
    campaign, case = campaign_with_case()
    record(campaign, case=case, country="PL", count=1234)
    update_rollups()
    response = client.get(reverse("results:campaign-embed", args=[campaign.slug]))
    assert "X-Frame-Options" not in response
    html = response.content.decode()
    assert "<span data-results-value>1,234</span>" in html
    assert "actions in 1 country</p>" in html
    assert (
        '<link rel="icon" href="/static/img/favicon' in html
    )  # the browser asks for no /favicon.ico (a 404)
    assert "<script>" not in html
    # A new tab, as the petition and events widgets open: the section's page stays, and a sandboxed frame may
    # not navigate the page around it anyway.
    assert 'target="_blank" rel="noopener">See the results' in html
    assert '<span class="visually-hidden"> (opens in a new tab)</span></a>' in html  # as the share links say


@pytest.mark.parametrize(
    "address", ["/results/no-such-campaign.json", "/petitions/no-such-petition/count.json"]
)
def test_a_counter_at_an_unknown_address_answers_json_a_script_can_read(client, address):
    response = client.get(address)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Nothing is published at this address."}
    assert response["Access-Control-Allow-Origin"] == "*"


def test_best_24_hours_count_in_the_languages_grammar(client):
    campaign, case = campaign_with_case(name="Write for Rights 2012")
    record(campaign, case=case, country="PL", kind="photo", count=30_894, at=AT)
    record(campaign, case=case, country="PY", kind="event_participant", count=1, at=AT)
    update_rollups()
    with translation.override("pl"):
        url = reverse("results:campaign", args=[campaign.slug])

    html = client.get(url).content.decode()

    assert "Polska: 30\xa0894 działania w 24 godziny" in html  # 2–4 at the end: działania, not działań
    assert "Paragwaj: 1 działanie w 24 godziny" in html


@pytest.mark.parametrize(
    ("language", "countries", "words"),
    [
        ("en", ["PL"], "actions in 1 country"),
        ("en", ["PL", "FI"], "actions in 2 countries"),
        ("pl", ["PL"], "działań w 1 kraju"),  # 1,231 actions: działań; one country: kraju
        ("pl", ["PL", "FI"], "działań w 2 krajach"),
        ("ru", ["PL"], "действие в 1 стране"),  # 1,231 ends in 31: действие
        ("be", ["PL", "FI"], "дзеянне ў 2 краінах"),
        ("fr", ["PL"], "actions dans 1 pays"),
        ("es", ["PL"], "acciones en 1 país"),
    ],
)
def test_headline_nouns_agree_with_their_own_numbers(client, language, countries, words):
    campaign, case = campaign_with_case()
    record(campaign, case=case, country=countries[0], count=1231 - len(countries) + 1)
    for country in countries[1:]:
        record(campaign, case=case, country=country, count=1)
    update_rollups()
    with translation.override(language):
        page, embed = (
            reverse(name, args=[campaign.slug]) for name in ["results:campaign", "results:campaign-embed"]
        )

    html = client.get(page).content.decode()

    assert f"{words}<span data-live-pause>" in html
    description = html.split('<meta name="description" content="')[1].split('"')[0]
    assert description.startswith(campaign.name) and description.endswith(f"{words}.")
    assert f"{words}</p>" in client.get(embed).content.decode()


def test_campaign_page_shows_totals_countries_best_day_and_tables(client):
    campaign, case = campaign_with_case(name="Write for Rights 2012")
    record(campaign, case=case, country="PL", kind="photo", count=30_000, at=AT)
    record(campaign, case=case, country="PL", kind="photo", count=894, at=AT + dt.timedelta(hours=23))
    record(campaign, case=case, country="PL", kind="photo", count=5, at=AT + dt.timedelta(hours=24))
    record(campaign, case=case, country="PY", kind="event_participant", count=212)
    update_rollups()

    response = client.get(reverse("results:campaign", args=[campaign.slug]))

    html = response.content.decode()
    assert "<span data-results-value>31,111</span>" in html
    assert "actions in 2 countries" in html
    assert "Poland: 30,894 actions in 24 hours" in html
    assert "Paraguay: 212 actions in 24 hours" in html
    assert '<th scope="row">Poland</th><td class="text-end">30,899</td>' in html
    assert '<th scope="row">Event participant</th><td class="text-end">212</td>' in html
    assert f'href="{reverse("results:campaign-csv", args=[campaign.slug])}"' in html
    data = json.loads(
        html.split('<script id="results-data" type="application/json">')[1].split("</script>")[0]
    )
    assert data["countries"][0] == {"code": "PL", "name": "Poland", "numeric": 616, "actions": 30899}
    assert "<script>" not in html  # data goes through json_script only


def test_the_update_time_names_its_zone(client):
    campaign, case = campaign_with_case()
    record(campaign, case=case, country="PL", count=3)
    update_rollups()

    html = client.get(reverse("results:campaign", args=[campaign.slug])).content.decode()

    updated = html.split("Updated <time")[1].split("</time>")[0]
    assert updated.endswith(" UTC")  # the server's zone (TIME_ZONE), not the reader's: said so
    assert " at " in updated

    french = client.get("/fr" + reverse("results:campaign", args=[campaign.slug])).content.decode()
    assert (
        "Mis à jour le <time" in french
        and " à " in french.split("Mis à jour le <time")[1].split("</time>")[0]
    )


def test_campaign_page_without_actions_has_an_empty_state(client):
    campaign = CampaignFactory()
    html = client.get(reverse("results:campaign", args=[campaign.slug])).content.decode()
    assert "No actions have been counted for this marathon yet." in html


def test_index_lists_campaigns_with_their_totals(client):
    old = CampaignFactory(
        name="Write for Rights 2011", starts_on=dt.date(2011, 12, 1), ends_on=dt.date(2012, 1, 31)
    )
    campaign, case = campaign_with_case(name="Write for Rights 2012")
    record(campaign, case=case, count=104_731)
    update_rollups()
    html = client.get(reverse("results:index")).content.decode()
    assert html.index("Write for Rights 2012") < html.index("Write for Rights 2011")
    assert '<span class="fw-bold">104,731</span> actions' in html
    assert f'href="{reverse("results:campaign", args=[old.slug])}"' in html


@pytest.mark.parametrize("actions", [1, 200])
def test_results_pages_cost_the_same_whatever_the_number_of_actions(
    client, django_assert_num_queries, actions
):
    campaign, case = campaign_with_case()
    seed_actions(campaign, case, actions)
    # campaign, rollup state, then (cold cache) totals by country/kind/case, hours by country, case names
    with django_assert_num_queries(5):
        client.get(reverse("results:campaign", args=[campaign.slug]))
    with django_assert_num_queries(2):  # warm cache: campaign and rollup state only
        client.get(reverse("results:campaign-json", args=[campaign.slug]))
    with django_assert_num_queries(3):  # campaigns, rollup state, totals per campaign
        client.get(reverse("results:index"))


def test_home_page_shows_the_live_counter_of_the_active_campaign(client):
    campaign, case = campaign_with_case(actions_goal=200_000)
    record(campaign, case=case, count=104_731)
    update_rollups()
    html = client.get(reverse("home")).content.decode()
    assert "<span data-results-value>104,731</span>" in html
    assert f'data-url="{reverse("results:campaign-json", args=[campaign.slug])}"' in html
    assert "/static/js/results-counter.js" in html
    assert "Our goal: 200,000 actions" in html


def test_home_page_says_when_the_goal_is_reached(client):
    campaign, case = campaign_with_case(actions_goal=100_000)
    record(campaign, case=case, count=104_731)
    update_rollups()
    html = client.get(reverse("home")).content.decode()
    assert "Goal reached: 100,000 actions. Thank you! Every action still counts." in html
    assert "Our goal" not in html


def test_case_page_counts_the_case_in_the_active_campaign(client):
    campaign, case = campaign_with_case()
    record(campaign, case=case, count=42)
    record(campaign, case=CaseFactory(campaigns=[campaign]), count=5)
    update_rollups()
    html = client.get(case.get_absolute_url()).content.decode()
    assert '<span class="results-counter-value" data-results-value>42</span>' in html
    assert f'data-case="{case.slug}"' in html
    assert f"actions for this case in {campaign.name}" in html


def test_case_page_of_a_case_outside_the_active_campaign_counts_all_campaigns(client):
    old = CampaignFactory(is_active=False)
    case = CaseFactory(campaigns=[old])
    record(old, case=case, count=8)
    update_rollups()
    html = client.get(case.get_absolute_url()).content.decode()
    assert '<span class="results-counter-value" data-results-value>8</span>' in html
    assert "actions for this case</p>" in html.replace("\n", "")
    assert "data-results-counter" not in html  # nothing live to poll


def test_nav_links_to_the_results(client):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("results:index")}">Results</a>' in html


def test_results_name_each_case_in_the_page_language_whichever_language_computed_them(client):
    campaign, case = campaign_with_case(name="Write for Rights 2012")
    case.name_ru = "Алесь Беляцкий"
    case.save()
    record(campaign, case=case, country="PL", kind="photo", count=7, at=AT)
    update_rollups()
    url = reverse("results:campaign", args=[campaign.slug])

    english = client.get(url).content.decode()  # computes and caches the results
    russian = client.get(f"/ru{url}").content.decode()
    french = client.get(f"/fr{url}").content.decode()  # no French name: the English one

    assert f">{case.name_en}</a>" in english
    assert ">Алесь Беляцкий</a>" in russian
    assert case.name_en not in russian
    assert f">{case.name_en}</a>" in french
