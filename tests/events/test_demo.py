from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Sum

from campaigns import ledger
from campaigns.models import Action, Campaign, Case
from events.models import Event, EventReport, Registration

pytestmark = pytest.mark.django_db


def test_demo_events_cover_every_kind_country_and_state():
    call_command("seed_demo", verbosity=0)
    events = Event.objects.all()
    assert {e.kind for e in events} == set(Event.Kind.values)
    assert len({e.country.code for e in events}) == 36
    assert events.published().upcoming().exists()
    assert events.filter(status=Event.Status.CANCELLED).count() == 1
    assert events.filter(status=Event.Status.PENDING, group__slug="helsinki-fi").count() == 1
    assert Registration.objects.filter(status=Registration.Status.WAITLISTED).exists()
    just_held = events.get(
        slug="upcoming-asuncion-py-letter-writing"
    )  # yesterday, to report, featuring no case
    assert just_held.is_past and not just_held.cases.exists() and not hasattr(just_held, "report")
    assert just_held.reportable_cases() == list(Case.objects.public().in_campaign(just_held.campaign))
    approved = EventReport.objects.filter(status=EventReport.Status.APPROVED)
    assert approved.count() == events.filter(starts_at__year=2012).count() == 37
    campaign = Campaign.objects.get(slug="write-for-rights-2012")
    recounted = ledger._recounters["events.report"](campaign)
    rows = (
        Action.objects.filter(campaign=campaign, source_type="events.eventreport")
        .values_list("kind", "country", "case_id")
        .annotate(net=Sum("count"))
    )
    assert +recounted == +Counter({(kind, country, case): net for kind, country, case, net in rows})
    tokyo = events.get(slug="2012-tokyo-jp")
    assert (tokyo.kind, tokyo.local_starts_at.hour, str(tokyo.timezone)) == (
        "lantern_workshop",
        14,
        "Asia/Tokyo",
    )


def test_demo_events_are_idempotent_and_scale_in_bulk():
    call_command("seed_demo", verbosity=0)
    counts = (Event.objects.count(), Registration.objects.count(), EventReport.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Event.objects.count(), Registration.objects.count(), EventReport.objects.count()) == counts
    call_command("seed_demo", "--scale", "3", verbosity=0)
    upcoming_base = 15
    assert Event.objects.count() == counts[0] + 2 * upcoming_base
    assert Registration.objects.count() > counts[1]
    call_command("seed_demo", "--scale", "3", verbosity=0)
    assert Event.objects.count() == counts[0] + 2 * upcoming_base


def test_the_demo_has_an_event_written_in_polish_only_and_titled_in_every_language(client):
    call_command("seed_demo", verbosity=0)
    warsaw = Event.objects.get(slug="upcoming-warsaw-pl-photo-action")

    english = client.get(warsaw.get_absolute_url()).content.decode()

    assert (warsaw.title_en, warsaw.title_pl) == ("", "Akcja fotograficzna na Krakowskim Przedmieściu")
    assert '<h1 lang="pl">Akcja fotograficzna na Krakowskim Przedmieściu</h1>' in english
