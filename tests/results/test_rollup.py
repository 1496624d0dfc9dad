import datetime as dt
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from campaigns import ledger
from campaigns.models import Action
from results.models import ActionRollup, ActionTotal, CountryHourRollup, RollupState
from results.rollup import page_totals, rollup_totals, update_rollups
from results.services import record_tally

from .factories import AT, campaign_with_case, record

pytestmark = pytest.mark.django_db


def rollups(campaign):
    return sorted(
        ActionRollup.objects.filter(campaign=campaign).values_list("country", "kind", "hour", "count"),
        key=lambda row: (row[2], row[0], row[1]),
    )


def test_update_rollups_folds_actions_into_utc_hours_once():
    campaign, case = campaign_with_case()
    record(campaign, case=case, count=5, at=AT)
    record(campaign, case=case, count=2, at=AT.replace(minute=59))
    record(campaign, case=case, country="FI", count=3, at=AT + dt.timedelta(hours=1))

    assert update_rollups() == 3
    assert update_rollups() == 0

    hour = AT.replace(minute=0)
    assert rollups(campaign) == [
        ("PL", "event_letter", hour, 7),
        ("FI", "event_letter", hour + dt.timedelta(hours=1), 3),
    ]
    state = RollupState.objects.get()
    ids = sorted(Action.objects.values_list("id", flat=True))
    assert state.last_id == ids[-1]
    # no gap among this test's ids (PostgreSQL leaves earlier tests' rolled-back ids as gaps below them)
    assert [gap for gap in state.gaps if gap[1] >= ids[0]] == []


def test_a_retraction_folds_in_as_a_negative_delta():
    campaign, case = campaign_with_case()
    tally = record_tally(campaign=campaign, case=case, country="PY", kind="lantern", count=40, occurred_at=AT)
    update_rollups()
    ledger.retract(source=tally)
    update_rollups()
    assert rollup_totals(campaign) == {}
    assert ActionRollup.objects.get(campaign=campaign).count == 0


def test_an_id_committed_late_is_folded_in_when_it_appears_and_only_once():
    campaign, case = campaign_with_case()
    first = record(campaign, case=case, count=1)
    # Action first.id + 1 is "still in an open transaction": the next visible row has a higher id.
    Action.objects.create(
        id=first.id + 2,
        campaign=campaign,
        case=case,
        country="PL",
        kind="photo",
        count=10,
        occurred_at=AT,
        source_type="test.source",
        source_id=1,
    )
    update_rollups()
    state = RollupState.objects.get()
    assert state.last_id == first.id + 2
    # (ids below `first` may be gaps too: PostgreSQL does not reuse the ids of rolled-back tests)
    assert [gap[:2] for gap in state.gaps if gap[0] > first.id] == [[first.id + 1, first.id + 1]]

    Action.objects.create(
        id=first.id + 1,
        campaign=campaign,
        case=case,
        country="PL",
        kind="poster",
        count=100,
        occurred_at=AT,
        source_type="test.source",
        source_id=2,
    )
    assert update_rollups() == 1
    assert update_rollups() == 0
    assert [gap for gap in RollupState.objects.get().gaps if gap[0] > first.id] == []
    assert (
        rollup_totals(campaign)
        == page_totals(campaign)
        == {
            ("event_letter", "PL", case.id): 1,
            ("photo", "PL", case.id): 10,
            ("poster", "PL", case.id): 100,
        }
    )


def test_a_gap_is_forgotten_after_its_ttl_and_rebuild_reports_and_repairs_the_late_row(settings):
    campaign, case = campaign_with_case()
    first = record(campaign, case=case, count=1)
    Action.objects.create(
        id=first.id + 2,
        campaign=campaign,
        case=case,
        country="PL",
        kind="photo",
        count=10,
        occurred_at=AT,
        source_type="campaigns.campaign",
        source_id=campaign.pk,
    )
    update_rollups()
    settings.RESULTS_GAP_TTL_SECONDS = 0
    update_rollups()  # the gap is now older than its TTL: forgotten
    assert RollupState.objects.get().gaps == []
    Action.objects.create(
        id=first.id + 1,
        campaign=campaign,
        case=case,
        country="PL",
        kind="poster",
        count=100,
        occurred_at=AT,
        source_type="campaigns.campaign",
        source_id=campaign.pk,
    )
    assert update_rollups() == 0  # too late for the job…

    out = StringIO()
    with pytest.raises(CommandError, match="Drift found"):
        call_command("rebuild_results", "--campaign", campaign.slug, stdout=out)
    assert (
        f"rollup drift [poster, Poland, case {case.id}]: rollups had 0, ledger has 100 (repaired)"
        in out.getvalue()
    )
    assert rollup_totals(campaign)[("poster", "PL", case.id)] == 100  # …but the rebuild repairs it


def test_rebuild_results_reports_no_drift_when_ledger_rollups_and_sources_agree():
    campaign, case = campaign_with_case()
    record_tally(campaign=campaign, case=case, country="PL", kind="photo", count=30, occurred_at=AT)
    update_rollups()
    out = StringIO()
    call_command("rebuild_results", stdout=out)
    assert f"{campaign.slug}: 30 actions in the ledger, 30 in the sources." in out.getvalue()
    assert "No drift: rollups = ledger = sources." in out.getvalue()


