from django.conf import settings


def branding(request):
    return {
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "ORGANISATION_URL": settings.ORGANISATION_URL,
        "ACCENT_COLOUR": settings.ACCENT_COLOUR,
        # Absolute links in emails rendered with a request (allauth's account emails).
        "SITE_URL": settings.SITE_URL,
    }
