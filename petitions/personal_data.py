"""Signatures in a person's data export, their erasure, and how long signers' details are kept.

Erasing keeps what counts: a confirmed or invalidated signature stays, with its petition, country and times,
and loses the name, address, city and IP hash. A pending signature never counted and is deleted.
"""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from campaigns.consent import consent_text
from campaigns.mailboxes import normalise_email
from campaigns.personal_data import register_personal_data
from campaigns.retention import register_retention

from .models import Petition, Signature


def anonymise_signatures(signatures, *, now: dt.datetime) -> int:
    """Strip the person from signatures that counted and delete the pending ones that never did."""
    signatures = signatures.filter(anonymised_at__isnull=True)
    # A petition page lists its recent signers and is kept rendered per version (Petition.page_version): a new
    # version, so a name erased now is gone from the page now, not when the cached rendering expires.
    shown_on = list(signatures.filter(show_first_name=True).values_list("petition_id", flat=True).distinct())
    if shown_on:
        Petition.objects.filter(pk__in=shown_on).update(updated_at=now)
    deleted, _by_model = signatures.filter(status=Signature.Status.PENDING).delete()
    changed = signatures.exclude(status=Signature.Status.PENDING).update(
        first_name="",
        last_name="",
        email="",
        email_normalised="",
        email_domain="",
        city="",
        ip_hash="",
        show_first_name=False,
        consent_to_contact=False,
        anonymised_at=now,
        updated_at=now,
    )
    return deleted + changed


def _signatures_of(email: str):
    return Signature.objects.filter(email_normalised=normalise_email(email), anonymised_at__isnull=True)


def _find(email: str) -> list[dict]:
    return [
        {
            "petition": s.petition.title,
            "first_name": s.first_name,
            "last_name": s.last_name,
            "email": s.email,
            "country": s.country.code,
            "country_name": str(s.country.name),
            "city": s.city,
            "status": s.get_status_display(),
            "signed": s.created_at,
            "confirmed": s.confirmed_at,
            "first_name_shown_publicly": s.show_first_name,
            "agreed_to_hear_more": s.consent_to_contact,
            "consent": consent_text(s.consent_text_version),
            "consent_version": s.consent_text_version,
            "consent_given_on": s.consent_form,
            "language": s.language,
        }
        for s in _signatures_of(email).select_related("petition").order_by("created_at")
    ]


def _erase(email: str, now: dt.datetime) -> int:
    return anonymise_signatures(_signatures_of(email), now=now)


register_personal_data("petitions.signatures", label=_("Your petition signatures"), find=_find, erase=_erase)


@register_retention(
    "petitions.delivered",
    label=_("Petition signers' names, email addresses and cities, counted from the petition's delivery"),
    days_setting="PETITION_RETENTION_DAYS",
)
def anonymise_delivered_petitions(now: dt.datetime) -> int:
    """Signers' details go PETITION_RETENTION_DAYS after the petition was delivered; the counts stay."""
    cutoff = (now - dt.timedelta(days=settings.PETITION_RETENTION_DAYS)).date()
    delivered = Petition.objects.filter(status=Petition.Status.DELIVERED, delivered_on__lte=cutoff)
    return anonymise_signatures(Signature.objects.filter(petition__in=delivered), now=now)


@register_retention(
    "petitions.unconfirmed", label=_("Signatures never confirmed, a day after their link expired")
)
def delete_unconfirmed_signatures(now: dt.datetime) -> int:
    """A pending signature whose link has expired can never count: it goes a day after its link."""
    cutoff = now - dt.timedelta(seconds=settings.PETITION_CONFIRMATION_MAX_AGE) - dt.timedelta(days=1)
    deleted, _by_model = Signature.objects.filter(
        status=Signature.Status.PENDING, created_at__lt=cutoff
    ).delete()
    return deleted
