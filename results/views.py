import csv
import datetime as dt
from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from campaigns.json_views import open_json
from campaigns.middleware import embeddable
from campaigns.models import Campaign

from .selectors import CACHE_SECONDS, campaign_results, campaign_totals, rollup_state


@require_GET
def index(request):
    campaigns = list(Campaign.objects.order_by("-starts_on"))
    totals = campaign_totals([c.pk for c in campaigns])
    rows = [(campaign, totals[campaign.pk]) for campaign in campaigns]
    return render(request, "results/index.html", {"rows": rows})


@require_GET
def campaign_detail(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    state = rollup_state()
    results = campaign_results(campaign, state=state)
    context = {
        "campaign": campaign,
        "results": results,
        # Built only when the cached fragment is missing (once per rollup version and language): the hourly
        # series alone has a row per hour of the campaign.
        "charts": partial(_charts, results),
        "results_version": state.version,
        "cache_seconds": CACHE_SECONDS,
        "refresh_seconds": settings.RESULTS_COUNTER_REFRESH_SECONDS,
    }
    return render(request, "results/campaign_detail.html", context)


def _charts(results) -> dict:
    return {
        "countries": results.country_rows(),
        "kinds": results.kind_rows(),
        "cases": [{"slug": row.slug, "name": row.name, "actions": row.actions} for row in results.by_case],
        "hours": [{"t": hour.isoformat(), "actions": n} for hour, n in results.by_hour],
        "days": [{"d": day.isoformat(), "actions": n} for day, n in results.by_day],
        "labels": {"actions": _("Actions"), "noData": _("No actions counted yet.")},
        # For a browser whose Intl data lacks the page's language (static/js/results-charts.js).
        "format": {
            "thousands": get_format("THOUSAND_SEPARATOR"),
            "months": [date_format(dt.date(2000, month, 1), "b") for month in range(1, 13)],
        },
    }


def results_json(campaign: Campaign) -> dict:
    results = campaign_results(campaign)
    return {
        "campaign": campaign.slug,
        "total_actions": results.total,
        "countries": results.countries,
        "by_country": [{"country": code, "actions": n} for code, n in results.by_country],
        "by_kind": [{"kind": kind, "actions": n} for kind, n in results.by_kind],
        "by_case": [{"case": row.slug, "actions": row.actions} for row in results.by_case],
        "updated_at": results.updated_at.isoformat() if results.updated_at else None,
    }


@require_GET
@cache_control(public=True, max_age=10)
@open_json
def campaign_json(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    return JsonResponse(results_json(campaign))


@require_GET
@cache_control(public=True, max_age=60)
def campaign_csv(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    results = campaign_results(campaign)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-actions-by-country.csv"'
    response.write(
        "\ufeff"
    )  # Excel reads the file as UTF-8 only with the byte order mark ("Польшча", "Canadá")
    writer = csv.writer(response)
    writer.writerow(["country_code", "country", "actions"])
    for row in results.country_rows():
        writer.writerow([row["code"], row["name"], row["actions"]])
    return response


@require_GET
@embeddable
@cache_control(public=True, max_age=10)
def campaign_embed(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    context = {
        "campaign": campaign,
        "results": campaign_results(campaign),
        "refresh_seconds": settings.RESULTS_COUNTER_REFRESH_SECONDS,
    }
    return render(request, "results/embed.html", context)


def _published_photos(campaign: Campaign):
    """Published report photos of a campaign, or None while the events app has no photos."""
    try:
        from events.models import ReportPhoto
    except ImportError:  # pragma: no cover - the gallery needs the events app's report photos
        return None
    return (
        ReportPhoto.objects.published()
        .filter(report__event__campaign=campaign)
        .order_by("-report__event__starts_at", "id")
    )


@require_GET
def campaign_gallery(request, slug: str):
    campaign = get_object_or_404(Campaign, slug=slug)
    photos = _published_photos(campaign)
    if photos is None:
        raise Http404(_("There is no gallery yet."))
    page_obj = Paginator(photos, 24).get_page(request.GET.get("page"))
    return render(
        request, "results/gallery.html", {"campaign": campaign, "page_obj": page_obj, "query_string": ""}
    )
