"""The rules of events: proposing, reviewing, changing and cancelling events, sign-ups and their waiting
list, reminders, and event reports with their place in the action ledger.

Every entry point (public views, host pages, admin actions, commands) calls these functions.
"""

import copy
import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from slugify import slugify

from campaigns import hooks
from campaigns.emails import EmailDraft, queue_email, queue_email_about
from campaigns.language import country_language
from campaigns.models import Case, Membership

from . import counting
from .ics import event_calendar
from .models import SIGNUP_CONSENT_VERSION, Event, EventReport, Registration, ReportCaseCount, ReportPhoto
from .search import city_forms

CANCEL_SALT = "events.signup-cancel"
SIGNED_UP_SALT = "events.signed-up"
SIGNED_UP_PASS_SECONDS = 3600
# Changing the time or the place of a published event tells everyone signed up; its places, those moved up.
TIME_FIELDS = ("starts_at", "ends_at", "timezone")
PLACE_FIELDS = ("venue_name", "address", "city", "country", "online_url")
LOGISTICS_FIELDS = (*TIME_FIELDS, *PLACE_FIELDS, "capacity")
# What the coordinators approved a published event for: a host's change to it is theirs to read again.
PUBLIC_TEXT_FIELDS = ("title", "kind", "description")


RESERVED_SLUGS = {"new", "mine", "signups", "calendar"}


class EventError(Exception):
    """A rule of events refused the request; the message is safe to show."""


class SignupRefused(EventError):
    pass


class AlreadyRegistered(EventError):
    def __init__(self, registration: Registration):
        self.registration = registration
        super().__init__(_("You are already signed up for this event with this email address."))


# --- events -------------------------------------------------------------------------------------------


def unique_slug(title: str) -> str:
    """The event's address from its title, written in Latin letters ("Майстэрня ліхтарыкаў" gives
    maisternia-likhtarykau): Django's slugify drops every letter outside ASCII, so a title in Cyrillic gave
    "event-x7k2q" and one with a Latin word in it that word alone."""
    base = slugify(title, max_length=100, word_boundary=True) or "event"
    slug = base
    while slug in RESERVED_SLUGS or Event.objects.filter(slug=slug).exists():
        slug = f"{base}-{get_random_string(5, 'abcdefghijkmnpqrstuvwxyz23456789')}"
    return slug


def propose_event(*, host, cases: Iterable[Case] = (), **fields) -> Event:
    """A volunteer's new event: stored as pending review, and the group's coordinators are told."""
    with transaction.atomic():
        event = Event(host=host, status=Event.Status.PENDING, **fields)
        event.slug = unique_slug(event.title)
        event.full_clean(exclude=["slug"])
        event.save()
        event.cases.set(cases)
        notify_coordinators(event, "events/review_requested")
    return event


def notify_coordinators(event: Event, template: str, **context) -> None:
    coordinators = Membership.objects.filter(
        group=event.group, role=Membership.Role.COORDINATOR
    ).select_related("user")
    recipients = {m.user.email: m.user for m in coordinators if m.user.is_active}
    if not recipients and event.group.contact_email:
        recipients = {event.group.contact_email: None}
    # A coordinator who never chose a language (an invited account not used yet, the group's contact address)
    # reads the group's country's language where the site has it, not that of the volunteer who acted.
    group_language = country_language(event.group.country) or settings.LANGUAGE_CODE
    for email, user in recipients.items():
        queue_email(
            template,
            {
                "event": event,
                "admin_url": settings.SITE_URL + reverse("admin:events_event_change", args=[event.pk]),
                **context,
            },
            to=email,
            language=getattr(user, "language", "") or group_language,
        )


def publish_event(*, event: Event, by=None) -> Event:
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status not in (Event.Status.PENDING, Event.Status.DRAFT, Event.Status.REJECTED):
            raise EventError(_("Only a draft, pending or rejected event can be published."))
        event.status = Event.Status.PUBLISHED
        event.rejection_reason = ""
        event.published_at = timezone.now()
        event.save(update_fields=["status", "rejection_reason", "published_at", "updated_at"])
        queue_email(
            "events/published", {"event": event}, to=event.host.email, language=event.host.language or None
        )
    return event


REJECTABLE_EVENT_STATUSES = (Event.Status.PENDING, Event.Status.DRAFT)


