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
    """The signed keyed hash of the address, not the address: a signed value is only base64, so a link that
    carried the address would show it to whoever sees the link (a forwarded email, a proxy's log)."""
    return signing.dumps({"h": hash_email(email)}, salt=UNSUBSCRIBE_SALT)


def email_hash_from_unsubscribe_token(token: str) -> str | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if isinstance(value, dict) and isinstance(value.get("h"), str):
        return value["h"]
    if isinstance(value, str) and "@" in value:
        return hash_email(value)  # a link sent before the links carried the hash
    return None


def opt_out(email: str) -> EmailOptOut:
    return opt_out_hash(hash_email(email))


def opt_out_hash(email_hash: str) -> EmailOptOut:
    opt, _ = EmailOptOut.objects.get_or_create(email_hash=email_hash)
    return opt


def opt_back_in_hash(email_hash: str) -> None:
    """Undo an unsubscribe: the person hears the news of the cases they agreed to hear about again."""
    EmailOptOut.objects.filter(email_hash=email_hash).delete()


def has_opted_out(email: str) -> bool:
    return has_opted_out_hash(hash_email(email))


def has_opted_out_hash(email_hash: str) -> bool:
    return EmailOptOut.objects.filter(email_hash=email_hash).exists()
