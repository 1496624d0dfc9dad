"""Demo letters for the 2012 marathon: appeals from the 36 countries, solidarity messages, one print batch.

Idempotent: the base set is only created when the case has no letters yet; `--scale N` tops the synthetic
rows up to N times the base set with bulk inserts (and their ledger rows, also in bulk).
"""

import datetime as dt
import random

from django.db import transaction

from campaigns.ledger import Kind, source_label
from campaigns.models import Action

from . import services
from .models import AppealLetter, PrintBatch, SolidarityMessage

UTC = dt.UTC

# (first name, country, language, message, status) — status: a = approved, p = pending, r = rejected
MESSAGES = [
    ("Emma", "GB", "en", "Dear Ales, people all over the world are thinking of you. You are not alone.", "a"),
    ("Kasia", "PL", "pl", "Drogi Alesiu, myślimy o Tobie w Poznaniu. Życzę Ci dużo siły i zdrowia!", "a"),
    ("Zofia", "PL", "pl", "Pozdrowienia z Warszawy — Twój portret patrzy na nas z muru. Trzymaj się!", "a"),
    ("Olga", "RU", "ru", "Дорогой Алесь, мы помним о вас и желаем вам сил и здоровья. Вы не одни.", "a"),
    ("Nasta", "UA", "be", "Дарагі Алесь, мы думаем пра Вас кожны дзень. Трымайцеся!", "a"),
    ("Yuki", "JP", "ja", "アレシュさん、東京から心を込めて。あなたは一人ではありません。", "a"),
    ("Hiroshi", "JP", "ja", "ランタンの光があなたに届きますように。希望を失わないでください。", "p"),
    ("Minji", "KR", "ko", "알레스 씨, 서울에서 응원합니다. 당신은 혼자가 아닙니다.", "a"),
    ("Jisoo", "KR", "ko", "희망을 잃지 마세요. 많은 사람들이 당신을 생각하고 있어요.", "p"),
    ("Lucía", "PY", "es", "Querido Ales, desde Asunción te mandamos mucha fuerza. ¡No estás solo!", "a"),
    ("Mateo", "VE", "es", "Un abrazo fuerte desde Caracas. Pensamos en ti y en tu familia.", "p"),
    ("Claire", "BE", "fr", "Cher Ales, de Bruxelles nous pensons à vous. Courage et espoir\u00a0!", "a"),
    ("Amadou", "ML", "fr", "Cher Ales, depuis Bamako nous vous envoyons toute notre amitié.", "p"),
    ("Aino", "FI", "en", "Greetings from the candle vigil in Helsinki. We lit a candle for you.", "a"),
    ("Tom", "IE", "en", "The regime is a gang of criminals and will fall soon!", "r"),
    ("Marek", "PL", "pl", "Twoi prawnicy powinni złożyć apelację do Strasburga.", "r"),
]
APPROVED_BODIES = [body for _, _, _, body, status in MESSAGES if status == "a"]
REJECTION_REASONS = {
    "Tom": "Insults the authorities: this could put Ales in more danger.",
    "Marek": "Comments on the legal case.",
}

# Letters written on paper by the schoolchildren of Lomé ("I wrote N").
TOGO_SCHOOLS = [("Collège Saint-Joseph", 42), ("École primaire de Bè", 27), ("Lycée de Tokoin", 35)]

CAMPAIGN_START = dt.datetime(2012, 12, 7, 10, tzinfo=UTC)


def _at(day: int, hour: int = 12) -> dt.datetime:
    return CAMPAIGN_START + dt.timedelta(days=day, hours=hour - 10)


def seed(*, core: dict, scale: int = 1) -> dict:
    case = core["case"]
    with transaction.atomic():
        if not AppealLetter.objects.filter(case=case).exists():
            _seed_base(core)
        if scale > 1:
            _seed_scaled(core, scale)
    return {"print_batch": PrintBatch.objects.filter(case=case).order_by("id").first()}


def _backdate(model, pk: int, at: dt.datetime, **fields) -> None:
    """Demo rows happened in the 2012 campaign; their ledger rows move with them."""
    obj = model.objects.get(pk=pk)
    model.objects.filter(pk=pk).update(**fields)
    Action.objects.filter(source_type=source_label(obj), source_id=pk).update(occurred_at=at)