def reject_event(*, event: Event, reason: str, by=None) -> Event:
    reason = reason.strip()
    if not reason:
        raise EventError(_("Please give the host a reason."))
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status not in REJECTABLE_EVENT_STATUSES:
            raise EventError(_("Only a pending or draft event can be rejected."))
        event.status = Event.Status.REJECTED
        event.rejection_reason = reason
        event.save(update_fields=["status", "rejection_reason", "updated_at"])
        queue_email(
            "events/rejected", {"event": event}, to=event.host.email, language=event.host.language or None
        )
    return event


@dataclass(frozen=True)
class EventChange:
    """What saving a host's changes set in motion, for the page to say so."""

    event: Event
    told: int = 0  # people signed up who are emailed the new time or place
    moved_up: int = 0  # people off the waiting list into a freed place (emailed that instead)
    back_to_review: bool = False  # a rejected event, edited, waits for the coordinators again


def update_event(*, event: Event, cases: Iterable[Case] | None = None, **fields) -> EventChange:
    """Save a host's changes. A published event changed in time or place tells everyone signed up; more places
    move people off the waiting list and tell only them. A rejected event that is edited goes back to review, and
    a waiting one moved to another group is that group's to review: either way its coordinators are told."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status == Event.Status.CANCELLED:
            raise EventError(_("A cancelled event cannot be changed."))
        changed = [
            name
            for name in LOGISTICS_FIELDS
            if name in fields and is_a_change(name, getattr(locked, name), fields[name])
        ]
        group_before = locked.group_id
        logistics_before = {name: getattr(locked, name) for name in LOGISTICS_FIELDS}
        rewritten = _rewritten_in_public(locked, fields, cases)
        for name, value in fields.items():
            setattr(locked, name, value)
        resubmitted = locked.status == Event.Status.REJECTED
        # A waiting event moved to another group waits for that group's coordinators: they must hear of it.
        moved_while_waiting = locked.status == Event.Status.PENDING and locked.group_id != group_before
        if resubmitted:
            locked.status = Event.Status.PENDING
        try:
            # Under the lock, so the places cannot fall below a sign-up made since the form was checked.
            locked.full_clean()
        except ValidationError as error:
            raise EventError(" ".join(error.messages)) from error
        locked.save()
        if cases is not None:
            locked.cases.set(cases)
        told, moved_up = _tell_signed_up_people(locked, changed, before=logistics_before)
        if resubmitted or moved_while_waiting:
            notify_coordinators(locked, "events/review_requested")
        elif rewritten:
            notify_coordinators(
                locked,
                "events/changed_by_host",
                changed=rewritten,
                history_url=settings.SITE_URL + reverse("admin:events_event_history", args=[locked.pk]),
            )
    return EventChange(locked, told=told, moved_up=len(moved_up), back_to_review=resubmitted)


def _rewritten_in_public(event: Event, fields: dict, cases) -> str:
    """What a change rewrites in a published event's public page, named as its coordinators read them ("title,
    description"), or "": its title, kind, description or cases. It stays published; they are told, to read it
    again."""
    if event.status != Event.Status.PUBLISHED:
        return ""
    names = [name for name in PUBLIC_TEXT_FIELDS if name in fields and fields[name] != getattr(event, name)]
    if cases is not None and {case.pk for case in cases} != set(event.cases.values_list("pk", flat=True)):
        names.append("cases")
    labels = [Event._meta.get_field(name).verbose_name for name in names]
    # Joined when the email is written, in its reader's language.
    return format_lazy(", ".join(["{}"] * len(labels)), *labels) if labels else ""


def event_changed_in_back_office(*, event: Event, changed: Iterable[str], before: dict | None = None) -> None:
    """A coordinator saved the event in the back office: the same follow-up as a host's change (the admin's form
    has already checked the places against the sign-ups and saved the row). `before`: the event's time and place
    fields as they were, which the email repeats."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _tell_signed_up_people(locked, [name for name in changed if name in LOGISTICS_FIELDS], before=before)


