from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_safe
from django.views.generic import DetailView
from django.views.i18n import set_language as django_set_language

from . import privacy
from .abuse import limit_public_posts
from .audience import email_hash_from_unsubscribe_token, has_opted_out_hash, opt_back_in_hash, opt_out_hash
from .consent import consent_versions
from .forms import AccountNameForm, DataRequestForm
from .language import remember_for_account
from .models import Case, DataRequest
from .pagination import ForgivingListView
from .personal_data import erasure_notices
from .retention import retention_rules
from .selectors import active_campaign, groups_by_country


def home(request):
    campaign = active_campaign()
    cases = Case.objects.public().in_campaign(campaign)[:6] if campaign else Case.objects.public()[:6]
    return render(request, "campaigns/home.html", {"campaign": campaign, "cases": cases})


class CaseListView(ForgivingListView):
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


@require_safe
def privacy_page(request):
    context = {
        "consent_texts": consent_versions(),
        "retention": [rule for rule in retention_rules() if rule.days_setting],
        "link_hours": settings.DATA_REQUEST_LINK_HOURS,
    }
    return render(request, "campaigns/privacy.html", context)


@require_http_methods(["GET", "POST"])
@limit_public_posts()
def data_request(request):
    """Ask for a copy or the erasure of one's data. The answer is the same whatever we hold."""
    # A signed-in person is asking about their own address, most likely: it is filled in for them.
    signed_in_as = request.user.email if request.user.is_authenticated else ""
    form = DataRequestForm(request.POST or None, initial={"email": signed_in_as})
    if request.method == "POST":
        if form.is_valid():
            privacy.request_personal_data(email=form.cleaned_data["email"], kind=form.cleaned_data["kind"])
            return redirect("privacy-data-sent")
        return render(request, "campaigns/data_request.html", {"form": form}, status=400)
    return render(request, "campaigns/data_request.html", {"form": form})


@require_safe
def data_request_sent(request):
    return render(request, "campaigns/data_request_sent.html", {"hours": settings.DATA_REQUEST_LINK_HOURS})


@never_cache
@require_http_methods(["GET", "POST"])
def data_request_confirm(request, token: str):
    """GET shows what is held and one button; only the POST downloads or erases (mail scanners open links)."""
    try:
        data_request = privacy.data_request_from_token(token)
        download = (
            privacy.export_for_request(data_request)
            if request.method == "POST" and data_request.kind == DataRequest.Kind.EXPORT
            else None
        )
    except privacy.DataRequestError as error:
        return render(request, "campaigns/data_request_confirm.html", {"error": error.message}, status=400)
    if download is not None:
        response = HttpResponse(download, content_type="application/json")
        filename = f"my-data-{timezone.now():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    kept_staff_account = False
    if request.method == "POST":
        # Erasure closes volunteers' accounts, not staff ones: say so to the one person it concerns.
        kept_staff_account = privacy.has_staff_account(data_request.email)
        privacy.erase_for_request(data_request)
        data_request.refresh_from_db()
    context = {
        "data_request": data_request,
        "held": privacy.held_data_summary(data_request.email),
        "notices": erasure_notices(data_request.email) if _erasure_to_confirm(data_request) else [],
        "kept_staff_account": kept_staff_account,
    }
    return render(request, "campaigns/data_request_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def account_name(request):
    form = AccountNameForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your name is saved."))
            return redirect("account-name")
        return render(request, "account/name.html", {"form": form}, status=400)
    return render(request, "account/name.html", {"form": form})


def _erasure_to_confirm(data_request: DataRequest) -> bool:
    return data_request.kind == DataRequest.Kind.ERASURE and not data_request.completed_at


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
    """GET shows a button (link scanners must not unsubscribe anyone); POST records the opt-out, or with
    `resubscribe` (the button on the page that confirms it) takes it back."""
    email_hash = email_hash_from_unsubscribe_token(token)
    if email_hash is None:
        return render(request, "campaigns/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST" and request.POST.get("resubscribe"):
        opt_back_in_hash(email_hash)
        return render(request, "campaigns/unsubscribe.html", {"resubscribed": True})
    if request.method == "POST":
        opt_out_hash(email_hash)
        return render(request, "campaigns/unsubscribe.html", {"done": True})
    return render(request, "campaigns/unsubscribe.html", {"done": has_opted_out_hash(email_hash)})


def set_language(request):
    """Django's language switch (the back office's header), which also makes a signed-in person's emails follow
    the language they chose, as the public site's switch does: a coordinator who set the back office to French
    was still emailed in Polish."""
    response = django_set_language(request)
    code = request.POST.get("language", "")
    if (
        request.method == "POST"
        and response.status_code in (302, 204)
        and translation.check_for_language(code)
    ):
        remember_for_account(request, code)
    return response
