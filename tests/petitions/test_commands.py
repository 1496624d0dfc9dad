import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from django.utils import timezone

from campaigns import ledger
from campaigns.models import Action
from petitions.models import PaperSignatureBatch, Petition, Signature
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_verify_petition_counts_reports_drift_and_repairs_it():
    petition = PetitionFactory(slug="free-ales")
    SignatureFactory.create_batch(3, petition=petition, status="confirmed")
    SignatureFactory(petition=petition, status="confirmed", source="paper", email="", email_normalised="")
    Petition.objects.filter(pk=petition.pk).update(signature_count=7, paper_signature_count=0)

    with pytest.raises(CommandError, match="1 petition"):
        call_command("verify_petition_counts", stdout=StringIO())
    out = StringIO()
    call_command("verify_petition_counts", "--repair", stdout=out)

    assert "repaired: free-ales: online 7 → 3, paper 0 → 1" in out.getvalue()
    petition.refresh_from_db()
    assert (petition.signature_count, petition.paper_signature_count) == (3, 1)
    out = StringIO()
    call_command("verify_petition_counts", stdout=out)
    assert "All petition counters match" in out.getvalue()


def test_send_petition_reminders_command():
    SignatureFactory(created_at=timezone.now() - dt.timedelta(days=3))
    out = StringIO()
    call_command("send_petition_reminders", stdout=out)
    call_command("send_petition_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["1 reminder(s) sent.", "0 reminder(s) sent."]
    assert len(mail.outbox) == 1


def test_demo_seeds_the_bialiatski_petition_consistently():
    call_command("seed_demo", stdout=StringIO())

    petition = Petition.objects.get(slug="free-ales-bialiatski")
    assert petition.case.slug == "ales-bialiatski" and petition.is_accepting_signatures
    assert petition.target_title == "President of the Republic of Belarus"
    signatures = Signature.objects.filter(petition=petition)
    assert set(signatures.confirmed().online().values_list("country", flat=True).distinct()).__len__() == 36
    assert signatures.filter(status="pending").count() == 36
    assert signatures.paper().count() == 15
    rally = PaperSignatureBatch.objects.get(petition=petition, group__slug="asuncion-py")
    assert rally.count == 212 and "bike rally" in rally.description
    assert rally.event is not None and rally.event.group_id == rally.group_id  # the events demo's bike rally
    campaign_start, campaign_end = (
        dt.datetime(2012, 12, 7, tzinfo=dt.UTC),
        dt.datetime(2013, 3, 1, tzinfo=dt.UTC),
    )
    assert all(campaign_start <= at < campaign_end for at in signatures.values_list("created_at", flat=True))
    assert petition.signature_count == signatures.confirmed().online().count() == 216
    batches = PaperSignatureBatch.objects.counted().filter(petition=petition).aggregate(n=Sum("count"))["n"]
    assert petition.paper_signature_count == 15 + batches == 15 + 212 + 84 + 130 + 96
    slip = PaperSignatureBatch.objects.withdrawn().get(petition=petition)
    assert (slip.count, slip.withdrawal_reason) == (960, "Typed 960 for 96; entered again.")
    mine = {k: v for k, v in ledger.ledger_totals(petition.campaign).items() if k[0].endswith("_signature")}
    recount = {
        k: v for k, v in ledger.recount_from_sources(petition.campaign).items() if k[0].endswith("_signature")
    }
    # results' demo tops the ledger up with reported paper tallies; the petition's own rows must all be there
    assert all(mine.get(key, 0) >= n for key, n in recount.items())
    assert mail.outbox == []


def test_demo_scale_adds_bulk_signatures_with_ledger_rows_and_stays_idempotent():
    from campaigns.demo import seed_core
    from petitions import demo

    core = seed_core()
    demo.seed(core=core, scale=1)
    demo.seed(core=core, scale=3)
    demo.seed(core=core, scale=3)

    petition = Petition.objects.get(slug="free-ales-bialiatski")
    bulk = Signature.objects.filter(petition=petition, email_domain="bulk.example.org")
    assert bulk.count() == 2000
    assert bulk.confirmed().count() == 1800
    petition.refresh_from_db()
    assert petition.signature_count == 216 + 1800
    online = Action.objects.filter(kind="online_signature", case=petition.case).aggregate(n=Sum("count"))["n"]
    assert online == petition.signature_count
    assert ledger.recount_from_sources(petition.campaign) == ledger.ledger_totals(petition.campaign)
    call_command("verify_petition_counts", stdout=StringIO())
