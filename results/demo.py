"""Demo data for results: make the 2012 marathon add up the way the round-ups tell it.

Runs after the events, petitions and letters demos. It counts what they recorded in the ledger and tops it
up with tallies that sections reported for their offline actions (paper letters, lanterns, posters, photo
actions…), so that the campaign holds exactly 104,731 actions in the 36 countries and Poland's best
24 hours are exactly 30,894. Idempotent: once the Polish big-day tally exists nothing is added again.
`--scale N` adds (N - 1) × 10,000 small synthetic tallies with bulk inserts, for benchmarks (the story's
exact numbers then no longer hold).
"""

import datetime as dt
import random
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery, Sum

from campaigns.demo import GROUPS_2012
from campaigns.models import Action

from .models import ReportedTally
from .rollup import fold_in_bulk, hour_of, update_rollups
from .services import record_tally

TOTAL_2012 = 104_731
POLAND_BEST_24H = 30_894
POLAND_SPREAD = 1_248  # Polish actions on other days of the marathon
BIG_HOUR = dt.datetime(2012, 12, 10, 11, 0, tzinfo=dt.UTC)  # Human Rights Day, noon in Poznań
BIG_DAY_NOTE = "Human Rights Day in Poland: graffiti, photo actions and letter-writing in 24 hours"
BIG_DAY_SPLIT = [  # hours after BIG_HOUR, kind, share of the big day
    (0, Action.Kind.EVENT_LETTER, 0.30),
    (1, Action.Kind.PHOTO, 0.20),
    (2, Action.Kind.PAPER_SIGNATURE, 0.20),
    (4, Action.Kind.EVENT_PARTICIPANT, 0.15),
    (6, Action.Kind.POSTER, 0.15),
]
BENCHMARK_NOTE = "[benchmark] synthetic tally"
BENCHMARK_PER_SCALE = 10_000
BENCH_ACTIONS_NOTE = "[benchmark] synthetic actions, spread over the campaign's hours"
BENCH_ACTIONS_CHUNK = 500_000

# What each section reported doing, and how big its marathon was (a relative weight).
FLAVOURS = {
    "JP": (4, [Action.Kind.LANTERN, Action.Kind.EVENT_LETTER, Action.Kind.EVENT_PARTICIPANT]),
    "KR": (4, [Action.Kind.LANTERN, Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE]),
    "PY": (2, [Action.Kind.EVENT_PARTICIPANT, Action.Kind.PHOTO, Action.Kind.PAPER_SIGNATURE]),
    "SI": (3, [Action.Kind.POSTER, Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE]),
    "FI": (5, [Action.Kind.EVENT_PARTICIPANT, Action.Kind.LANTERN, Action.Kind.EVENT_LETTER]),
    "LU": (2, [Action.Kind.LANTERN, Action.Kind.EVENT_LETTER]),
    "GB": (6, [Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE, Action.Kind.PHOTO]),
    "CA": (5, [Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE]),
    "CZ": (3, [Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE, Action.Kind.EVENT_PARTICIPANT]),
    "SK": (3, [Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE]),
    "IT": (4, [Action.Kind.PAPER_SIGNATURE, Action.Kind.EVENT_LETTER]),
    "CH": (4, [Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE]),
    "BE": (4, [Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE]),
    "TW": (3, [Action.Kind.EVENT_LETTER, Action.Kind.PHOTO]),
    "TG": (2, [Action.Kind.EVENT_PARTICIPANT, Action.Kind.EVENT_LETTER]),
    "UA": (2, [Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE]),
}
DEFAULT_FLAVOUR = (2, [Action.Kind.EVENT_LETTER, Action.Kind.PAPER_SIGNATURE, Action.Kind.EVENT_PARTICIPANT])
TALLIES_PER_COUNTRY = 6


def seed(*, core: dict, scale: int = 1) -> dict:
    campaign, case = core["campaign"], core["case"]
    groups = _group_per_country(core["groups"])
    if not ReportedTally.objects.filter(campaign=campaign, note=BIG_DAY_NOTE).exists():
        with transaction.atomic():
            _top_up_2012(campaign=campaign, case=case, groups=groups, staff=core.get("staff"))
    if scale > 1:
        _seed_benchmark(campaign=campaign, case=case, groups=groups, scale=scale)
    _seed_gallery(campaign)
    update_rollups()
    return {}


