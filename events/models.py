"""Events on the ground: what volunteers host, who signs up, and what each event reports afterwards."""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case as CaseWhen
from django.db.models import Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords
from timezone_field import TimeZoneField

from campaigns.consent import register_consent_text
from campaigns.models import Campaign, Case, LocalGroup

from .search import TRANSLATED_SEARCHED_FIELDS, folded_city, searchable_text, searched_columns
from .zones import city_name

# The consent every sign-up gives (campaigns/consent.py): new words need a new version.
SIGNUP_CONSENT_TEXT = _("The organisers may contact me about this event.")
SIGNUP_CONSENT_VERSION = register_consent_text("event-signup-v1", SIGNUP_CONSENT_TEXT)

# More places than any event takes is a typo's extra zeros; an event without a limit leaves the field empty.
MOST_PLACES = 100_000


class EventQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, with each event's search columns filled in as save() fills them."""
        objs = list(objs)
        for event in objs:
            event.search_text = searchable_text(event)
            event.city_folded = folded_city(event.city)
        return super().bulk_create(objs, *args, **kwargs)

    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def coming_first(self, now=None):
        """Events still to come or under way, soonest first, then past ones, latest first: what a host acts on
        next (sign-ups, a report to file) heads the list."""
        now = now or timezone.now()
        coming_start = CaseWhen(When(ends_at__gte=now, then=F("starts_at")))
        return self.order_by(
            CaseWhen(When(ends_at__gte=now, then=Value(0)), default=Value(1)),
            coming_start.asc(nulls_last=True),
            "-starts_at",
            "-id",
        )

    def in_country(self, code: str):
        return self.filter(country=code.upper())

    def featuring(self, case):
        return self.filter(cases=case)

    def featuring_a_sensitive_case(self):
        return self.filter(cases__is_sensitive=True)

    def pending_review(self):
        return self.filter(status=Event.Status.PENDING)

    def with_seat_counts(self):
        """Annotate `confirmed_count` and `waitlist_count`, so `seats_left` costs no extra query.

        Each count is a correlated subquery on the (event, status, created_at) index, not a JOIN with GROUP BY:
        a page of 12 events then counts the sign-ups of those events only, instead of grouping every upcoming
        event's sign-ups before it can sort and cut the page (seconds at 100,000 events).
        """
        return self.annotate(
            confirmed_count=_registration_count(Registration.Status.CONFIRMED),
            waitlist_count=_registration_count(Registration.Status.WAITLISTED),
        )

    def with_free_places(self):
        queryset = self if "confirmed_count" in self.query.annotations else self.with_seat_counts()
        return queryset.filter(Q(capacity__isnull=True) | Q(capacity__gt=F("confirmed_count")))


def _registration_count(status: str):
    registrations = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(registrations, output_field=models.IntegerField()), 0)