def _seed_base(core: dict) -> None:
    case, groups = core["case"], core["groups"]
    moderator = core["coordinators"][0]
    rng = random.Random(2012)
    for n, group in enumerate(sorted(groups.values(), key=lambda g: g.slug)):
        for i in range(1 + rng.randrange(3)):
            letter = services.log_appeal_letter(
                case=case, country=str(group.country), name=f"Supporter {n}-{i}", city=group.city
            )
            at = _at(rng.randrange(80), 9 + rng.randrange(10))
            _backdate(AppealLetter, letter.pk, at, created_at=at)
    for n, (school, count) in enumerate(TOGO_SCHOOLS):
        letter = services.log_letters_written(case=case, count=count, country="TG", name=school)
        at = _at(3 + n * 5)
        _backdate(AppealLetter, letter.pk, at, created_at=at)

    by_status: dict[str, list[SolidarityMessage]] = {"a": [], "p": [], "r": []}
    written: dict[int, dt.datetime] = {}
    for day, (first_name, country, language, body, status) in enumerate(MESSAGES):
        message = services.submit_message(
            case=case, first_name=first_name, country=country, body=body, language=language
        )
        written[message.pk] = _at(day * 3)
        SolidarityMessage.objects.filter(pk=message.pk).update(created_at=written[message.pk])
        by_status[status].append(message)
    services.approve_messages(messages=by_status["a"], moderator=moderator)
    for message in by_status["r"]:
        services.reject_messages(
            messages=[message], moderator=moderator, reason=REJECTION_REASONS[message.first_name]
        )
    decided: dict[int, dt.datetime] = {}
    for message in by_status["a"] + by_status["r"]:
        decided[message.pk] = written[message.pk] + dt.timedelta(days=1, hours=3)  # read the next day
        _backdate(SolidarityMessage, message.pk, decided[message.pk], decided_at=decided[message.pk])
    # Half of the approved messages (English, Polish, Russian, Japanese, Korean) went out in one printed
    # batch, the day after the last of them was approved; the rest wait for the next one.
    printed = [by_status["a"][i] for i in (0, 1, 3, 5, 6)]
    batch = services.create_print_batch(case=case, user=moderator, messages=printed)
    printed_at = max(decided[message.pk] for message in printed) + dt.timedelta(days=1)
    PrintBatch.objects.filter(pk=batch.pk).update(created_at=printed_at)


def _seed_scaled(core: dict, scale: int) -> None:
    """(scale - 1) more synthetic letters and approved messages per group, in bulk, with their ledger rows."""
    case, campaign = core["case"], core["campaign"]
    groups = sorted(core["groups"].values(), key=lambda g: g.slug)
    target = (scale - 1) * len(groups)
    existing = AppealLetter.objects.filter(case=case, name__startswith="Scaled supporter").count()
    if existing >= target:
        return
    rng = random.Random(scale)
    letters = [
        AppealLetter(
            case=case,
            campaign=campaign,
            name=f"Scaled supporter {n}",
            city=groups[n % len(groups)].city,
            country=groups[n % len(groups)].country,
            created_at=_at(rng.randrange(80)),
        )
        for n in range(existing, target)
    ]
    messages = [
        SolidarityMessage(
            case=case,
            campaign=campaign,
            first_name="Friend",
            country=letter.country,
            body=APPROVED_BODIES[n % len(APPROVED_BODIES)],
            status=SolidarityMessage.Status.APPROVED,
            decided_by=core["coordinators"][0],
            decided_at=letter.created_at,
            created_at=letter.created_at,
        )
        for n, letter in enumerate(letters)
    ]
    AppealLetter.objects.bulk_create(letters, batch_size=2000)
    SolidarityMessage.objects.bulk_create(messages, batch_size=2000)
    Action.objects.bulk_create(
        [
            Action(
                source_type=source_label(obj),
                source_id=obj.pk,
                campaign=campaign,
                case=case,
                country=str(obj.country),
                kind=kind,
                count=1,
                occurred_at=obj.created_at,
            )
            for objs, kind in ((letters, Kind.APPEAL_LETTER), (messages, Kind.SOLIDARITY_MESSAGE))
            for obj in objs
        ],
        batch_size=2000,
    )
