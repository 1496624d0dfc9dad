from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from campaigns import views as campaign_views

# Machine endpoints and the back office answer on one URL in every language: no prefix, no redirect.
urlpatterns = [
    path("healthz", campaign_views.healthz, name="healthz"),
    path("brand.css", campaign_views.brand_css, name="brand-css"),
    path("api/", include("api.urls")),
    path("i18n/setlang/", campaign_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

# Public pages: English at the unprefixed URLs every earlier link uses, other languages under /pl/, /ru/...
# The JSON, CSV, ICS and embed endpoints inside the apps also answer unprefixed; LanguageRedirectMiddleware
# only ever redirects HTML pages, so they never redirect.
urlpatterns += i18n_patterns(
    path("", campaign_views.home, name="home"),
    path("cases/", campaign_views.CaseListView.as_view(), name="case-list"),
    path("cases/<slug:slug>/", campaign_views.CaseDetailView.as_view(), name="case-detail"),
    path("groups/", campaign_views.group_list, name="group-list"),
    path("privacy/", campaign_views.privacy_page, name="privacy"),
    path("privacy/my-data/", campaign_views.data_request, name="privacy-data"),
    path("privacy/my-data/sent/", campaign_views.data_request_sent, name="privacy-data-sent"),
    path("privacy/my-data/<str:token>/", campaign_views.data_request_confirm, name="privacy-data-confirm"),
    path("unsubscribe/<str:token>/", campaign_views.unsubscribe, name="unsubscribe"),
    path("events/", include("events.urls")),
    path("petitions/", include("petitions.urls")),
    path("results/", include("results.urls")),
    path("", include("letters.urls")),
    path("accounts/name/", campaign_views.account_name, name="account-name"),
    path("accounts/", include("allauth.urls")),
    prefix_default_language=False,
)

if settings.BENCHMARK:  # `make bench` only: the baseline probe (campaigns/benchmark.py)
    from campaigns.benchmark import baseline

    urlpatterns.insert(0, path("bench/baseline/", baseline, name="bench-baseline"))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
