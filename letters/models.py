"""Appeal letters to the authorities, solidarity messages to the person at risk, and their print batches."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from campaigns.consent import register_consent_text
from campaigns.models import Campaign, Case

MAX_LETTERS_PER_REPORT = 500
MESSAGE_MAX_LENGTH = 1000
APPEAL_MAX_LENGTH = 6000

# What an optional email address is for, on each form that asks for one (campaigns/consent.py).
LETTER_EMAIL_CONSENT_TEXT = _("Only to thank you and tell you about news of this case. We never show it.")
LETTER_EMAIL_CONSENT_VERSION = register_consent_text("appeal-email-v1", LETTER_EMAIL_CONSENT_TEXT)
MESSAGE_EMAIL_CONSENT_TEXT = _(
    "We will tell you when your message has been approved and posted. We never show it."
)
MESSAGE_EMAIL_CONSENT_VERSION = register_consent_text("message-email-v1", MESSAGE_EMAIL_CONSENT_TEXT)


class AppealLetter(models.Model):
    """Letters to the authorities a supporter tells us about: one posted online letter, or "I wrote N"."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Printed from the website and posted")
        OFFLINE = "offline", _('Written on paper ("I wrote N letters")')

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="appeal_letters", verbose_name=_("case")
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="appeal_letters",
        null=True,
        blank=True,
        verbose_name=_("campaign"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    count = models.PositiveIntegerField(_("letters"), default=1)
    name = models.CharField(pgettext_lazy("a person's", "name"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"))
    email = models.EmailField(_("email"), blank=True)
    # The page's language when an email address was given: the thanks and the case's news are written in it.
    language = models.CharField(_("language"), max_length=10, blank=True)
    consent_text_version = models.CharField(_("consent text version"), max_length=30, blank=True)
    consent_form = models.CharField(_("consent given on"), max_length=30, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("logged at"), default=timezone.now, db_index=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("appeal letter")
        verbose_name_plural = _("appeal letters")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1, count__lte=MAX_LETTERS_PER_REPORT), name="appeal_letter_count_range"
            ),
            models.CheckConstraint(
                condition=Q(source="offline") | Q(count=1), name="appeal_letter_online_counts_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.case} ({self.country})"


class PrintBatch(models.Model):
    """One print run of approved solidarity messages for a case, made by a coordinator or staff member."""

    class Layout(models.TextChoices):
        CARDS = "cards", _("One card per page, with a decorative border")
        SHEET = "sheet", _("Four messages per A4 sheet")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="print_batches", verbose_name=_("case")
    )
    layout = models.CharField(_("layout"), max_length=10, choices=Layout.choices, default=Layout.CARDS)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("printed by"),
    )
    created_at = models.DateTimeField(_("printed at"), default=timezone.now)
    message_count = models.PositiveIntegerField(_("messages"), default=0)

    class Meta:
        verbose_name = _("print batch")
        verbose_name_plural = _("print batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return _("Batch %(id)s for %(case)s") % {"id": self.pk, "case": self.case}


class SolidarityMessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=SolidarityMessage.Status.PENDING)

    def approved(self):
        return self.filter(status=SolidarityMessage.Status.APPROVED)

    def awaiting_print(self):
        # An erased message still counts, but has no words left to print.
        return self.approved().filter(print_batch__isnull=True, anonymised_at__isnull=True)

    def on_wall(self, case: Case):
        """What the public may see: nothing at all for a sensitive case, nor a message its author erased."""
        if case.is_sensitive:
            return self.none()
        return self.approved().filter(case=case, anonymised_at__isnull=True).order_by("-decided_at", "-id")


class SolidarityMessage(models.Model):
    """A few warm words for the person at risk. Stored pending and read by a moderator before anything else."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", pgettext_lazy("message status", "Approved")  # agreed with "message"
        REJECTED = "rejected", pgettext_lazy("message status", "Rejected")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="solidarity_messages", verbose_name=_("case")
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="solidarity_messages",
        null=True,
        blank=True,
        verbose_name=_("campaign"),
    )
    first_name = models.CharField(_("first name"), max_length=50)
    country = CountryField(_("country"))
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10, blank=True)
    email = models.EmailField(_("email"), blank=True)
    consent_text_version = models.CharField(_("consent text version"), max_length=30, blank=True)
    consent_form = models.CharField(_("consent given on"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    print_batch = models.ForeignKey(
        PrintBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("print batch"),
    )
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("written at"), default=timezone.now, db_index=True)
    # Set when the author had the message erased: the words and the name are gone, the count stays.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = SolidarityMessageQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("solidarity message")
        verbose_name_plural = _("solidarity messages")
        ordering = ["created_at", "id"]
        permissions = [("moderate_solidaritymessage", _("Can moderate and print solidarity messages"))]
        indexes = [models.Index(fields=["case", "status", "decided_at"], name="message_wall_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(print_batch__isnull=True) | Q(status="approved"),
                name="message_printed_only_when_approved",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="message_decision_has_time",
            ),
            models.CheckConstraint(
                condition=Q(
                    LessThanOrEqual(Length("body"), MESSAGE_MAX_LENGTH), GreaterThan(Length("body"), 0)
                )
                | Q(anonymised_at__isnull=False, body=""),
                name="message_body_length",
            ),
        ]

    def __str__(self) -> str:
        if self.anonymised_at:
            return str(_("Anonymised message"))
        # Cut at a word, with an ellipsis ("każdego dn" read as a typo).
        return f"{self.first_name} ({self.country}): {Truncator(self.body).words(8, truncate='…')}"

    @property
    def body_language(self) -> str:
        """The language the message's letters show for certain, for its `lang` on the wall (a screen reader then
        reads it in a Korean or Japanese voice): kana is Japanese, Hangul Korean. "" for any other script, where
        the page's language stands (the language the page was in says nothing sure of the message's own)."""
        for char in self.body:
            code = ord(char)
            if 0x3040 <= code <= 0x30FF:
                return "ja"
            if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
                return "ko"
        return ""
