"""The rules of signing: every entry point (the public form, the admin, commands) calls these functions."""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from campaigns import ledger
from campaigns.abuse import email_domain, is_blocked_email_domain
from campaigns.emails import EmailDraft, queue_email_about
from campaigns.mailboxes import normalise_email
from campaigns.models import Action, LocalGroup
from campaigns.text import is_a_name
from events.models import Event

from .models import CONSENT_TEXT_VERSION, PaperSignatureBatch, Petition, Signature, in_every_language

TOKEN_SALT = "petitions.confirm-signature"
NAME_MAX = 100


class PetitionError(Exception):
    """A rule refused the request. `message` is written for the person who made it."""

    def __init__(self, message: str):
        self.message = str(message)
        super().__init__(self.message)


class PetitionNotOpen(PetitionError):
    pass


class InvalidSignatureData(PetitionError):
    def __init__(self, message: str, *, field_name: str = ""):
        super().__init__(message)
        self.field_name = field_name


class InvalidRows(InvalidSignatureData):
    """Rows of a paper entry that cannot be stored, each with its reason, so all of them are corrected at once."""

    SHOWN = 20

    def __init__(self, row_errors: list[str]):
        shown = row_errors[: self.SHOWN]
        if len(row_errors) > self.SHOWN:
            more = len(row_errors) - self.SHOWN
            shown.append(
                ngettext("…and %(n)d more row to correct.", "…and %(n)d more rows to correct.", more)
                % {"n": more}
            )
        super().__init__(" ".join(shown))
        self.row_errors = shown


class AlreadySigned(PetitionError):
    def __init__(self, signature: Signature):
        super().__init__(_("This email address has already signed this petition."))
        self.signature = signature


class InvalidToken(PetitionError):
    pass


class TokenExpired(InvalidToken):
    pass


# --- validation shared by forms and services ------------------------------------------------------


