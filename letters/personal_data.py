"""Appeal letters and solidarity messages in a person's data export, their erasure, and retention.

An approved message counted as an action, so erasing it keeps the row (and the count) and removes the name,
the words and the address; it leaves the public wall and is never printed. A message that was never approved
never counted and is deleted. The message's audit history loses the same fields.
"""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from campaigns.consent import consent_text
from campaigns.personal_data import register_personal_data
from campaigns.retention import register_retention

from .models import AppealLetter, SolidarityMessage


def anonymise_letters(letters, *, now: dt.datetime) -> int:
    return letters.filter(anonymised_at__isnull=True).update(
        name="", city="", email="", ip_hash="", anonymised_at=now
    )


def anonymise_messages(messages, *, now: dt.datetime) -> int:
    messages = messages.filter(anonymised_at__isnull=True)
    ids = list(messages.values_list("pk", flat=True))
    history = SolidarityMessage.history.filter(id__in=ids)
    uncounted = SolidarityMessage.objects.filter(pk__in=ids).exclude(status=SolidarityMessage.Status.APPROVED)
    history.filter(id__in=uncounted.values("pk")).delete()
    deleted, _by_model = uncounted.delete()
    history.update(first_name="", body="", email="", ip_hash="")
    changed = SolidarityMessage.objects.filter(pk__in=ids).update(
        first_name="", body="", email="", ip_hash="", anonymised_at=now
    )
    return deleted + changed


def _letters_of(email: str):
    return AppealLetter.objects.filter(email__iexact=email, anonymised_at__isnull=True)


def _messages_of(email: str):
    return SolidarityMessage.objects.filter(email__iexact=email, anonymised_at__isnull=True)


def _find_letters(email: str) -> list[dict]:
    return [
        {
            "case": letter.case.name,
            "letters": letter.count,
            "source": letter.get_source_display(),
            "name": letter.name,
            "city": letter.city,
            "country": letter.country.code,
            "country_name": str(letter.country.name),
            "email": letter.email,
            "logged": letter.created_at,
            "consent": consent_text(letter.consent_text_version),
            "consent_version": letter.consent_text_version,
            "consent_given_on": letter.consent_form,
            "language": letter.language,
        }
        for letter in _letters_of(email).select_related("case").order_by("created_at")
    ]


def _find_messages(email: str) -> list[dict]:
    return [
        {
            "case": m.case.name,
            "first_name": m.first_name,
            "country": m.country.code,
            "country_name": str(m.country.name),
            "message": m.body,
            "email": m.email,
            "status": m.get_status_display(),
            "written": m.created_at,
            "printed": m.print_batch_id is not None,
            "consent": consent_text(m.consent_text_version),
            "consent_version": m.consent_text_version,
            "consent_given_on": m.consent_form,
            "language": m.language,
        }
        for m in _messages_of(email).select_related("case").order_by("created_at")
    ]


register_personal_data(
    "letters.appeal_letters",
    label=_("Appeal letters you told us about"),
    find=_find_letters,
    erase=lambda email, now: anonymise_letters(_letters_of(email), now=now),
)
register_personal_data(
    "letters.solidarity_messages",
    label=_("Your solidarity messages"),
    find=_find_messages,
    erase=lambda email, now: anonymise_messages(_messages_of(email), now=now),
)


@register_retention(
    "letters.appeal_letters",
    label=_("Names, cities and email addresses given with appeal letters"),
    days_setting="LETTERS_RETENTION_DAYS",
)
def anonymise_old_letters(now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.LETTERS_RETENTION_DAYS)
    return anonymise_letters(
        AppealLetter.objects.filter(created_at__lt=cutoff).exclude(name="", city="", email=""), now=now
    )


@register_retention(
    "letters.message_emails",
    label=_("Email addresses given with solidarity messages"),
    days_setting="LETTERS_RETENTION_DAYS",
)
def forget_old_message_addresses(now: dt.datetime) -> int:
    """The address was only for telling the author about approval and posting; the message itself stays."""
    cutoff = now - dt.timedelta(days=settings.LETTERS_RETENTION_DAYS)
    SolidarityMessage.history.filter(created_at__lt=cutoff).exclude(email="").update(email="")
    return SolidarityMessage.objects.filter(created_at__lt=cutoff).exclude(email="").update(email="")
