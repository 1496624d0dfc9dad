from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    default = True
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import personal_data_sources  # noqa: F401  (the core's personal data and retention rules)
        from .roles import sync_role_permissions, sync_site

        # Permissions of other apps' models exist only after they migrate, so the roles are synced afterwards.
        post_migrate.connect(sync_role_permissions, dispatch_uid="campaigns.sync_role_permissions")
        post_migrate.connect(sync_site, dispatch_uid="campaigns.sync_site")


class MarathonAdminConfig(admin_apps.AdminConfig):
    """The stock admin app with the back office's own site: two-factor sign-in for staff (campaigns/otp.py)."""

    default = False  # listed by its path in INSTALLED_APPS; CampaignsConfig stays this module's default
    default_site = "campaigns.admin_site.MarathonAdminSite"
