from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = _("Results")

    def ready(self):
        from campaigns.models import Action

        from . import recount  # noqa: F401  registers the reported tallies' recount
        from .tasks import schedule_rollup_on_commit

        # Not domain flow: a cache-refresh hook, so every ledger writer (present and future) schedules the
        # rollup without each app having to remember to.
        post_save.connect(schedule_rollup_on_commit, sender=Action, dispatch_uid="results-schedule-rollup")
