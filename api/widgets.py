"""Embeddable pages for section websites (framed in an iframe; no third-party requests)."""

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django_countries import countries

from campaigns.middleware import embeddable
from campaigns.models import Case
from events.filters import EventFilter
from events.models import Event

EMBED_LIMIT_DEFAULT = 5
EMBED_LIMIT_MAX = 20


def _limit(value: str | None) -> int:
    try:
        return max(1, min(int(value or EMBED_LIMIT_DEFAULT), EMBED_LIMIT_MAX))
    except ValueError:
        return EMBED_LIMIT_DEFAULT


@require_GET
@embeddable
@cache_control(public=True, max_age=60)
def events_embed(request):
    """Upcoming published events, filtered like /events/ (`?country=PL`, `city`, `group`, `kind`, `case`…), in the
    snippet's `language` (else the visitor's browser language); its links open the site in that language."""
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language_from_request(request)
    with translation.override(language):
        response = _events_embed(request)
    response["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _events_embed(request):
    event_filter = EventFilter(
        request.GET,
        queryset=Event.objects.published()
        .upcoming()
        .with_seat_counts()
        .select_related("group")
        .prefetch_related(Prefetch("cases", queryset=Case.objects.public().only("name", "slug")))
        .order_by("starts_at", "id"),
        request=request,
    )
    limit = _limit(request.GET.get("limit"))
    valid = event_filter.is_valid()
    events = list(event_filter.qs[: limit + 1]) if valid else []
    query = request.GET.copy()
    query.pop("limit", None)
    query.pop("language", None)
    country = event_filter.form.cleaned_data.get("country") if valid else ""
    return render(
        request,
        "api/events_embed.html",
        {
            "events": events[:limit],
            "has_more": len(events) > limit,
            "country_name": countries.name(country) if country else "",
            "query_string": query.urlencode(),
            "invalid": not valid,
        },
    )
