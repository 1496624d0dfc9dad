"""Petitions, the signatures on them, and counted batches of paper signatures.

The public pages read the two denormalised counters on Petition (`signature_count` for confirmed online
signatures, `paper_signature_count` for paper ones); services keep them in step with the rows, and
`manage.py verify_petition_counts` proves (and repairs) that they are.
"""

from django.conf import settings
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation.utils import build_localized_fieldname

from campaigns.consent import register_consent_text
from campaigns.models import Campaign, Case, LocalGroup

# The "keep me informed" consent on the sign form. New words need a new version, so every stored consent
# says which text the person agreed to (campaigns/consent.py).
CONSENT_TEXT = _(
    "Keep me informed about this case and other campaigns by email. I can unsubscribe at any time."
)
CONSENT_TEXT_VERSION = register_consent_text("2012-12-v1", CONSENT_TEXT)


# What decides whether a petition takes signatures and what its page shows of its state (PetitionQuerySet.public_state).
STATE_FIELDS = (
    "id", "slug", "status", "opens_at", "closes_at", "updated_at", "signature_count", "paper_signature_count",
)  # fmt: skip


def in_every_language(field: str) -> tuple[str, ...]:
    """A translated field's names for `.only()`: the field and its column in each language (modeltranslation),
    so the text still falls back to English when the active language has none."""
    *path, name = field.split("__")
    prefix = "".join(f"{part}__" for part in path)
    return (
        field,
        *(f"{prefix}{build_localized_fieldname(name, code)}" for code, _name in settings.LANGUAGES),
    )


class PetitionQuerySet(models.QuerySet):
    def public(self):
        """Everything that has been published: open, closed or delivered (never drafts)."""
        return self.exclude(status=Petition.Status.DRAFT)

    def public_state(self, slug: str) -> "Petition | None":
        """The published petition with this slug holding only its STATE_FIELDS, or None.

        Every signature reads this twice (the page's version, then the sign form), so it is one plain
        indexed SELECT of those columns: building the same query through the ORM and the translation layer
        cost more than running it (0.8 against 0.3 ms here). Other fields load on access, one query each;
        pages that show the texts read the whole row.
        """
        quote = connections[self.db].ops.quote_name
        table = self.model._meta.db_table
        columns = ", ".join(quote(name) for name in STATE_FIELDS)
        # Names from this module, quoted; the slug and status are bound parameters.
        sql = f"SELECT {columns} FROM {quote(table)} WHERE {quote('slug')} = %s AND {quote('status')} <> %s"  # nosec B608
        rows = list(self.model._default_manager.db_manager(self.db).raw(sql, [slug, Petition.Status.DRAFT]))
        return rows[0] if rows else None

    def accepting_signatures(self, now=None):
        now = now or timezone.now()
        return self.filter(status=Petition.Status.OPEN).filter(
            Q(opens_at__isnull=True) | Q(opens_at__lte=now),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        )


