from django.conf import settings


class StaffSessionExpiryMiddleware:
    """Back-office sessions expire STAFF_SESSION_SECONDS after they start; volunteers keep the default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        staff = user is not None and user.is_authenticated and user.is_staff
        # Set once per session (not on every request, which would write the session row each time).
        if staff and request.session.get("_session_expiry") != settings.STAFF_SESSION_SECONDS:
            request.session.set_expiry(settings.STAFF_SESSION_SECONDS)
        return self.get_response(request)
