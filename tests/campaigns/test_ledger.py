import datetime as dt

import pytest
from django.db.models import Sum

from campaigns import ledger
from campaigns.models import Action
from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory

pytestmark = pytest.mark.django_db

AT = dt.datetime(2012, 12, 10, 18, 30, tzinfo=dt.UTC)


def test_record_appends_one_row_pointing_at_its_source():
    campaign, case, group = CampaignFactory(), CaseFactory(), LocalGroupFactory(country="PY")
    action = ledger.record(
        source=group,
        campaign=campaign,
        case=case,
        group=group,
        country="PY",
        kind=Action.Kind.PAPER_SIGNATURE,
        count=212,
        occurred_at=AT,
    )
    stored = Action.objects.get()
    assert stored == action
    assert (stored.source_type, stored.source_id) == ("campaigns.localgroup", group.pk)
    assert (stored.count, stored.country.code, stored.kind) == (212, "PY", "paper_signature")


def test_record_of_zero_writes_nothing():
    campaign, group = CampaignFactory(), LocalGroupFactory()
    assert ledger.record(source=group, campaign=campaign, kind="lantern", count=0, occurred_at=AT) is None
    assert not Action.objects.exists()


def test_retract_appends_negative_rows_per_kind_and_is_idempotent():
    campaign, group = CampaignFactory(), LocalGroupFactory()
    ledger.record(
        source=group, campaign=campaign, kind="event_participant", count=40, occurred_at=AT, country="FI"
    )
    ledger.record(source=group, campaign=campaign, kind="lantern", count=12, occurred_at=AT, country="FI")

    first = ledger.retract(source=group)
    second = ledger.retract(source=group)

    assert sorted(a.count for a in first) == [-40, -12]
    assert second == []
    assert ledger.net_count_for(group) == 0
    assert Action.objects.count() == 4
    assert Action.objects.aggregate(total=Sum("count"))["total"] == 0
