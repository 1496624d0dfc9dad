import datetime as dt

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, Case
from results.services import record_tally

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_home_page_counter_moves_after_a_new_action_is_counted(
    live_server, page, settings, artifacts_dir
):
    settings.RESULTS_COUNTER_REFRESH_SECONDS = 1
    call_command("seed_demo", verbosity=0)
    campaign = Campaign.objects.get(slug="write-for-rights-2012")

    page.goto(live_server.url + "/")
    counter = page.locator(".hero [data-results-value]")
    assert counter.text_content() == "104,731"

    # A section reports 25 letters; the ledger write schedules the rollup job (immediate under tests).
    record_tally(
        campaign=campaign,
        case=Case.objects.get(slug="ales-bialiatski"),
        country="FI",
        kind="event_letter",
        count=25,
        occurred_at=dt.datetime(2012, 12, 14, 18, tzinfo=dt.UTC),
    )

    page.wait_for_function(
        "document.querySelector('.hero [data-results-value]').textContent === '104,756'", timeout=10_000
    )
    page.screenshot(path=f"{artifacts_dir}/results-home-counter.png")

    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(live_server.url + f"/results/{campaign.slug}/")
    page.wait_for_selector("#results-map-chart")
    assert page.locator("h1").text_content().strip() == "Write for Rights 2012 in numbers"
    page.screenshot(path=f"{artifacts_dir}/results-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
