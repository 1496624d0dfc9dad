"""The campaign core: people, marathons, the cases they are for, local groups, and the action ledger."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account for volunteers, coordinators and staff. The email address is the login."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_(
            "Used for emails sent to this person. Set from the language they signed up or logged in with."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_case_insensitive")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email.split("@")[0]


class CampaignQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def still_counting(self):
        """The campaigns that will count actions from today on: active ones, and those whose dates are not over."""
        return self.filter(Q(is_active=True) | Q(ends_on__gte=timezone.localdate()))

    def counting_actions_on(self, day: dt.date):
        """The campaigns an action of `day` counts towards (see `Campaign.counts_actions_on`)."""
        today = timezone.localdate()
        if day > today:
            return self.none()
        return self.filter(Q(starts_on__lte=day) & (Q(ends_on__gte=day) | Q(is_active=True)))


class Campaign(models.Model):
    """One marathon, such as "Write for Rights 2012"."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    slogan = models.CharField(_("slogan"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    actions_goal = models.PositiveIntegerField(_("actions goal"), null=True, blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=False,
        help_text=_(
            "The active campaign is the one the home page shows. Letters and messages written after its last day "
            "still count towards it while it is active; its figures are final once it is not."
        ),
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def counts_actions_on(self, day: dt.date) -> bool:
        """A campaign counts the actions of its own days and, while it stays active after its last day, the late
        ones up to today. Once another campaign is made active its figures are final: a letter written later
        for its case counts towards the campaign then running, or is kept without counting anywhere."""
        if day < self.starts_on or day > timezone.localdate():
            return False
        return day <= self.ends_on or self.is_active


class CaseQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)

    def in_campaign(self, campaign):
        return self.filter(campaigns=campaign)