def clean_person_name(value: str, *, label: str, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if not value:
        if required:
            raise InvalidSignatureData(_("Please enter your %(label)s.") % {"label": label})
        return ""
    if len(value) > NAME_MAX:
        raise InvalidSignatureData(
            _("The %(label)s can be at most %(max)d characters long.") % {"label": label, "max": NAME_MAX}
        )
    if not is_a_name(value):
        raise InvalidSignatureData(
            _("The %(label)s may contain letters, spaces, hyphens and apostrophes only.") % {"label": label}
        )
    return value


def clean_signer_email(value: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if not value:
        if required:
            raise InvalidSignatureData(_("Please enter your email address."), field_name="email")
        return ""
    if len(value) > 254:
        raise InvalidSignatureData(_("This email address is too long."), field_name="email")
    try:
        validate_email(value)
    except ValidationError:
        raise InvalidSignatureData(_("Enter a valid email address."), field_name="email") from None
    if is_blocked_email_domain(value):
        raise InvalidSignatureData(
            _("We cannot accept addresses from this email provider. Please use another address."),
            field_name="email",
        )
    return value


def clean_country(value: str) -> str:
    code = (str(value or "")).strip().upper()
    if code not in countries:  # the codes, without translating and sorting 250 names
        raise InvalidSignatureData(_("Please choose your country from the list."), field_name="country")
    return code


@dataclass
class Signer:
    first_name: str
    last_name: str
    email: str
    country: str
    city: str = ""
    row: int = 0  # where the person entering it sees it: the row of the form, the line of the CSV file

    def cleaned(self, *, email_required: bool = True) -> "Signer":
        return Signer(
            first_name=clean_person_name(self.first_name, label=_("first name")),
            last_name=clean_person_name(self.last_name, label=_("last name")),
            email=clean_signer_email(self.email, required=email_required),
            country=clean_country(self.country),
            city=clean_person_name(self.city, label=_("city"), required=False),
            row=self.row,
        )


# --- tokens ---------------------------------------------------------------------------------------


def make_confirmation_token(signature: Signature) -> str:
    return signing.dumps({"s": signature.pk, "p": signature.petition_id}, salt=TOKEN_SALT)


def read_confirmation_token(*, petition: Petition, token: str) -> int:
    """The signature id a token stands for. Raises TokenExpired or InvalidToken; changes nothing."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=settings.PETITION_CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        raise TokenExpired(
            _("This confirmation link has expired. Please sign the petition again to get a new one.")
        ) from None
    except signing.BadSignature:
        raise InvalidToken(
            _("This confirmation link is not valid. Please copy the whole link from the email.")
        ) from None
    if not isinstance(data, dict) or data.get("p") != petition.pk or not isinstance(data.get("s"), int):
        raise InvalidToken(_("This confirmation link is not valid for this petition."))
    return data["s"]


def confirmation_url(signature: Signature) -> str:
    path = reverse(
        "petitions:confirm",
        kwargs={"slug": signature.petition.slug, "token": make_confirmation_token(signature)},
    )
    return settings.SITE_URL + path


# --- signing --------------------------------------------------------------------------------------


def sign_petition(
    *,
    petition: Petition,
    signer: Signer,
    consent_to_contact: bool = False,
    show_first_name: bool = False,
    ip_hash: str = "",
    consent_form: str = "petition-page",
) -> Signature:
    """Store a pending signature and email the confirmation link (double opt-in).

    A second signature for the same mailbox raises AlreadySigned after emailing that mailbox (at most once in
    SIGNUP_RESEND_SECONDS), so the form can answer exactly as it does for a first signature and reveal nothing
    about who signed.
    """
    reason = petition.refusal_reason()
    if reason:
        raise PetitionNotOpen(reason)
    signer = signer.cleaned()
    normalised = normalise_email(signer.email)
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                petition=petition,
                first_name=signer.first_name,
                last_name=signer.last_name,
                email=signer.email,
                email_normalised=normalised,
                email_domain=email_domain(normalised),
                country=signer.country,
                city=signer.city,
                consent_to_contact=consent_to_contact,
                consent_text_version=CONSENT_TEXT_VERSION if consent_to_contact else "",
                consent_form=consent_form if consent_to_contact else "",
                show_first_name=show_first_name,
                ip_hash=ip_hash,
                source=Signature.Source.ONLINE,
                language=translation.get_language() or "",
            )
            _queue_signature_email("petitions/confirm", signature, to=signer.email)
    except IntegrityError:
        existing = Signature.objects.filter(petition=petition, email_normalised=normalised).first()
        if existing is None:
            raise
        # At most once in SIGNUP_RESEND_SECONDS, as for event sign-ups: the form must not fill a stranger's inbox.
        if cache.add(f"petitions:already-signed-sent:{existing.pk}", True, settings.SIGNUP_RESEND_SECONDS):
            _queue_signature_email("petitions/already_signed", existing, to=signer.email)
        raise AlreadySigned(existing) from None
    return signature


def _queue_signature_email(template: str, signature: Signature, *, to: str) -> None:
    # Built and rendered by the task worker (signature_emails): the sign form's request only stores the id.
    queue_email_about("petitions.services.signature_emails", signature.pk, template=template, to=to)


# What the emails about a signature show and link to: the worker reads these columns, not the petition's texts.
EMAIL_FIELDS = (
    "id", "status", "first_name", "language", "petition_id", "petition__slug", *in_every_language("petition__title"),
)  # fmt: skip


def signature_emails(signature_ids: list[int], template: str) -> dict[int, EmailDraft]:
    """The emails about these signatures, as they are when the emails leave, each in the signer's language.

    One query for the whole batch; an erased signature gets none.
    """
    signatures = (
        Signature.objects.select_related("petition")
        .only(*EMAIL_FIELDS)
        .filter(pk__in=signature_ids, anonymised_at__isnull=True)
    )
    return {signature.pk: _signature_email(signature, template) for signature in signatures}


def _signature_email(signature: Signature, template: str) -> EmailDraft:
    is_pending = signature.status == Signature.Status.PENDING
    language = signature.language or settings.LANGUAGE_CODE
    with translation.override(language):  # the links open in the language the email is written in
        context = {
            "petition": signature.petition,
            "first_name": signature.first_name,
            "status": signature.status,
            "is_pending": is_pending,
            "confirm_url": confirmation_url(signature) if is_pending else "",
            "petition_url": settings.SITE_URL + signature.petition.get_absolute_url(),
            "max_age_days": settings.PETITION_CONFIRMATION_MAX_AGE // 86400,
        }
    return EmailDraft(template, context, language=language)


@dataclass
class Confirmation:
    signature: Signature
    newly_confirmed: bool


def is_already_confirmed(*, petition: Petition, token: str, now: dt.datetime | None = None) -> bool:
    """What the confirmation link's page shows before anything is pressed: True when the signature is already
    confirmed (an email opened twice), False when the button would confirm it. Raises what confirming would
    raise (a withdrawn signature, a closed petition); changes nothing."""
    signature_id = read_confirmation_token(petition=petition, token=token)
    status = (
        Signature.objects.filter(pk=signature_id, petition=petition).values_list("status", flat=True).first()
    )
    return not _still_to_confirm(petition, status, now or timezone.now())


def _still_to_confirm(petition: Petition, status: str | None, now: dt.datetime) -> bool:
    """True for a pending signature the petition can still take; False for one already confirmed."""
    if status is None:
        raise InvalidToken(_("This signature no longer exists."))
    if status == Signature.Status.CONFIRMED:
        return False
    if status == Signature.Status.INVALIDATED:
        raise InvalidToken(_("This signature has been withdrawn and cannot be confirmed."))
    reason = petition.refusal_reason(now)
    if reason:
        raise PetitionNotOpen(reason)
    return True


def confirm_signature(*, petition: Petition, token: str, now: dt.datetime | None = None) -> Confirmation:
    """Confirm the signature a token stands for. Confirming twice is harmless.

    The status moves pending → confirmed in one conditional UPDATE: of two concurrent confirmations only
    one changes a row, and only that one adds to the counter (with F(), in the same transaction) and to
    the ledger, so the counter equals the number of confirmed rows under any concurrency.
    """
    signature_id = read_confirmation_token(petition=petition, token=token)
    now = now or timezone.now()
    with transaction.atomic():
        signature = Signature.objects.select_for_update().filter(pk=signature_id, petition=petition).first()
        if not _still_to_confirm(petition, signature and signature.status, now):
            return Confirmation(signature, newly_confirmed=False)
        changed = Signature.objects.filter(pk=signature.pk, status=Signature.Status.PENDING).update(
            status=Signature.Status.CONFIRMED, confirmed_at=now
        )
        if not changed:
            signature.refresh_from_db()
            return Confirmation(signature, newly_confirmed=False)
        Petition.objects.filter(pk=petition.pk).update(signature_count=F("signature_count") + 1)
        signature.status, signature.confirmed_at = Signature.Status.CONFIRMED, now
        ledger.record(
            source=signature,
            campaign=petition.campaign,
            case=petition.case,
            kind=Action.Kind.ONLINE_SIGNATURE,
            count=1,
            country=signature.country,
            occurred_at=now,
        )
    return Confirmation(signature, newly_confirmed=True)


def send_reminders(*, now: dt.datetime | None = None, older_than: dt.timedelta | None = None) -> int:
    """Send one reminder to each signature still pending after `older_than`. Returns how many were sent.

    The reminder is claimed with a conditional UPDATE before the email is queued, so two runs at once
    never remind the same person twice. Pending signatures whose link has expired are left alone.
    """
    now = now or timezone.now()
    older_than = older_than or dt.timedelta(hours=settings.PETITION_REMINDER_AFTER_HOURS)
    expiry = now - dt.timedelta(seconds=settings.PETITION_CONFIRMATION_MAX_AGE)
    candidates = (
        Signature.objects.filter(
            status=Signature.Status.PENDING,
            source=Signature.Source.ONLINE,
            reminder_sent_at__isnull=True,
            created_at__lte=now - older_than,
            created_at__gt=expiry,
            petition__in=Petition.objects.accepting_signatures(now),
        )
        .select_related("petition")
        .order_by("pk")
    )
    sent = 0
    for signature in candidates.iterator(chunk_size=500):
        with transaction.atomic():
            claimed = Signature.objects.filter(
                pk=signature.pk, status=Signature.Status.PENDING, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                _queue_signature_email("petitions/reminder", signature, to=signature.email)
                sent += 1
    return sent


def invalidate_signatures(*, signatures: Iterable[int], reason: str, now: dt.datetime | None = None) -> int:
    """Remove signatures from the count, keeping them (and why) on record. Returns how many changed.

    Rows are locked first, so a confirmation racing with the invalidation either lands before it (and is
    then retracted) or finds the row no longer pending.
    """
    reason = (reason or "").strip()
    if not reason:
        raise PetitionError(_("Please give a reason for invalidating these signatures."))
    now = now or timezone.now()
    ids = [int(pk) for pk in signatures]
    with transaction.atomic():
        rows = list(
            Signature.objects.select_for_update()
            .filter(pk__in=ids)
            .exclude(status=Signature.Status.INVALIDATED)
            .order_by("pk")
        )
        if not rows:
            return 0
        online, paper = Counter(), Counter()
        for signature in rows:
            if signature.status == Signature.Status.CONFIRMED:
                target = online if signature.source == Signature.Source.ONLINE else paper
                target[signature.petition_id] += 1
                ledger.retract(source=signature)
        Signature.objects.filter(pk__in=[s.pk for s in rows]).update(
            status=Signature.Status.INVALIDATED, invalidation_reason=reason, invalidated_at=now
        )
        for petition_id in online.keys() | paper.keys():
            Petition.objects.filter(pk=petition_id).update(
                signature_count=F("signature_count") - online[petition_id],
                paper_signature_count=F("paper_signature_count") - paper[petition_id],
            )
    return len(rows)


# --- paper ----------------------------------------------------------------------------------------


MOST_SIGNATURES_IN_A_BATCH = 100_000  # more is a typo's extra zeros: a larger collection is several batches


def check_paper_batch_size(count: int) -> None:
    """A counted batch goes straight into the public results, so an extra zero must not."""
    if not 1 <= count <= MOST_SIGNATURES_IN_A_BATCH:
        raise PetitionError(
            _("Enter a number from 1 to %(most)s. Enter a larger collection as several batches.")
            % {"most": intcomma(MOST_SIGNATURES_IN_A_BATCH)}
        )


def check_collection_day(petition: Petition, day: dt.date) -> None:
    """Paper signatures are counted on the day they were collected: not a day still to come, nor one before the
    petition's campaign began."""
    if day > timezone.localdate():
        raise PetitionError(_("That day is still to come. Enter the day the signatures were collected."))
    starts_on = petition.campaign.starts_on
    if starts_on and day < starts_on:
        raise PetitionError(
            _("The campaign began on %(date)s; enter a day from then on.") % {"date": date_format(starts_on)}
        )


def refuse_paper_unless_published(petition: Petition) -> None:
    if petition.status == Petition.Status.DRAFT:
        raise PetitionNotOpen(_("This petition has not been published yet."))
    if petition.status == Petition.Status.DELIVERED:
        raise PetitionNotOpen(_("This petition has been delivered; no more signatures can be added."))


def withdraw_paper_batch(*, batch: PaperSignatureBatch, by, reason: str) -> PaperSignatureBatch:
    """Take back a batch entered by mistake (a count typed wrong, the wrong petition): it stays in the list,
    marked, and stops counting — off the petition's counter, and a negative row in the results ledger. A batch
    withdrawn already is left as it is."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise PetitionError(_("Please say why the batch is withdrawn."))
    with transaction.atomic():
        batch = PaperSignatureBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.withdrawn_at is not None:
            return batch
        batch.withdrawn_at, batch.withdrawn_by, batch.withdrawal_reason = timezone.now(), by, reason[:300]
        batch.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        Petition.objects.filter(pk=batch.petition_id).update(
            paper_signature_count=F("paper_signature_count") - batch.count
        )
        ledger.retract(source=batch)
    return batch


def check_collecting_event(event, group: LocalGroup, collected_on: dt.date | None = None) -> None:
    """A batch names an event of its own group that took place: not one still in review, refused or cancelled,
    nor one still to come; and the signatures were collected on one of the event's own days."""
    if event is None:
        return
    if event.group_id != group.pk:
        raise PetitionError(_("This event was hosted by another group."))
    if event.status != Event.Status.PUBLISHED:
        raise PetitionError(
            _("This event did not take place (it is %(status)s), so no signatures were collected at it.")
            % {"status": event.get_status_display().lower()}
        )
    if not event.has_started:
        raise PetitionError(
            _("This event has not taken place yet. Enter the signatures collected at it after it.")
        )
    first_day, last_day = event.local_starts_at.date(), event.local_ends_at.date()
    if collected_on is not None and not first_day <= collected_on <= last_day:
        raise PetitionError(
            _("The signatures were collected at this event, so the day is the event's: %(day)s.")
            % {
                "day": date_format(first_day)
                if first_day == last_day
                else f"{date_format(first_day)} – {date_format(last_day)}"
            }
        )


@dataclass
class PaperEntryResult:
    created: list[Signature] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row number from 1, reason)


def add_paper_signatures(
    *,
    petition: Petition,
    group: LocalGroup,
    signers: list[Signer],
    entered_by=None,
    collected_at: dt.datetime | None = None,
) -> PaperEntryResult:
    """Enter named signatures from paper sheets. They count at once (no email confirmation).

    Invalid rows refuse the whole entry (nothing is stored) with the row number; an email that has
    already signed is skipped and reported, since the person counts once.
    """
    refuse_paper_unless_published(petition)
    collected_at = collected_at or timezone.now()
    check_collection_day(petition, timezone.localdate(collected_at))
    cleaned: list[Signer] = []
    row_errors = []
    for number, signer in enumerate(signers, start=1):
        try:
            cleaned.append(signer.cleaned(email_required=False))
        except InvalidSignatureData as error:
            row_errors.append(
                _("Row %(row)d: %(error)s") % {"row": signer.row or number, "error": error.message}
            )
    if row_errors:
        raise InvalidRows(row_errors)
    result = PaperEntryResult()
    with transaction.atomic():
        emails = {normalise_email(s.email) for s in cleaned if s.email}
        taken = set(
            Signature.objects.filter(petition=petition, email_normalised__in=emails).values_list(
                "email_normalised", flat=True
            )
        )
        rows = []
        for number, signer in enumerate(cleaned, start=1):
            normalised = normalise_email(signer.email) if signer.email else ""
            if normalised and normalised in taken:
                result.skipped.append((signer.row or number, _("this email address has already signed")))
                continue
            taken.add(normalised)
            rows.append(
                Signature(
                    petition=petition,
                    first_name=signer.first_name,
                    last_name=signer.last_name,
                    email=signer.email,
                    email_normalised=normalised,
                    email_domain=email_domain(normalised),
                    country=signer.country,
                    city=signer.city,
                    source=Signature.Source.PAPER,
                    status=Signature.Status.CONFIRMED,
                    group=group,
                    entered_by=entered_by,
                    created_at=collected_at,
                    confirmed_at=collected_at,
                )
            )
        try:
            with transaction.atomic():
                result.created = Signature.objects.bulk_create(rows)
        except IntegrityError:
            raise PetitionError(
                _("Someone signed with one of these emails meanwhile. Please send the list again.")
            ) from None
        for signature in result.created:
            ledger.record(
                source=signature,
                campaign=petition.campaign,
                case=petition.case,
                group=group,
                kind=Action.Kind.PAPER_SIGNATURE,
                count=1,
                country=signature.country,
                occurred_at=collected_at,
            )
        Petition.objects.filter(pk=petition.pk).update(
            paper_signature_count=F("paper_signature_count") + len(result.created)
        )
    return result


def add_paper_batch(
    *,
    petition: Petition,
    group: LocalGroup,
    count: int,
    description: str,
    collected_on: dt.date,
    entered_by=None,
    event=None,
) -> PaperSignatureBatch:
    """Enter a counted batch of paper signatures ("212 signatures from the Asunción bike rally")."""
    refuse_paper_unless_published(petition)
    if not isinstance(count, int):
        raise PetitionError(_("The number of signatures must be a whole number of at least 1."))
    check_paper_batch_size(count)
    check_collection_day(petition, collected_on)
    check_collecting_event(event, group, collected_on)
    description = " ".join((description or "").split())
    if not description:
        raise PetitionError(_("Please say where the signatures were collected."))
    with transaction.atomic():
        batch = PaperSignatureBatch.objects.create(
            petition=petition,
            group=group,
            count=count,
            description=description[:250],
            collected_on=collected_on,
            entered_by=entered_by,
            event=event,
        )
        Petition.objects.filter(pk=petition.pk).update(
            paper_signature_count=F("paper_signature_count") + count
        )
        ledger.record(
            source=batch,
            campaign=petition.campaign,
            case=petition.case,
            group=group,
            kind=Action.Kind.PAPER_SIGNATURE,
            count=count,
            country=group.country,
            occurred_at=timezone.make_aware(dt.datetime.combine(collected_on, dt.time(12))),
        )
    return batch