class Petition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        DELIVERED = "delivered", _("Delivered")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("campaign")
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("case"))
    target_name = models.CharField(_("addressed to (name)"), max_length=200)
    target_title = models.CharField(_("addressed to (title)"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    text = models.TextField(_("petition text"))
    goal = models.PositiveIntegerField(_("signature goal"), null=True, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_note = models.TextField(_("delivery note"), blank=True)
    signature_count = models.PositiveIntegerField(_("confirmed online signatures"), default=0, editable=False)
    paper_signature_count = models.PositiveIntegerField(_("paper signatures"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PetitionQuerySet.as_manager()
    # history: registered in petitions/translation.py, after the translated fields exist, so it records them.

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="petition_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=Q(goal__isnull=True) | Q(goal__gt=0), name="petition_goal_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", kwargs={"slug": self.slug})

    @property
    def total_count(self) -> int:
        return self.signature_count + self.paper_signature_count

    @property
    def progress_percent(self) -> int:
        if not self.goal:
            return 0
        return min(100, self.total_count * 100 // self.goal)

    def refusal_reason(self, now=None) -> str:
        """Why this petition takes no signatures now, or "" when it does."""
        now = now or timezone.now()
        if self.status == self.Status.DRAFT:
            return str(_("This petition has not been published yet."))
        if self.status == self.Status.DELIVERED:
            return str(_("This petition has been delivered and is closed."))
        if self.status == self.Status.CLOSED or (self.closes_at and self.closes_at <= now):
            return str(_("This petition is closed and no longer takes signatures."))
        if self.opens_at and self.opens_at > now:
            return str(_("This petition is not open for signatures yet."))
        return ""

    def opens_later(self, now=None) -> bool:
        """Open, with its start still ahead: the page says when signing begins."""
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.opens_at is not None and self.opens_at > now

    def page_version(self) -> str:
        """Changes whenever the petition page changes for an anonymous visitor (campaigns/page_cache.py): an
        edit, a counter, whether it takes signatures now. Reads STATE_FIELDS only."""
        return (
            f"{self.pk}:{self.updated_at.timestamp()}:{self.signature_count}:{self.paper_signature_count}:"
            f"{bool(self.refusal_reason())}:{self.opens_later()}"
        )

    @property
    def is_accepting_signatures(self) -> bool:
        return not self.refusal_reason()


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Signature.Status.CONFIRMED)

    def online(self):
        return self.filter(source=Signature.Source.ONLINE)

    def paper(self):
        return self.filter(source=Signature.Source.PAPER)

    def shown_publicly(self):
        """Confirmed online signers who agreed to show their first name (never for sensitive cases)."""
        return self.confirmed().online().filter(show_first_name=True, petition__case__is_sensitive=False)


class Signature(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        INVALIDATED = "invalidated", _("Invalidated")

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper")

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("petition")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    # The key of the one-signature-per-person rule; see campaigns.mailboxes.normalise_email.
    email_normalised = models.CharField(_("normalised email"), max_length=254, blank=True, editable=False)
    email_domain = models.CharField(_("email domain"), max_length=254, blank=True, editable=False)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    consent_to_contact = models.BooleanField(_("agreed to hear more"), default=False)
    consent_text_version = models.CharField(_("consent text version"), max_length=30, blank=True)
    consent_form = models.CharField(_("consent given on"), max_length=30, blank=True)
    show_first_name = models.BooleanField(_("show first name publicly"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    invalidation_reason = models.TextField(_("invalidation reason"), blank=True)
    invalidated_at = models.DateTimeField(_("invalidated"), null=True, blank=True)
    ip_hash = models.CharField(_("IP hash"), max_length=64, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    group = models.ForeignKey(
        LocalGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="paper_signatures",
        verbose_name=_("collected by group"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Set when the signer's name and address were erased (on request or by the retention rule); it still counts.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "email_normalised"],
                condition=~Q(email_normalised=""),
                name="signature_unique_email_per_petition",
            ),
            models.CheckConstraint(
                condition=Q(source="paper") | ~Q(email_normalised="") | Q(anonymised_at__isnull=False),
                name="signature_online_needs_email",
            ),
        ]
        indexes = [
            models.Index(fields=["petition", "status", "confirmed_at"], name="signature_recent_idx"),
            models.Index(
                fields=["petition", "status", "country", "source"], name="signature_country_source_idx"
            ),
            models.Index(fields=["ip_hash"], name="signature_ip_hash_idx"),
            models.Index(fields=["email_domain"], name="signature_email_domain_idx"),
            models.Index(fields=["created_at"], name="signature_created_idx"),
            models.Index(fields=["status", "reminder_sent_at", "created_at"], name="signature_reminder_idx"),
        ]

    def __str__(self) -> str:
        if self.anonymised_at:
            return str(_("Anonymised signature"))
        return f"{self.first_name} {self.last_name}"


class PaperSignatureBatchQuerySet(models.QuerySet):
    def counted(self):
        """Batches that count: not withdrawn as entered by mistake."""
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)


class PaperSignatureBatch(models.Model):
    """Signatures counted on paper sheets, entered as a number: "212 signatures from the bike rally".

    A batch is never edited: one entered by mistake is withdrawn (it stays in the list, marked, and stops
    counting) and the right one entered again."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="paper_batches", verbose_name=_("petition")
    )
    group = models.ForeignKey(
        LocalGroup, on_delete=models.PROTECT, related_name="paper_batches", verbose_name=_("local group")
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="paper_batches",
        verbose_name=_("collected at event"),
        limit_choices_to={"status": "published"},  # the back office's search offers events that took place
    )
    count = models.PositiveIntegerField(_("number of signatures"))
    description = models.CharField(_("where they were collected"), max_length=250)
    collected_on = models.DateField(_("collected on"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.CharField(_("why it was withdrawn"), max_length=300, blank=True)

    objects = PaperSignatureBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("paper signature batch")
        verbose_name_plural = _("paper signature batches")
        ordering = ["-collected_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(count__gt=0), name="paper_batch_count_positive")]

    def __str__(self) -> str:
        return f"{self.count} – {self.description}"
