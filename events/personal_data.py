"""Event sign-ups in a person's data export, their erasure, and how long participants' details are kept.

Erasing a sign-up drops the name, address, phone number and IP hash. A sign-up for an event still to come is
cancelled first, so its place goes to the next person waiting rather than to nobody anyone can reach; one for an
event that has begun keeps its place and status, so the event's numbers stay right. Events a volunteer hosts are
listed in the export; they stay on the site, because their participants and reports depend on them. Before erasing,
the person is told which events still to come they host; on erasure, those events' coordinators are asked to find
someone to run them.
"""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaigns.consent import consent_text
from campaigns.personal_data import register_personal_data
from campaigns.retention import register_retention

from .models import Event, Registration
from .services import cancel_registration, notify_coordinators


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


def _hosted_to_come(email: str, now: dt.datetime):
    return (
        Event.objects.filter(
            host__email__iexact=email, status__in=[Event.Status.PUBLISHED, Event.Status.PENDING]
        )
        .upcoming(now)
        .select_related("group")
        .order_by("starts_at")
    )


def _notice_hosted(email: str, now: dt.datetime) -> str:
    titles = [event.title for event in _hosted_to_come(email, now)]
    if not titles:
        return ""
    return ngettext(
        "You host an event still to come: %(titles)s. Erasing your data does not cancel it: if it will not take "
        "place, cancel it first under My events, so that everyone signed up is told. Otherwise it stays on the "
        "site and its group's coordinators are asked to find someone to run it.",
        "You host events still to come: %(titles)s. Erasing your data does not cancel them: if they will not "
        "take place, cancel them first under My events, so that everyone signed up is told. Otherwise they stay "
        "on the site and their groups' coordinators are asked to find someone to run them.",
        len(titles),
    ) % {"titles": "; ".join(titles)}


def _tell_coordinators_the_host_leaves(email: str, now: dt.datetime) -> None:
    """An event still to come must not run on with nobody in charge: its group's coordinators hear of it."""
    for event in _hosted_to_come(email, now).with_seat_counts():
        notify_coordinators(event, "events/host_left", signed_up=event.confirmed_count + event.waitlist_count)


def _find_hosted(email: str) -> list[dict]:
    hosted = (
        Event.objects.filter(host__email__iexact=email)
        .select_related("report")
        .prefetch_related("report__photos", "report__case_counts")
        .order_by("starts_at")
    )
    return [
        {
            "event": e.title,
            "status": e.get_status_display(),
            "starts": e.starts_at,
            "city": e.city,
            "report": _report_of(e),
        }
        for e in hosted
    ]


def _report_of(event: Event) -> dict | None:
    """What the host wrote in the event's report: their numbers, notes, and photos with their captions."""
    report = getattr(event, "report", None)
    if report is None:
        return None
    return {
        "status": report.get_status_display(),
        "submitted": report.created_at,
        "participants": report.participants,
        "letters": report.letters_total,
        "paper_signatures": report.paper_signatures,
        "lanterns": report.lanterns,
        "posters": report.posters,
        "photos_taken": report.photos_taken,
        "notes": report.notes,
        "photos": [
            {"file": photo.image.name, "caption": photo.caption, "may_be_published": photo.publish_consent}
            for photo in report.photos.all()
        ],
    }


def _keep_hosted(email: str, now: dt.datetime) -> int:
    # The events stay; erasing the account (campaigns.account) removes the host's name and address.
    return 0


register_personal_data(
    "events.hosted",
    label=_("Events you host"),
    find=_find_hosted,
    erase=_keep_hosted,
    notice=_notice_hosted,
    before_erasure=_tell_coordinators_the_host_leaves,
)


@register_retention(
    "events.past_signups",
    label=_("Event participants' names, email addresses and phone numbers, counted from the event's end"),
    days_setting="EVENT_SIGNUP_RETENTION_DAYS",
)
def anonymise_past_signups(now: dt.datetime) -> int:
    """Participants' details go EVENT_SIGNUP_RETENTION_DAYS after the event ended; the numbers stay."""
    cutoff = now - dt.timedelta(days=settings.EVENT_SIGNUP_RETENTION_DAYS)
    return anonymise_registrations(Registration.objects.filter(event__ends_at__lt=cutoff), now=now)
