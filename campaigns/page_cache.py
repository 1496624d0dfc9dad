"""Form pages rendered once for every anonymous visitor, and finished per request.

A page with a public form carries two values of the visitor's own: the CSRF token and the signed moment the
form was shown (abuse.HumanCheckFormMixin). Everything else on a petition or event page is the same for every
anonymous visitor in one language. In a burst the page is therefore rendered once per version and each request
only puts the visitor's two values in place of markers: a cache read instead of tens of milliseconds of
templates. The caller's `version` must change whenever anything the page shows changes (counts, status), so a
cached page is never stale; FORM_PAGE_CACHE_SECONDS only bounds how long an unused version is kept.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

from .abuse import rendered_at_stamp

CSRF_MARKER = "csrf-token-marker-5f0c"
RENDERED_AT_MARKER = "rendered-at-marker-5f0c"


def is_anonymous_visit(request) -> bool:
    """A GET from a visitor with no session and no pending message: the page is the same for all of them."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def render_form_page(request, template: str, context: dict, *, form, version: str) -> HttpResponse:
    if settings.FORM_PAGE_CACHE_SECONDS <= 0 or form is None or not is_anonymous_visit(request):
        return render(request, template, context)
    key = f"form-page:{template}:{version}:{translation.get_language()}"
    html = cache.get(key)
    if html is None:
        form.fields["rendered_at"].initial = RENDERED_AT_MARKER
        html = render_to_string(template, {**context, "csrf_token": CSRF_MARKER}, request)
        cache.set(key, html, settings.FORM_PAGE_CACHE_SECONDS)
    # get_token also makes sure the response sets the CSRF cookie the token belongs to.
    return HttpResponse(
        html.replace(CSRF_MARKER, get_token(request)).replace(RENDERED_AT_MARKER, rendered_at_stamp())
    )
