"""Form pages rendered once for every anonymous visitor, and finished per request.

A page with a public form carries two values of the visitor's own: the CSRF token and the signed moment the
form was shown (abuse.HumanCheckFormMixin). Everything else on a petition or event page is the same for every
anonymous visitor in one language. In a burst the page is therefore rendered once per version and each request
only puts the visitor's two values in place of markers: a cache read instead of tens of milliseconds of
templates. The caller's `version` must change whenever anything the page shows changes (counts, status), so a
cached page is never stale; FORM_PAGE_CACHE_SECONDS only bounds how long an unused version is kept.
"""

import hashlib
from functools import wraps

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


def render_form_page(request, template: str, build_context, *, version: str) -> HttpResponse:
    """The page of `template` for this visitor, rendered from `build_context()` only when it must be.

    `build_context` returns the page's context with its blank form under "form". A served cached page costs
    the caller only what it read to compute `version`: the full records the template shows are read by
    `build_context`, which runs on a miss or for a visitor who gets a page of their own.
    """
    if settings.FORM_PAGE_CACHE_SECONDS <= 0 or not is_anonymous_visit(request):
        return render(request, template, build_context())
    key = f"form-page:{template}:{version}:{translation.get_language()}"
    html = cache.get(key)
    if html is None:
        context = build_context()
        form = context.get("form")
        if form is None:
            return render(request, template, context)
        form.fields["rendered_at"].initial = RENDERED_AT_MARKER
        html = render_to_string(template, {**context, "csrf_token": CSRF_MARKER}, request)
        cache.set(key, html, settings.FORM_PAGE_CACHE_SECONDS)
    # get_token also makes sure the response sets the CSRF cookie the token belongs to.
    return HttpResponse(
        html.replace(CSRF_MARKER, get_token(request)).replace(RENDERED_AT_MARKER, rendered_at_stamp())
    )


def cache_for_anonymous_visitors(view):
    """Serve an anonymous GET of a public page from the cache for PUBLIC_CACHE_SECONDS.

    For pages without a form whose answer depends only on the URL and the language (a list with filters):
    the same staleness their `Cache-Control: public` already allows a CDN, kept here so a burst of readers
    costs one rendering per URL and language instead of one per reader.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PUBLIC_CACHE_SECONDS
        if seconds <= 0 or not is_anonymous_visit(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = f"public-page:{view.__module__}.{view.__qualname__}:{translation.get_language()}:{path}"
        content = cache.get(key)
        if content is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.cookies or response.streaming:
                return response
            cache.set(key, response.content, seconds)
            return response
        return HttpResponse(content)

    return wrapper
