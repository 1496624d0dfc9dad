"""Who may see and do what: the one module the admin, the host pages and the API ask.

Rules are `rules` predicates so they can be combined and registered as object permissions.
"""

import rules

from .models import LocalGroup, Membership


@rules.predicate
def is_staff(user) -> bool:
    return bool(user and user.is_active and user.is_staff and user.is_superuser)


@rules.predicate
def is_coordinator_of(user, group: LocalGroup | None) -> bool:
    if not user or not user.is_authenticated or group is None:
        return False
    return Membership.objects.filter(user=user, group=group, role=Membership.Role.COORDINATOR).exists()


def coordinated_group_ids(user) -> set[int]:
    """The ids of the groups `user` coordinates (empty for anonymous users)."""
    if not user or not user.is_authenticated:
        return set()
    cached = getattr(user, "_coordinated_group_ids", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).values_list(
                "group_id", flat=True
            )
        )
        user._coordinated_group_ids = cached
    return cached


def is_coordinator(user) -> bool:
    return bool(coordinated_group_ids(user))


def sees_everything(user) -> bool:
    """National and international staff: superusers, or staff outside any coordinator scope."""
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)