class Case(models.Model):
    """A person at risk or a prisoner of conscience the marathon acts for."""

    class Status(models.TextChoices):
        IMPRISONED = "imprisoned", _("Imprisoned")
        DETAINED = "detained", _("Detained awaiting trial")
        AT_RISK = "at_risk", _("At risk")
        RELEASED = "released", _("Released")
        CHARGES_DROPPED = "charges_dropped", _("Charges dropped")

    class MessageRoute(models.TextChoices):
        DIRECT = "direct", _("Straight to the person")
        SECTION = "section", _("Collected and posted by the national section")
        FAMILY = "family", _("To the family")

    name = models.CharField(pgettext_lazy("a person's", "name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = CountryField(_("country"))
    photo = models.ImageField(_("photo"), upload_to="cases/", blank=True)
    photo_alt = models.CharField(_("photo description"), max_length=250, blank=True)
    summary = models.CharField(_("short summary"), max_length=400)
    story = models.TextField(_("full story"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IMPRISONED)
    campaigns = models.ManyToManyField(
        Campaign, related_name="cases", verbose_name=_("campaigns"), blank=True
    )
    is_published = models.BooleanField(_("published"), default=True)
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("No signer or message author is shown publicly for a sensitive case."),
    )

    authority_name = models.CharField(_("authority's name"), max_length=200, blank=True)
    authority_title = models.CharField(_("authority's title"), max_length=200, blank=True)
    authority_address = models.TextField(_("authority's postal address"), blank=True)
    authority_salutation = models.CharField(_("salutation"), max_length=200, blank=True)
    postage_tips = models.TextField(_("postage tips"), blank=True)
    sample_appeal_letter = models.TextField(_("sample appeal letter"), blank=True)

    message_route = models.CharField(
        _("solidarity messages go"), max_length=20, choices=MessageRoute.choices, default=MessageRoute.SECTION
    )
    message_address = models.TextField(_("address for solidarity messages"), blank=True)
    sample_solidarity_message = models.TextField(_("sample solidarity message"), blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("case-detail", kwargs={"slug": self.slug})


class CaseUpdate(models.Model):
    """A dated turn in a case (released, sentence reduced, transferred…), shown as a timeline."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="updates", verbose_name=_("case"))
    happened_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("what happened"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("emailed to supporters"), null=True, blank=True, editable=False)
    emailed_count = models.PositiveIntegerField(_("emails sent"), default=0, editable=False)

    class Meta:
        verbose_name = _("case update")
        verbose_name_plural = _("case updates")
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.happened_on}: {self.title}"


class EmailOptOut(models.Model):
    """Someone who asked for no more campaign emails. Only a keyed hash of the address is kept."""

    email_hash = models.CharField(_("email hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("opted out"), auto_now_add=True)

    class Meta:
        verbose_name = _("email opt-out")
        verbose_name_plural = _("email opt-outs")

    def __str__(self) -> str:
        return self.email_hash[:12]


class LocalGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def coordinated_by(self, user):
        return self.filter(memberships__user=user, memberships__role=Membership.Role.COORDINATOR)


class LocalGroup(models.Model):
    """A local group of a national section, the unit that runs events and coordinates on the ground."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = CountryField(_("country"), db_index=True)
    city = models.CharField(_("city"), max_length=100)
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="local_groups", verbose_name=_("members")
    )

    objects = LocalGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("local group")
        verbose_name_plural = _("local groups")
        ordering = ["country", "city", "name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    group = models.ForeignKey(
        LocalGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="membership_unique_user_group")]

    def __str__(self) -> str:
        return f"{self.user} – {self.group} ({self.get_role_display()})"


class ExportLog(models.Model):
    """Who exported which personal data, and when. Written by every export, never edited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exports", verbose_name=_("user")
    )
    group = models.ForeignKey(
        "LocalGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exports",
        verbose_name=_("group"),
    )
    what = models.CharField(_("kind of export"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("export record")
        verbose_name_plural = _("export records")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user} {self.what}"


class Action(models.Model):
    """One row of the append-only action ledger (see campaigns/ledger.py).

    History is never updated: a retraction (an invalidated signature, a rejected report) is a new row
    with a negative count that points at the same source.
    """

    class Kind(models.TextChoices):
        ONLINE_SIGNATURE = "online_signature", _("Online signature")
        PAPER_SIGNATURE = "paper_signature", _("Paper signature")
        APPEAL_LETTER = "appeal_letter", _("Appeal letter")
        SOLIDARITY_MESSAGE = "solidarity_message", _("Solidarity message")
        EVENT_LETTER = "event_letter", _("Letter written at an event")
        EVENT_PARTICIPANT = "event_participant", _("Event participant")
        LANTERN = "lantern", _("Lantern")
        POSTER = "poster", _("Poster")
        PHOTO = "photo", _("Photo")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="actions", verbose_name=_("campaign")
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="actions", null=True, blank=True, verbose_name=_("case")
    )
    group = models.ForeignKey(
        LocalGroup,
        on_delete=models.SET_NULL,
        related_name="actions",
        null=True,
        blank=True,
        verbose_name=_("local group"),
    )
    country = CountryField(_("country"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    count = models.IntegerField(_("count"))
    occurred_at = models.DateTimeField(_("occurred at"))
    source_type = models.CharField(_("source"), max_length=60)
    source_id = models.BigIntegerField(_("source id"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        # An entry counts one or more actions: "50 ledger entries" beside "40,114 actions" on the overview.
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            models.Index(fields=["source_type", "source_id"], name="action_source_idx"),
            models.Index(fields=["campaign", "occurred_at"], name="action_campaign_time_idx"),
        ]
        constraints = [models.CheckConstraint(condition=~Q(count=0), name="action_count_not_zero")]

    def __str__(self) -> str:
        return f"{self.count:+d} {self.get_kind_display()} ({self.country})"


class DataRequest(models.Model):
    """A person's request for a copy of the data held about their email address, or for its erasure.

    It is carried out only from the link emailed to that address. The address itself is kept only until then
    (or until the link expires); the keyed hash stays as the record that the request was made and honoured.
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("A copy of my data")
        ERASURE = "erasure", _("Erase my data")

    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    email = models.EmailField(_("email"), blank=True)
    email_hash = models.CharField(_("email hash"), max_length=64, db_index=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    completed_at = models.DateTimeField(_("carried out"), null=True, blank=True)
    rows_changed = models.PositiveIntegerField(_("rows erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.requested_at:%Y-%m-%d})"


class OutgoingEmailQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=OutgoingEmail.Status.WAITING)


class OutgoingEmail(models.Model):
    """An email about a row (a signature, a sign-up), stored in the same transaction as that row.

    The task worker writes and sends the waiting ones in batches (`campaigns.emails.send_waiting_emails`): one
    job for many emails, where a job per email cost the worker more than writing the email. The row holds what
    the email is about (a builder's dotted path, the row's id, the template) and the address, not a copy of the
    person's details; the builder reads the row as it is when the email leaves.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SENT = "sent", _("Sent")
        NOTHING_TO_SEND = "nothing", _("Nothing to send (the row was erased)")
        RETRYING = "retrying", _("Refused by the mail server, retried later")
        FAILED = "failed", _("Failed")

    builder = models.CharField(_("builder"), max_length=200)
    object_id = models.PositiveBigIntegerField(_("about row"))
    template = models.CharField(_("template"), max_length=100)
    to = models.EmailField(_("to"))
    # What the row no longer says and the email must (an event's time and place before a change), as JSON.
    details = models.JSONField(_("details"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            # The worker's batch query reads the waiting rows in order; the rest are history until pruned.
            models.Index(fields=["id"], condition=Q(status="waiting"), name="outgoing_email_waiting"),
            models.Index(fields=["finished_at"], name="outgoing_email_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.template} #{self.object_id} ({self.get_status_display()})"
