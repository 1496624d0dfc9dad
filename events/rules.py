"""Who may manage an event and see who signed up: its host, the coordinators of its group, and staff.

Kept beside the events app (rules autodiscovers `<app>.rules`) and built on campaigns.permissions, so the host
pages, exports and the admin ask the same predicates. Participants' names and emails never reach the public site.
"""

import rules

from campaigns.permissions import can_manage_group


@rules.predicate
def is_event_host(user, event) -> bool:
    return bool(user and user.is_authenticated and event is not None and event.host_id == user.pk)


@rules.predicate
def manages_event_group(user, event) -> bool:
    return bool(
        user and user.is_authenticated and event is not None and can_manage_group(user, event.group_id)
    )


can_manage_event = is_event_host | manages_event_group
can_view_registrations = is_event_host | manages_event_group

rules.add_perm("events.manage_event", can_manage_event)
rules.add_perm("events.view_registrations", can_view_registrations)
