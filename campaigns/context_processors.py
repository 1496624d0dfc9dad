from django.conf import settings
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.context_processors import auth as auth_context_processor
from django.contrib.auth.models import AnonymousUser


def branding(request):
    return {
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "ORGANISATION_URL": settings.ORGANISATION_URL,
        "ACCENT_COLOUR": settings.ACCENT_COLOUR,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        # Absolute links in emails rendered with a request (allauth's account emails).
        "SITE_URL": settings.SITE_URL,
    }


def auth(request):
    """`user` and `perms` as django.contrib.auth's processor gives them, without reading the session of a
    visitor who has no session cookie (such a visitor is anonymous anyway).

    Reading the session marks the response `Vary: Cookie`; base.html asks `user.is_authenticated` on every
    page, so without this every anonymous page would vary by cookie and shared caches could not serve it.
    """
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return auth_context_processor(request)
    anonymous = AnonymousUser()
    return {"user": anonymous, "perms": PermWrapper(anonymous)}
