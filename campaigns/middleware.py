import logging

from csp.decorators import csp_replace
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt

logger = logging.getLogger(__name__)


class StaffSessionExpiryMiddleware:
    """Back-office sessions expire STAFF_SESSION_SECONDS after they start; volunteers keep the default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Anonymous visitors have no session cookie: touching request.user would read the session and add
        # "Vary: Cookie" to every public page, which stops shared caches from serving counters and lists.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = getattr(request, "user", None)
        staff = user is not None and user.is_authenticated and user.is_staff
        # Set once per session (not on every request, which would write the session row each time).
        if staff and request.session.get("_session_expiry") != settings.STAFF_SESSION_SECONDS:
            request.session.set_expiry(settings.STAFF_SESSION_SECONDS)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """When the database is unreachable, answer with a friendly 503 instead of a 500.

    Every write happens inside a transaction, so a request cut off by the database rolls back whole; the page
    asks the person to try again, and the site recovers by itself when connections succeed again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable during %s %s: %s", request.method, request.path, exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response


class PermissionsPolicyMiddleware:
    """Sends PERMISSIONS_POLICY: camera, microphone, geolocation, payment and the like are off everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# What the back office and the API docs may need beyond the public policy. Scripts stay 'self' everywhere.
# The admin gets style attributes only, as a safety net for Django's and third-party apps' admin templates
# (the pages the browser test visits raise no violation without it); Swagger UI injects <style> elements and
# data: images of its own.
RELAXED_CSP = {
    "/admin/": {"style-src-attr": ["'unsafe-inline'"]},
    "/api/v1/docs/": {"style-src": ["'unsafe-inline'"], "img-src": ["data:"]},
}


class BackOfficeCSPMiddleware:
    """Relaxes the Content-Security-Policy for /admin/ and /api/v1/docs/ only (see RELAXED_CSP).

    Sits after csp.middleware.CSPMiddleware, so it marks the response before that middleware writes the header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for prefix, update in RELAXED_CSP.items():
            if request.path.startswith(prefix) and not hasattr(response, "_csp_update"):
                response._csp_update = update
        return response


def embeddable(view):
    """For the pages section websites frame: no X-Frame-Options, and any frame ancestor in the CSP."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


class PublicCacheMiddleware:
    """`Cache-Control: public, max-age=PUBLIC_CACHE_SECONDS` on anonymous pages that nothing personal shaped.

    A response qualifies when it is a plain 200 answer to a GET or HEAD from a visitor without a session
    cookie or an Authorization header, no view set its own Cache-Control, the visitor's CSRF token was not
    used (a page with a form carries the visitor's own token) and no cookie is set. A page for a signed-in
    person, or an answer to an API token, is `private` unless its view said more (the host's list of sign-ups
    is `no-store`). Everything else keeps Django's default. Pages that
    depend on the language cookie say so in `Vary`, which shared caches honour.
    """

    EXCLUDED_PREFIXES = ("/admin/", "/accounts/", "/api/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PUBLIC_CACHE_SECONDS > 0 and self._is_public(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        elif "Cache-Control" not in response and self._is_for_someone(request):
            # A signed-in person's page (or a token's answer) may name people: no shared cache keeps it.
            patch_cache_control(response, private=True)
        return response

    def _is_for_someone(self, request) -> bool:
        if "HTTP_AUTHORIZATION" in request.META:
            return True
        # Without a session cookie nobody is signed in, and the session is not read to learn it.
        user = getattr(request, "user", None)
        return settings.SESSION_COOKIE_NAME in request.COOKIES and bool(user and user.is_authenticated)

    def _is_public(self, request, response) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and "Cache-Control" not in response
            and not response.cookies
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.path_info.startswith(self.EXCLUDED_PREFIXES)
        )
