"""Demo data: the 2012 petition for Ales Bialiatski's release, signed online and on paper in 36 countries.

Idempotent: the hand-made signatures are added only when the petition is first created; `--scale N` tops
the synthetic signatures up to (N - 1) × 1,000 (so `--scale 1001` is a million), written with bulk inserts
together with their ledger rows and the counters, exactly as the services would have left them.
"""

import datetime as dt
import random

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from campaigns.demo import GROUPS_2012
from campaigns.ledger import source_label
from campaigns.mailboxes import normalise_email
from campaigns.models import Action

from . import services
from .models import CONSENT_TEXT_VERSION, Petition, Signature

SLUG = "free-ales-bialiatski"
SCALED_PER_UNIT = 1_000
BULK_DOMAIN = "bulk.example.org"
CHUNK = 20_000
CAMPAIGN_START = dt.datetime(2012, 12, 7, 9, 0, tzinfo=dt.UTC)
CAMPAIGN_SECONDS = int((dt.datetime(2013, 2, 28, 20, 0, tzinfo=dt.UTC) - CAMPAIGN_START).total_seconds())

PETITION = {
    "title": "Free Ales Bialiatski",
    "target_name": "Alyaksandr Lukashenka",
    "target_title": "President of the Republic of Belarus",
    "text": (
        "Mr President,\n\n"
        "Ales Bialiatski, head of the Human Rights Centre Viasna and Vice-President of FIDH, is serving four "
        "and a half years in a strict-regime colony on a tax charge brought to punish his human rights work. "
        "The UN Working Group on Arbitrary Detention has found his detention arbitrary.\n\n"
        "We, the undersigned, call on the Belarusian authorities to release Ales Bialiatski immediately and "
        "unconditionally, to quash his conviction, to return the property confiscated from him and Viasna, "
        "and to let human rights defenders in Belarus work without fear of reprisal."
    ),
    "goal": 50_000,
    "opens_at": CAMPAIGN_START,
    "status": Petition.Status.OPEN,
    # Translations (django-modeltranslation): signers on /pl/, /ru/, /be/, /fr/ and /es/ read the petition in
    # their language.
    "title_pl": "Uwolnić Alesia Bialackiego",
    "target_title_pl": "Prezydent Republiki Białorusi",
    "text_pl": (
        "Szanowny Panie Prezydencie,\n\n"
        "Aleś Bialacki, przewodniczący Centrum Praw Człowieka „Wiasna” i wiceprzewodniczący FIDH, odbywa karę "
        "czterech i pół roku kolonii karnej o zaostrzonym rygorze na podstawie zarzutu podatkowego, który ma go "
        "ukarać za działalność na rzecz praw człowieka. Grupa Robocza ONZ ds. Arbitralnych Zatrzymań uznała jego "
        "pozbawienie wolności za arbitralne.\n\n"
        "My, niżej podpisani, wzywamy władze Białorusi do natychmiastowego i bezwarunkowego uwolnienia Alesia "
        "Bialackiego, uchylenia wyroku, zwrotu mienia skonfiskowanego jemu i „Wiaśnie” oraz do umożliwienia "
        "obrońcom praw człowieka na Białorusi pracy bez obawy przed represjami."
    ),
    "title_ru": "Свободу Алесю Беляцкому",
    "target_title_ru": "Президент Республики Беларусь",
    "text_ru": (
        "Господин Президент,\n\n"
        "Алесь Беляцкий, руководитель Правозащитного центра «Весна» и вице-президент FIDH, отбывает четыре с "
        "половиной года в колонии усиленного режима по налоговому обвинению, выдвинутому в наказание за его "
        "правозащитную деятельность. Рабочая группа ООН по произвольным задержаниям признала его содержание под "
        "стражей произвольным.\n\n"
        "Мы, нижеподписавшиеся, призываем власти Беларуси немедленно и безоговорочно освободить Алеся Беляцкого, "
        "отменить его приговор, вернуть имущество, конфискованное у него и у «Весны», и позволить правозащитникам "
        "в Беларуси работать без страха преследований."
    ),
    "title_be": "Свабоду Алесю Бяляцкаму",
    "target_title_be": "Прэзідэнт Рэспублікі Беларусь",
    "text_be": (
        "Спадар Прэзідэнт,\n\n"
        "Алесь Бяляцкі, старшыня Праваабарончага цэнтра «Вясна» і віцэ-прэзідэнт FIDH, адбывае чатыры з паловай "
        "гады ў калоніі ўзмоцненага рэжыму па падатковым абвінавачванні, якое мае пакараць яго за праваабарончую "
        "дзейнасць. Працоўная група ААН па адвольных затрыманнях прызнала яго зняволенне адвольным.\n\n"
        "Мы, ніжэйпадпісаныя, заклікаем беларускія ўлады неадкладна і безумоўна вызваліць Алеся Бяляцкага, "
        "адмяніць яго прысуд, вярнуць маёмасць, канфіскаваную ў яго і ў «Вясны», і дазволіць праваабаронцам у "
        "Беларусі працаваць без страху перад рэпрэсіямі."
    ),
    "title_fr": "Libérez Ales Bialiatski",
    "target_title_fr": "Président de la République du Bélarus",
    "text_fr": (
        "Monsieur le Président,\n\n"
        "Ales Bialiatski, président du Centre de défense des droits humains Viasna et vice-président de la FIDH, "
        "purge une peine de quatre ans et demi dans une colonie pénitentiaire à régime sévère, sur la base d’une "
        "accusation fiscale destinée à le punir pour son travail en faveur des droits humains. Le Groupe de "
        "travail de l’ONU sur la détention arbitraire a estimé que sa détention était arbitraire.\n\n"
        "Nous, soussignés, appelons les autorités bélarussiennes à libérer Ales Bialiatski immédiatement et sans "
        "condition, à annuler sa condamnation, à restituer les biens confisqués à lui-même et à Viasna, et à "
        "permettre aux défenseurs des droits humains au Bélarus de travailler sans craindre de représailles."
    ),
    "title_es": "Libertad para Ales Bialiatski",
    "target_title_es": "Presidente de la República de Bielorrusia",
    "text_es": (
        "Señor Presidente:\n\n"
        "Ales Bialiatski, director del Centro de Derechos Humanos Viasna y vicepresidente de la FIDH, cumple una "
        "condena de cuatro años y medio en una colonia penitenciaria de régimen estricto por un cargo fiscal "
        "presentado para castigar su labor en favor de los derechos humanos. El Grupo de Trabajo de la ONU sobre "
        "la Detención Arbitraria ha determinado que su detención es arbitraria.\n\n"
        "Los abajo firmantes pedimos a las autoridades bielorrusas que pongan en libertad a Ales Bialiatski de "
        "inmediato y sin condiciones, que anulen su condena, que devuelvan los bienes confiscados a él y a Viasna, "
        "y que permitan a los defensores y defensoras de los derechos humanos en Bielorrusia trabajar sin miedo a "
        "represalias."
    ),
}

