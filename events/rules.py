"""Object permissions of events, registered with `rules` (autodiscovered). The predicates themselves live in
campaigns.permissions with every other rule, so views, exports and the admin ask the same question."""

import rules

from campaigns.permissions import can_manage_event, can_view_registrations

rules.add_perm("events.manage_event", can_manage_event)
rules.add_perm("events.view_registrations", can_view_registrations)

__all__ = ["can_manage_event", "can_view_registrations"]
