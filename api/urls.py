from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views, widgets

app_name = "api"

router = DefaultRouter()
router.register("advocacy_campaigns", views.AdvocacyCampaignViewSet, basename="advocacy-campaign")
router.register("cases", views.CaseViewSet, basename="case")
router.register("events", views.EventViewSet, basename="event")
router.register("petitions", views.PetitionViewSet, basename="petition")
router.register("attendances", views.AttendanceViewSet, basename="attendance")
router.register("signatures", views.SignatureViewSet, basename="signature")
router.register("paper_batches", views.PaperBatchViewSet, basename="paper-batch")
router.register("event_reports", views.EventReportViewSet, basename="event-report")

urlpatterns = [
    # /api/ is where people look first: the documentation.
    path("", RedirectView.as_view(pattern_name="api:docs"), name="index"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(router.urls)),
    path("widgets/events/", widgets.events_embed, name="events-embed"),
]
