"""The rules for letters and messages. Views, the admin and the demo all go through these functions."""

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries

from campaigns import ledger
from campaigns.emails import queue_email
from campaigns.models import Campaign, Case
from campaigns.permissions import can_export_supporters
from campaigns.text import has_visible_text

from .models import (
    APPEAL_MAX_LENGTH,
    LETTER_EMAIL_CONSENT_VERSION,
    MAX_LETTERS_PER_REPORT,
    MESSAGE_EMAIL_CONSENT_VERSION,
    MESSAGE_MAX_LENGTH,
    AppealLetter,
    PrintBatch,
    SolidarityMessage,
)

Kind = ledger.Kind


class LettersError(ValueError):
    """A rule was broken; the message is safe to show to the person who tried."""


class NothingToPrint(LettersError):
    pass


def campaign_for_case(case: Case, *, on: dt.date | None = None) -> Campaign | None:
    """The campaign an action for the case taken today (or `on`) counts towards: the case's active campaign, else
    the one whose dates hold the day. None when no campaign of the case counts actions that day: a finished
    campaign's figures stay as they were, and the letter or message is kept without counting anywhere."""
    day = on or timezone.localdate()
    return case.campaigns.counting_actions_on(day).order_by("-is_active", "-starts_on", "-id").first()


def _check_country(country: str) -> str:
    code = str(country or "").upper()
    if code not in countries:
        raise LettersError(_("Please choose a country from the list."))
    return code


def _record(source, *, kind: str, count: int, at, case: Case, country: str) -> None:
    if source.campaign_id is None:
        return  # a case outside every campaign: stored, but nothing to count it towards
    ledger.record(
        source=source,
        campaign=source.campaign,
        kind=kind,
        count=count,
        occurred_at=at,
        country=country,
        case=case,
    )


@transaction.atomic
def log_appeal_letter(
    *, case: Case, country: str, name: str = "", city: str = "", email: str = "", ip_hash: str = ""
) -> AppealLetter:
    """ "I've posted it": one appeal letter printed from the website and posted by the supporter."""
    letter = AppealLetter.objects.create(
        case=case,
        campaign=campaign_for_case(case),
        source=AppealLetter.Source.ONLINE,
        count=1,
        name=name.strip(),
        city=city.strip(),
        country=_check_country(country),
        email=email.strip().lower(),
        language=(translation.get_language() or "") if email.strip() else "",
        consent_text_version=LETTER_EMAIL_CONSENT_VERSION if email.strip() else "",
        consent_form="appeal-posted" if email.strip() else "",
        ip_hash=ip_hash,
    )
    _record(letter, kind=Kind.APPEAL_LETTER, count=1, at=letter.created_at, case=case, country=letter.country)
    if letter.email:
        queue_email("letters/letter_posted", {"letter": letter, "case": case, "count": 1}, to=letter.email)
    return letter


@transaction.atomic
def log_letters_written(
    *, case: Case, count: int, country: str, name: str = "", ip_hash: str = ""
) -> AppealLetter:
    """ "I wrote N letters": letters written on paper away from the website and away from events.

    Letters written at an event are counted by the host's event report, never here.
    """
    if not 1 <= int(count) <= MAX_LETTERS_PER_REPORT:
        raise LettersError(
            _("Please enter a number between 1 and %(max)d.") % {"max": MAX_LETTERS_PER_REPORT}
        )
    letter = AppealLetter.objects.create(
        case=case,
        campaign=campaign_for_case(case),
        source=AppealLetter.Source.OFFLINE,
        count=int(count),
        name=name.strip(),
        country=_check_country(country),
        ip_hash=ip_hash,
    )
    _record(
        letter,
        kind=Kind.APPEAL_LETTER,
        count=letter.count,
        at=letter.created_at,
        case=case,
        country=letter.country,
    )
    return letter


def check_appeal_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise LettersError(_("Your letter is empty. Start from the sample letter above."))
    if len(body) > APPEAL_MAX_LENGTH:
        raise LettersError(_("Your letter is too long: please keep it to one page."))
    return body


