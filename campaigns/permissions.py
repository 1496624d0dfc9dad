"""Who may see and do what: the one module the admin, the host pages and the API ask.

Rules are `rules` predicates so they can be combined and registered as object permissions.
"""

import rules

from .models import LocalGroup, Membership

SECTION_STAFF_GROUP = "Section staff"
COORDINATOR_GROUP = "Coordinator"


def sees_everything(user) -> bool:
    """National and international staff: superusers and members of the "Section staff" permission group."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_section_staff", None)
    if cached is None:
        cached = user.is_staff and user.groups.filter(name=SECTION_STAFF_GROUP).exists()
        user._is_section_staff = cached
    return cached


def coordinated_group_ids(user) -> set[int]:
    """The ids of the groups `user` coordinates (empty for anonymous users). Cached on the user object."""
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


@rules.predicate
def is_section_staff(user) -> bool:
    return sees_everything(user)


@rules.predicate
def is_coordinator_of(user, group: LocalGroup | int | None) -> bool:
    if group is None:
        return False
    group_id = group if isinstance(group, int) else group.pk
    return group_id in coordinated_group_ids(user)


@rules.predicate
def can_manage_group(user, group: LocalGroup | int | None) -> bool:
    """Staff manage every group; a coordinator manages the groups they coordinate."""
    return sees_everything(user) or is_coordinator_of(user, group)


def coordinated_countries(user) -> set[str]:
    """Country codes of the groups a user coordinates: a coordinator also looks after messages from there."""
    ids = coordinated_group_ids(user)
    if not ids:
        return set()
    cached = getattr(user, "_coordinated_countries", None)
    if cached is None:
        cached = {
            str(code) for code in LocalGroup.objects.filter(pk__in=ids).values_list("country", flat=True)
        }
        user._coordinated_countries = cached
    return cached


def scope_to_countries(queryset, user, country_path: str):
    """Like scope_to_groups, for rows that belong to a country rather than a group (solidarity messages)."""
    if sees_everything(user):
        return queryset
    return queryset.filter(**{f"{country_path}__in": coordinated_countries(user)})


def scope_to_groups(queryset, user, group_path: str):
    """Limit `queryset` to rows whose `group_path` (an ORM path to LocalGroup) is one the user may manage.

    The admin's get_queryset, host pages, exports and any API use this one filter, so no view has its own rule.
    """
    if sees_everything(user):
        return queryset
    return queryset.filter(**{f"{group_path}__in": coordinated_group_ids(user)})


# --- sensitive cases ------------------------------------------------------------------------------


def can_export_supporters(user, *, sensitive: bool) -> bool:
    """Names and addresses of people acting for a sensitive case (sign-ups, messages to print, signers) leave
    the system only through section staff: a coordinator, a host or a group's API token cannot export them."""
    return not sensitive or sees_everything(user)


# --- letters: solidarity message moderation and print batches -------------------------------------


@rules.predicate
def can_moderate_messages(user) -> bool:
    """Coordinators of any local group and staff (section staff, superusers, or staff given the permission).

    A message reaches a person in prison, so nobody else approves, rejects or prints one.
    """
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if sees_everything(user):
        return True
    if not user.is_staff:
        return False
    return is_coordinator(user) or user.has_perm("letters.moderate_solidaritymessage")


# --- petitions: delivery exports, abuse tools, paper signatures -----------------------------------


@rules.predicate
def can_export_signatures(user) -> bool:
    """Signer lists (names and cities) leave the system only through section staff, for delivery."""
    return sees_everything(user)


@rules.predicate
def can_invalidate_signatures(user) -> bool:
    """Removing signatures from a public count is a section decision, recorded with its reason."""
    return sees_everything(user)


@rules.predicate
def can_enter_paper_signatures(user) -> bool:
    """Staff for any group; coordinators for the groups they coordinate (the forms offer only those)."""
    return bool(user and user.is_authenticated and user.is_staff) and (
        sees_everything(user) or is_coordinator(user)
    )


# --- events: hosts, their groups' coordinators and staff --------------------------------------------


@rules.predicate
def is_event_host(user, event) -> bool:
    return bool(user and user.is_authenticated and event is not None and event.host_id == user.pk)


@rules.predicate
def manages_event_group(user, event) -> bool:
    return bool(
        user and user.is_authenticated and event is not None and can_manage_group(user, event.group_id)
    )


# Manage (edit, cancel, report) and see who signed up: nobody else sees participants' names or emails.
can_manage_event = is_event_host | manages_event_group
can_view_registrations = is_event_host | manages_event_group
