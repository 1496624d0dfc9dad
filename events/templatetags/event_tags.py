from django import template

from events.models import Event

register = template.Library()


@register.inclusion_tag("events/includes/_case_events.html")
def case_events(case, limit: int = 5):
    """Upcoming published events featuring `case`, soonest first."""
    events = Event.objects.published().upcoming().featuring(case).order_by("starts_at")[:limit]
    return {"case": case, "events": list(events)}