@transaction.atomic
def submit_message(
    *,
    case: Case,
    first_name: str,
    country: str,
    body: str,
    email: str = "",
    language: str = "",
    ip_hash: str = "",
) -> SolidarityMessage:
    """Store a solidarity message as pending. Nothing is shown or sent until a moderator approves it."""
    first_name, body = first_name.strip(), body.strip()
    if not has_visible_text(first_name):
        raise LettersError(_("Please tell us your first name."))
    if not has_visible_text(body):
        raise LettersError(_("Your message is empty."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise LettersError(
            _("Your message is too long: please keep it under %(max)d characters.")
            % {"max": MESSAGE_MAX_LENGTH}
        )
    message = SolidarityMessage.objects.create(
        case=case,
        campaign=campaign_for_case(case),
        first_name=first_name[:50],
        country=_check_country(country),
        body=body,
        email=email.strip().lower(),
        consent_text_version=MESSAGE_EMAIL_CONSENT_VERSION if email.strip() else "",
        consent_form="message-page" if email.strip() else "",
        language=language[:10],
        ip_hash=ip_hash,
    )
    if message.email:
        queue_email("letters/message_received", {"message": message, "case": case}, to=message.email)
    return message


@transaction.atomic
def approve_messages(*, messages, moderator) -> int:
    """Approve pending (or earlier rejected) messages: each one counts as one action from now on."""
    now = timezone.now()
    ids = [m.pk for m in messages]
    rows = list(
        SolidarityMessage.objects.select_for_update(of=("self",))
        .select_related("case", "campaign")
        .filter(pk__in=ids)
        .exclude(status=SolidarityMessage.Status.APPROVED)
    )
    for message in rows:
        message.status = SolidarityMessage.Status.APPROVED
        message.rejection_reason = ""
        message.decided_by = moderator
        message.decided_at = now
        message.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
        _record(
            message, kind=Kind.SOLIDARITY_MESSAGE, count=1, at=now, case=message.case, country=message.country
        )
        if message.email:
            queue_email(
                "letters/message_approved",
                {"message": message, "case": message.case},
                to=message.email,
                language=message.language or None,
            )
    return len(rows)


@transaction.atomic
def reject_messages(*, messages, moderator, reason: str) -> int:
    """Reject messages with a reason. An approved message stops counting; a printed one cannot be rejected.
    Writers who left an address are told, with the reason, in the language they wrote in."""
    reason = (reason or "").strip()
    if not reason:
        raise LettersError(_("Please give a reason for the rejection."))
    now = timezone.now()
    rows = list(
        SolidarityMessage.objects.select_for_update(of=("self",))
        .select_related("case")
        .filter(pk__in=[m.pk for m in messages], print_batch__isnull=True)
        .exclude(status=SolidarityMessage.Status.REJECTED)
    )
    for message in rows:
        was_approved = message.status == SolidarityMessage.Status.APPROVED
        message.status = SolidarityMessage.Status.REJECTED
        message.rejection_reason = reason[:300]
        message.decided_by = moderator
        message.decided_at = now
        message.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
        if was_approved:
            ledger.retract(source=message)
        if message.email:
            queue_email(
                "letters/message_rejected",
                {"message": message, "case": message.case, "reason": message.rejection_reason},
                to=message.email,
                language=message.language or None,
            )
    return len(rows)


@transaction.atomic
def create_print_batch(
    *, case: Case, user, layout: str = PrintBatch.Layout.CARDS, messages=None
) -> PrintBatch:
    """Claim approved, not yet printed messages of `case` (all of them, or the given ones) for a new batch.

    The claim is one conditional UPDATE (`print_batch IS NULL`), so two coordinators printing at the same
    moment can never put the same message into two batches: the second one gets only what is left.
    """
    if layout not in PrintBatch.Layout.values:
        raise LettersError(_("Unknown layout."))
    if not can_export_supporters(user, sensitive=case.is_sensitive):
        raise LettersError(_("Messages for a sensitive case are printed by section staff only."))
    candidates = SolidarityMessage.objects.awaiting_print().filter(case=case)
    if messages is not None:
        candidates = candidates.filter(pk__in=[m.pk for m in messages])
    batch = PrintBatch.objects.create(case=case, layout=layout, created_by=user)
    claimed = candidates.update(print_batch=batch)
    if not claimed and messages is not None:
        raise NothingToPrint(
            _(
                "None of the selected messages can be printed: a batch takes approved messages not printed yet. "
                "Approve them first, or choose others."
            )
        )
    if not claimed:
        raise NothingToPrint(_("There are no approved messages waiting to be printed for this case."))
    batch.message_count = claimed
    batch.save(update_fields=["message_count"])
    for message in batch.messages.exclude(email=""):
        queue_email(
            "letters/message_printed",
            {"message": message, "case": case},
            to=message.email,
            language=message.language or None,
        )
    return batch
