"""The open API, version 1. Public reads are cacheable and open to any origin; a group's data needs its token.

Views only fetch, validate and call the owning app's service (events, petitions, results); no rule lives here.
"""

import hashlib

from django.conf import settings
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from campaigns.models import Campaign, Case
from events import services as event_services
from events.filters import EventFilter
from events.models import Event, EventReport, Registration, ReportCaseCount
from petitions import services as petition_services
from petitions.models import PaperSignatureBatch, Petition, Signature
from results.selectors import campaign_results

from . import serializers as s
from .authentication import GroupTokenAuthentication, HasGroupToken, TokenRateThrottle
from .idempotency import IDEMPOTENCY_PARAMETER, IdempotentCreateMixin
from .models import Submission
from .pagination import ApiPagination

PUBLIC_CASES = Prefetch("cases", queryset=Case.objects.public().only("id", "slug"), to_attr="public_cases")


def email_language(request, values) -> str:
    """The language a partner asked for, else its Accept-Language (the API's addresses have no language prefix, so
    Django's LocaleMiddleware reads them as English), else English."""
    return values.get("language") or translation.get_language_from_request(request)


class PublicReadMixin:
    """Anyone may read, from any origin; answers carry an ETag and may be cached for API_CACHE_SECONDS."""

    authentication_classes: list = []
    permission_classes: list = []
    pagination_class = ApiPagination
    http_method_names = ["get", "head", "options"]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            patch_vary_headers(response, ["Accept", "Accept-Language"])
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
        response["Access-Control-Expose-Headers"] = "ETag"
        response["Access-Control-Max-Age"] = "86400"
        return response


class GroupDataMixin:
    """A group's own data: the token decides the group, and nothing of another group is ever in the queryset."""

    authentication_classes = [GroupTokenAuthentication]
    permission_classes = [HasGroupToken]
    throttle_classes = [TokenRateThrottle]
    pagination_class = ApiPagination

    @property
    def group(self):
        """The token's group (None only while drf-spectacular inspects the view without a request)."""
        return getattr(getattr(self.request, "auth", None), "group", None)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "group": self.group}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response


def refused(message: str, code: int = status.HTTP_409_CONFLICT, **extra) -> Response:
    return Response({"detail": str(message), **extra}, status=code)


ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="Invalid input: {field: [messages]}, or {detail} for a missing Idempotency-Key.",
    ),
    401: OpenApiResponse(s.ErrorSerializer, description="No token, or a revoked one."),
    409: OpenApiResponse(s.ErrorSerializer, description="A rule refused it (closed, already signed…)."),
    422: OpenApiResponse(s.ErrorSerializer, description="Idempotency-Key reused with a different request."),
}


# --- public -----------------------------------------------------------------------------------------


class AdvocacyCampaignViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Campaigns (marathons), newest first."""

    serializer_class = s.AdvocacyCampaignSerializer
    lookup_field = "slug"
    queryset = Campaign.objects.prefetch_related(PUBLIC_CASES).order_by("-starts_on", "id")

    @extend_schema(responses=s.CampaignResultsSerializer, summary="Actions counted for a campaign")
    @action(detail=True, pagination_class=None, filter_backends=[])
    def results(self, request, slug=None):
        """Totals by country, kind and case, read from the results rollups (never the ledger)."""
        campaign = get_object_or_404(Campaign, slug=slug)
        results = campaign_results(campaign)
        data = {
            "advocacy_campaign": campaign.slug,
            "total_actions": results.total,
            "countries": results.countries,
            "by_country": [{"country": code, "actions": n} for code, n in results.by_country],
            "by_kind": [{"kind": kind, "actions": n} for kind, n in results.by_kind],
            "by_case": [{"case": row.slug, "actions": row.actions} for row in results.by_case],
            "updated_at": results.updated_at,
        }
        return Response(s.CampaignResultsSerializer(data).data)


class CaseViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Published cases: the people the marathon acts for, and whom to write to."""

    serializer_class = s.CaseSerializer
    lookup_field = "slug"
    queryset = (
        Case.objects.public()
        .prefetch_related(Prefetch("campaigns", queryset=Campaign.objects.only("id", "slug")))
        .order_by("name", "id")
    )


@extend_schema_view(list=extend_schema(summary="Published events, filtered like the /events/ page"))
class EventViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Published events (past ones too), filtered with the same filters as the public /events/ page."""

    serializer_class = s.EventSerializer
    lookup_field = "slug"
    filterset_class = EventFilter
    queryset = (
        Event.objects.published()
        .with_seat_counts()
        .select_related("group", "campaign")
        .prefetch_related(PUBLIC_CASES)
        .order_by("starts_at", "id")
    )


class PetitionViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Published petitions with their counters (open, closed and delivered)."""

    serializer_class = s.PetitionSerializer
    lookup_field = "slug"
    queryset = Petition.objects.public().select_related("campaign", "case").order_by("-opens_at", "-id")


# --- a group's data ---------------------------------------------------------------------------------


class AttendanceFilter(filters.FilterSet):
    event = filters.CharFilter(field_name="event__slug", help_text="An event's slug.")
    status = filters.ChoiceFilter(choices=Registration.Status.choices)

    class Meta:
        model = Registration
        fields: list[str] = []


