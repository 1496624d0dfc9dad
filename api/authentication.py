"""Per-group API tokens: `Authorization: Bearer mrt_…` (or `Token mrt_…`)."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from .models import GroupToken, hash_token

# `last_used_at` is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class GroupTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after the word Bearer, with one space."))
        try:
            secret = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = (
            GroupToken.objects.usable().select_related("group").filter(secret_hash=hash_token(secret)).first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has been revoked."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            GroupToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return AnonymousUser(), token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class HasGroupToken(permissions.BasePermission):
    message = _("This needs a group's API token: Authorization: Bearer <token>.")

    def has_permission(self, request, view):
        return isinstance(request.auth, GroupToken)


class TokenRateThrottle(throttling.SimpleRateThrottle):
    scope = "group_token"

    def get_rate(self):
        from django.conf import settings

        return settings.API_TOKEN_RATE

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, GroupToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class GroupTokenScheme(OpenApiAuthenticationExtension):
    target_class = GroupTokenAuthentication
    name = "groupToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A local group's API token, issued in the admin (API tokens).",
        }


__all__ = ["GroupTokenAuthentication", "HasGroupToken", "TokenRateThrottle"]
