from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.ledger import ledger_totals, recount_from_sources
from campaigns.models import Campaign
from results.models import ActionRollup, ReportedTally
from results.selectors import campaign_results

pytestmark = pytest.mark.django_db


def test_seed_demo_tells_the_2012_story_exactly():
    call_command("seed_demo", stdout=StringIO())
    campaign = Campaign.objects.get(slug="write-for-rights-2012")

    results = campaign_results(campaign)

    assert results.total == 104_731
    assert results.countries == 36
    poland = results.best_24h[0]
    assert (poland.country, poland.actions) == ("PL", 30_894)
    assert sum(ledger_totals(campaign).values()) == 104_731
    assert ledger_totals(campaign) == recount_from_sources(campaign)
    out = StringIO()
    call_command("rebuild_results", "--campaign", campaign.slug, stdout=out)
    assert "No drift" in out.getvalue()


def test_seed_demo_twice_adds_no_tallies():
    call_command("seed_demo", stdout=StringIO())
    tallies, rollups = ReportedTally.objects.count(), ActionRollup.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert (ReportedTally.objects.count(), ActionRollup.objects.count()) == (tallies, rollups)


def test_seed_demo_scale_adds_benchmark_tallies_in_bulk_and_stays_consistent():
    call_command("seed_demo", "--scale", "2", stdout=StringIO())
    campaign = Campaign.objects.get(slug="write-for-rights-2012")
    assert ReportedTally.objects.filter(note__startswith="[benchmark]").count() == 10_000
    assert campaign_results(campaign).total == sum(ledger_totals(campaign).values())
    assert ledger_totals(campaign) == recount_from_sources(campaign)


def test_seed_demo_publishes_a_few_gallery_photos_on_approved_reports(client):
    events_models = pytest.importorskip("events.models")
    call_command("seed_demo", stdout=StringIO())
    published = events_models.ReportPhoto.objects.published()
    captions = set(published.values_list("caption", flat=True))
    assert {"Lanterns on the river in Luxembourg", "A bike rally in Paraguay"} <= captions
    html = client.get("/results/write-for-rights-2012/gallery/").content.decode()
    assert "Asunción, Paraguay · " in html
