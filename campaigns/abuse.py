"""Shared protection for anonymous forms: a keyed IP hash, a honeypot, a minimum fill time, rate limits.

Every public form (petition signing, event sign-up, letters) uses these, so the rules are the same everywhere.
"""

import hashlib
import hmac
import ipaddress
import time

from disposable_email_domains import blocklist as DISPOSABLE_DOMAINS
from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit

from .mailboxes import normalise_email


def client_ip(request) -> str:
    """The client's address. Behind a proxy, set TRUSTED_PROXY_COUNT so X-Forwarded-For is read safely."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hash_ip(ip: str) -> str:
    """A keyed hash of an IP address: stable enough to spot bursts, useless for finding the person.

    HMAC-SHA256 costs microseconds; a password hasher here would cap signing at a few per second.
    """
    if not ip:
        return ""
    key = (settings.IP_HASH_SALT or settings.SECRET_KEY).encode()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()[:32]


def hash_email(email: str) -> str:
    """The same keyed hash over the mailbox (`anna+1@example.org` is `anna@example.org`'s: a tag does not buy
    another eleven posts), so the rate-limit cache never holds an email."""
    return hash_ip("email:" + normalise_email(email))


def client_ip_hash(request) -> str:
    return hash_ip(client_ip(request))


def axes_client_ip(request) -> str:
    """django-axes stores the "IP" in an address column: give it the keyed hash, written as a private IPv6
    address (fd00::/8), so lock-outs still work per client and no log-in record holds a real address."""
    digest = bytes.fromhex(hash_ip(client_ip(request)) or "0" * 32)
    return str(ipaddress.IPv6Address(b"\xfd" + digest[:15]))


def rate_limit_key_ip(group, request) -> str:
    """django-ratelimit key: the hashed IP, so the cache never holds raw addresses either."""
    return client_ip_hash(request) or "unknown"


def rate_limit_key_email(group, request) -> str:
    """django-ratelimit key: the hashed, normalised email posted, so one address cannot be hammered from many IPs."""
    return hash_email(request.POST.get("email", ""))


def _email_rate(group, request) -> str | None:
    # A post without an email (an anonymous solidarity message) is left to the per-IP limit.
    return settings.RATE_LIMIT_PER_EMAIL if request.POST.get("email", "").strip() else None


def limit_posts_per_email(view):
    """RATE_LIMIT_PER_EMAIL per address and form; RatelimitMiddleware answers with the friendly 429 page."""
    group = f"email:{view.__module__}.{view.__qualname__}"
    return ratelimit(group=group, key=rate_limit_key_email, rate=_email_rate, method="POST", block=True)(view)


def limit_public_posts(rate_setting: str = "RATE_LIMIT_PUBLIC_FORMS"):
    """The one rate limit for anonymous forms: per hashed IP (the rate named by a setting, read per request)
    and per hashed email. RatelimitMiddleware turns a blocked request into the friendly 429 page."""

    def rate(group, request) -> str:
        return getattr(settings, rate_setting)

    def decorator(view):
        return ratelimit(key=rate_limit_key_ip, rate=rate, method="POST", block=True)(
            limit_posts_per_email(view)
        )

    return decorator


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""


def is_blocked_email_domain(email: str) -> bool:
    """A disposable-mail domain (the community-kept list of the disposable-email-domains package, when
    BLOCK_DISPOSABLE_EMAIL_DOMAINS is on) or one of BLOCKED_EMAIL_DOMAINS, or a subdomain of either."""
    domain = email_domain(email)
    labels = domain.split(".")
    suffixes = {".".join(labels[n:]) for n in range(len(labels) - 1)}
    blocked = {d.strip().lower() for d in settings.BLOCKED_EMAIL_DOMAINS}
    if settings.BLOCK_DISPOSABLE_EMAIL_DOMAINS and suffixes & DISPOSABLE_DOMAINS:
        return True
    return bool(suffixes & blocked)


def rendered_at_stamp() -> str:
    """The signed moment a form was shown, which HumanCheckFormMixin reads back."""
    return signing.dumps(time.time(), salt="form-rendered-at")


class HumanCheckFormMixin(forms.Form):
    """A honeypot field people never see and a signed timestamp that rejects forms filled in too fast.

    Bots fill every field and post instantly; people leave `website` empty and take a few seconds.
    """

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}),
    )
    rendered_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rendered_at"].initial = rendered_at_stamp()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("Your submission could not be accepted. Please try again."), code="bot"
            )
        try:
            rendered_at = signing.loads(
                cleaned.get("rendered_at") or "", salt="form-rendered-at", max_age=86400
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form has expired. Please reload the page and try again."), code="expired"
            ) from None
        if any(name in self._errors for name in self.fields):
            # Refused anyway for something the person can put right: "that was quick" on top would only confuse
            # someone who pressed the button at once. The form they send back carries the same stamp.
            return cleaned
        if time.time() - float(rendered_at) < settings.FORM_MINIMUM_SECONDS:
            raise forms.ValidationError(
                _("That was quick! Please check your details and send the form again."), code="too_fast"
            )
        return cleaned


def axes_username(request, credentials) -> str:
    """The account a log-in attempt is for, whether it came from the admin form or the volunteers' form."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if not value and request is not None:
        value = request.POST.get("username") or request.POST.get("login") or ""
    return str(value or "").strip().lower()
