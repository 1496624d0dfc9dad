"""The two back-office roles as Django permission groups, and the model permissions each one holds.

The groups themselves are created by a data migration; their permissions are synced after every migrate (the
permissions of the events, petitions and letters models only exist once those apps have migrated). What a
coordinator may see inside a model is narrowed further, per object, by campaigns.permissions.
"""

from django.contrib.auth.models import Group, Permission

from .permissions import COORDINATOR_GROUP, SECTION_STAFF_GROUP

# app label → model → actions a coordinator may take on their own group's rows.
COORDINATOR_PERMISSIONS: dict[str, dict[str, list[str]]] = {
    "campaigns": {
        "campaign": ["view"],
        "case": ["view"],
        "caseupdate": ["view"],
        "localgroup": ["view", "change"],
        "membership": ["view"],
        "action": ["view"],
        "exportlog": ["view"],
    },
    "events": {
        "event": ["view", "change"],
        "registration": ["view", "change"],
        "eventreport": ["view", "change"],
        "reportcasecount": ["view", "change"],
        "reportphoto": ["view", "change"],
    },
    "petitions": {
        "petition": ["view"],
        "signature": ["view"],
        "papersignaturebatch": ["view", "add", "change"],
    },
    "letters": {
        "solidaritymessage": ["view", "change"],
        "printbatch": ["view", "add"],
        "appealletter": ["view"],
    },
    "results": {},
    "api": {
        "grouptoken": ["view", "add", "change"],
        "webhook": ["view", "add", "change", "delete"],
        "webhookdelivery": ["view"],
    },
}

# Section staff manage every model of these apps, plus users and groups.
SECTION_STAFF_APPS = ["campaigns", "events", "petitions", "letters", "results", "api", "auth", "account"]


def sync_role_permissions(**kwargs) -> None:
    coordinator, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    staff, _ = Group.objects.get_or_create(name=SECTION_STAFF_GROUP)
    wanted = [
        f"{action}_{model}"
        for models in COORDINATOR_PERMISSIONS.values()
        for model, actions in models.items()
        for action in actions
    ]
    coordinator.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=list(COORDINATOR_PERMISSIONS), codename__in=wanted
        )
    )
    staff.permissions.set(Permission.objects.filter(content_type__app_label__in=SECTION_STAFF_APPS))


def sync_site(**kwargs) -> None:
    """Keep the sites framework's domain and name (used in account emails) in line with SITE_URL."""
    from urllib.parse import urlparse

    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={
            "domain": urlparse(settings.SITE_URL).netloc or "localhost",
            "name": settings.ORGANISATION_NAME,
        },
    )
