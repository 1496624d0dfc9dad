"""The back office's admin site: with ADMIN_REQUIRE_2FA on, staff pass a TOTP step (django-otp) after their
password, and enrol an authenticator app at that step the first time."""

import base64
import io
from functools import wraps

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from .forms import NOT_STAFF_MESSAGE, BackOfficeLoginForm, OTPTokenForm


def needs_second_factor(user) -> bool:
    """Staff (coordinators and superusers alike) who have not passed the TOTP step in this session."""
    if not settings.ADMIN_REQUIRE_2FA or not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return not user.is_verified()


def qr_data_uri(data: str) -> str:
    """The otpauth URL as a QR code, drawn here (an SVG in a data: URI): the secret never leaves the site."""
    out = io.BytesIO()
    write_qrcode_image(data, out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def _pending_device(user) -> TOTPDevice:
    """The one unconfirmed authenticator being enrolled; it counts only once a code from it is entered."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


# Lookups no list filter makes, refused in any address of the back office: a pattern the database cannot read
# is an error, not an answer (and a pattern matched a character at a time is a way to read a hidden field).
REFUSED_LOOKUPS = ("__regex", "__iregex")


class FieldAutocompleteView(AutocompleteJsonView):
    """The choices for a form's own relation field only. Django's view also took a reverse relation
    (`field_name=registrations` on events) and failed on it with a 500."""

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if not source_field.concrete:
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name


class MarathonAdminSite(admin.AdminSite):
    login_form = BackOfficeLoginForm

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        @wraps(view)
        def refusing_pattern_lookups(request, *args, **kwargs):
            if any(key.endswith(REFUSED_LOOKUPS) for key in request.GET):
                raise DisallowedModelAdminLookup("Pattern lookups are not allowed in the back office.")
            return checked(request, *args, **kwargs)

        return refusing_pattern_lookups

    def autocomplete_view(self, request):
        return FieldAutocompleteView.as_view(admin_site=self)(request)

    def has_permission(self, request):
        return super().has_permission(request) and not needs_second_factor(request.user)

    def get_urls(self):
        return [path("two-factor/", self.two_factor, name="two-factor"), *super().get_urls()]

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        if needs_second_factor(request.user):
            return self._to_two_factor(request)
        user = request.user
        if request.method == "GET" and user.is_authenticated and user.is_active and not user.is_staff:
            # A volunteer signed in on the site who opens /admin/: Django offers to "log in to a different
            # account". Their own pages are where they manage their events.
            messages.info(request, NOT_STAFF_MESSAGE)
            return redirect("events:mine")
        return super().login(request, extra_context)

    def _to_two_factor(self, request):
        url = reverse("admin:two-factor", current_app=self.name)
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        return redirect(f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else url)

    @method_decorator(csrf_protect)
    @method_decorator(never_cache)
    def two_factor(self, request):
        """Ask for the authenticator's code; the first time, show the QR code to enrol one."""
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect("admin:login")
        next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = ""
        if not needs_second_factor(user):
            return redirect(next_url or reverse("admin:index", current_app=self.name))
        devices = list(devices_for_user(user, confirmed=True))
        pending = None if devices else _pending_device(user)
        form = OTPTokenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            token = form.cleaned_data["otp_token"]
            for device in devices or [pending]:
                if device.verify_is_allowed()[0] and device.verify_token(token):
                    if not device.confirmed:
                        device.confirmed = True
                        device.save(update_fields=["confirmed"])
                    otp_login(request, device)
                    return redirect(next_url or reverse("admin:index", current_app=self.name))
            form.add_error("otp_token", form.wrong_code_message)
        context = {
            **self.each_context(request),
            "title": _("Two-factor sign-in"),
            "form": form,
            "pending": pending,
            "qr_src": qr_data_uri(pending.config_url) if pending else "",
            "next": next_url,
        }
        return render(request, "admin/two_factor.html", context)
