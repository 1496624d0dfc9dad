"""Supporters' requests for a copy of their data and for its erasure, confirmed through their own mailbox.

Anyone may ask for an address; only the mailbox owner can act, from the link we email there. The request page
answers the same whatever we hold, so it never tells a stranger whether an address signed anything.
"""

import datetime as dt
import json

from django.conf import settings
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .audience import hash_email
from .emails import queue_email
from .models import DataRequest, User
from .personal_data import erase_personal_data, export_personal_data, find_personal_data, normalise_address

DATA_REQUEST_SALT = "campaigns.data-request"


class DataRequestError(Exception):
    message = _("This link is not valid. Please ask again from the privacy page.")


class DataRequestExpired(DataRequestError):
    message = _("This link has expired. Please ask again from the privacy page.")


class DataRequestUsed(DataRequestError):
    message = _(
        "This link has already been used to download your data, and works only once. For another copy, please "
        "ask again from the privacy page."
    )


def link_lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.DATA_REQUEST_LINK_HOURS)


def request_token(data_request: DataRequest) -> str:
    return signing.dumps(data_request.pk, salt=DATA_REQUEST_SALT)


def request_personal_data(*, email: str, kind: str, language: str = "") -> DataRequest:
    """Record the request and email its link to the address. Nothing is shown or changed until it is used."""
    email = normalise_address(email)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        data_request = DataRequest.objects.create(
            kind=kind, email=email, email_hash=hash_email(email), language=language[:10]
        )
        with translation.override(language):
            link = settings.SITE_URL + reverse("privacy-data-confirm", args=[request_token(data_request)])
        queue_email(
            f"campaigns/data_{kind}",
            {
                "link": link,
                "hours": settings.DATA_REQUEST_LINK_HOURS,
                "holds_data": bool(find_personal_data(email)),
            },
            to=email,
            language=language,
        )
    return data_request


def data_request_from_token(token: str) -> DataRequest:
    """The request a link points at, while it can still be used; DataRequestError says why not."""
    try:
        pk = signing.loads(token, salt=DATA_REQUEST_SALT, max_age=link_lifetime())
    except signing.SignatureExpired:
        raise DataRequestExpired from None
    except signing.BadSignature:
        raise DataRequestError from None
    data_request = DataRequest.objects.filter(pk=pk).first()
    if data_request is None:
        raise DataRequestError
    if not data_request.email and data_request.completed_at is None:
        raise DataRequestExpired  # the retention job forgot the address of an unused request
    if data_request.kind == DataRequest.Kind.EXPORT and data_request.completed_at is not None:
        raise DataRequestUsed
    return data_request


def has_staff_account(email: str) -> bool:
    return bool(email) and User.objects.filter(email__iexact=email, is_staff=True).exists()


def export_for_request(data_request: DataRequest, *, now: dt.datetime | None = None) -> bytes:
    """The JSON file of everything held about the request's address, once: the request is marked carried out
    and forgets the address, so the link (in a forwarded email, a shared mailbox) gives nothing more."""
    if data_request.kind != DataRequest.Kind.EXPORT:
        raise DataRequestError
    now = now or timezone.now()
    with transaction.atomic():
        locked = DataRequest.objects.select_for_update().get(pk=data_request.pk)
        if locked.completed_at is not None:
            raise DataRequestUsed  # two clicks at once: one download
        if not locked.email:
            raise DataRequestExpired
        with translation.override(locked.language or settings.LANGUAGE_CODE):
            content = export_personal_data(locked.email, now=now)
        locked.email, locked.completed_at = "", now
        locked.save(update_fields=["email", "completed_at"])
    return json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def erase_for_request(data_request: DataRequest, *, now: dt.datetime | None = None) -> int:
    """Erase everything held about the address, once; a second use of the link changes nothing.

    The request row is locked, so two clicks at once erase once and send one confirmation.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = DataRequest.objects.select_for_update().get(pk=data_request.pk)
        if locked.kind != DataRequest.Kind.ERASURE:
            raise DataRequestError
        if locked.completed_at is not None:
            return locked.rows_changed or 0
        email = locked.email
        changed = sum(erase_personal_data(email, now=now).values())
        locked.email, locked.completed_at, locked.rows_changed = "", now, changed
        locked.save(update_fields=["email", "completed_at", "rows_changed"])
        queue_email("campaigns/data_erased", {"rows": changed}, to=email, language=locked.language or None)
    return changed


def forget_request_addresses(now: dt.datetime) -> int:
    """Retention: drop the address from requests whose link has expired (the hash stays as the record)."""
    return (
        DataRequest.objects.filter(requested_at__lt=now - link_lifetime()).exclude(email="").update(email="")
    )


def held_data_summary(email: str) -> list[tuple[str, int]]:
    """What we hold about an address, as (description, number of records), for the confirmation page."""
    return [(str(source.label), len(rows)) for source, rows in find_personal_data(email)]
