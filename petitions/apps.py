from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        # Registers the ledger recount of petition signatures (campaigns.ledger.register_recount).
        # Also the case-update audience, and signatures in data exports, erasure and retention.
        from . import audience, counters, personal_data  # noqa: F401
