from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from .audience import email_from_unsubscribe_token, has_opted_out, opt_out
from .models import Case
from .selectors import active_campaign, groups_by_country


def home(request):
    campaign = active_campaign()
    cases = Case.objects.public().in_campaign(campaign)[:6] if campaign else Case.objects.public()[:6]
    return render(request, "campaigns/home.html", {"campaign": campaign, "cases": cases})


class CaseListView(ListView):
    template_name = "campaigns/case_list.html"
    context_object_name = "cases"
    paginate_by = 24

    def get_queryset(self):
        return Case.objects.public().order_by("name")


class CaseDetailView(DetailView):
    template_name = "campaigns/case_detail.html"
    context_object_name = "case"

    def get_queryset(self):
        return Case.objects.public().prefetch_related("campaigns", "updates")


def group_list(request):
    return render(request, "campaigns/group_list.html", {"countries": groups_by_country()})


class PrivacyView(TemplateView):
    template_name = "campaigns/privacy.html"


@require_GET
def healthz(request):
    """200 when the database answers a query, 503 otherwise. Cheap enough for a load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
@cache_control(public=True, max_age=300)
def brand_css(request):
    """The deployment's accent colour as a CSS variable, so templates need no inline style."""
    colour = settings.ACCENT_COLOUR if _is_hex_colour(settings.ACCENT_COLOUR) else "#ffe600"
    return HttpResponse(f":root {{ --marathon-accent: {colour}; }}\n", content_type="text/css")


def _is_hex_colour(value: str) -> bool:
    digits = value.removeprefix("#")
    return (
        value.startswith("#") and len(digits) in (3, 6) and all(c in "0123456789abcdefABCDEF" for c in digits)
    )


def rate_limited(request, exception=None):
    """django-ratelimit sends blocked requests here: a friendly 429, never a bare 403."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


@csrf_exempt  # the signed token authenticates; mail clients' one-click POST (RFC 8058) carries no CSRF token
def unsubscribe(request, token: str):
    """GET shows a button (link scanners must not unsubscribe anyone); POST records the opt-out."""
    email = email_from_unsubscribe_token(token)
    if email is None:
        return render(request, "campaigns/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        opt_out(email)
        return render(request, "campaigns/unsubscribe.html", {"done": True})
    return render(request, "campaigns/unsubscribe.html", {"done": has_opted_out(email)})