def _group_per_country(groups: dict) -> dict:
    chosen = {}
    for slug, group in sorted(groups.items()):
        country = str(group.country)
        if country not in chosen or slug == "poznan-pl":
            chosen[country] = group
    return chosen


def _ledger_by_country(campaign) -> dict[str, int]:
    rows = Action.objects.filter(campaign=campaign).values_list("country").annotate(n=Sum("count")).order_by()
    return defaultdict(int, dict(rows))


def _polish_hours_near(campaign, hour: dt.datetime) -> dict[dt.datetime, int]:
    near = defaultdict(int)
    rows = Action.objects.filter(
        campaign=campaign,
        country="PL",
        occurred_at__gte=hour - dt.timedelta(hours=30),
        occurred_at__lt=hour + dt.timedelta(hours=31),
    ).values_list("occurred_at", "count")
    for occurred_at, count in rows:
        near[hour_of(occurred_at)] += count
    return near


def _top_up_2012(*, campaign, case, groups, staff) -> None:
    rng = random.Random(2012)
    current = _ledger_by_country(campaign)
    last_big_hour = BIG_HOUR + dt.timedelta(hours=BIG_DAY_SPLIT[-1][0])

    # Poland's other days first (kept more than a day away from the big day), then the big day itself.
    _spread(
        campaign, case, groups["PL"], POLAND_SPREAD, [Action.Kind.PHOTO, Action.Kind.EVENT_LETTER], rng, staff
    )
    near = _polish_hours_near(campaign, BIG_HOUR)
    # Of the windows that hold every big-day hour, the one with the most actions already recorded decides.
    starts = [last_big_hour - dt.timedelta(hours=23 - i) for i in range(24 - BIG_DAY_SPLIT[-1][0])]
    already = max(
        sum(n for h, n in near.items() if start <= h < start + dt.timedelta(hours=24)) for start in starts
    )
    big_day = POLAND_BEST_24H - already
    remaining = big_day
    for i, (offset, kind, share) in enumerate(BIG_DAY_SPLIT):
        count = remaining if i == len(BIG_DAY_SPLIT) - 1 else round(big_day * share)
        remaining -= count
        moment = BIG_HOUR + dt.timedelta(hours=offset, minutes=20)
        _tally(campaign, case, groups["PL"], kind, count, moment, staff, note=BIG_DAY_NOTE)

    # Every other country shares what is left, by the size of its marathon.
    others = [country for country, _city in GROUPS_2012 if country != "PL"]
    poland = current["PL"] + POLAND_SPREAD + big_day
    left = TOTAL_2012 - poland - sum(current[c] for c in others)
    if left < len(others):
        raise RuntimeError("The other demos already record more actions than the 2012 marathon had.")
    for country, extra in _share(left, {c: FLAVOURS.get(c, DEFAULT_FLAVOUR)[0] for c in others}).items():
        kinds = FLAVOURS.get(country, DEFAULT_FLAVOUR)[1]
        _spread(campaign, case, groups[country], extra, kinds, rng, staff)


