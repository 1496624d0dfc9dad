"""The events figures on the back-office overview (see campaigns/dashboard.py)."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.dashboard import Figure, register_figure

from .models import Event, EventReport, Registration


def _count_by_group(queryset, group_path: str, group_ids: set[int] | None) -> dict[int, int]:
    if group_ids is not None:
        queryset = queryset.filter(**{f"{group_path}__in": group_ids})
    rows = queryset.values(group_path).annotate(n=Count("pk")).values_list(group_path, "n").order_by()
    return dict(rows)


def upcoming_events(group_ids):
    return _count_by_group(Event.objects.published().upcoming(), "group", group_ids)


def events_awaiting_review(group_ids):
    return _count_by_group(Event.objects.pending_review(), "group", group_ids)


def reports_awaiting_approval(group_ids):
    return _count_by_group(
        EventReport.objects.filter(status=EventReport.Status.PENDING), "event__group", group_ids
    )


def signups_this_week(group_ids):
    recent = Registration.objects.standing_since(timezone.now() - timedelta(days=7))
    return _count_by_group(recent, "event__group", group_ids)


register_figure(
    Figure(
        "events_awaiting_review",
        _("Events awaiting review"),
        events_awaiting_review,
        url_name="admin:events_pendingevent_changelist",
        needs_review=True,
        order=10,
    )
)
register_figure(
    Figure(
        "reports_awaiting_approval",
        _("Event reports awaiting approval"),
        reports_awaiting_approval,
        url_name="admin:events_eventreport_changelist",
        url_query="status__exact=pending",
        needs_review=True,
        order=20,
    )
)
register_figure(
    Figure(
        "upcoming_events",
        _("Upcoming events"),
        upcoming_events,
        url_name="admin:events_event_changelist",
        url_query="status__exact=published&when=upcoming",
        order=40,
    )
)
register_figure(
    Figure(
        "signups_this_week",
        _("Sign-ups in the last 7 days"),
        signups_this_week,
        url_name="admin:events_registration_changelist",
        url_query="recent=7d",
        order=50,
    )
)
