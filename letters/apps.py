from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Letters and solidarity messages")

    def ready(self):
        from . import (
            audience,  # noqa: F401  (letter writers who gave an email hear the case's news)
            figures,  # noqa: F401  (the back-office overview's letters figure)
            personal_data,  # noqa: F401  (letters and messages in data exports, erasure and retention)
            recount,  # noqa: F401  (registers the ledger recounts)
        )