def test_rebuild_results_exits_non_zero_when_the_ledger_drifts_from_the_sources():
    campaign, case = campaign_with_case()
    tally = record_tally(campaign=campaign, case=case, country="PL", kind="photo", count=30, occurred_at=AT)
    type(tally).objects.filter(pk=tally.pk).update(count=31)  # a source changed behind the ledger's back

    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("rebuild_results", "--campaign", campaign.slug, stdout=out)
    assert error.value.returncode == 1
    assert f"ledger drift [photo, Poland, case {case.id}]: ledger has 30, sources say 31" in out.getvalue()


def test_rebuild_results_repairs_a_tampered_rollup():
    campaign, case = campaign_with_case()
    record(campaign, case=case, count=4)
    update_rollups()
    ActionRollup.objects.update(count=99)
    with pytest.raises(CommandError):
        call_command("rebuild_results", stdout=StringIO())
    assert rollup_totals(campaign) == {("event_letter", "PL", case.id): 4}


def test_rebuild_results_repairs_the_tables_the_pages_read():
    campaign, case = campaign_with_case()
    record(campaign, case=case, country="FI", count=4)
    update_rollups()
    ActionTotal.objects.update(count=5)
    CountryHourRollup.objects.update(count=6)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("rebuild_results", stdout=out)
    assert (
        f"rollup drift [event_letter, Finland, case {case.id}]: rollups had 5, ledger has 4 (repaired)"
        in out.getvalue()
    )
    assert page_totals(campaign) == {("event_letter", "FI", case.id): 4}
    assert list(CountryHourRollup.objects.values_list("country", "count")) == [("FI", 4)]


def test_rebuild_results_refuses_an_unknown_campaign():
    with pytest.raises(CommandError, match="No campaign with the slug 'nope'"):
        call_command("rebuild_results", "--campaign", "nope", stdout=StringIO())


def test_update_results_command_reports_how_many_rows_it_folded():
    campaign, case = campaign_with_case()
    record(campaign, case=case)
    out = StringIO()
    call_command("update_results", stdout=out)
    assert out.getvalue() == "Folded 1 ledger rows into the rollups.\n"


@pytest.mark.django_db(transaction=True)
def test_a_ledger_write_schedules_the_rollup_after_commit():
    campaign, case = campaign_with_case()
    with transaction.atomic():
        record(campaign, case=case, count=3)
        record(campaign, case=case, count=4)
        assert not ActionRollup.objects.exists()  # nothing before the commit
    assert rollup_totals(campaign) == {("event_letter", "PL", case.id): 7}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL and real concurrency")
@pytest.mark.django_db(transaction=True)
def test_an_action_committed_after_a_later_one_is_counted_exactly_once_on_postgresql():
    campaign, case = campaign_with_case()
    allocated, release = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                record(campaign, case=case, country="FI", count=100)  # takes the lower id
                allocated.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert allocated.wait(10)
    record(campaign, case=case, country="PL", count=1)  # higher id, committed first
    update_rollups()
    assert rollup_totals(campaign) == {("event_letter", "PL", case.id): 1}
    assert RollupState.objects.get().gaps  # the slow writer's id is awaited

    release.set()
    thread.join(10)
    update_rollups()
    update_rollups()
    assert rollup_totals(campaign) == {
        ("event_letter", "PL", case.id): 1,
        ("event_letter", "FI", case.id): 100,
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL and real concurrency")
@pytest.mark.django_db(transaction=True)
def test_concurrent_rollup_runs_never_fold_a_row_twice_on_postgresql():
    campaign, case = campaign_with_case()
    for n in range(50):
        record(campaign, case=case, count=1, at=AT + dt.timedelta(hours=n))
    ActionRollup.objects.all().delete()
    RollupState.objects.all().delete()
    errors = []

    def run():
        try:
            update_rollups(batch_size=7)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert rollup_totals(campaign) == {("event_letter", "PL", case.id): 50}


def test_fold_in_bulk_folds_like_the_job_and_records_a_missing_id_as_a_gap():
    from results.rollup import fold_in_bulk

    campaign, case = campaign_with_case()
    record(campaign, case=case, count=5, at=AT)
    missing = record(campaign, case=case, count=100, at=AT)
    record(campaign, case=case, country="FI", count=3, at=AT + dt.timedelta(hours=1))
    record(campaign, case=case, count=2, at=AT.replace(minute=59))
    Action.objects.filter(pk=missing.pk).delete()  # as if its transaction were still open

    assert fold_in_bulk() == 3
    assert fold_in_bulk() == 0
    assert update_rollups() == 0  # the job sees nothing left to fold
    hour = AT.replace(minute=0)
    assert rollups(campaign) == [
        ("PL", "event_letter", hour, 7),
        ("FI", "event_letter", hour + dt.timedelta(hours=1), 3),
    ]
    assert page_totals(campaign) == rollup_totals(campaign)
    state = RollupState.objects.get()
    assert [missing.pk, missing.pk] in [gap[:2] for gap in state.gaps]