FIRST_NAMES = [
    "Anna",
    "Jan",
    "Aino",
    "Mikko",
    "Hiroshi",
    "Yuki",
    "María",
    "José",
    "Ji-woo",
    "Min-jun",
    "Ana",
    "Luka",
    "Claire",
    "Marc",
    "Kofi",
    "Ama",
    "Olena",
    "Taras",
    "Sofia",
    "Lars",
    "Eva",
    "Tomás",
    "Chloé",
    "Amadou",
]
LAST_NAMES = [
    "Nowak",
    "Virtanen",
    "Tanaka",
    "Benítez",
    "Kim",
    "Novak",
    "Dubois",
    "Mensah",
    "Shevchenko",
    "Lindqvist",
    "Horvat",
    "Rossi",
    "Silva",
    "Murphy",
    "Traoré",
    "Popescu",
    "Ivanova",
    "Schmid",
    "Chen",
    "Kowalski",
]
# Counted batches: (group slug, count, what, collected on)
BATCHES = [
    ("asuncion-py", 212, "Sheets signed at the end of the Asunción bike rally", dt.date(2012, 12, 8)),
    ("tokyo-jp", 84, "Lantern workshop in Tokyo", dt.date(2012, 12, 8)),
    ("helsinki-fi", 130, "Candle vigil in Helsinki", dt.date(2012, 12, 10)),
    ("ljubljana-si", 96, "Poster exhibition in Ljubljana", dt.date(2012, 12, 14)),
]
PAPER_NAMED_GROUPS = ["poznan-pl", "asuncion-py", "seoul-kr"]


def seed(*, core: dict, scale: int) -> dict:
    with transaction.atomic():
        petition, created = Petition.objects.get_or_create(
            slug=SLUG, defaults={**PETITION, "campaign": core["campaign"], "case": core["case"]}
        )
        if created:
            _seed_story(petition, core)
        added = _seed_scaled(petition, scale)
    return {"petition": petition, "petition_signatures_scaled": added}


