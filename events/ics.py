"""iCalendar files for events: one VEVENT with a real TZID, so calendar apps show the local time."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone, vText
from icalendar import Event as ICalEvent

SEQUENCE_EPOCH = 1_700_000_000  # keeps SEQUENCE a modest, still increasing number


def event_uid(event) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "marathon"
    return f"event-{event.pk}@{host}"


def event_calendar(event, *, waitlisted: bool = False, for_attendee: bool = False) -> bytes:
    """The event as an .ics file. Times are written in the event's own zone with a VTIMEZONE block. For someone on
    the waiting list it is TENTATIVE: the place is not theirs yet (the email that gives them one carries a
    CONFIRMED file with the same UID, which replaces it). An online event's link is its location only in the
    file attached to the email of a person with a place (`for_attendee`, not `waitlisted`); otherwise it says
    "Online event" (Event.online_url_for)."""
    zone = event.timezone
    cal = Calendar()
    cal.add("prodid", f"-//{settings.ORGANISATION_NAME}//Marathon events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    start = event.starts_at.astimezone(zone)
    end = event.ends_at.astimezone(zone)
    # A year either side covers the daylight-saving switches a calendar app may need around the event.
    cal.add_component(
        Timezone.from_tzinfo(
            zone,
            first_date=start.date() - dt.timedelta(days=366),
            last_date=end.date() + dt.timedelta(days=366),
        )
    )
    item = ICalEvent()
    item.add("uid", event_uid(event))
    changed = event.updated_at or event.created_at or timezone.now()
    item.add("dtstamp", changed)
    item.add("last-modified", changed)
    # Calendar apps replace their copy only when SEQUENCE grows; the change time always does.
    item.add("sequence", int(changed.timestamp()) - SEQUENCE_EPOCH)
    item.add("dtstart", start)
    item.add("dtend", end)
    # Phone calendars show TENTATIVE as any other entry: the title says the place is not theirs yet.
    summary = _("%(title)s (waiting list)") % {"title": event.title} if waitlisted else event.title
    item.add("summary", summary)
    item.add("description", f"{event.description}\n\n{settings.SITE_URL}{event.get_absolute_url()}")
    item.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    if event.link_is_for_attendees:
        location = event.online_url_for(has_place=for_attendee and not waitlisted) or str(
            event.get_kind_display()
        )
    else:
        location = event.full_address
    item["location"] = vText(location)
    if event.status == "cancelled":
        item.add("status", "CANCELLED")
    else:
        item.add("status", "TENTATIVE" if waitlisted else "CONFIRMED")
    cal.add_component(item)
    return cal.to_ical()