def _tell_signed_up_people(
    event: Event, changed: list[str], *, before: dict | None = None
) -> tuple[int, list[Registration]]:
    """A published event changed in time or place: email everyone signed up, with the time or place it had before
    (from `before`, the fields' old values). Changed in places too: fill those that came free (the people moved
    up are emailed that they have a place, with the event's new details: one email, not two; nobody else needs
    to hear of more places). The caller holds the event's lock. Returns how many were told of the change, and
    who moved up."""
    if event.status != Event.Status.PUBLISHED or not changed:
        return 0, []
    moved_up = _fill_free_places(event)
    template = _changed_email(changed)
    told = 0
    if template:
        details = {"event": time_and_place_as_json(before)} if before else None
        still_to_tell = event.registrations.exclude(status=Registration.Status.CANCELLED).exclude(
            pk__in=[registration.pk for registration in moved_up]
        )
        for registration in still_to_tell:
            _email_registration(registration, template, details=details)
            told += 1
    return told, moved_up


def time_and_place_as_json(values: dict) -> dict:
    """An event's time and place fields (from the row or from `.values()`) as JSON, for an email to repeat once
    the row has changed: read back by `event_as_it_was`."""
    country = values.get("country")
    return {
        "starts_at": values["starts_at"].isoformat(),
        "ends_at": values["ends_at"].isoformat(),
        "timezone": str(values["timezone"]),
        "venue_name": values.get("venue_name") or "",
        "address": values.get("address") or "",
        "city": values.get("city") or "",
        "country": str(getattr(country, "code", country) or ""),
        "online_url": values.get("online_url") or "",
    }


def event_as_it_was(event: Event, time_and_place: dict) -> Event:
    """An unsaved copy of `event` with the time and place it had (`time_and_place_as_json`), for the email that
    tells what changed to show both."""
    was = copy.copy(event)
    was.starts_at = dt.datetime.fromisoformat(time_and_place["starts_at"])
    was.ends_at = dt.datetime.fromisoformat(time_and_place["ends_at"])
    was.timezone = zoneinfo.ZoneInfo(time_and_place["timezone"])
    for name in ("venue_name", "address", "city", "country", "online_url"):
        setattr(was, name, time_and_place[name])
    return was


def is_a_change(name: str, before, after) -> bool:
    """A change people must hear of: the city respelled ("Warszawa" for "Warsaw", "poznan" for "Poznań") is the
    same place and tells nobody."""
    if name == "city":
        return not (city_forms(before or "") & city_forms(after or ""))
    return before != after


def _changed_email(changed: list[str]) -> str | None:
    """The email that says what changed (its subject and first line name the time, the place or both)."""
    time = any(name in TIME_FIELDS for name in changed)
    place = any(name in PLACE_FIELDS for name in changed)
    if time and place:
        return "events/changed"
    if time:
        return "events/changed_time"
    if place:
        return "events/changed_place"
    return None


def cancel_event(*, event: Event, reason: str = "") -> Event:
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == Event.Status.CANCELLED:
            return event
        if event.is_past:
            raise EventError(_("This event is over; it can no longer be cancelled."))
        event.status = Event.Status.CANCELLED
        event.cancellation_reason = reason.strip()
        event.save(update_fields=["status", "cancellation_reason", "updated_at"])
        for registration in event.registrations.exclude(status=Registration.Status.CANCELLED):
            _email_registration(registration, "events/cancelled")
    return event


# --- sign-ups ------------------------------------------------------------------------------------------


def signup_refusal(event: Event) -> str | None:
    """Why `event` takes no sign-ups, or None when it does."""
    if event.status == Event.Status.CANCELLED:
        return _("This event has been cancelled, so it takes no more sign-ups.")
    if event.status != Event.Status.PUBLISHED:
        return _("This event is not published, so it takes no sign-ups.")
    if event.has_started:
        if event.is_past:
            return _("This event is over, so it takes no more sign-ups.")
        return _("This event has already started, so it takes no more sign-ups.")
    return None


