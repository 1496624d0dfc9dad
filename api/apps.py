from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Open API and integrations")

    def ready(self):
        # Subscribes the webhook deliveries to the events app's hooks (campaigns/hooks.py).
        from . import (
            personal_data,  # noqa: F401  (API answers and notifications in data exports, erasure and retention)
            webhooks,  # noqa: F401
        )
