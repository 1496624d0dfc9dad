from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import apps as totp_apps


class CampaignsConfig(AppConfig):
    default = True
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from . import personal_data_sources  # noqa: F401  (the core's personal data and retention rules)
        from .accounts import remember_language_on_login
        from .roles import sync_role_permissions, sync_site

        user_logged_in.connect(
            remember_language_on_login, dispatch_uid="campaigns.remember_language_on_login"
        )
        # Permissions of other apps' models exist only after they migrate, so the roles are synced afterwards.
        post_migrate.connect(sync_role_permissions, dispatch_uid="campaigns.sync_role_permissions")
        post_migrate.connect(sync_site, dispatch_uid="campaigns.sync_site")


class MarathonAdminConfig(admin_apps.AdminConfig):
    """The stock admin app with the back office's own site: two-factor sign-in for staff (campaigns/otp.py)."""

    default = False  # listed by its path in INSTALLED_APPS; CampaignsConfig stays this module's default
    default_site = "campaigns.admin_site.MarathonAdminSite"


class LoginLockoutsConfig(axes_apps.AppConfig):
    """django-axes under a name staff understand on the back office's index (its label read "AXES")."""

    default = False
    verbose_name = _("Log-in lockouts")


class TwoFactorDevicesConfig(totp_apps.DefaultConfig):
    """django-otp's TOTP devices under a name staff understand (its label read "OTP_TOTP")."""

    default = False
    verbose_name = _("Two-factor devices")
