import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from campaigns.models import Campaign, Case
from petitions.models import Petition
from results.services import record_tally

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_home_page_counter_moves_after_a_signature_is_confirmed(
    live_server, page, settings, artifacts_dir
):
    settings.RESULTS_COUNTER_REFRESH_SECONDS = 1
    call_command("seed_demo", verbosity=0)
    campaign = Campaign.objects.get(slug="write-for-rights-2012")
    petition = Petition.objects.get(campaign=campaign)

    page.goto(live_server.url + "/")
    counter = page.locator(".hero [data-results-value]")
    assert counter.text_content() == "104,731"

    # In a second tab a supporter signs the petition and confirms from the email.
    supporter = page.context.new_page()
    supporter.goto(live_server.url + f"/petitions/{petition.slug}/")
    supporter.locator("#id_first_name").fill("Ana")
    supporter.locator("#id_last_name").fill("Benítez")
    supporter.locator("#id_email").fill("ana.benitez@example.org")
    supporter.locator("#id_country").select_option("PY")
    supporter.get_by_role("button", name="Sign now").click()
    supporter.wait_for_url("**/check-your-inbox/")
    link = mail.outbox[-1].body.split("http://127.0.0.1:8000", 1)[1].split()[0]
    supporter.goto(live_server.url + link)
    supporter.get_by_role("button", name="Confirm my signature").click()
    assert supporter.locator("h1").text_content() == "Thank you: your signature counts"

    # The home page's counter refreshes by itself, without a reload. (A function, not a bare expression:
    # Playwright evals an expression inside the page, which the strict CSP refuses.)
    page.wait_for_function(
        "() => document.querySelector('.hero [data-results-value]').textContent === '104,732'", timeout=10_000
    )
    page.screenshot(path=f"{artifacts_dir}/results-home-counter.png")


def test_the_results_page_fits_a_phone(live_server, page, artifacts_dir):
    call_command("seed_demo", verbosity=0)
    campaign = Campaign.objects.get(slug="write-for-rights-2012")
    record_tally(
        campaign=campaign,
        case=Case.objects.get(slug="ales-bialiatski"),
        country="FI",
        kind="event_letter",
        count=25,
        occurred_at=dt.datetime(2012, 12, 14, 18, tzinfo=dt.UTC),
    )

    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(live_server.url + f"/results/{campaign.slug}/")
    page.wait_for_selector("#results-map-chart")
    assert page.locator("h1").text_content().strip() == "Write for Rights 2012 in numbers"
    assert "104,756" in page.locator("main").inner_text()
    page.screenshot(path=f"{artifacts_dir}/results-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("language", ["fr", "ru", "be"])
def test_the_embedded_counter_fits_the_frame_the_results_page_suggests(live_server, page, language):
    """The snippet suggests 320 × 240; in French, Russian and Belarusian the pause button wrapped past 200."""
    call_command("seed_demo", verbosity=0)
    page.set_viewport_size({"width": 320, "height": 240})
    page.goto(f"{live_server.url}/{language}/results/write-for-rights-2012/")
    snippet = page.locator(".results-embed-code").inner_text()
    assert 'width="320" height="240"' in snippet

    page.goto(f"{live_server.url}/{language}/results/write-for-rights-2012/embed/")
    page.wait_for_selector("[data-live-pause] button")

    assert page.evaluate("document.documentElement.scrollHeight") <= 240
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


CHART_LABELS = """(id) => { const chart = Chart.getChart(document.getElementById(id));
  const value = chart.options.indexAxis === "y" ? "x" : "y", category = value === "x" ? "y" : "x";
  return {values: chart.scales[value].ticks.map((t) => t.label), labels: chart.data.labels}; }"""


def test_the_charts_write_numbers_and_dates_as_the_page_does_and_fit_their_labels_on_a_phone(
    live_server, page
):
    """This browser's Intl data has no Belarusian: the charts said "35,000" and "Dec 7" on /be/, beside tables
    that say "35 000". A long kind of action ran off the phone's screen on one line."""
    call_command("seed_demo", verbosity=0)
    page.set_viewport_size({"width": 360, "height": 780})

    page.goto(f"{live_server.url}/be/results/write-for-rights-2012/")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('results-days-chart'))"
    )
    days = page.evaluate(CHART_LABELS, "results-days-chart")
    kinds = page.evaluate(CHART_LABELS, "results-kinds-chart")

    assert any("\u00a0000" in label for label in days["values"]), days["values"]  # 10 000, not 10,000
    assert not [label for label in days["values"] if "," in label]
    assert "7 сне" in days["labels"], days["labels"][:3]
    assert any(isinstance(label, list) for label in kinds["labels"])  # a long kind, in lines
    shown = page.evaluate(
        "() => Chart.getChart(document.getElementById('results-kinds-chart')).scales.y.ticks.length"
    )
    assert shown == len(kinds["labels"])  # every bar keeps its label
    assert all(
        len(line) <= 16 or " " not in line
        for label in kinds["labels"]
        for line in ([label] if isinstance(label, str) else label)
    )


def test_the_day_and_hour_charts_keep_quiet_days_in_place_and_mark_a_long_break(live_server, page):
    """Only days with actions were drawn, side by side: three quiet days looked like none, and a late report
    a year after stood next to the last day of the marathon with no year."""
    from tests.factories import CampaignFactory, CaseFactory

    # In the past: tallies dated in the future are refused.
    campaign = CampaignFactory(starts_on=dt.date(2023, 12, 1), ends_on=dt.date(2024, 12, 31))
    case = CaseFactory(campaigns=[campaign])
    for day, count in ((dt.date(2023, 12, 10), 40), (dt.date(2023, 12, 13), 7), (dt.date(2024, 12, 20), 3)):
        record_tally(
            campaign=campaign,
            case=case,
            country="FI",
            kind="event_letter",
            count=count,
            occurred_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        )

    page.goto(f"{live_server.url}/results/{campaign.slug}/")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('results-hours-chart'))"
    )
    days = page.evaluate(
        "() => { const c = Chart.getChart(document.getElementById('results-days-chart'));"
        " return {labels: c.data.labels, values: c.data.datasets[0].data}; }"
    )
    hours = page.evaluate("() => Chart.getChart(document.getElementById('results-hours-chart')).data.labels")

    assert days["values"] == [40, 0, 0, 7, None, 3]
    assert days["labels"][1] == "Dec 11, 2023" and days["labels"][4] == "…"
    assert days["labels"][5] == "Dec 20, 2024"  # not to be taken for a day of the same December
    assert hours.count("…") == 2  # 72 quiet hours between the 10th and the 13th are more than two days