def register_for_event(
    *,
    event: Event,
    name: str,
    email: str,
    phone: str = "",
    consent: bool,
    ip_hash: str = "",
    consent_form: str = "event-page",
    language: str | None = None,
) -> Registration:
    """Sign someone up, or put them on the waiting list when the event is full.

    The event row is locked first, so two people can never both take the last place; the partial unique
    index on (lower(email), event) catches a duplicate that slips past the check. The consent is stored with
    its wording's version and the form it came from; `language` (by default the active one) is the language
    of every later email to this person about the event, reminders included.
    """
    if not consent:
        raise SignupRefused(_("Please agree to be contacted about this event."))
    email = email.strip().lower()
    try:
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event.pk)
            refusal = signup_refusal(event)
            if refusal:
                raise SignupRefused(refusal)
            existing = event.registrations.exclude(status=Registration.Status.CANCELLED).filter(
                email__iexact=email
            )
            if existing.exists():
                raise AlreadyRegistered(existing.first())
            confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
            full = event.capacity is not None and confirmed >= event.capacity
            registration = Registration.objects.create(
                event=event,
                name=name.strip(),
                email=email,
                phone=phone.strip(),
                consent=True,
                consent_text_version=SIGNUP_CONSENT_VERSION,
                consent_form=consent_form[:30],
                language=(language if language is not None else translation.get_language() or "")[:10],
                ip_hash=ip_hash,
                status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
            )
            _email_registration(registration, "events/signup")  # its job commits with the sign-up
    except IntegrityError:
        existing = Registration.objects.filter(event=event, email__iexact=email).exclude(
            status=Registration.Status.CANCELLED
        )
        raise AlreadyRegistered(existing.first()) from None
    # After commit, for webhooks (campaigns/hooks.py); events never imports its subscribers.
    hooks.publish("events.registration_created", registration_id=registration.pk)
    return registration


def resend_signup_details(registration: Registration) -> bool:
    """Email someone who signs up again the details of the place they already have (or their place on the waiting
    list), at most once in SIGNUP_RESEND_SECONDS, so the form cannot be used to fill a stranger's inbox. The page
    they see is the same as after a first sign-up: whether an address is signed up is nobody else's business."""
    if not cache.add(f"events:signup-resent:{registration.pk}", True, settings.SIGNUP_RESEND_SECONDS):
        return False
    _email_registration(registration, "events/signup")
    return True


def cancel_registration(*, registration: Registration, by_organisers: bool = False) -> Registration:
    """Free a place; the first person on the waiting list takes it and is told. A sign-up the organisers cancel
    (a coordinator in the back office) is emailed to its person, who would otherwise still count on the place."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        was_waiting = registration.status == Registration.Status.WAITLISTED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if by_organisers and not event.has_started:
            # Someone on the waiting list had no place to lose: they are told they are off the list.
            _email_registration(
                registration, "events/waitlist_cancelled" if was_waiting else "events/signup_cancelled"
            )
        if event.status == Event.Status.PUBLISHED and not event.has_started:
            _fill_free_places(event)
    return registration


def _fill_free_places(event: Event) -> list[Registration]:
    """Promote waitlisted people in sign-up order while there are places. The caller holds the event lock."""
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    free = None if event.capacity is None else max(event.capacity - confirmed, 0)
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "id")
    promoted = list(waiting if free is None else waiting[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _email_registration(registration, "events/promoted")
    return promoted


def signed_up_pass(event: Event, *, waitlisted: bool) -> str:
    """What the redirect after the sign-up form carries, so the page after it opens only for someone who just
    sent the form (for anyone else "You have a place" would be untrue), and says whether the form gave a place
    or a place on the waiting list. It names the event and that outcome, not the person."""
    return signing.dumps([event.pk, waitlisted], salt=SIGNED_UP_SALT)


def signed_up_outcome(event: Event, value: str) -> str | None:
    """The Registration.Status the page after the form announces, or None without a valid pass for the event."""
    try:
        event_pk, waitlisted = signing.loads(value, salt=SIGNED_UP_SALT, max_age=SIGNED_UP_PASS_SECONDS)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if event_pk != event.pk:
        return None
    return Registration.Status.WAITLISTED if waitlisted else Registration.Status.CONFIRMED


def new_signup_would_wait(event: Event) -> bool:
    """Whether a new sign-up now would go on the waiting list: what the page after the form says to someone
    whose address was already on the list, so that page tells nobody whether it was."""
    if event.capacity is None:
        return False
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()
    return confirmed >= event.capacity


def cancel_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_from_token(token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("event").filter(pk=pk).first()


def _email_registration(registration: Registration, template: str, *, details: dict | None = None) -> None:
    # Built and rendered by the task worker (registration_emails), from the sign-up and its event as they are
    # when the email leaves: the request (or the event's lock) waits for neither the template nor the .ics.
    queue_email_about(
        "events.services.registration_emails",
        registration.pk,
        template=template,
        to=registration.email,
        details=details,
    )


def registration_emails(registration_ids: list[int], template: str) -> dict[int, EmailDraft]:
    """The emails about these sign-ups, each in the language the person signed up in, with the event's calendar
    file in that language too (its place, country and link; made once per event and language of the batch). One
    query for the batch; an erased sign-up gets none."""
    registrations = Registration.objects.select_related("event").filter(
        pk__in=registration_ids, anonymised_at__isnull=True
    )
    calendars = {}
    drafts = {}
    for registration in registrations:
        event = registration.event
        waitlisted = registration.status == Registration.Status.WAITLISTED
        if registration.status == Registration.Status.CANCELLED:
            drafts[registration.pk] = _registration_email(registration, template, [])  # no place to add
            continue
        key = (event.pk, registration.language or settings.LANGUAGE_CODE, waitlisted)
        if key not in calendars:
            with translation.override(key[1]):
                calendars[key] = _calendar_attachments(event, waitlisted=waitlisted)
        drafts[registration.pk] = _registration_email(registration, template, calendars[key])
    return drafts


def _calendar_attachments(event: Event, *, waitlisted: bool = False) -> list[tuple[str, str, str]]:
    if event.status not in (Event.Status.PUBLISHED, Event.Status.CANCELLED):
        return []
    # A cancelled event's file carries STATUS:CANCELLED and the same UID, so calendars drop it.
    return [
        (
            f"{event.slug}.ics",
            event_calendar(event, waitlisted=waitlisted, for_attendee=True).decode(),
            "text/calendar",
        )
    ]


def _registration_email(registration: Registration, template: str, attachments: list) -> EmailDraft:
    language = registration.language or settings.LANGUAGE_CODE
    # The cancel page opens in the language the email is written in, whoever sends it (a host, a cron job).
    with translation.override(language):
        cancel_url = settings.SITE_URL + reverse(
            "events:signup-cancel", kwargs={"token": cancel_token(registration)}
        )
    return EmailDraft(
        template,
        {"registration": registration, "event": registration.event, "cancel_url": cancel_url},
        language=language,
        attachments=attachments,
    )


# --- reminders -------------------------------------------------------------------------------------------


def send_event_reminders(
    *, now: dt.datetime | None = None, window: dt.timedelta = dt.timedelta(hours=24)
) -> int:
    """Remind confirmed people of events starting within `window`. Each reminder is claimed with a conditional
    UPDATE before it is queued, so overlapping runs never send the same reminder twice."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + window,
    ).select_related("event", "event__group")
    sent = 0
    for registration in due:
        with transaction.atomic():
            if _claim(registration, "reminder_sent_at", now):
                _email_registration(registration, "events/reminder")
                sent += 1
    return sent


