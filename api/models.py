"""Per-group API tokens, idempotency records for POSTs, webhooks and their deliveries, and the link between
an action a partner submitted and the group whose token submitted it."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns.models import Campaign, LocalGroup

TOKEN_PREFIX = "mrt_"


def hash_token(token: str) -> str:
    """Tokens are 256 random bits, so a fast keyless hash is enough (a password hasher would cost ~240 ms)."""
    return hashlib.sha256(token.encode()).hexdigest()


class GroupTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, group__is_active=True)


class GroupToken(models.Model):
    """A secret a local group's CRM or website uses to read and write that group's data through the API.

    Only a hash of the secret is stored; the secret itself is shown once, when the token is created.
    """

    group = models.ForeignKey(
        LocalGroup, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("local group")
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What uses this token, e.g. “CiviCRM sync” or “section website”."),
    )
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = GroupTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def set_new_secret(self) -> str:
        """Generate the secret, keep its hash and return it (the only time it is ever seen)."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.prefix = token[:12]
        self.secret_hash = hash_token(token)
        return token


class IdempotencyRecord(models.Model):
    """The first answer to a POST with a given Idempotency-Key, replayed when the client retries it."""

    token = models.ForeignKey(GroupToken, on_delete=models.CASCADE, related_name="idempotency_records")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(default=0)
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="idempotency_unique_token_key")]

    def __str__(self) -> str:
        return f"{self.key} → {self.status_code}"


class Submission(models.Model):
    """Which group's token submitted an online signature or an event sign-up (the row itself lives in its
    own app; this only says where it came from, so the group can read back what it sent)."""

    token = models.ForeignKey(GroupToken, on_delete=models.SET_NULL, null=True, related_name="submissions")
    group = models.ForeignKey(LocalGroup, on_delete=models.CASCADE, related_name="api_submissions")
    signature = models.OneToOneField(
        "petitions.Signature", on_delete=models.CASCADE, null=True, blank=True, related_name="api_submission"
    )
    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, null=True, blank=True, related_name="api_submission"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("API submission")
        verbose_name_plural = _("API submissions")
        constraints = [
            models.CheckConstraint(
                condition=Q(signature__isnull=False) | Q(registration__isnull=False),
                name="api_submission_points_somewhere",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} #{self.pk}"


def new_webhook_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class Webhook(models.Model):
    """A URL of a group's own system that receives signed notifications of new sign-ups and approved reports."""

    group = models.ForeignKey(
        LocalGroup, on_delete=models.CASCADE, related_name="webhooks", verbose_name=_("local group")
    )
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(
        _("signing secret"),
        max_length=80,
        default=new_webhook_secret,
        editable=False,
        help_text=_("Your receiver checks the X-Marathon-Signature header with this secret."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["group", "url"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One notification to one webhook, with its attempts (retried with back-off until it lands or gives up)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    topic = models.CharField(pgettext_lazy("what a webhook announces", "event"), max_length=60)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    log = models.JSONField(_("attempt log"), default=list, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.topic} → {self.webhook} ({self.get_status_display()})"


class WidgetCatalogue(Campaign):
    """The admin page "Widgets for your website": copy-paste snippets per campaign, petition and country."""

    class Meta:
        proxy = True
        verbose_name = _("widget for your website")
        verbose_name_plural = _("widgets for your website")
