"""Reads for the results pages. They touch only the rollups (never the ledger) and are cached per rollup
version, so a page costs the same at ten thousand and at ten million actions."""

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, Sum
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import get_language
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname

from campaigns.models import Action, Campaign, Case

from .models import ActionTotal, CountryHourRollup, RollupState

WINDOW = dt.timedelta(hours=24)
CACHE_SECONDS = 3600


@dataclass
class BestDay:
    country: str
    actions: int
    starts_at: dt.datetime

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + WINDOW

    @property
    def country_name(self) -> str:
        return countries.name(self.country)


@dataclass(frozen=True)
class CaseActions:
    """A case's actions in a campaign, with its name in every language: the results are cached once for all
    languages, and each page shows the name in its own (English when the case has none in it)."""

    id: int
    slug: str
    names: dict[str, str]
    actions: int

    @property
    def name(self) -> str:
        return self.names.get(get_language() or "en") or self.names.get("en") or self.slug


@dataclass
class CampaignResults:
    total: int = 0
    by_country: list[tuple[str, int]] = field(default_factory=list)  # (code, actions), most first
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_case: list[CaseActions] = field(default_factory=list)  # most first
    by_hour: list[tuple[dt.datetime, int]] = field(default_factory=list)  # UTC hours, in order
    by_day: list[tuple[dt.date, int]] = field(default_factory=list)  # days in the server's time zone
    best_24h: list[BestDay] = field(default_factory=list)
    updated_at: dt.datetime | None = None

    @property
    def countries(self) -> int:
        return len(self.by_country)

    def country_rows(self) -> list[dict]:
        return [
            {"code": code, "name": countries.name(code), "numeric": countries.numeric(code), "actions": n}
            for code, n in self.by_country
        ]

    def kind_rows(self) -> list[dict]:
        labels = dict(Action.Kind.choices)
        return [
            {"kind": kind, "label": str(labels.get(kind, kind)), "actions": n} for kind, n in self.by_kind
        ]

    def case_actions(self, case_id: int) -> int | None:
        return next((row.actions for row in self.by_case if row.id == case_id), None)


def rollup_state() -> RollupState:
    state = RollupState.objects.filter(id=1).first()
    return state or RollupState(id=1, updated_at=None)  # the job has never run


def campaign_results(campaign: Campaign, *, state: RollupState | None = None) -> CampaignResults:
    state = state or rollup_state()
    key = f"results:campaign:{campaign.pk}:{state.version}"
    results = cache.get(key)
    if results is None:
        results = _compute(campaign)
        results.updated_at = state.updated_at
        cache.set(key, results, CACHE_SECONDS)
    return results


def _compute(campaign: Campaign) -> CampaignResults:
    by_country: dict[str, int] = defaultdict(int)
    by_kind: dict[str, int] = defaultdict(int)
    by_case: dict[int, int] = defaultdict(int)
    total = 0
    for country, kind, case_id, n in ActionTotal.objects.filter(campaign=campaign).values_list(
        "country", "kind", "case_id", "count"
    ):
        total += n
        by_country[country] += n
        by_kind[kind] += n
        if case_id is not None:
            by_case[case_id] += n
    hourly_by_country: dict[str, list[tuple[dt.datetime, int]]] = defaultdict(list)
    by_hour: dict[dt.datetime, int] = defaultdict(int)
    # Hours come back as text and each distinct hour is parsed once: tens of thousands of country-hours
    # would otherwise spend most of the page's time converting timestamps.
    parse = functools.lru_cache(maxsize=None)(_parse_hour)
    for country, hour_text, n in (
        CountryHourRollup.objects.filter(campaign=campaign, count__gt=0)
        .annotate(hour_text=Cast("hour", CharField()))
        .order_by("country", "hour")
        .values_list("country", "hour_text", "count")
    ):
        hour = parse(hour_text)
        hourly_by_country[country].append((hour, n))
        by_hour[hour] += n
    cases = Case.objects.filter(pk__in=by_case).only("slug", "name") if by_case else []  # every language
    by_day: dict[dt.date, int] = defaultdict(int)
    for hour, n in by_hour.items():
        by_day[timezone.localtime(hour).date()] += n
    best = [
        BestDay(country, *best_window(series))
        for country, series in hourly_by_country.items()
        if country and by_country.get(country, 0) > 0
    ]
    return CampaignResults(
        total=total,
        by_country=_most_first((c, n) for c, n in by_country.items() if c and n > 0),
        by_kind=_most_first((k, n) for k, n in by_kind.items() if n > 0),
        by_case=sorted(
            (CaseActions(c.pk, c.slug, _names(c), by_case[c.pk]) for c in cases if by_case[c.pk] > 0),
            key=lambda row: (-row.actions, row.names.get("en", "")),
        ),
        by_hour=sorted((h, n) for h, n in by_hour.items() if n),
        by_day=sorted((d, n) for d, n in by_day.items() if n),
        best_24h=sorted((b for b in best if b.actions > 0), key=lambda b: (-b.actions, b.country)),
    )


def _names(case: Case) -> dict[str, str]:
    names = ((code, getattr(case, build_localized_fieldname("name", code))) for code, _ in settings.LANGUAGES)
    return {code: name for code, name in names if name}


def _parse_hour(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _most_first(pairs) -> list[tuple[str, int]]:
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


def best_window(
    hours: list[tuple[dt.datetime, int]], width: dt.timedelta = WINDOW
) -> tuple[int, dt.datetime]:
    """The most actions in any `width` of time, over hourly buckets sorted by time (aware datetimes).

    A window [start, start + width) starts at a bucket; starting anywhere else never holds more. Buckets are
    UTC hours, so 24 hours are 24 real hours whatever the time zone or daylight-saving change.
    """
    best, best_start = 0, hours[0][0] if hours else timezone.now()
    running, end = 0, 0
    for start, n in hours:
        while end < len(hours) and hours[end][0] < start + width:
            running += hours[end][1]
            end += 1
        if running > best:
            best, best_start = running, start
        running -= n
    return best, best_start


def campaign_totals(campaign_ids: list[int], *, state: RollupState | None = None) -> dict[int, int]:
    state = state or rollup_state()
    key = f"results:totals:{state.version}"
    totals = cache.get(key)
    if totals is None:
        totals = dict(
            ActionTotal.objects.order_by()
            .values_list("campaign_id")
            .annotate(n=Sum("count"))
            .values_list("campaign_id", "n")
        )
        cache.set(key, totals, CACHE_SECONDS)
    return {pk: totals.get(pk, 0) for pk in campaign_ids}


def case_total(case: Case, *, state: RollupState | None = None) -> int:
    """Actions for a case across all campaigns (cached per rollup version)."""
    state = state or rollup_state()
    key = f"results:case:{case.pk}:{state.version}"
    total = cache.get(key)
    if total is None:
        total = ActionTotal.objects.filter(case=case).aggregate(n=Sum("count"))["n"] or 0
        cache.set(key, total, CACHE_SECONDS)
    return total
