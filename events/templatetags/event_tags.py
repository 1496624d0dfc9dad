from django import template

from events.models import Event
from events.services import event_as_it_was

register = template.Library()


@register.inclusion_tag("events/includes/_case_events.html")
def case_events(case, limit: int = 5):
    """Upcoming published events featuring `case`, soonest first."""
    events = Event.objects.published().upcoming().featuring(case).order_by("starts_at")[:limit]
    return {"case": case, "events": list(events)}


@register.filter
def as_it_was(event, time_and_place: dict):
    """`event` with the time and place it had before a change (the email that tells of the change shows both)."""
    return event_as_it_was(event, time_and_place)
