"""Who hears about a case: the supporters who agreed to hear more, gathered from every app that has them.

Apps register a function returning `(email, language)` pairs for a case; this module merges them, drops
duplicates and anyone who opted out. The core never imports the apps that hold the addresses.
"""

import hashlib
import hmac
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core import signing

from .models import Case, EmailOptOut

Audience = Callable[[Case], Iterable[tuple[str, str]]]
_audiences: dict[str, Audience] = {}

UNSUBSCRIBE_SALT = "campaigns.unsubscribe"


def register_case_audience(name: str):
    def decorator(func: Audience) -> Audience:
        _audiences[name] = func
        return func

    return decorator


def hash_email(email: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def case_audience(case: Case) -> list[tuple[str, str]]:
    """Unique (email, language) pairs of the case's supporters who agreed to hear more and did not opt out."""
    seen: dict[str, str] = {}
    for audience in _audiences.values():
        for email, language in audience(case):
            seen.setdefault(email.strip().lower(), language or "")
    opted_out = set(
        EmailOptOut.objects.filter(email_hash__in=[hash_email(e) for e in seen]).values_list(
            "email_hash", flat=True
        )
    )
    return [(email, language) for email, language in seen.items() if hash_email(email) not in opted_out]


def unsubscribe_token(email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=UNSUBSCRIBE_SALT, compress=True)


def email_from_unsubscribe_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def opt_out(email: str) -> EmailOptOut:
    opt, _ = EmailOptOut.objects.get_or_create(email_hash=hash_email(email))
    return opt


def has_opted_out(email: str) -> bool:
    return EmailOptOut.objects.filter(email_hash=hash_email(email)).exists()