def _moment(rng: random.Random) -> dt.datetime:
    return CAMPAIGN_START + dt.timedelta(seconds=rng.randrange(CAMPAIGN_SECONDS))


def _seed_story(petition: Petition, core: dict) -> None:
    rng = random.Random(2012)
    rows = []
    for n, (country, city) in enumerate(GROUPS_2012):
        for i in range(7):
            first, last = FIRST_NAMES[(n + i) % len(FIRST_NAMES)], LAST_NAMES[(n * 3 + i) % len(LAST_NAMES)]
            status = Signature.Status.PENDING if i == 6 else Signature.Status.CONFIRMED
            rows.append(
                _signature(
                    petition,
                    first,
                    last,
                    f"{slugify(first)}.{slugify(last)}.{country.lower()}{i}@example.org",
                    country,
                    city,
                    status,
                    _moment(rng),
                    show_first_name=i % 2 == 0,
                    consent=i % 3 == 0,
                )
            )
    insert_signatures(petition, rows)
    groups = core["groups"]
    coordinator = core["coordinators"][0] if core.get("coordinators") else None
    for slug in PAPER_NAMED_GROUPS:
        group = groups[slug]
        signers = [
            services.Signer(
                FIRST_NAMES[(k * 5) % 24], LAST_NAMES[(k * 7) % 20], "", str(group.country), group.city
            )
            for k in range(5)
        ]
        services.add_paper_signatures(
            petition=petition,
            group=group,
            signers=signers,
            entered_by=coordinator,
            collected_at=dt.datetime(2012, 12, 10, 15, 0, tzinfo=dt.UTC),
        )
    for slug, count, description, collected_on in BATCHES:
        event = _event_of(groups[slug]) if slug == "asuncion-py" else None
        services.add_paper_batch(
            event=event,
            petition=petition,
            group=groups[slug],
            count=count,
            description=description,
            collected_on=collected_on,
            entered_by=coordinator,
        )
    # A typing slip, withdrawn and entered right above: the list shows how a wrong batch is taken back.
    slip = services.add_paper_batch(
        petition=petition,
        group=groups["ljubljana-si"],
        count=960,
        description="Poster exhibition in Ljubljana",
        collected_on=dt.date(2012, 12, 14),
        entered_by=coordinator,
    )
    services.withdraw_paper_batch(batch=slip, by=coordinator, reason="Typed 960 for 96; entered again.")


def _event_of(group):
    """The bike rally the events demo created for this group (the batch was collected there)."""
    from events.models import Event

    events = Event.objects.filter(group=group).order_by("starts_at")
    return events.filter(kind=Event.Kind.BIKE_RALLY).first() or events.first()


def _signature(
    petition, first, last, email, country, city, status, at, *, show_first_name, consent
) -> Signature:
    confirmed = status == Signature.Status.CONFIRMED
    normalised = normalise_email(email)
    return Signature(
        petition=petition,
        first_name=first,
        last_name=last,
        email=email,
        email_normalised=normalised,
        email_domain=normalised.rsplit("@", 1)[-1],
        country=country,
        city=city,
        consent_to_contact=consent,
        consent_text_version="2012-12-v1" if consent else "",
        consent_form="petition-page" if consent else "",
        show_first_name=show_first_name,
        status=status,
        source=Signature.Source.ONLINE,
        created_at=at,
        confirmed_at=at + dt.timedelta(minutes=7) if confirmed else None,
    )


def insert_signatures(petition: Petition, rows: list[Signature]) -> int:
    """Bulk-insert online signatures with the ledger rows and counter the services would have written."""
    created = Signature.objects.bulk_create(rows, batch_size=5000)
    confirmed = [s for s in created if s.status == Signature.Status.CONFIRMED]
    label = source_label(Signature)
    Action.objects.bulk_create(
        [
            Action(
                source_type=label,
                source_id=s.pk,
                campaign_id=petition.campaign_id,
                case_id=petition.case_id,
                country=str(s.country),
                kind=Action.Kind.ONLINE_SIGNATURE,
                count=1,
                occurred_at=s.confirmed_at,
            )
            for s in confirmed
        ],
        batch_size=5000,
    )
    Petition.objects.filter(pk=petition.pk).update(signature_count=F("signature_count") + len(confirmed))
    return len(created)


def _seed_scaled(petition: Petition, scale: int) -> int:
    return _top_up_synthetic(petition, (scale - 1) * SCALED_PER_UNIT)


