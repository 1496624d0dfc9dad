"""Which language a visitor gets on the unprefixed (English) URLs, and remembering their choice.

Django's LocaleMiddleware with ``prefix_default_language=False`` always serves the unprefixed URLs in English.
This middleware adds the two things a supporter expects on top:

* first visit: a browser asking for Polish (``Accept-Language: pl``) on ``/cases/x/`` is sent to ``/pl/cases/x/``;
* remembered: every page served under a language prefix stores that language in the language cookie, and an
  unprefixed page then sends the visitor back to their language. The English link of the language switcher
  carries ``?lang=en``, which stores English instead.

Only GET/HEAD HTML pages are ever redirected: JSON, CSV, ICS, embeds (framed on other sites) and anything
that is not a plain 200 page answer where they are. Unprefixed pages depend on the cookie and the header, so
they say so in ``Vary``; prefixed pages do not depend on them and stay cacheable for everyone.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import get_script_prefix, is_valid_path, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

ENGLISH_CHOICE_PARAMETER = "lang"


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def preferred_language(request) -> str:
    """The remembered choice if there is one, else the browser's Accept-Language, else English."""
    remembered = _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if remembered:
        return remembered
    return (
        _supported(translation.get_language_from_request(request, check_path=False)) or settings.LANGUAGE_CODE
    )


class BackOfficeLanguageMiddleware:
    """The back office in its user's language: the one they chose on the public site (the cookie), else their
    browser's. /admin/ is outside the language-prefixed URLs, where LocaleMiddleware always picks English, so a
    coordinator in Asunción got English although every label has its Spanish translation."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("admin:index")
        if request.path_info.startswith(self.prefix):
            language = preferred_language(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def remember_language(response, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LanguageRedirectMiddleware:
    """Send visitors of unprefixed HTML pages to their language; remember the language of prefixed pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if response.status_code == 404 and (english := _english_address(request)):
            return english
        from_path = translation.get_language_from_path(request.path_info)
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if from_path:
            if _is_page(response):
                if cookie != from_path:
                    remember_language(response, from_path)
                remember_for_account(request, from_path)
            return response
        if not _is_page(response) or not _has_language_versions(request):
            return response
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        if request.GET.get(ENGLISH_CHOICE_PARAMETER) == settings.LANGUAGE_CODE:
            if cookie != settings.LANGUAGE_CODE:
                remember_language(response, settings.LANGUAGE_CODE)
            remember_for_account(request, settings.LANGUAGE_CODE)
            return response
        language = preferred_language(request)
        if language == settings.LANGUAGE_CODE:
            return response
        redirect = HttpResponseRedirect(f"/{language}{request.get_full_path()}")
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        return redirect


def remember_for_account(request, code: str) -> None:
    """A signed-in person's emails follow the language they use the site in: switched to Belarusian after
    signing up in Russian, they were still told of their events in Russian. A visitor without a session is not
    looked up (their session is not read), and the account is written only when the language changes."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language != code:
        user.language = code
        get_user_model().objects.filter(pk=user.pk).update(language=code)


def _english_address(request) -> HttpResponseRedirect | None:
    """English pages have no prefix, so /en/events/ (typed, or a link someone built from /pl/events/) is not found:
    send it to /events/, choosing English so a visitor whose cookie says Polish is not sent on to /pl/."""
    prefix = f"/{settings.LANGUAGE_CODE}/"
    if not request.path_info.startswith(prefix):
        return None
    path = "/" + request.path_info.removeprefix(prefix)
    urlconf = getattr(request, "urlconf", None)
    with translation.override(settings.LANGUAGE_CODE):
        if not is_valid_path(path, urlconf):
            return None
    query = request.GET.copy()
    query[ENGLISH_CHOICE_PARAMETER] = settings.LANGUAGE_CODE
    return HttpResponsePermanentRedirect(f"{get_script_prefix().rstrip('/')}{path}?{query.urlencode()}")


def _is_page(response) -> bool:
    return (
        response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and not getattr(response, "xframe_options_exempt", False)
        and not response.streaming
    )


def _has_language_versions(request) -> bool:
    """Whether the page also exists under a prefix (the i18n_patterns match only the active language's)."""
    urlconf = getattr(request, "urlconf", None)
    other = settings.LANGUAGES[1][0]
    with translation.override(other):
        return is_valid_path(f"/{other}{request.path_info}", urlconf)


def country_language(country_code: str) -> str | None:
    """The site's language spoken in a country (CLDR's official and de facto languages: Paraguay → es, Poland →
    pl, Belarus → be), or None where the site has none of them (Japan)."""
    from babel.languages import get_official_languages

    offered = dict(settings.LANGUAGES)
    for language in get_official_languages(str(country_code or ""), de_facto=True):
        if language in offered:
            return language
    return None
