"""Results: hourly rollups of the action ledger, the job's progress marker, and tallies sections report.

Pages read only `ActionRollup` (never `campaigns.Action`), so they cost the same at ten thousand and at ten
million actions. The rollup job (results/rollup.py) folds new ledger rows into it exactly once.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from campaigns.models import Action, Campaign, Case, LocalGroup


class ActionRollup(models.Model):
    """The net number of actions for one campaign × country × kind × case × hour (UTC, start of the hour).

    The finest grain, from which `ActionTotal` and `CountryHourRollup` (what the pages read) can be rebuilt.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="rollups")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rollups", null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Action.Kind.choices)
    hour = models.DateTimeField(_("hour"))
    count = models.BigIntegerField(_("actions"), default=0)

    class Meta:
        verbose_name = _("action rollup")
        verbose_name_plural = _("action rollups")
        constraints = [
            models.UniqueConstraint(
                F("campaign"),
                F("country"),
                F("kind"),
                Coalesce(F("case"), 0),
                F("hour"),
                name="rollup_unique_key",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "hour"], name="rollup_campaign_hour_idx")]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H:00} {self.country} {self.kind}: {self.count}"


class ActionTotal(models.Model):
    """The net number of actions for one campaign × country × kind × case, all hours together."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="action_totals")
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="action_totals", null=True, blank=True
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Action.Kind.choices)
    count = models.BigIntegerField(_("actions"), default=0)

    class Meta:
        verbose_name = _("action total")
        verbose_name_plural = _("action totals")
        constraints = [
            models.UniqueConstraint(
                F("campaign"), F("country"), F("kind"), Coalesce(F("case"), 0), name="action_total_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.kind}: {self.count}"


class CountryHourRollup(models.Model):
    """The net number of actions for one campaign × country × hour: the time series and the best 24 hours."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="country_hours")
    country = models.CharField(_("country"), max_length=2, blank=True)
    hour = models.DateTimeField(_("hour"))
    count = models.BigIntegerField(_("actions"), default=0)

    class Meta:
        verbose_name = _("country-hour rollup")
        verbose_name_plural = _("country-hour rollups")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "country", "hour"], name="country_hour_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H:00} {self.country}: {self.count}"


class RollupState(models.Model):
    """The one row that says how far the rollup job has read the ledger.

    `last_id` is the highest Action id folded in. `gaps` lists ids below it that were not visible when the
    job passed them (a transaction still open, or rolled back), each with the time it was first seen
    missing; the job folds them in when they appear and forgets them after `RESULTS_GAP_TTL_SECONDS`.
    `version` grows with every run that changed something, so summaries can be cached per version.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_id = models.BigIntegerField(default=0)
    gaps = models.JSONField(default=dict, blank=True)
    version = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rollup state")
        verbose_name_plural = _("rollup state")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="rollup_state_single_row")]

    def __str__(self) -> str:
        return f"rollup up to action {self.last_id} (version {self.version})"


class ReportedTally(models.Model):
    """Offline actions a section reports as one aggregated count: "212 paper letters in Asunción on 10 Dec".

    Entered by staff in the admin through `results.services.record_tally`, which writes the ledger row in
    the same transaction. A withdrawn tally stops counting (`withdraw_tally` retracts it).
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="reported_tallies", verbose_name=_("campaign")
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="reported_tallies", verbose_name=_("case")
    )
    country = CountryField(_("country"))
    group = models.ForeignKey(
        LocalGroup,
        on_delete=models.SET_NULL,
        related_name="reported_tallies",
        null=True,
        blank=True,
        verbose_name=_("local group"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Action.Kind.choices)
    count = models.PositiveIntegerField(_("number of actions"))
    occurred_at = models.DateTimeField(_("when"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("reported tally")
        verbose_name_plural = _("reported tallies")
        ordering = ["-occurred_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(count__gt=0), name="tally_count_positive")]

    def __str__(self) -> str:
        return f"{self.count} × {self.get_kind_display()} ({self.country})"

    @property
    def is_counted(self) -> bool:
        return self.withdrawn_at is None