def seed_bench(*, core: dict, wanted: int) -> int:
    """`seed_demo --signatures N`: at least N synthetic online signatures on the demo petition."""
    with transaction.atomic():
        return _top_up_synthetic(core["petition"], wanted)


def _top_up_synthetic(petition: Petition, wanted: int) -> int:
    if wanted <= 0:
        return 0
    have = Signature.objects.filter(petition=petition, email_domain=BULK_DOMAIN).count()
    rng = random.Random(have)
    for start in range(have, wanted, CHUNK):
        rows = []
        for n in range(start, min(start + CHUNK, wanted)):
            country, city = GROUPS_2012[n % len(GROUPS_2012)]
            confirmed = n % 10 != 9
            at = _moment(rng)
            rows.append(
                (
                    FIRST_NAMES[n % len(FIRST_NAMES)],
                    LAST_NAMES[(n // 7) % len(LAST_NAMES)],
                    f"signer-{n}@{BULK_DOMAIN}",
                    country,
                    city,
                    n % 5 == 0,
                    n % 2 == 0,
                    Signature.Status.CONFIRMED if confirmed else Signature.Status.PENDING,
                    at,
                    at + dt.timedelta(minutes=7) if confirmed else None,
                )
            )
        _insert_bulk_chunk(petition, rows)
    Petition.objects.filter(pk=petition.pk).update(
        signature_count=Signature.objects.filter(petition=petition).confirmed().online().count()
    )
    return max(wanted - have, 0)


SIGNATURE_COLUMNS = [
    "petition_id", "first_name", "last_name", "email", "email_normalised", "email_domain", "country", "city",
    "consent_to_contact", "consent_text_version", "consent_form", "show_first_name", "status",
    "invalidation_reason", "ip_hash", "source", "language", "created_at", "confirmed_at", "updated_at",
]  # fmt: skip
ACTION_COLUMNS = [
    "campaign_id", "case_id", "country", "kind", "count", "occurred_at", "source_type", "source_id", "recorded_at"
]  # fmt: skip
ROWS_PER_STATEMENT = 500  # 20 parameters a row: well under SQLite's and PostgreSQL's limits


def _insert_values(cursor, model, columns: list[str], rows: list[tuple], returning: str = "") -> list[tuple]:
    """Multi-row INSERT … VALUES statements (and RETURNING, on PostgreSQL and SQLite ≥ 3.35)."""
    quote = connection.ops.quote_name
    # bandit B608 is a false positive: table and column names come from the model and the constants above, quoted; values are
    # always bound parameters.
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) VALUES "  # nosec B608
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    returned = []
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        batch = rows[start : start + ROWS_PER_STATEMENT]
        sql = head + ", ".join([one] * len(batch)) + (f" RETURNING {returning}" if returning else "")
        cursor.execute(sql, [value for row in batch for value in row])
        if returning:
            returned.extend(cursor.fetchall())
    return returned


def _insert_bulk_chunk(petition: Petition, rows: list[tuple]) -> None:
    """Plain multi-row INSERTs for benchmark volumes (the ORM's per-field work dominates at a million rows):
    the signatures, then the ledger row of each confirmed one, exactly as confirm_signature writes it.
    """
    adapt = connection.ops.adapt_datetimefield_value
    now = adapt(timezone.now())
    confirmed_status, kind, label = (
        str(Signature.Status.CONFIRMED),
        str(Action.Kind.ONLINE_SIGNATURE),
        source_label(Signature),
    )
    values = [
        (
            petition.pk, first, last, email, email, BULK_DOMAIN, country, city, consent,
            CONSENT_TEXT_VERSION if consent else "", "petition-page" if consent else "", show, status,
            "", "", "online", "", adapt(at), adapt(confirmed_at) if confirmed_at else None, now,
        )
        for first, last, email, country, city, consent, show, status, at, confirmed_at in rows
    ]  # fmt: skip
    with connection.cursor() as wrapper:
        # The backend's own cursor: under DEBUG, Django's debug wrapper would format and keep every
        # 10,000-parameter statement in connection.queries (gigabytes at a million rows).
        cursor = wrapper.cursor
        ids = _insert_values(cursor, Signature, SIGNATURE_COLUMNS, values, returning="id")
        actions = [
            (petition.campaign_id, petition.case_id, row[6], kind, 1, row[18], label, pk, now)
            for (pk,), row in zip(ids, values, strict=True)
            if row[12] == confirmed_status
        ]
        _insert_values(cursor, Action, ACTION_COLUMNS, actions)
