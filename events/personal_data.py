"""Event sign-ups in a person's data export, their erasure, and how long participants' details are kept.

Erasing a sign-up drops the name, address, phone number and IP hash. A sign-up for an event still to come is
cancelled first, so its place goes to the next person waiting rather than to nobody anyone can reach; one for an
event that has begun keeps its place and status, so the event's numbers stay right. Events a volunteer hosts are listed in the export; they stay on the site, because
their participants and reports depend on them.
"""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from campaigns.consent import consent_text
from campaigns.personal_data import register_personal_data
from campaigns.retention import register_retention

from .models import Event, Registration
from .services import cancel_registration


def anonymise_registrations(registrations, *, now: dt.datetime) -> int:
    return registrations.filter(anonymised_at__isnull=True).update(
        name="", email="", phone="", ip_hash="", anonymised_at=now
    )


def _registrations_of(email: str):
    return Registration.objects.filter(email__iexact=email, anonymised_at__isnull=True)


def _find_registrations(email: str) -> list[dict]:
    return [
        {
            "event": r.event.title,
            "starts": r.event.starts_at,
            "city": r.event.city,
            "name": r.name,
            "email": r.email,
            "phone": r.phone,
            "status": r.get_status_display(),
            "signed_up": r.created_at,
            "cancelled": r.cancelled_at,
            "consent": consent_text(r.consent_text_version),
            "consent_version": r.consent_text_version,
            "consent_given_on": r.consent_form,
            "language": r.language,
        }
        for r in _registrations_of(email).select_related("event").order_by("created_at")
    ]


def _erase_registrations(email: str, now: dt.datetime) -> int:
    to_come = (
        _registrations_of(email)
        .exclude(status=Registration.Status.CANCELLED)
        .filter(event__starts_at__gt=now)
    )
    for registration in to_come:
        cancel_registration(registration=registration)
    return anonymise_registrations(_registrations_of(email), now=now)


register_personal_data(
    "events.registrations",
    label=_("Your event sign-ups"),
    find=_find_registrations,
    erase=_erase_registrations,
)


def _find_hosted(email: str) -> list[dict]:
    return [
        {"event": e.title, "status": e.get_status_display(), "starts": e.starts_at, "city": e.city}
        for e in Event.objects.filter(host__email__iexact=email).order_by("starts_at")
    ]


def _keep_hosted(email: str, now: dt.datetime) -> int:
    # The events stay; erasing the account (campaigns.account) removes the host's name and address.
    return 0


register_personal_data("events.hosted", label=_("Events you host"), find=_find_hosted, erase=_keep_hosted)


@register_retention(
    "events.past_signups",
    label=_("Event participants' names, email addresses and phone numbers, counted from the event's end"),
    days_setting="EVENT_SIGNUP_RETENTION_DAYS",
)
def anonymise_past_signups(now: dt.datetime) -> int:
    """Participants' details go EVENT_SIGNUP_RETENTION_DAYS after the event ended; the numbers stay."""
    cutoff = now - dt.timedelta(days=settings.EVENT_SIGNUP_RETENTION_DAYS)
    return anonymise_registrations(Registration.objects.filter(event__ends_at__lt=cutoff), now=now)