def _claim(row, field: str, now: dt.datetime) -> bool:
    """Mark `row` done at `now` unless another run already did, in one conditional UPDATE: only the run that
    claims it sends its email, so overlapping runs never send one twice."""
    return bool(type(row).objects.filter(pk=row.pk, **{f"{field}__isnull": True}).update(**{field: now}))


# An event's host is asked for the report this long after it ends (the evening's count is done, the photos are
# sorted), and no longer asked once it ended this long ago: a first run on old data emails nobody about 2012.
REPORT_REMINDER_AFTER = dt.timedelta(hours=12)
REPORT_REMINDER_UNTIL = dt.timedelta(days=14)


def send_report_reminders(*, now: dt.datetime | None = None) -> int:
    """Ask the host of each published event that ended without a report to file one: what the event achieved counts
    in the results only once it is reported. Once per event, claimed as the sign-up reminders are."""
    now = now or timezone.now()
    due = Event.objects.filter(
        status=Event.Status.PUBLISHED,
        report__isnull=True,
        report_reminder_sent_at__isnull=True,
        ends_at__lte=now - REPORT_REMINDER_AFTER,
        ends_at__gt=now - REPORT_REMINDER_UNTIL,
        host__is_active=True,
    ).select_related("host")
    sent = 0
    for event in due:
        with transaction.atomic():
            if _claim(event, "report_reminder_sent_at", now):
                queue_email(
                    "events/report_reminder",
                    {"event": event},
                    to=event.host.email,
                    language=event.host.language or None,
                )
                sent += 1
    return sent


# --- reports ---------------------------------------------------------------------------------------------


def report_refusal(event: Event) -> str | None:
    if event.status != Event.Status.PUBLISHED:
        return _("Only a published event that has taken place can be reported.")
    if not event.has_started:
        return _("You can file the report once the event has started.")
    return None


