import json

from django import forms
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from PIL import Image

from campaigns.abuse import HumanCheckFormMixin, is_blocked_email_domain
from campaigns.models import Campaign, Case, LocalGroup
from campaigns.selectors import groups_by_country
from campaigns.text import has_visible_text, is_a_name

from .models import MOST_PLACES, SIGNUP_CONSENT_TEXT, Event, ReportPhoto
from .zones import EventZoneField, place_zone, zone_choices

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
# Which report counts a kind of event suggests (the others stay hidden for it).
KIND_COUNTS = {
    Event.Kind.LANTERN_WORKSHOP: {"lanterns", "photos_taken"},
    Event.Kind.LIGHT_SHOW: {"lanterns", "photos_taken"},
    Event.Kind.POSTER_DRIVE: {"posters", "photos_taken"},
    Event.Kind.ART_ACTION: {"posters", "photos_taken"},
    Event.Kind.STREET_STALL: {"posters", "photos_taken"},
    Event.Kind.OTHER: {"lanterns", "posters", "photos_taken"},
}


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class WallClockTimesMixin:
    """Start and end as the event's wall clock: shown in the event's own zone and read in the zone posted with
    them, whatever the server's zone is. The host's form and the back office's both use it, so 18:00 in Helsinki
    reads 18:00 on both (the back office showed 16:00 beside "Europe/Helsinki")."""

    wall_clock_fields = Event.WALL_CLOCK_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = self.instance.timezone
            for name in self.wall_clock_fields:
                self.initial[name] = timezone.localtime(getattr(self.instance, name), zone).replace(
                    tzinfo=None
                )

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("timezone")
        if zone is not None:
            # The browser sends wall-clock times; read them in the event's zone, not the server's.
            for name in self.wall_clock_fields:
                if cleaned.get(name) is not None:
                    cleaned[name] = timezone.make_naive(cleaned[name]).replace(tzinfo=zone)
        return cleaned


class EventAdminForm(WallClockTimesMixin, forms.ModelForm):
    """The back office's event form: the admin gives it its model and fields.

    Title and description have a field per language (modeltranslation), of which it would require the English
    one: a coordinator could not save an event its host wrote in Polish without translating it. Any one language
    will do."""

    texts = {
        "title": _("Please write a title in at least one language."),
        "description": _("Please write a description in at least one language."),
    }

    # The host's shorter list, one zone per place ("Warsaw (UTC+01:00)"), rather than ~600 names and old aliases.
    timezone = EventZoneField(label=capfirst(_("time zone")), initial="UTC")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.text_fields():
            self.fields[name].required = False
        if "timezone" in self.fields:
            self.fields["timezone"].choices = zone_choices(
                extra=str(self.instance.timezone) if self.instance.pk else ""
            )

    def text_fields(self, text: str | None = None) -> list[str]:
        texts = [text] if text else list(self.texts)
        names = [build_localized_fieldname(t, code) for t in texts for code, _name in settings.LANGUAGES]
        return [name for name in names if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        for text, message in self.texts.items():
            names = self.text_fields(text)
            if names and not any((cleaned.get(name) or "").strip() for name in names):
                self.add_error(names[0], message)
        return cleaned


class EventForm(WallClockTimesMixin, forms.ModelForm):
    """The host's form for proposing and editing an event."""

    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=LocalDateTimeInput(), input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        # A web page people open in a browser: not ftp://, which the URL field also takes.
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message=_("Please give a web link, starting with https://."),
                code="not_a_web_link",  # "invalid" would be the field's own "Enter a valid URL."
            )
        ],
        help_text=_(
            "For an online event, the link to join: only the people who sign up get it, in their email. "
            "For another event, a page with more details, shown to everyone."
        ),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=LocalDateTimeInput(), input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
    )
    timezone = EventZoneField(
        label=_("Time zone"),
        initial="UTC",
        help_text=_(
            "The zone the start and end times are in. No city of yours in the list? Choose one with the same time."
        ),
        error_messages={"invalid_choice": _("Choose a time zone from the list, for example Europe/Warsaw.")},
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "campaign",
            "cases",
            "group",
            "description",
            "starts_at",
            "ends_at",
            "timezone",
            "venue_name",
            "address",
            "city",
            "country",
            "online_url",
            "capacity",
            "accessibility_notes",
        ]
        widgets = {
            "cases": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "group": _(
                "The local group's coordinators review the event before it is published. No group in your town? "
                "Choose the nearest one."
            ),
        }
        error_messages = {
            "title": {
                "max_length": _(
                    "Please keep the title to %(limit_value)d characters (it has %(show_value)d)."
                )
            },
            "country": {"invalid_choice": _("Choose a country from the list.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = zone_choices(
            extra=str(self.instance.timezone) if self.instance.pk else ""
        )
        # An event proposed for a finished campaign would report actions that count nowhere: a campaign still
        # counting, or the one the event already has.
        still_counting = Q(pk__in=Campaign.objects.still_counting().values("pk"))
        own = Q(pk=self.instance.campaign_id) if self.instance.pk else Q(pk__in=[])
        self.fields["campaign"].queryset = Campaign.objects.filter(still_counting | own)
        self.fields["campaign"].error_messages["invalid_choice"] = _(
            "Choose a campaign from the list: a campaign that is over counts no more actions."
        )
        self.fields["cases"].queryset = Case.objects.public()
        self.fields["group"].queryset = LocalGroup.objects.active()
        by_country = self._group_the_groups_by_country()
        self.fields[
            "capacity"
        ].validators = []  # one clear message below instead of "greater than or equal to 0"
        self.fields["capacity"].widget.attrs.update(min=1, max=MOST_PLACES)
        # An online event takes place nowhere in particular: it is listed under its group's city and country.
        for name in ("city", "country"):
            self.fields[name].required = False
        self.fields["city"].help_text = _("For an online event, leave it empty: the group's city is used.")
        self.fields["country"].help_text = _(
            "For an online event, leave it empty: the group's country is used."
        )
        if not self.instance.pk:
            active = Campaign.objects.active().first()
            if active:
                self.fields["campaign"].initial = active.pk
            if not self.is_bound:
                # static/js/event-form.js puts the group's zone (an event happens where its group is), else the
                # host's own (the browser's), in place of this default.
                zone_attrs = self.fields["timezone"].widget.attrs
                zone_attrs["data-guess-zone"] = str(self.fields["timezone"].initial or "UTC")
                zone_attrs["data-group-zones"] = json.dumps(
                    {
                        str(group.pk): zone
                        for _country, groups in by_country
                        for group in groups
                        if (zone := place_zone(group.city, group.country))
                    },
                    separators=(",", ":"),
                )
        else:
            if self.instance.status == Event.Status.PUBLISHED:
                # Another group's coordinators never reviewed it: moving it needs a new proposal.
                self.fields["group"].disabled = True
                self.fields["campaign"].disabled = True

    def _group_the_groups_by_country(self) -> list[tuple]:
        """The list of groups reads as the Local groups page does: by country, then city, so that a host finds
        their own or the nearest one. The queryset still decides which group is accepted."""
        field = self.fields["group"]
        by_country = groups_by_country(field.queryset)
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        field.choices = empty + [
            (country.name, [(group.pk, group.name) for group in groups]) for country, groups in by_country
        ]
        return by_country

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise forms.ValidationError(
                _("Places must be at least 1, or leave the field empty for no limit.")
            )
        if capacity is not None and capacity > MOST_PLACES:
            raise forms.ValidationError(
                _(
                    "That is more places than an event can take (at most %(most)s). Please check the number, "
                    "or leave the field empty for no limit."
                ),
                params={"most": intcomma(MOST_PLACES)},
            )
        return capacity

    def clean(self):
        cleaned = super().clean()  # WallClockTimesMixin has read the times in the event's zone
        if cleaned.get("timezone") is None:
            return cleaned
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The event must end after it starts."))
        start_changed = (
            not self.instance.pk or "starts_at" in self.changed_data or "timezone" in self.changed_data
        )
        if starts_at and start_changed and starts_at < timezone.now():
            self.add_error("starts_at", _("The start is in the past. Please choose a future date and time."))
        if cleaned.get("kind") == Event.Kind.ONLINE and not cleaned.get("online_url"):
            self.add_error("online_url", _("An online event needs a link."))
        self._place_online_events_with_their_group(cleaned)
        return cleaned

    def _place_online_events_with_their_group(self, cleaned) -> None:
        """City and country are asked of every event but an online one, which the list shows under its group's
        city and country when they are left empty."""
        group = cleaned.get("group")
        online = cleaned.get("kind") == Event.Kind.ONLINE
        # An online event moved to another group moves with it, unless its host typed a place of its own.
        previous = self.instance.group if self.instance.pk and "group" in self.changed_data else None
        follows_previous = previous is not None and all(
            str(cleaned.get(name) or "") == _place_of(previous, name) for name in ("city", "country")
        )
        if online and group is not None and follows_previous:
            cleaned.update({name: _place_of(group, name) for name in ("city", "country")})
        for name in ("city", "country"):
            if cleaned.get(name) or name in self.errors:
                continue
            if online and group is not None:
                cleaned[name] = _place_of(group, name)
            elif cleaned.get("online_url"):  # a link, but another type: "needs none" read as a contradiction
                self.add_error(
                    name,
                    _("Which city is the event in? If it is held online, choose the type “Online event”.")
                    if name == "city"
                    else _(
                        "Which country is the event in? If it is held online, choose the type “Online event”."
                    ),
                )
            elif name == "city":
                self.add_error(name, _("Which city is the event in? (An event held online needs none.)"))
            else:
                self.add_error(name, _("Which country is the event in? (An event held online needs none.)"))


def _place_of(group: LocalGroup, name: str) -> str:
    return group.city if name == "city" else group.country.code


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the event cancelled? (sent to everyone signed up)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignupForm(HumanCheckFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        help_text=_("Only the organisers see it."),
        # A phone keypad on phones; the number is stored as typed.
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=SIGNUP_CONSENT_TEXT,
        error_messages={
            "required": _("Please agree to be contacted about this event, or we cannot sign you up.")
        },
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not has_visible_text(name) or not is_a_name(
            name
        ):  # the organisers' list and our emails greet them
            raise forms.ValidationError(
                _("Your name may contain letters, spaces, hyphens and apostrophes only.")
            )
        return name

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if is_blocked_email_domain(email):
            raise forms.ValidationError(_("Please use a permanent email address."))
        return email

    def clean_phone(self):
        """Stored as typed, for the organisers to call: figures and the signs people write numbers with."""
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and (
            not PHONE_CHARACTERS.issuperset(phone) or sum(char.isdigit() for char in phone) < PHONE_MIN_DIGITS
        ):
            raise forms.ValidationError(
                _("Please enter a phone number in figures, such as +48 600 100 200, or leave it empty.")
            )
        return phone


PHONE_CHARACTERS = set("0123456789 +-().")
PHONE_MIN_DIGITS = 5  # the shortest local numbers


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the host)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


# More than any one event's report could hold (the 2012 marathon's busiest country, Poland, took 30,894 actions in
# a day): a bigger figure is a typing slip, and one past the database's integer would fail to save.
MOST_REPORTED = 100_000
COUNT_FIELDS = ("participants", "paper_signatures", "lanterns", "posters", "photos_taken")


class ReportForm(forms.Form):
    participants = forms.IntegerField(label=_("People who took part"), min_value=0)
    paper_signatures = forms.IntegerField(
        label=_("Petition signatures collected on paper"),
        min_value=0,
        initial=0,
        help_text=_(
            "For information: the paper sheets themselves are entered as a paper batch of the petition."
        ),
    )
    lanterns = forms.IntegerField(label=_("Lanterns made"), min_value=0, initial=0)
    posters = forms.IntegerField(label=_("Posters made"), min_value=0, initial=0)
    photos_taken = forms.IntegerField(
        label=_("Number of photos taken"),
        min_value=0,
        initial=0,
        help_text=_("How many photos people took for the campaign: they count in the results."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

    def __init__(self, *args, event: Event, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.cases = event.reportable_cases()
        existing = {}
        if report is not None:
            existing = {row.case_id: row.letters for row in report.case_counts.all()}
            for name in ("participants", "paper_signatures", "lanterns", "posters", "photos_taken", "notes"):
                self.initial[name] = getattr(report, name)
        for case in self.cases:
            self.fields[f"letters_{case.pk}"] = forms.IntegerField(
                label=_("Letters written for %(case)s") % {"case": case.name},
                min_value=0,
                initial=existing.get(case.pk, 0),
            )
        letters = [f"letters_{case.pk}" for case in self.cases]
        for name in (*COUNT_FIELDS, *letters):
            self._limit_count(self.fields[name])
        self.order_fields(
            ["participants", *letters, "paper_signatures", "lanterns", "posters", "photos_taken"]
        )
        suggested = KIND_COUNTS.get(event.kind, {"photos_taken"})
        for name in ("lanterns", "posters", "photos_taken"):
            if name not in suggested:
                self.fields[name].widget = forms.HiddenInput()
                self.fields[name].required = False

    @staticmethod
    def _limit_count(field) -> None:
        """A count from 0 to MOST_REPORTED, refused in words a host can act on (in the page's language)."""
        field.min_value, field.max_value = 0, MOST_REPORTED
        field.validators = [MinValueValidator(0), MaxValueValidator(MOST_REPORTED)]
        field.widget.attrs.update(min=0, max=MOST_REPORTED, inputmode="numeric")
        field.error_messages.update(
            invalid=_("Please enter a number in figures, such as 12."),
            min_value=_("Please enter 0 or more."),
            max_value=_(
                "That is more than %(most)s. Please check the number: a bigger figure is entered by your "
                "coordinator."
            )
            % {"most": intcomma(MOST_REPORTED)},
        )

    def letters_by_case(self) -> dict:
        return {case: self.cleaned_data.get(f"letters_{case.pk}") or 0 for case in self.cases}


# In the back office a coordinator may enter what a host cannot (a whole town's letters collected at one event),
# but not a typing slip of a few extra digits: more than the whole 2012 marathon counted ten times over.
MOST_REPORTED_IN_BACK_OFFICE = 1_000_000


class ReportCountsAdminForm(forms.ModelForm):
    """The back office's report and per-case letters forms: each count is a number from 0 to
    MOST_REPORTED_IN_BACK_OFFICE, which the database alone would take up to 9 quintillion."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (*COUNT_FIELDS, "letters"):
            field = self.fields.get(name)
            if field is None:  # read-only once the report is approved
                continue
            field.min_value, field.max_value = 0, MOST_REPORTED_IN_BACK_OFFICE
            field.validators = [MinValueValidator(0), MaxValueValidator(MOST_REPORTED_IN_BACK_OFFICE)]
            field.widget.attrs.update(min=0, max=MOST_REPORTED_IN_BACK_OFFICE)
            field.error_messages["max_value"] = _(
                "That is more than %(most)s. Please check the number: it is one event's."
            ) % {"most": intcomma(MOST_REPORTED_IN_BACK_OFFICE)}


class ReportPhotoForm(forms.Form):
    image = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
        error_messages={
            "invalid_image": _(
                "This file is not a photo we can read. Please upload a JPEG, PNG or WebP image."
            )
        },
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
    publish_consent = forms.BooleanField(
        label=_("Everyone recognisable agreed that this photo may be published."), required=False
    )

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not image:
            return image
        if image.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("This photo is larger than 5 MB. Please upload a smaller one."))
        # ImageField has already opened it with Pillow; check the format it found, not the file name.
        found = getattr(getattr(image, "image", None), "format", None)
        if found not in PHOTO_FORMATS:
            raise forms.ValidationError(_("Please upload a JPEG, PNG or WebP photo."))
        image.seek(0)
        try:
            with Image.open(image) as opened:
                opened.verify()
        except Exception:
            raise forms.ValidationError(
                _("This photo seems to be damaged. Please try another file.")
            ) from None
        image.seek(0)
        return image

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("caption"):
            self.add_error("caption", _("Please add a short caption to the photo."))
        return cleaned


MOST_REPORT_PHOTOS = 3


def report_photo_formset(report=None):
    """Upload slots for what is left of the report's three photos (those on file count until removed)."""
    slots = MOST_REPORT_PHOTOS - (len(report.photos.all()) if report is not None else 0)
    return forms.formset_factory(ReportPhotoForm, extra=slots, max_num=slots, validate_max=True)


class KeptPhotosForm(forms.Form):
    """The photos already on file with the report, each of which the host may remove."""

    remove = forms.ModelMultipleChoiceField(
        label=_("Remove"),
        queryset=ReportPhoto.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        if report is not None:
            self.fields["remove"].queryset = report.photos.all()
