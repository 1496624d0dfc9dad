"""Representations in OSDI's vocabulary where it fits (identifiers, title, browser_url, start_date, location,
total_signatures, person…); the README lists where Marathon deviates."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from campaigns.models import Campaign, Case
from campaigns.text import is_a_name
from events.models import Event, EventReport, Registration
from petitions.models import PaperSignatureBatch, Petition, Signature


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def email_language_field():
    return serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES],
        required=False,
        help_text=(
            "The language of the emails the person receives (confirmation, reminders) and of the pages they link "
            "to. Without it, the request's Accept-Language, else English."
        ),
    )


class IdentifiersField(serializers.Field):
    """OSDI identifiers: ["marathon:<resource>:<id>"]."""

    def __init__(self, resource: str, **kwargs):
        self.resource = resource
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "pk")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return [f"marathon:{self.resource}:{value}"]


IdentifiersField = extend_schema_field({"type": "array", "items": {"type": "string"}})(IdentifiersField)


class SlugListField(serializers.ListField):
    child = serializers.CharField()

    def to_representation(self, data):
        return [item.slug for item in data]


# --- public ---------------------------------------------------------------------------------------


class AdvocacyCampaignSerializer(serializers.ModelSerializer):
    identifiers = IdentifiersField("advocacy_campaign")
    title = serializers.CharField(source="name")
    start_date = serializers.DateField(source="starts_on")
    end_date = serializers.DateField(source="ends_on")
    cases = SlugListField(source="public_cases", read_only=True)
    browser_url = serializers.SerializerMethodField()
    results_url = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = [
            "identifiers",
            "id",
            "slug",
            "title",
            "slogan",
            "description",
            "start_date",
            "end_date",
            "actions_goal",
            "is_active",
            "cases",
            "browser_url",
            "results_url",
        ]

    def get_browser_url(self, campaign) -> str:
        return absolute(reverse("results:campaign", args=[campaign.slug]))

    def get_results_url(self, campaign) -> str:
        return absolute(reverse("api:advocacy-campaign-results", args=[campaign.slug]))


class TargetSerializer(serializers.Serializer):
    name = serializers.CharField(source="authority_name")
    title = serializers.CharField(source="authority_title")
    postal_address = serializers.CharField(source="authority_address")
    salutation = serializers.CharField(source="authority_salutation")


class CaseSerializer(serializers.ModelSerializer):
    identifiers = IdentifiersField("case")
    country = serializers.CharField(source="country.code")
    target = TargetSerializer(source="*", read_only=True)
    advocacy_campaigns = SlugListField(source="campaigns.all", read_only=True)
    photo_url = serializers.SerializerMethodField()
    browser_url = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "identifiers",
            "id",
            "slug",
            "name",
            "country",
            "status",
            "summary",
            "story",
            "photo_url",
            "photo_alt",
            "target",
            "advocacy_campaigns",
            "browser_url",
        ]

    def get_photo_url(self, case) -> str | None:
        return absolute(case.photo.url) if case.photo else None

    def get_browser_url(self, case) -> str:
        return absolute(case.get_absolute_url())


class LocationSerializer(serializers.Serializer):
    venue = serializers.CharField(source="venue_name")
    address_lines = serializers.SerializerMethodField()
    locality = serializers.CharField(source="city")
    country = serializers.CharField(source="country.code")

    def get_address_lines(self, event) -> list[str]:
        return [event.address] if event.address else []


class EventSerializer(serializers.ModelSerializer):
    identifiers = IdentifiersField("event")
    name = serializers.CharField(source="slug")
    type = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    start_date = serializers.DateTimeField(source="starts_at")
    end_date = serializers.DateTimeField(source="ends_at")
    timezone = serializers.CharField(source="timezone.key")
    location = LocationSerializer(source="*", read_only=True)
    # An online event's joining link goes to the people signed up only (Event.link_is_for_attendees): "" here.
    online_url = serializers.CharField(source="public_online_url", read_only=True)
    total_accepted = serializers.IntegerField(source="confirmed_count")
    seats_left = serializers.IntegerField(allow_null=True)
    group = serializers.CharField(source="group.slug")
    advocacy_campaign = serializers.CharField(source="campaign.slug")
    cases = SlugListField(source="public_cases", read_only=True)
    browser_url = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "identifiers",
            "id",
            "name",
            "title",
            "description",
            "kind",
            "type",
            "status",
            "start_date",
            "end_date",
            "timezone",
            "location",
            "online_url",
            "capacity",
            "total_accepted",
            "seats_left",
            "accessibility_notes",
            "group",
            "advocacy_campaign",
            "cases",
            "browser_url",
            "calendar_url",
        ]

    def get_type(self, event) -> str:
        return "limited" if event.capacity else "open"

    def get_status(self, event) -> str:
        return "cancelled" if event.status == Event.Status.CANCELLED else "confirmed"

    def get_browser_url(self, event) -> str:
        return absolute(event.get_absolute_url())

    def get_calendar_url(self, event) -> str:
        return absolute(reverse("events:calendar", args=[event.slug]))


class PetitionTargetSerializer(serializers.Serializer):
    name = serializers.CharField(source="target_name")
    title = serializers.CharField(source="target_title")


class PetitionSerializer(serializers.ModelSerializer):
    identifiers = IdentifiersField("petition")
    petition_text = serializers.CharField(source="text")
    target = serializers.SerializerMethodField()
    total_signatures = serializers.IntegerField(source="total_count")
    online_signatures = serializers.IntegerField(source="signature_count")
    paper_signatures = serializers.IntegerField(source="paper_signature_count")
    is_accepting_signatures = serializers.BooleanField()
    advocacy_campaign = serializers.CharField(source="campaign.slug")
    case = serializers.CharField(source="case.slug")
    browser_url = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "identifiers",
            "id",
            "slug",
            "title",
            "petition_text",
            "target",
            "status",
            "goal",
            "total_signatures",
            "online_signatures",
            "paper_signatures",
            "is_accepting_signatures",
            "opens_at",
            "closes_at",
            "advocacy_campaign",
            "case",
            "browser_url",
        ]

    @extend_schema_field(PetitionTargetSerializer(many=True))
    def get_target(self, petition):
        return PetitionTargetSerializer([petition], many=True).data

    def get_browser_url(self, petition) -> str:
        return absolute(petition.get_absolute_url())


class CountSerializer(serializers.Serializer):
    actions = serializers.IntegerField()


class CountryCountSerializer(CountSerializer):
    country = serializers.CharField()


class KindCountSerializer(CountSerializer):
    kind = serializers.CharField()


class CaseCountSerializer(CountSerializer):
    case = serializers.CharField()


class CampaignResultsSerializer(serializers.Serializer):
    advocacy_campaign = serializers.CharField()
    total_actions = serializers.IntegerField()
    countries = serializers.IntegerField()
    by_country = CountryCountSerializer(many=True)
    by_kind = KindCountSerializer(many=True)
    by_case = CaseCountSerializer(many=True)
    updated_at = serializers.DateTimeField(allow_null=True)


# --- a group's data (token) -------------------------------------------------------------------------


class AttendancePersonSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")

    def validate_name(self, value: str) -> str:
        if not is_a_name(value):  # as the sign-up form: the host's list and the emails greet the person by it
            raise serializers.ValidationError(
                "The name may contain letters, spaces, hyphens and apostrophes only."
            )
        return value


class AttendanceSerializer(serializers.ModelSerializer):
    identifiers = IdentifiersField("attendance")
    event = serializers.CharField(source="event.slug")
    person = AttendancePersonSerializer(source="*")
    created_date = serializers.DateTimeField(source="created_at")
    cancelled_date = serializers.DateTimeField(source="cancelled_at", allow_null=True)

    class Meta:
        model = Registration
        fields = [
            "identifiers",
            "id",
            "event",
            "status",
            "person",
            "consent",
            "created_date",
            "cancelled_date",
        ]


class AttendanceCreateSerializer(serializers.Serializer):
    event = serializers.SlugRelatedField(slug_field="slug", queryset=Event.objects.none())
    person = AttendancePersonSerializer()
    consent = serializers.BooleanField(
        help_text="The person agreed to be contacted about this event (required to be true)."
    )
    language = email_language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group = self.context.get("group")
        self.fields["event"].queryset = Event.objects.filter(group=group) if group else Event.objects.none()

    def validate_consent(self, value):
        if not value:
            raise serializers.ValidationError("The person must agree to be contacted about this event.")
        return value


class SignaturePersonSerializer(serializers.Serializer):
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=100)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")
    country = serializers.CharField(max_length=2)
    locality = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class SignatureSerializer(serializers.ModelSerializer):
    identifiers = IdentifiersField("signature")
    petition = serializers.CharField(source="petition.slug")
    person = serializers.SerializerMethodField()
    created_date = serializers.DateTimeField(source="created_at")
    confirmed_date = serializers.DateTimeField(source="confirmed_at", allow_null=True)

    class Meta:
        model = Signature
        fields = [
            "identifiers",
            "id",
            "petition",
            "person",
            "source",
            "status",
            "consent_to_contact",
            "created_date",
            "confirmed_date",
        ]

    @extend_schema_field(SignaturePersonSerializer)
    def get_person(self, signature):
        return {
            "given_name": signature.first_name,
            "family_name": signature.last_name,
            "email": signature.email,
            "country": signature.country.code,
            "locality": signature.city,
        }


class SignatureCreateSerializer(serializers.Serializer):
    petition = serializers.SlugRelatedField(slug_field="slug", queryset=Petition.objects.public())
    person = SignaturePersonSerializer()
    source = serializers.ChoiceField(choices=Signature.Source.choices, default=Signature.Source.ONLINE)
    consent_to_contact = serializers.BooleanField(default=False)
    show_first_name = serializers.BooleanField(default=False)
    language = email_language_field()


class PaperBatchSerializer(serializers.ModelSerializer):
    identifiers = IdentifiersField("paper_batch")
    petition = serializers.SlugRelatedField(slug_field="slug", queryset=Petition.objects.public())
    count = serializers.IntegerField(min_value=1, max_value=10_000_000)
    created_date = serializers.DateTimeField(source="created_at", read_only=True)
    # Set when the batch was withdrawn as entered by mistake (in the back office): it no longer counts.
    withdrawn_date = serializers.DateTimeField(source="withdrawn_at", read_only=True, allow_null=True)

    class Meta:
        model = PaperSignatureBatch
        fields = [
            *("identifiers", "id", "petition", "count", "description", "collected_on", "created_date"),
            "withdrawn_date",
        ]
        read_only_fields = ["id"]


class ReportLettersSerializer(serializers.Serializer):
    case = serializers.CharField(source="case.slug")
    letters = serializers.IntegerField()


class EventReportSerializer(serializers.ModelSerializer):
    identifiers = IdentifiersField("event_report")
    event = serializers.CharField(source="event.slug")
    letters = ReportLettersSerializer(source="case_counts", many=True)
    letters_total = serializers.SerializerMethodField()
    submitted_date = serializers.DateTimeField(source="created_at")
    reviewed_date = serializers.DateTimeField(source="reviewed_at", allow_null=True)

    class Meta:
        model = EventReport
        fields = [
            "identifiers",
            "id",
            "event",
            "status",
            "participants",
            "letters",
            "letters_total",
            "paper_signatures",
            "lanterns",
            "posters",
            "photos_taken",
            "notes",
            "submitted_date",
            "reviewed_date",
        ]

    def get_letters_total(self, report) -> int:
        return sum(row.letters for row in report.case_counts.all())


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