@extend_schema_view(
    create=extend_schema(
        request=s.AttendanceCreateSerializer,
        responses={201: s.AttendanceSerializer, **ERRORS},
        parameters=[IDEMPOTENCY_PARAMETER],
        summary="Sign someone up for one of the group's events (waiting list and emails as on the website)",
    )
)
class AttendanceViewSet(
    GroupDataMixin,
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Sign-ups for the token's group's events."""

    serializer_class = s.AttendanceSerializer
    filterset_class = AttendanceFilter

    def get_queryset(self):
        # People acting for a sensitive case are exported by section staff only, never through a group token.
        return (
            Registration.objects.filter(event__group=self.group)
            .exclude(event__in=Event.objects.featuring_a_sensitive_case())
            .select_related("event")
            .order_by("-id")
        )

    def perform_idempotent_create(self, request) -> Response:
        data = s.AttendanceCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        person = data.validated_data["person"]
        try:
            with translation.override(email_language(request, data.validated_data)):
                registration = event_services.register_for_event(
                    event=data.validated_data["event"],
                    name=person["name"],
                    email=person["email"],
                    phone=person.get("phone", ""),
                    consent=data.validated_data["consent"],
                    consent_form="partner-api",
                )
        except event_services.AlreadyRegistered as error:
            return refused(str(error), attendance=error.registration.pk if error.registration else None)
        except event_services.EventError as error:
            return refused(str(error))
        Submission.objects.create(token=request.auth, group=self.group, registration=registration)
        return Response(s.AttendanceSerializer(registration).data, status=status.HTTP_201_CREATED)


class SignatureFilter(filters.FilterSet):
    petition = filters.CharFilter(field_name="petition__slug", help_text="A petition's slug.")
    source = filters.ChoiceFilter(choices=Signature.Source.choices)
    status = filters.ChoiceFilter(choices=Signature.Status.choices)

    class Meta:
        model = Signature
        fields: list[str] = []


@extend_schema_view(
    create=extend_schema(
        request=s.SignatureCreateSerializer,
        responses={201: s.SignatureSerializer, **ERRORS},
        parameters=[IDEMPOTENCY_PARAMETER],
        summary="Submit an online signature (double opt-in: the signer confirms by email) or a paper one",
    )
)
class SignatureViewSet(
    GroupDataMixin,
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Paper signatures the group entered and online signatures its partner sites submitted."""

    serializer_class = s.SignatureSerializer
    filterset_class = SignatureFilter

    def get_queryset(self):
        return (
            Signature.objects.filter(
                Q(source=Signature.Source.PAPER, group=self.group) | Q(api_submission__group=self.group)
            )
            .exclude(petition__case__is_sensitive=True)
            .select_related("petition")
            .order_by("-id")
        )

    def perform_idempotent_create(self, request) -> Response:
        data = s.SignatureCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values, person = data.validated_data, data.validated_data["person"]
        signer = petition_services.Signer(
            first_name=person["given_name"],
            last_name=person["family_name"],
            email=person.get("email", ""),
            country=person["country"],
            city=person.get("locality", ""),
        )
        try:
            if values["source"] == Signature.Source.PAPER:
                result = petition_services.add_paper_signatures(
                    petition=values["petition"], group=self.group, signers=[signer]
                )
                if not result.created:
                    return refused(_("This email address has already signed this petition."))
                signature = result.created[0]
            else:
                with translation.override(email_language(request, values)):
                    signature = petition_services.sign_petition(
                        petition=values["petition"],
                        signer=signer,
                        consent_to_contact=values["consent_to_contact"],
                        show_first_name=values["show_first_name"],
                        consent_form="partner-api",
                    )
                Submission.objects.create(token=request.auth, group=self.group, signature=signature)
        except petition_services.InvalidSignatureData as error:
            return refused(error.message, status.HTTP_400_BAD_REQUEST, field=error.field_name or None)
        except petition_services.PetitionError as error:
            return refused(error.message)
        signature.petition = values["petition"]
        return Response(s.SignatureSerializer(signature).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    create=extend_schema(
        responses={201: s.PaperBatchSerializer, **ERRORS},
        parameters=[IDEMPOTENCY_PARAMETER],
        summary="Enter a counted batch of paper signatures for the group",
    )
)
class PaperBatchViewSet(
    GroupDataMixin,
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Counted batches of paper signatures the group entered."""

    serializer_class = s.PaperBatchSerializer

    def get_queryset(self):
        return PaperSignatureBatch.objects.filter(group=self.group).select_related("petition").order_by("-id")

    def perform_idempotent_create(self, request) -> Response:
        data = s.PaperBatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            batch = petition_services.add_paper_batch(group=self.group, **data.validated_data)
        except petition_services.PetitionError as error:
            return refused(error.message)
        return Response(s.PaperBatchSerializer(batch).data, status=status.HTTP_201_CREATED)


class EventReportViewSet(GroupDataMixin, viewsets.ReadOnlyModelViewSet):
    """Reports of the group's events, with their review status."""

    serializer_class = s.EventReportSerializer

    def get_queryset(self):
        return (
            EventReport.objects.filter(event__group=self.group)
            .select_related("event")
            .prefetch_related(
                Prefetch(
                    "case_counts", queryset=ReportCaseCount.objects.select_related("case").order_by("id")
                )
            )
            .order_by("-id")
        )
