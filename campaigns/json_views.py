"""Public JSON endpoints (the counters section websites read): open to any origin, and a JSON answer even when
there is nothing at the address, so a script reading one gets a reason it can parse, not the site's 404 page."""

from functools import wraps

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _


def open_json(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = JsonResponse({"detail": _("Nothing is published at this address.")}, status=404)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper
