"""The rollup job: fold new ledger rows into `ActionRollup`, exactly once, under an advisory lock.

Why gaps: ids come from a sequence when a row is inserted, but transactions commit in any order. When the
job reads the ledger, action 101 may be visible while action 100 is still in an open transaction. A plain
"id > last processed id" watermark would then skip 100 for ever. So the job remembers every id range below
its watermark that it did not see (`RollupState.gaps`, ranges with the time they were first missed), reads
those ranges again on every run, folds in the rows that have appeared and narrows the ranges. A range is
forgotten after `RESULTS_GAP_TTL_SECONDS` (ten minutes by default): an id missing that long belonged to a
rolled-back transaction. Each row is folded exactly once because the rollup rows and the state advance in
the same transaction, and only one job runs at a time (a PostgreSQL transaction-level advisory lock; SQLite
serialises writers anyway). `rebuild_results` recomputes everything and reports any difference.
"""

import datetime as dt
import logging
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Trunc
from django.utils import timezone

from campaigns.models import Action, Campaign

from .models import ActionRollup, ActionTotal, CountryHourRollup, RollupState

logger = logging.getLogger(__name__)

ADVISORY_LOCK_KEY = 7_104_731  # any constant shared by every process running the job
MAX_GAP_RANGES = 1000

RollupKey = tuple[int, int | None, str, str, dt.datetime]  # campaign, case, country, kind, hour


