from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        # Registers the ledger recount of petition signatures (campaigns.ledger.register_recount).
        from . import audience, counters  # noqa: F401  (case-update audience)
