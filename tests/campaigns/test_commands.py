from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, Case, LocalGroup, Membership

pytestmark = pytest.mark.django_db


def snapshot():
    from django.apps import apps

    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_builds_the_2012_marathon():
    call_command("seed_demo", stdout=StringIO())

    campaign = Campaign.objects.get(slug="write-for-rights-2012")
    assert campaign.starts_on.isoformat() == "2012-12-07"
    assert campaign.is_active
    case = Case.objects.get(slug="ales-bialiatski")
    assert list(case.campaigns.all()) == [campaign]
    countries = set(LocalGroup.objects.values_list("country", flat=True))
    assert len(countries) == 36
    assert {"PL", "FI", "PY", "JP", "KR", "TG", "GB"} <= countries
    assert Membership.objects.filter(user__email="coordinator@example.org", role="coordinator").count() == 3


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == first


def test_seed_demo_scale_multiplies_groups_and_stays_idempotent():
    call_command("seed_demo", "--scale", "3", stdout=StringIO())
    scaled = LocalGroup.objects.count()
    call_command("seed_demo", "--scale", "3", stdout=StringIO())
    assert LocalGroup.objects.count() == scaled == 37 + 2 * 36


def test_seed_demo_refuses_a_scale_below_one():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--scale must be 1 or more"):
        call_command("seed_demo", "--scale", "0", stdout=StringIO())


def test_demo_logins_work():
    from django.contrib.auth import authenticate

    call_command("seed_demo", stdout=StringIO())
    staff = authenticate(email="admin@example.org", password="marathon-demo")
    coordinator = authenticate(email="coordinator@example.org", password="marathon-demo")
    assert staff is not None and staff.is_superuser
    assert coordinator is not None and coordinator.is_staff and not coordinator.is_superuser


def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_seed_demo_benchmark_knobs_top_up_each_kind_of_row_separately():
    from django.db.models import Sum

    from campaigns.models import Action
    from events.models import Event, Registration
    from petitions.demo import BULK_DOMAIN
    from petitions.models import Petition, Signature
    from results.demo import BENCH_ACTIONS_NOTE
    from results.models import ActionTotal, ReportedTally

    call_command("seed_demo", "--events", "30", "--signatures", "40", "--actions", "500", stdout=StringIO())
    assert Event.objects.filter(slug__startswith="bench-").count() == 30
    assert Event.objects.filter(slug__startswith="bench-").published().upcoming().count() == 30
    assert Registration.objects.filter(event__slug__startswith="bench-").count() == sum(
        n % 4 for n in range(30)
    )
    assert Signature.objects.filter(email_domain=BULK_DOMAIN).count() == 40
    petition = Petition.objects.get()
    assert (
        petition.signature_count == Signature.objects.filter(petition=petition).confirmed().online().count()
    )
    tallies = ReportedTally.objects.filter(note=BENCH_ACTIONS_NOTE)
    synthetic = Action.objects.filter(source_type="results.reportedtally", source_id__in=tallies.values("pk"))
    assert synthetic.count() == 500
    # Each synthetic tally counts exactly its ledger rows, and the rollups hold the whole ledger.
    assert tallies.aggregate(n=Sum("count"))["n"] == synthetic.aggregate(n=Sum("count"))["n"]
    assert ActionTotal.objects.aggregate(n=Sum("count"))["n"] == Action.objects.aggregate(n=Sum("count"))["n"]

    call_command("seed_demo", "--events", "30", "--signatures", "40", "--actions", "500", stdout=StringIO())
    assert Event.objects.filter(slug__startswith="bench-").count() == 30
    assert Signature.objects.filter(email_domain=BULK_DOMAIN).count() == 40
    assert synthetic.count() == 500
    out = StringIO()
    call_command("rebuild_results", stdout=out)
    assert "No drift" in out.getvalue()