class Event(models.Model):
    """Something a local group does on the ground: a lantern workshop, a bike rally, a letter-writing evening."""

    # The times people read on the event's own wall clock, in its `timezone`: the forms and the back office's
    # history show them there, whatever the server's zone is.
    WALL_CLOCK_FIELDS = ("starts_at", "ends_at")

    class Kind(models.TextChoices):
        LETTER_WRITING = "letter_writing", _("Letter-writing evening")
        LANTERN_WORKSHOP = "lantern_workshop", _("Lantern workshop")
        BIKE_RALLY = "bike_rally", _("Bike rally")
        POSTER_DRIVE = "poster_drive", _("Poster drive")
        CANDLE_VIGIL = "candle_vigil", _("Candle vigil")
        ART_ACTION = "art_action", _("Art or graffiti action")
        PHOTO_ACTION = "photo_action", _("Photo action")
        CONCERT = "concert", _("Concert or performance")
        LIGHT_SHOW = "light_show", _("Light show")
        SCHOOL_SESSION = "school_session", _("School session")
        STREET_STALL = "street_stall", _("Street stall")
        ONLINE = "online", _("Online event")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", pgettext_lazy("event status", "Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(
        _("kind of event"), max_length=30, choices=Kind.choices, default=Kind.LETTER_WRITING
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="events", verbose_name=_("campaign")
    )
    cases = models.ManyToManyField(Case, related_name="events", verbose_name=_("featured cases"), blank=True)
    group = models.ForeignKey(
        LocalGroup, on_delete=models.PROTECT, related_name="events", verbose_name=_("hosting local group")
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hosted_events",
        verbose_name=_("host"),
    )
    description = models.TextField(_("description"))
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    timezone = TimeZoneField(_("time zone"), default="UTC", use_pytz=False)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"), db_index=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MOST_PLACES)],
        help_text=_("Leave empty if there is no limit."),
    )
    accessibility_notes = models.TextField(_("accessibility"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    report_reminder_sent_at = models.DateTimeField(
        _("report reminder sent"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the public search reads, kept by save(): SEARCHED_FIELDS in every language, folded (search.py).
    search_text = models.TextField(editable=False, blank=True, default="")
    # What the city filter compares, kept by save(): the city folded (search.py), so "Poznan" finds Poznań.
    city_folded = models.CharField(max_length=100, editable=False, blank=True, default="", db_index=True)

    objects = EventQuerySet.as_manager()
    # history: registered in events/translation.py, after the translated fields exist, so it records them too.

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity_at_least_one"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="event_status_start_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        self.search_text = searchable_text(self)
        self.city_folded = folded_city(self.city)
        if update_fields is not None and set(update_fields) & {
            *searched_columns(),
            *TRANSLATED_SEARCHED_FIELDS,
        }:
            update_fields = {*update_fields, "search_text", "city_folded"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            # In the host's words, before the database constraint would name itself in the back office.
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        if self.pk and self.capacity is not None:
            taken = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if self.capacity < taken:
                raise ValidationError(
                    {
                        "capacity": ngettext(
                            "%(count)s person already has a place, so the event needs at least %(count)s "
                            "place. To make it smaller, people must first cancel (with the link in their "
                            "confirmation email).",
                            "%(count)s people already have a place, so the event needs at least %(count)s "
                            "places. To make it smaller, some of them must first cancel (with the link in "
                            "their confirmation email).",
                            taken,
                        )
                        % {"count": taken}
                    }
                )

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    def reportable_cases(self) -> list[Case]:
        """The cases a report counts letters for: those the host featured, or, when none was featured, every
        published case of the campaign (people write for the whole marathon's cases at an open evening)."""
        featured = list(self.cases.all())
        if featured:
            return featured
        return list(Case.objects.public().in_campaign(self.campaign_id))

    @property
    def is_completed(self) -> bool:
        """Past published events are "completed" by date; no status change is stored for it."""
        return self.status == self.Status.PUBLISHED and self.is_past

    @property
    def display_status(self) -> str:
        return _("Completed") if self.is_completed else self.get_status_display()

    # Wall-clock times in the event's zone, naive on purpose: templates convert aware datetimes to the
    # viewer's current zone, and these must show the zone named beside them.
    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.timezone).replace(tzinfo=None)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.timezone).replace(tzinfo=None)

    @property
    def seats_left(self) -> int | None:
        """Free places, from the annotated `confirmed_count` when the queryset has it."""
        if self.capacity is None:
            return None
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
        return max(self.capacity - confirmed, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    @property
    def takes_signups(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.has_started

    @property
    def link_is_for_attendees(self) -> bool:
        """An online event's joining link goes to the people signed up (their emails and calendar files) and to
        those who run the event, not to every visitor: a public link lets anyone into the call. Another event's
        link is a page with more details, public like the rest."""
        return self.kind == self.Kind.ONLINE and bool(self.online_url)

    @property
    def public_online_url(self) -> str:
        return self.online_url_for(has_place=False)

    def online_url_for(self, *, has_place: bool) -> str:
        """The link someone may be given: an online event's only once they have a place (not on the waiting
        list), any other event's to everyone."""
        return self.online_url if has_place or not self.link_is_for_attendees else ""

    @property
    def full_address(self) -> str:
        city = city_name(self.city, self.country)  # in the active language, as the page or email around it
        parts = [self.venue_name, self.address, city, str(self.country.name) if self.country else ""]
        return ", ".join(part for part in parts if part)


class PendingEvent(Event):
    """The admin's review queue: the same rows as Event, shown only while they wait for a coordinator."""

    class Meta:
        proxy = True
        verbose_name = _("event awaiting review")
        verbose_name_plural = _("events awaiting review")


class RegistrationQuerySet(models.QuerySet):
    def standing_since(self, since):
        """Sign-ups made since `since` that still stand (not cancelled): the overview's figure and its list."""
        return self.filter(created_at__gte=since).exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """A supporter's place at an event (no account needed). One active sign-up per email and event."""

    class Status(models.TextChoices):
        # A sign-up's own words: languages with genders agree them with "sign-up", not with "event".
        CONFIRMED = "confirmed", pgettext_lazy("sign-up", "Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("sign-up", "Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    # Name and email are blank only once anonymised (on request, or by the retention rule after the event).
    name = models.CharField(pgettext_lazy("a person's", "name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent = models.BooleanField(_("may be contacted about this event"), default=False)
    consent_text_version = models.CharField(_("consent text version"), max_length=30, blank=True)
    consent_form = models.CharField(_("consent given on"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved off the waiting list"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="registration_one_active_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_queue_idx")]

    def __str__(self) -> str:
        return f"{self.name or _('Anonymised sign-up')} – {self.event}"

    @property
    def has_place(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def online_url(self) -> str:
        """The event's link as this person may have it (none yet for an online event's waiting list)."""
        return self.event.online_url_for(has_place=self.has_place)


class EventReport(models.Model):
    """What an event achieved, filed by the host or a coordinator; counted once a coordinator approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        # Statuses carry their noun's context: Polish and Russian agree them with it ("Odrzucony raport").
        APPROVED = "approved", pgettext_lazy("report status", "Approved")
        REJECTED = "rejected", pgettext_lazy("report status", "Rejected")

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="report", verbose_name=_("event")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    participants = models.PositiveIntegerField(_("participants"), default=0)
    paper_signatures = models.PositiveIntegerField(
        _("petition signatures on paper"),
        default=0,
        help_text=_("For information only: paper signatures are counted when the paper batch is entered."),
    )
    lanterns = models.PositiveIntegerField(_("lanterns made"), default=0)
    posters = models.PositiveIntegerField(_("posters made"), default=0)
    photos_taken = models.PositiveIntegerField(_("photos taken"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The letters by case and the photos live in rows of their own, which the report's history does not follow:
    # written here too on every change, so a coordinator reading the history sees "25 → 42" for a resubmission.
    letters_by_case_record = models.TextField(
        _("letters by case"), blank=True
    )  # editable: the history diffs only those
    photos_record = models.TextField(_("photos"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("event report")
        verbose_name_plural = _("event reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(_("Report: %(event)s") % {"event": self.event})

    @property
    def letters_total(self) -> int:
        return sum(row.letters for row in self.case_counts.all())

    def record_counts_and_photos(self) -> None:
        """Write the letters by case and the photos' captions into the report's own row (unsaved), for its
        history: "Ales Bialiatski: 42", "The letters table; Lanterns"."""
        self.letters_by_case_record = "; ".join(
            f"{row.case.name}: {row.letters}"
            for row in self.case_counts.select_related("case").order_by("case__name")
        )
        self.photos_record = "; ".join(photo.caption or "—" for photo in self.photos.order_by("pk"))


class ReportCaseCount(models.Model):
    """Letters written at the event for one featured case."""

    report = models.ForeignKey(
        EventReport, on_delete=models.CASCADE, related_name="case_counts", verbose_name=_("report")
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+", verbose_name=_("case"))
    letters = models.PositiveIntegerField(_("letters written"), default=0)

    class Meta:
        verbose_name = _("letters for a case")
        verbose_name_plural = _("letters per case")
        constraints = [models.UniqueConstraint(fields=["report", "case"], name="report_case_count_unique")]

    def __str__(self) -> str:
        return f"{self.case}: {self.letters}"


class ReportPhotoQuerySet(models.QuerySet):
    def published(self):
        """Photos of approved reports whose host agreed to publication."""
        return self.filter(publish_consent=True, report__status=EventReport.Status.APPROVED).select_related(
            "report__event"
        )


def report_photo_path(instance, filename: str) -> str:
    """An unguessable name, not the one uploaded ("photo0.jpg", "IMG_1234.jpg"): a photo its host did not agree to
    publish is stored under the public media address too, and must not be found by guessing it."""
    extension = PurePath(filename).suffix.lower()[:8]
    return f"events/reports/{instance.report.event_id}/{secrets.token_urlsafe(18)}{extension}"


class ReportPhoto(models.Model):
    report = models.ForeignKey(
        EventReport, on_delete=models.CASCADE, related_name="photos", verbose_name=_("report")
    )
    image = models.ImageField(_("photo"), upload_to=report_photo_path)
    caption = models.CharField(_("caption"), max_length=200)
    publish_consent = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("Everyone recognisable in the photo agreed that it may be shown on the public site."),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ReportPhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.caption