@contextmanager
def rollup_lock():
    """Serialise rollup runs. Must be entered inside a transaction: the lock ends with it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
    yield  # SQLite: one writer at a time already, the lock is a no-op


def hour_of(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def update_rollups(*, batch_size: int | None = None) -> int:
    """Fold every visible, not yet folded ledger row into the rollups. Returns how many rows were folded."""
    batch_size = batch_size or settings.RESULTS_ROLLUP_BATCH
    folded = 0
    while True:
        count, more = _fold_batch(batch_size)
        folded += count
        if not more:
            return folded


def _fold_batch(batch_size: int) -> tuple[int, bool]:
    with transaction.atomic(), rollup_lock():
        state = _locked_state()
        now = timezone.now()
        gaps = _live_gaps(state.gaps, now)
        where = Q(id__gt=state.last_id)
        for low, high, _seen in gaps:
            where |= Q(id__gte=low, id__lte=high)
        rows = list(
            Action.objects.filter(where)
            .order_by("id")
            .values_list("id", "campaign_id", "case_id", "country", "kind", "count", "occurred_at")[
                :batch_size
            ]
        )
        seen = {row[0] for row in rows if row[0] <= state.last_id}
        new_ids = [row[0] for row in rows if row[0] > state.last_id]
        gaps = _narrow_gaps(gaps, seen)
        if new_ids:
            top = max(new_ids)
            gaps += _missing_ranges(state.last_id, top, set(new_ids), now)
            state.last_id = top
        if len(gaps) > MAX_GAP_RANGES:
            logger.warning("results: %d gap ranges; forgetting the oldest", len(gaps) - MAX_GAP_RANGES)
            gaps = sorted(gaps, key=lambda gap: gap[2])[-MAX_GAP_RANGES:]
        changed = bool(rows) or gaps != state.gaps
        if rows:
            _apply(_deltas(rows))
            state.version += 1
            state.updated_at = now
        if changed:
            state.gaps = sorted(gaps)
            state.save()
    return len(rows), len(rows) == batch_size


def fold_in_bulk() -> int:
    """The same fold as `update_rollups`, for millions of new ledger rows at once (bulk loads, benchmarks).

    One aggregate query sums the new rows by hour in the database instead of reading each row into Python;
    ids missing below the new watermark become gaps exactly as the job would record them. Same lock, same
    state, so the job and this never fold a row twice. Returns how many rows were folded.
    """
    with transaction.atomic(), rollup_lock():
        state = _locked_state()
        top = Action.objects.filter(id__gt=state.last_id).aggregate(top=Max("id"))["top"]
        if top is None:
            return 0
        rows = (
            Action.objects.filter(id__gt=state.last_id, id__lte=top)
            .annotate(bucket=Trunc("occurred_at", "hour", tzinfo=dt.UTC))
            .values_list("campaign_id", "case_id", "country", "kind", "bucket")
            .annotate(n=Sum("count"), rows=Count("id"))
            .order_by()
        )
        deltas: dict[RollupKey, int] = defaultdict(int)
        folded = 0
        for campaign_id, case_id, country, kind, bucket, n, row_count in rows:
            deltas[(campaign_id, case_id, country or "", kind, hour_of(bucket))] += n
            folded += row_count
        now = timezone.now()
        gaps = (state.gaps or []) + _missing_ranges_in_database(state.last_id, top, now)
        if len(gaps) > MAX_GAP_RANGES:
            logger.warning("results: %d gap ranges; forgetting the oldest", len(gaps) - MAX_GAP_RANGES)
            gaps = sorted(gaps, key=lambda gap: gap[2])[-MAX_GAP_RANGES:]
        _apply(deltas)
        state.last_id, state.gaps = top, sorted(gaps)
        state.version += 1
        state.updated_at = now
        state.save()
    return folded


def _missing_ranges_in_database(last_id: int, top: int, now: dt.datetime) -> list[list]:
    """Ranges of ids in (last_id, top] with no visible ledger row, found by the database (a window query)."""
    table = connection.ops.quote_name(Action._meta.db_table)
    # bandit B608: the table name comes from the model, quoted; the values are bound parameters.
    sql = (
        f"SELECT previous + 1, id - 1 FROM (SELECT id, LAG(id, 1, %s) OVER (ORDER BY id) AS previous "  # nosec B608
        f"FROM {table} WHERE id > %s AND id <= %s) AS ids WHERE id > previous + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [last_id, last_id, top])
        return [[low, high, now.isoformat()] for low, high in cursor.fetchall()]


def _locked_state() -> RollupState:
    RollupState.objects.get_or_create(id=1)
    return RollupState.objects.select_for_update().get(id=1)


def _live_gaps(gaps, now: dt.datetime) -> list[list]:
    ttl = dt.timedelta(seconds=settings.RESULTS_GAP_TTL_SECONDS)
    live = []
    for low, high, seen_at in gaps or []:
        if now - dt.datetime.fromisoformat(seen_at) <= ttl:
            live.append([low, high, seen_at])
        else:
            logger.info("results: ids %s–%s never appeared; treating them as rolled back", low, high)
    return live


def _narrow_gaps(gaps: list[list], seen: set[int]) -> list[list]:
    """Cut the ids that have now appeared (`seen`, all below the watermark) out of the gap ranges."""
    narrowed = []
    found_ids = sorted(seen)
    for low, high, seen_at in gaps:
        start = low
        for found in (i for i in found_ids if low <= i <= high):
            if found > start:
                narrowed.append([start, found - 1, seen_at])
            start = found + 1
        if start <= high:
            narrowed.append([start, high, seen_at])
    return narrowed


def _missing_ranges(last_id: int, top: int, present: set[int], now: dt.datetime) -> list[list]:
    ranges = []
    expected = last_id + 1
    for found in sorted(present):
        if found > expected:
            ranges.append([expected, found - 1, now.isoformat()])
        expected = found + 1
    return [r for r in ranges if r[0] <= top]


def _deltas(rows) -> dict[RollupKey, int]:
    deltas: dict[RollupKey, int] = defaultdict(int)
    for _id, campaign_id, case_id, country, kind, count, occurred_at in rows:
        deltas[(campaign_id, case_id, country or "", kind, hour_of(occurred_at))] += count
    return deltas


def _apply(deltas: dict[RollupKey, int]) -> None:
    """Add the deltas to the hourly rollups and to the two coarser tables the pages read."""
    totals: dict[tuple, int] = defaultdict(int)
    country_hours: dict[tuple, int] = defaultdict(int)
    for (campaign_id, case_id, country, kind, hour), delta in deltas.items():
        totals[(campaign_id, case_id, country, kind)] += delta
        country_hours[(campaign_id, country, hour)] += delta
    campaign_ids = {key[0] for key in deltas}
    hours = {key[4] for key in deltas}
    _upsert(
        ActionRollup,
        ["campaign_id", "case_id", "country", "kind", "hour"],
        deltas,
        ActionRollup.objects.filter(campaign_id__in=campaign_ids, hour__in=hours),
    )
    _upsert(
        ActionTotal,
        ["campaign_id", "case_id", "country", "kind"],
        totals,
        ActionTotal.objects.filter(campaign_id__in=campaign_ids),
    )
    _upsert(
        CountryHourRollup,
        ["campaign_id", "country", "hour"],
        country_hours,
        CountryHourRollup.objects.filter(campaign_id__in=campaign_ids, hour__in=hours),
    )


def _upsert(model, key_fields: list[str], deltas: dict[tuple, int], candidates) -> None:
    """Add `deltas` (keyed like `key_fields`) to `model`'s rows, creating the missing ones.

    Only safe under the rollup lock: no other run writes these rows meanwhile.
    """
    existing = {tuple(getattr(row, f) for f in key_fields): row for row in candidates}
    to_update, to_create = [], []
    for key, delta in deltas.items():
        if not delta:
            continue
        row = existing.get(key)
        if row is None:
            to_create.append(model(count=delta, **dict(zip(key_fields, key, strict=True))))
        else:
            row.count += delta
            to_update.append(row)
    model.objects.bulk_update(to_update, ["count"], batch_size=1000)
    model.objects.bulk_create(to_create, batch_size=1000)


# --- rebuilding from the ledger ---------------------------------------------------------------------


def _folded_actions(state: RollupState):
    """The ledger rows the rollups claim to contain: up to the watermark, minus the open gaps."""
    rows = Action.objects.filter(id__lte=state.last_id)
    for low, high, _seen in state.gaps or []:
        rows = rows.exclude(id__gte=low, id__lte=high)
    return rows


def rollup_totals(campaign: Campaign) -> dict[tuple[str, str, int | None], int]:
    """Totals per (kind, country, case) as the hourly rollups hold them."""
    rows = (
        ActionRollup.objects.filter(campaign=campaign)
        .values_list("kind", "country", "case_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return {(kind, country, case_id): n for kind, country, case_id, n in rows if n}


def page_totals(campaign: Campaign) -> dict[tuple[str, str, int | None], int]:
    """Totals per (kind, country, case) as the tables the pages read hold them (both must agree)."""
    rows = ActionTotal.objects.filter(campaign=campaign).values_list("kind", "country", "case_id", "count")
    by_hour = dict(
        CountryHourRollup.objects.filter(campaign=campaign)
        .values_list("country")
        .annotate(n=Sum("count"))
        .order_by()
    )
    totals = {(kind, country, case_id): n for kind, country, case_id, n in rows if n}
    by_country: dict[str, int] = defaultdict(int)
    for (_kind, country, _case), n in totals.items():
        by_country[country] += n
    if {c: n for c, n in by_country.items() if n} != {c: n for c, n in by_hour.items() if n}:
        totals[("country-hours", "", None)] = -1  # marks the two page tables as disagreeing
    return totals


def rebuild_rollups(campaign: Campaign) -> dict[tuple[str, str, int | None], tuple[int, int]]:
    """Recompute `campaign`'s rollups from the ledger. Returns the keys whose totals differed: (was, is)."""
    update_rollups()
    with transaction.atomic(), rollup_lock():
        state = _locked_state()
        before, before_pages = rollup_totals(campaign), page_totals(campaign)
        rows = (
            _folded_actions(state)
            .filter(campaign=campaign)
            .annotate(bucket=Trunc("occurred_at", "hour", tzinfo=dt.UTC))
            .values_list("case_id", "country", "kind", "bucket")
            .annotate(n=Sum("count"))
            .order_by()
        )
        deltas = {
            (campaign.pk, case_id, country, kind, bucket): n
            for case_id, country, kind, bucket, n in rows
            if n
        }
        for model in (ActionRollup, ActionTotal, CountryHourRollup):
            model.objects.filter(campaign=campaign).delete()
        _apply(deltas)
        after = rollup_totals(campaign)
        state.version += 1
        state.updated_at = timezone.now()
        state.save()
    drift = {}
    for earlier in (before, before_pages):
        for key in set(earlier) | set(after):
            if earlier.get(key, 0) != after.get(key, 0):
                drift[key] = (earlier.get(key, 0), after.get(key, 0))
    return drift