def _share(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Split `total` by `weights` exactly (largest remainders)."""
    weight_sum = sum(weights.values())
    exact = {key: total * w / weight_sum for key, w in weights.items()}
    shares = {key: int(value) for key, value in exact.items()}
    for key in sorted(exact, key=lambda k: exact[k] - shares[k], reverse=True)[
        : total - sum(shares.values())
    ]:
        shares[key] += 1
    return shares


def _spread(campaign, case, group, total: int, kinds, rng: random.Random, staff) -> None:
    """`total` actions in a few tallies over the campaign's weeks, never within a day of Poland's big day."""
    if total <= 0:
        return
    parts = min(TALLIES_PER_COUNTRY, total)
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    start = dt.datetime.combine(campaign.starts_on, dt.time(9), tzinfo=dt.UTC)
    days = (campaign.ends_on - campaign.starts_on).days
    for count in counts:
        moment = start + dt.timedelta(
            days=rng.randrange(days), hours=rng.randrange(11), minutes=rng.randrange(60)
        )
        if abs(moment - BIG_HOUR) < dt.timedelta(hours=36):
            moment += dt.timedelta(days=3)
        _tally(
            campaign,
            case,
            group,
            rng.choice(kinds),
            count,
            moment,
            staff,
            note=f"Reported by the {group.city} group",
        )


def _tally(campaign, case, group, kind, count, moment, staff, *, note: str) -> None:
    record_tally(
        campaign=campaign,
        case=case,
        country=str(group.country),
        group=group,
        kind=kind,
        count=count,
        occurred_at=moment,
        note=note,
        entered_by=staff,
    )


def _seed_benchmark(*, campaign, case, groups, scale: int) -> None:
    """(scale - 1) × 10,000 small tallies and their ledger rows, in bulk."""
    wanted = (scale - 1) * BENCHMARK_PER_SCALE
    have = ReportedTally.objects.filter(campaign=campaign, note=BENCHMARK_NOTE).count()
    if have >= wanted:
        return
    rng = random.Random(scale)
    group_list = list(groups.values())
    start = dt.datetime.combine(campaign.starts_on, dt.time(0), tzinfo=dt.UTC)
    hours = (campaign.ends_on - campaign.starts_on).days * 24
    for offset in range(have, wanted, 5000):
        size = min(5000, wanted - offset)
        with transaction.atomic():
            tallies = ReportedTally.objects.bulk_create(
                [
                    ReportedTally(
                        campaign=campaign,
                        case=case,
                        group=(group := rng.choice(group_list)),
                        country=str(group.country),
                        kind=rng.choice(Action.Kind.values),
                        count=rng.randint(1, 5),
                        occurred_at=start
                        + dt.timedelta(hours=rng.randrange(hours), minutes=rng.randrange(60)),
                        note=BENCHMARK_NOTE,
                    )
                    for _ in range(size)
                ]
            )
            Action.objects.bulk_create(
                [
                    Action(
                        source_type="results.reportedtally",
                        source_id=t.pk,
                        campaign=campaign,
                        case=case,
                        group=t.group,
                        country=t.country,
                        kind=t.kind,
                        count=t.count,
                        occurred_at=t.occurred_at,
                    )
                    for t in tallies
                ],
                batch_size=2000,
            )


# Captions for the gallery, as the sections' round-ups told it: (country, city, caption, colour).
GALLERY = [
    ("LU", "Luxembourg", "Lanterns on the river in Luxembourg", (255, 196, 0)),
    ("PY", "Asunción", "A bike rally in Paraguay", (0, 150, 136)),
    ("JP", "Tokyo", "Lanterns for Ales Bialiatski in Tokyo", (230, 81, 0)),
    ("KR", "Seoul", "Paper lanterns for Viasna in Seoul", (198, 40, 40)),
    ("SI", "Ljubljana", "Posters across Ljubljana", (55, 71, 79)),
    ("PL", "Warsaw", "The street portrait of Ales Bialiatski in Warsaw", (21, 101, 192)),
    ("PL", "Poznań", "24 hours of photo actions in Poznań", (106, 27, 154)),
]


def _seed_gallery(campaign) -> None:
    """A few published photos on approved event reports, when the events demo has such reports."""
    try:
        from events.models import EventReport, ReportPhoto
    except ImportError:  # the gallery needs the events app
        return
    for country, city, caption, colour in GALLERY:
        report = (
            EventReport.objects.filter(
                event__campaign=campaign,
                event__country=country,
                event__city=city,
                status=EventReport.Status.APPROVED,
            )
            .order_by("pk")
            .first()
        )
        if report is None or ReportPhoto.objects.filter(report=report, caption=caption).exists():
            continue
        photo = ReportPhoto(report=report, caption=caption, publish_consent=True)
        photo.image.save(f"{city.lower()}-{country.lower()}.png", _poster(caption, colour), save=False)
        photo.save()


def _poster(caption: str, colour: tuple[int, int, int]):
    """A simple generated picture (a lantern-like circle on a coloured ground) standing in for a real photo."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 150, 500, 350), fill=(255, 230, 0), outline=(0, 0, 0), width=6)
    draw.rectangle((0, 500, 800, 600), fill=(0, 0, 0))
    draw.text((24, 530), caption, fill=(255, 255, 255))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def seed_bench(*, core: dict, wanted: int) -> int:
    """`seed_demo --actions N`: at least N synthetic ledger rows for the demo campaign, folded into the rollups.

    Each row belongs to one of a few hundred synthetic tallies (one per country and kind) whose counts are
    set to the sum of their rows, so recounting from the sources still agrees with the ledger. PostgreSQL
    generates the rows itself (INSERT … SELECT generate_series), so ten million take minutes; other databases
    get the same rows through bulk inserts. Returns how many rows were added.
    """
    campaign, case = core["campaign"], core["case"]
    tallies = _bench_tallies(campaign, case, _group_per_country(core["groups"]))
    have = Action.objects.filter(
        source_type="results.reportedtally", source_id__in=[t.pk for t in tallies]
    ).count()
    start = dt.datetime.combine(campaign.starts_on, dt.time(0), tzinfo=dt.UTC)
    minutes = max((campaign.ends_on - campaign.starts_on).days, 1) * 24 * 60
    insert = _insert_actions_postgresql if connection.vendor == "postgresql" else _insert_actions_orm
    for low in range(have, wanted, BENCH_ACTIONS_CHUNK):
        with transaction.atomic():
            insert(campaign, case, tallies, low, min(low + BENCH_ACTIONS_CHUNK, wanted), start, minutes)
    sums = (
        Action.objects.filter(source_type="results.reportedtally", source_id=OuterRef("pk"))
        .order_by()
        .values("source_id")
        .annotate(n=Sum("count"))
        .values("n")
    )
    ReportedTally.objects.filter(pk__in=[t.pk for t in tallies]).update(count=Subquery(sums))
    fold_in_bulk()
    return max(wanted - have, 0)


def _bench_tallies(campaign, case, groups: dict) -> list[ReportedTally]:
    existing = list(ReportedTally.objects.filter(campaign=campaign, note=BENCH_ACTIONS_NOTE).order_by("pk"))
    if existing:
        return existing
    moment = dt.datetime.combine(campaign.starts_on, dt.time(12), tzinfo=dt.UTC)
    return ReportedTally.objects.bulk_create(
        [
            ReportedTally(
                campaign=campaign,
                case=case,
                group=group,
                country=str(group.country),
                kind=kind,
                count=1,  # set to the sum of its ledger rows once they are written
                occurred_at=moment,
                note=BENCH_ACTIONS_NOTE,
            )
            for _country, group in sorted(groups.items())
            for kind in Action.Kind.values
        ]
    )


def _bench_action(tallies, n: int, start: dt.datetime, minutes: int) -> tuple:
    """Row n: (tally, count, occurred_at), the same formula as the SQL below."""
    tally = tallies[n % len(tallies)]
    return tally, 1 + n % 5, start + dt.timedelta(minutes=(n * 7919) % minutes)


def _insert_actions_orm(campaign, case, tallies, low: int, high: int, start, minutes: int) -> None:
    rows = []
    for n in range(low, high):
        tally, count, moment = _bench_action(tallies, n, start, minutes)
        rows.append(
            Action(
                source_type="results.reportedtally",
                source_id=tally.pk,
                campaign=campaign,
                case=case,
                group_id=tally.group_id,
                country=tally.country,
                kind=tally.kind,
                count=count,
                occurred_at=moment,
            )
        )
    Action.objects.bulk_create(rows, batch_size=2000)


def _insert_actions_postgresql(campaign, case, tallies, low: int, high: int, start, minutes: int) -> None:
    sql = """
        INSERT INTO campaigns_action
            (campaign_id, case_id, group_id, country, kind, count, occurred_at, source_type, source_id, recorded_at)
        SELECT %(campaign)s, %(case)s, (%(groups)s::bigint[])[1 + n %% %(k)s], (%(countries)s::text[])[1 + n %% %(k)s],
            (%(kinds)s::text[])[1 + n %% %(k)s], 1 + n %% 5,
            %(start)s::timestamptz + ((n * 7919) %% %(minutes)s) * interval '1 minute',
            'results.reportedtally', (%(ids)s::bigint[])[1 + n %% %(k)s], now()
        FROM generate_series(%(low)s::bigint, %(high)s::bigint - 1) AS n
    """
    params = {
        "campaign": campaign.pk,
        "case": case.pk,
        "groups": [t.group_id for t in tallies],
        "countries": [str(t.country) for t in tallies],
        "kinds": [t.kind for t in tallies],
        "ids": [t.pk for t in tallies],
        "k": len(tallies),
        "start": start,
        "minutes": minutes,
        "low": low,
        "high": high,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
