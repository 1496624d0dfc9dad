"""Demo events: the 2012 marathon on the ground, plus upcoming events so the public list is never empty.

Idempotent: events are looked up by slug, and sign-ups, reports and ledger rows are only made for events this
run created. `scale` N adds (N - 1) synthetic copies of every upcoming event, with sign-ups, in bulk inserts.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from . import counting
from .models import Event, EventReport, Registration, ReportCaseCount

K = Event.Kind

ZONES = {
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BM": "Atlantic/Bermuda",
    "BG": "Europe/Sofia",
    "CA": "America/Toronto",
    "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague",
    "FI": "Europe/Helsinki",
    "GH": "Africa/Accra",
    "IS": "Atlantic/Reykjavik",
    "IE": "Europe/Dublin",
    "IT": "Europe/Rome",
    "JP": "Asia/Tokyo",
    "LV": "Europe/Riga",
    "LU": "Europe/Luxembourg",
    "ML": "Africa/Bamako",
    "MT": "Europe/Malta",
    "MD": "Europe/Chisinau",
    "MN": "Asia/Ulaanbaatar",
    "PY": "America/Asuncion",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "PR": "America/Puerto_Rico",
    "RO": "Europe/Bucharest",
    "RU": "Europe/Moscow",
    "SK": "Europe/Bratislava",
    "SI": "Europe/Ljubljana",
    "KR": "Asia/Seoul",
    "SE": "Europe/Stockholm",
    "CH": "Europe/Zurich",
    "TW": "Asia/Taipei",
    "TG": "Africa/Lome",
    "TN": "Africa/Tunis",
    "UA": "Europe/Kyiv",
    "VE": "America/Caracas",
    "GB": "Europe/London",
}

# Past events in December 2012: (group slug, kind, title, day, hour, hours, venue, report counts).
# Report counts: participants, letters, lanterns, posters, photos, paper signatures.
SPECIAL_2012 = {
    "tokyo-jp": (
        K.LANTERN_WORKSHOP,
        "Lantern workshop for Ales Bialiatski",
        8,
        14,
        3,
        "Shibuya community hall",
        (45, 120, 60, 0, 30, 0),
    ),
    "seoul-kr": (
        K.LANTERN_WORKSHOP,
        "Paper lanterns for Viasna",
        9,
        15,
        3,
        "Insadong cultural centre",
        (38, 95, 52, 0, 25, 0),
    ),
    "asuncion-py": (
        K.BIKE_RALLY,
        "Bike rally with a petition for Ales",
        8,
        9,
        4,
        "Plaza de los Héroes",
        (120, 40, 0, 0, 60, 850),
    ),
    "ljubljana-si": (
        K.POSTER_DRIVE,
        "Posters across Ljubljana",
        10,
        11,
        5,
        "Prešeren Square",
        (22, 30, 0, 180, 40, 0),
    ),
    "helsinki-fi": (
        K.CANDLE_VIGIL,
        "Candle vigil on Senate Square",
        10,
        17,
        2,
        "Senate Square",
        (150, 210, 0, 0, 35, 0),
    ),
    "warsaw-pl": (
        K.ART_ACTION,
        "Street portrait of Ales Bialiatski",
        9,
        12,
        6,
        "Praga district wall",
        (30, 80, 0, 12, 90, 0),
    ),
    "poznan-pl": (
        K.PHOTO_ACTION,
        "24-hour photo action: Free Ales",
        8,
        10,
        24,
        "Old Market Square",
        (400, 1500, 0, 0, 320, 0),
    ),
    "luxembourg-lu": (
        K.LIGHT_SHOW,
        "Lanterns on the Alzette",
        10,
        18,
        2,
        "Grund riverside",
        (80, 60, 140, 0, 45, 0),
    ),
    "lome-tg": (
        K.SCHOOL_SESSION,
        "Human rights session at Lycée de Tokoin",
        11,
        9,
        3,
        "Lycée de Tokoin",
        (160, 320, 0, 0, 15, 0),
    ),
    "dublin-ie": (K.CONCERT, "Songs for freedom", 12, 20, 3, "The Workman's Club", (90, 70, 0, 0, 20, 0)),
    "london-gb": (
        K.STREET_STALL,
        "Write for Rights stall on the South Bank",
        8,
        11,
        6,
        "South Bank Centre",
        (60, 240, 0, 40, 18, 0),
    ),
    "reykjavik-is": (K.ONLINE, "Online letter-writing hour", 11, 20, 1, "", (25, 50, 0, 0, 0, 0)),
    "bern-ch": (
        K.OTHER,
        "Letters on the Bundesplatz Christmas market",
        15,
        14,
        4,
        "Bundesplatz",
        (40, 110, 10, 10, 10, 0),
    ),
}
DEFAULT_2012 = (
    K.LETTER_WRITING,
    "Letter-writing evening",
    10,
    18,
    3,
    "Café of the local group",
    (20, 55, 0, 0, 5, 0),
)

# Upcoming events (group slug, kind, title, days from today, capacity, sign-ups).
UPCOMING = [
    ("poznan-pl", K.LETTER_WRITING, "Letter-writing evening in Poznań", 9, 30, 12),
    ("warsaw-pl", K.PHOTO_ACTION, "Photo action on Krakowskie Przedmieście", 12, None, 8),
    ("helsinki-fi", K.CANDLE_VIGIL, "Candle vigil for prisoners of conscience", 15, None, 10),
    ("tokyo-jp", K.LANTERN_WORKSHOP, "Lantern workshop in Tokyo", 20, 6, 9),  # full, waiting list
    ("seoul-kr", K.LANTERN_WORKSHOP, "Lantern workshop in Seoul", 22, 5, 5),  # exactly full
    ("asuncion-py", K.BIKE_RALLY, "Bike rally for human rights", 25, None, 14),
    ("ljubljana-si", K.POSTER_DRIVE, "Poster drive in Ljubljana", 18, 12, 4),
    ("luxembourg-lu", K.LIGHT_SHOW, "Lanterns on the river", 28, None, 6),
    ("lome-tg", K.SCHOOL_SESSION, "School session in Lomé", 14, 4, 6),  # full, waiting list
    ("london-gb", K.STREET_STALL, "Street stall on the South Bank", 10, None, 3),
    ("montreal-ca", K.CONCERT, "Concert for Write for Rights", 30, 80, 20),
    ("prague-cz", K.LETTER_WRITING, "Letter-writing evening in Prague", 11, 25, 7),
    ("reykjavik-is", K.ONLINE, "Online letter-writing hour", 7, None, 5),
    ("vienna-at", K.ART_ACTION, "Chalk art on the Stephansplatz", 16, None, 2),
    ("lisbon-pt", K.OTHER, "Letters and music in Alfama", 21, 40, 3),
]
# The Warsaw group writes its event in Polish only, as a host proposing it on /pl/ would: every other language
# shows the Polish text (marked lang="pl"), never a blank card.
WRITTEN_IN_POLISH = {
    "upcoming-warsaw-pl-photo-action": (
        "Akcja fotograficzna na Krakowskim Przedmieściu",
        "Robimy zdjęcia z hasłem „Uwolnić Alesia Bialackiego” pod pomnikiem Kopernika. Przynieś telefon i "
        "dobry humor; plansze z hasłem zapewniamy. Zdjęcia wyślemy do Wiasny jako wyraz solidarności.",
    ),
}
CANCELLED = ("dublin-ie", K.LETTER_WRITING, "Letter-writing evening in Dublin", 13, 20, 4)
# The volunteer's evening that took place yesterday, featuring no case and not reported yet: My events offers
# "Report results" with a letters field for each of the campaign's cases, and the hourly reminder run asks her.
JUST_HELD = ("asuncion-py", K.LETTER_WRITING, "Letter-writing evening at the Asunción library", -1, 30, 9)
PENDING = ("helsinki-fi", K.LETTER_WRITING, "Letter-writing in Kallio library", 24, 20, 0)

FIRST_NAMES = [
    "Ana",
    "Jan",
    "Aino",
    "Yuki",
    "Min-jun",
    "Kofi",
    "Marta",
    "Luis",
    "Eva",
    "Tomas",
    "Sara",
    "Omar",
]
LAST_NAMES = [
    "Kowalska",
    "Virtanen",
    "Sato",
    "Kim",
    "Mensah",
    "González",
    "Novak",
    "Müller",
    "Silva",
    "Rossi",
]


def seed(*, core: dict, scale: int) -> dict:
    campaign, case, groups = core["campaign"], core["case"], core["groups"]
    hosts = _hosts(core)
    created = []
    with transaction.atomic():
        for slug, group in groups.items():
            kind, title, day, hour, hours, venue, counts = SPECIAL_2012.get(slug, DEFAULT_2012)
            if slug not in SPECIAL_2012:
                title = f"{title} in {group.city}"
            start = dt.datetime(2012, 12, day, hour, tzinfo=ZoneInfo(ZONES[group.country.code]))
            event, new = _event(
                slug=f"2012-{slug}",
                title=title,
                kind=kind,
                campaign=campaign,
                case=case,
                group=group,
                host=hosts(group),
                starts_at=start,
                hours=hours,
                venue=venue,
                capacity=None,
                status=Event.Status.PUBLISHED,
            )
            if new:
                _signups(event, min(counts[0], 12), start - dt.timedelta(days=5))
                _approved_report(event, case, counts, hosts(group))
                created.append(event)
        today = timezone.now().replace(minute=0, second=0, microsecond=0)
        for status, rows in (
            (Event.Status.PUBLISHED, [*UPCOMING, JUST_HELD]),
            (Event.Status.CANCELLED, [CANCELLED]),
            (Event.Status.PENDING, [PENDING]),
        ):
            for slug, kind, title, days, capacity, signups in rows:
                group = groups[slug]
                local = timezone.localtime(
                    today + dt.timedelta(days=days), ZoneInfo(ZONES[group.country.code])
                )
                start = local.replace(hour=18)
                event, new = _event(
                    slug=f"upcoming-{slug}-{kind.replace('_', '-')}",
                    title=title,
                    kind=kind,
                    campaign=campaign,
                    case=None if title == JUST_HELD[2] else case,
                    group=group,
                    host=hosts(group),
                    starts_at=start,
                    hours=3,
                    venue="" if kind == K.ONLINE else f"{group.city} community centre",
                    capacity=capacity,
                    status=status,
                )
                if new:
                    _signups(event, signups, timezone.now() - dt.timedelta(days=2))
                    created.append(event)
        if scale > 1:
            _seed_scaled(campaign=campaign, case=case, groups=groups, hosts=hosts, scale=scale)
    return {"events_created": len(created)}


def _hosts(core):
    by_group = {}
    for coordinator in core["coordinators"]:
        for group in coordinator.local_groups.all():
            by_group.setdefault(group.pk, coordinator)
    volunteer = core["volunteer"]

    def host_for(group):
        if group.slug == "asuncion-py":
            return volunteer
        return by_group.get(group.pk, core["staff"])

    return host_for


def _event(
    *,
    slug,
    title,
    kind,
    campaign,
    case,
    group,
    host,
    starts_at,
    hours,
    venue,
    capacity,
    status,
    featured_case=...,
):
    existing = Event.objects.filter(slug=slug).first()
    if existing:
        return existing, False
    event = Event.objects.create(
        slug=slug,
        title=title,
        kind=kind,
        campaign=campaign,
        group=group,
        host=host,
        description=_description(kind, group),
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        timezone=starts_at.tzinfo,
        venue_name=venue,
        address="",
        city=group.city,
        country=group.country,
        online_url="https://meet.example.org/write-for-rights" if kind == K.ONLINE else "",
        capacity=capacity,
        accessibility_notes=(
            "Captions on; ask us about anything you need."
            if kind == K.ONLINE
            else "Step-free access; ask us about anything you need."
        ),
        status=status,
        published_at=timezone.now() if status == Event.Status.PUBLISHED else None,
        cancellation_reason="The venue closed for renovation." if status == Event.Status.CANCELLED else "",
    )
    if slug in WRITTEN_IN_POLISH:
        event.title_pl, event.description_pl = WRITTEN_IN_POLISH[slug]
        event.title_en = event.description_en = ""
        event.save(
            update_fields=["title", "title_en", "title_pl", "description", "description_en", "description_pl"]
        )
    if case is not None:  # the case it features
        event.cases.add(case)
    return event, True


def _description(kind, group) -> str:
    return (
        f"Join the {group.city} group for the Write for Rights marathon. We bring paper, pens, envelopes and "
        "stamps, the sample letters, and tea. Write to the Belarusian authorities for the release of Ales "
        "Bialiatski, and a message of solidarity to him."
        + (" We also collect signatures for the petition on paper." if kind == K.BIKE_RALLY else "")
    )


def _people(count: int, event_pk: int, start: int = 0):
    for n in range(start, start + count):
        first, last = FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[(n // 3) % len(LAST_NAMES)]
        yield f"{first} {last}", f"supporter{n}.event{event_pk}@example.org"


def _signups(event: Event, count: int, at: dt.datetime) -> None:
    rows = []
    for n, (name, email) in enumerate(_people(count, event.pk)):
        full = event.capacity is not None and n >= event.capacity
        rows.append(
            Registration(
                event=event,
                name=name,
                email=email,
                consent=True,
                status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
                created_at=at + dt.timedelta(minutes=n),
            )
        )
    Registration.objects.bulk_create(rows)


def _approved_report(event: Event, case, counts, host) -> None:
    participants, letters, lanterns, posters, photos, paper = counts
    report = EventReport.objects.create(
        event=event,
        submitted_by=host,
        participants=participants,
        paper_signatures=paper,
        lanterns=lanterns,
        posters=posters,
        photos_taken=photos,
        notes="A warm evening; several people came back with friends.",
        status=EventReport.Status.APPROVED,
        reviewed_at=event.ends_at + dt.timedelta(days=2),
    )
    ReportCaseCount.objects.create(report=report, case=case, letters=letters)
    counting.record_report(report)


def _seed_scaled(*, campaign, case, groups, hosts, scale: int) -> None:
    """(scale - 1) copies of every upcoming event, each with its sign-ups, in bulk."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    wanted = {}
    for copy in range(2, scale + 1):
        for index, (slug, kind, title, days, capacity, signups) in enumerate(UPCOMING):
            group = groups[slug]
            start = now + dt.timedelta(days=days + copy % 60, hours=index)
            wanted[f"upcoming-{slug}-{kind.replace('_', '-')}-{copy}"] = (
                Event(
                    slug=f"upcoming-{slug}-{kind.replace('_', '-')}-{copy}",
                    title=f"{title} #{copy}",
                    kind=kind,
                    campaign=campaign,
                    group=group,
                    host=hosts(group),
                    description=_description(kind, group),
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=3),
                    timezone=ZoneInfo(ZONES[group.country.code]),
                    venue_name=f"{group.city} community centre",
                    city=group.city,
                    country=group.country,
                    capacity=capacity,
                    status=Event.Status.PUBLISHED,
                    published_at=now,
                ),
                signups,
            )
    existing = set(Event.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    missing = {slug: row for slug, row in wanted.items() if slug not in existing}
    Event.objects.bulk_create([event for event, _ in missing.values()], batch_size=1000)
    events = Event.objects.filter(slug__in=missing).only("pk", "slug", "capacity")
    Event.cases.through.objects.bulk_create(
        [Event.cases.through(event_id=event.pk, case_id=case.pk) for event in events], batch_size=2000
    )
    registrations = []
    for event in events:
        for n, (name, email) in enumerate(_people(missing[event.slug][1], event.pk)):
            full = event.capacity is not None and n >= event.capacity
            registrations.append(
                Registration(
                    event_id=event.pk,
                    name=name,
                    email=email,
                    consent=True,
                    status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=2000)


BENCH_SLUG_PREFIX = "bench-"
BENCH_KINDS = [
    K.LETTER_WRITING,
    K.LANTERN_WORKSHOP,
    K.CANDLE_VIGIL,
    K.BIKE_RALLY,
    K.POSTER_DRIVE,
    K.STREET_STALL,
]
BENCH_CHUNK = 5000


def seed_bench(*, core: dict, wanted: int) -> int:
    """Top the synthetic upcoming events up to `wanted` (`seed_demo --events N`), for the benchmark.

    Spread over the demo's groups and the coming year, every fourth with a capacity, each with 0–3 sign-ups.
    Bulk inserts in chunks, so 100,000 events load in a minute or two. Returns how many were added.
    """
    campaign, case, groups = core["campaign"], core["case"], list(core["groups"].values())
    hosts = _hosts(core)
    have = Event.objects.filter(slug__startswith=BENCH_SLUG_PREFIX).count()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for start_at in range(have, wanted, BENCH_CHUNK):
        numbers = range(start_at, min(start_at + BENCH_CHUNK, wanted))
        with transaction.atomic():
            events = Event.objects.bulk_create(
                [_bench_event(n, campaign, groups[n % len(groups)], hosts, now) for n in numbers]
            )
            Event.cases.through.objects.bulk_create(
                [Event.cases.through(event_id=event.pk, case_id=case.pk) for event in events]
            )
            Registration.objects.bulk_create(
                [
                    Registration(event_id=event.pk, name=name, email=email, consent=True)
                    for n, event in zip(numbers, events, strict=True)
                    for name, email in _people(n % 4, event.pk)
                ]
            )
    return max(wanted - have, 0)


def _bench_event(n: int, campaign, group, hosts, now: dt.datetime) -> Event:
    kind = BENCH_KINDS[n % len(BENCH_KINDS)]
    start = now + dt.timedelta(days=1 + n % 365, hours=n % 11)
    return Event(
        slug=f"{BENCH_SLUG_PREFIX}{n}",
        title=f"{kind.label} in {group.city} #{n}",
        kind=kind,
        campaign=campaign,
        group=group,
        host=hosts(group),
        description=_description(kind, group),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        timezone=ZoneInfo(ZONES[group.country.code]),
        venue_name=f"{group.city} community centre",
        city=group.city,
        country=group.country,
        capacity=20 + n % 40 if n % 4 == 0 else None,
        status=Event.Status.PUBLISHED,
        published_at=now,
    )
