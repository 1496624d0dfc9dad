"""Idempotency-Key on every POST: a retried request (same token, same key) gets the first answer again and
creates nothing new; the same key with a different request is refused with 422.

The record is inserted in the same transaction as the action it answers for, so the two commit together;
a concurrent duplicate waits on the unique index and then replays the committed answer.
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.response import Response

from .models import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    name=HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=True,
    description="A unique key per logical request (e.g. a UUID). Retrying with the same key and body "
    "returns the first response and creates nothing new; the same key with another body gets 422.",
)


def fingerprint(request) -> str:
    payload = json.dumps({"path": request.path, "body": request.data}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _replay(record: IdempotencyRecord, print_: str) -> Response:
    if record.fingerprint != print_:
        return Response(
            {"detail": _("This Idempotency-Key was already used for a different request.")},
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    return Response(record.response_body, status=record.status_code, headers={"Idempotent-Replayed": "true"})


class IdempotentCreateMixin:
    """`create()` runs `perform_idempotent_create(request)` at most once per (token, key).

    Only successful answers are stored: a request refused with 4xx changed nothing, so retrying it is safe.
    """

    def create(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key or len(key) > MAX_KEY_LENGTH:
            return Response(
                {"detail": _("Send an Idempotency-Key header (at most 255 characters) with every POST.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, print_ = request.auth, fingerprint(request)
        existing = IdempotencyRecord.objects.filter(token=token, key=key).first()
        if existing is not None:
            return _replay(existing, print_)
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(token=token, key=key, fingerprint=print_)
                response = self.perform_idempotent_create(request)
                if not 200 <= response.status_code < 300:
                    record.delete()  # a refusal is not remembered; the service's own emails still go
                    return response
                record.status_code = response.status_code
                record.response_body = json.loads(json.dumps(response.data, default=str))
                record.save(update_fields=["status_code", "response_body"])
        except IntegrityError:
            existing = IdempotencyRecord.objects.filter(token=token, key=key).first()
            if existing is None:
                raise
            return _replay(existing, print_)
        return response

    def perform_idempotent_create(self, request) -> Response:  # pragma: no cover - abstract
        raise NotImplementedError
