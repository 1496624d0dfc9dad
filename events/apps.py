from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Registers the ledger recount for approved event reports (see events/counting.py).
        from . import (
            counting,  # noqa: F401
            figures,  # noqa: F401  (the back-office overview's events figures)
            personal_data,  # noqa: F401  (sign-ups in data exports, erasure and retention)
        )