def submit_report(
    *,
    event: Event,
    by,
    participants: int,
    letters_by_case: dict[Case, int],
    paper_signatures: int = 0,
    lanterns: int = 0,
    posters: int = 0,
    photos_taken: int = 0,
    notes: str = "",
    photos: Iterable[tuple] = (),
    remove_photos: Iterable[ReportPhoto] = (),
) -> EventReport:
    """Create or update the event's report. Any change sends it back to review (and out of the ledger).
    `remove_photos` are photos on file the host takes back: their rows go, and their files once committed."""
    refusal = report_refusal(event)
    if refusal:
        raise EventError(refusal)
    counted_cases = set(event.reportable_cases())
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        report = EventReport.objects.filter(event=event).first() or EventReport(event=event)
        if report.pk and report.status == EventReport.Status.APPROVED:
            counting.retract_report(report)
        report.submitted_by = by
        report.participants = participants
        report.paper_signatures = paper_signatures
        report.lanterns = lanterns
        report.posters = posters
        report.photos_taken = photos_taken
        report.notes = notes.strip()
        report.status = EventReport.Status.PENDING
        report.rejection_reason = ""
        report.reviewed_by, report.reviewed_at = None, None  # the earlier review was of other numbers
        if report.pk is None:
            report.save()  # its counts and photos need its id; saved again below with their record
        for case, letters in letters_by_case.items():
            if case in counted_cases:
                ReportCaseCount.objects.update_or_create(
                    report=report, case=case, defaults={"letters": letters}
                )
        report.case_counts.exclude(case__in=counted_cases).delete()
        for photo in report.photos.filter(pk__in=[photo.pk for photo in remove_photos]):
            photo.delete()
            transaction.on_commit(partial(photo.image.storage.delete, photo.image.name))
        for image, caption, consent in photos:
            ReportPhoto.objects.create(report=report, image=image, caption=caption, publish_consent=consent)
        report.record_counts_and_photos()
        report.save()  # one version in its history, with what changed in its counts and photos
        notify_coordinators(event, "events/report_submitted", report=report)
    return report


def approve_report(*, report: EventReport, by) -> EventReport:
    with transaction.atomic():
        report = (
            EventReport.objects.select_for_update()
            .select_related("event__host", "event__campaign")
            .get(pk=report.pk)
        )
        if report.status == EventReport.Status.APPROVED:
            return report
        report.status = EventReport.Status.APPROVED
        report.rejection_reason = ""
        report.reviewed_by = by
        report.reviewed_at = timezone.now()
        report.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at", "updated_at"])
        counting.record_report(report)
        hooks.publish("events.report_approved", report_id=report.pk)
        host = report.event.host
        if host.is_active:  # a host who has erased their account has no address to write to
            queue_email(
                "events/report_approved",
                {"report": report, "event": report.event},
                to=host.email,
                language=host.language or None,
            )
    return report


def reject_report(*, report: EventReport, by, reason: str) -> EventReport:
    reason = reason.strip()
    if not reason:
        raise EventError(_("Please give the host a reason."))
    with transaction.atomic():
        report = EventReport.objects.select_for_update().select_related("event__host").get(pk=report.pk)
        counting.retract_report(report)
        report.status = EventReport.Status.REJECTED
        report.rejection_reason = reason
        report.reviewed_by = by
        report.reviewed_at = timezone.now()
        report.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at", "updated_at"])
        host = report.event.host
        queue_email(
            "events/report_rejected",
            {"report": report, "event": report.event},
            to=host.email,
            language=host.language or None,
        )
    return report


def unapprove_report(*, report: EventReport, by) -> EventReport:
    """Back to pending review: the report stops counting until it is approved again."""
    with transaction.atomic():
        report = EventReport.objects.select_for_update().get(pk=report.pk)
        counting.retract_report(report)
        report.status = EventReport.Status.PENDING
        report.reviewed_by = by
        report.reviewed_at = timezone.now()
        report.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    return report


def events_managed_by(user):
    """Events a user may manage on the host pages: their own, plus those of groups they coordinate."""
    from campaigns.permissions import coordinated_group_ids, sees_everything

    if sees_everything(user):
        return Event.objects.all()
    return Event.objects.filter(Q(host=user) | Q(group_id__in=coordinated_group_ids(user)))
