"""The copies of people's details the API keeps for a while: the first answer to a POST, replayed when the
client retries it (`IdempotencyRecord`), and each webhook notification with its attempts (`WebhookDelivery`).
Both are in a person's data download and go with an erasure; retention removes them after a short time.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.personal_data import register_personal_data
from campaigns.retention import register_retention

from .models import IdempotencyRecord, WebhookDelivery


def _answers_about(email: str):
    return IdempotencyRecord.objects.filter(response_body__person__email__iexact=email)


def _notifications_about(email: str):
    return WebhookDelivery.objects.filter(payload__data__person__email__iexact=email)


def _find_copies(email: str) -> list[dict]:
    answers = [
        {
            "kept_as": "api_answer",
            "group": record.token.group.name,
            "at": record.created_at,
            "copy": record.response_body,
        }
        for record in _answers_about(email).select_related("token__group").order_by("created_at")
    ]
    notifications = [
        {
            "kept_as": "webhook_notification",
            "group": delivery.webhook.group.name,
            "at": delivery.created_at,
            "copy": delivery.payload,
        }
        for delivery in _notifications_about(email).select_related("webhook__group").order_by("created_at")
    ]
    return answers + notifications


def _erase_copies(email: str, now: dt.datetime) -> int:
    # A retried POST after this creates its row anew (or is told the person is already signed up): the copy
    # is only there to answer a retry.
    answers, _by_model = _answers_about(email).delete()
    notifications, _by_model = _notifications_about(email).delete()
    return answers + notifications


register_personal_data(
    "api.copies",
    label=_("Copies of your details sent to a local group's own systems (API answers and notifications)"),
    find=_find_copies,
    erase=_erase_copies,
)


@register_retention(
    "api.idempotency",
    label=_("Answers to the API kept for the client's retries"),
    days_setting="API_IDEMPOTENCY_DAYS",
)
def prune_idempotency_records(now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.API_IDEMPOTENCY_DAYS)
    return IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()[0]


@register_retention(
    "api.webhook_deliveries",
    label=_("Webhook notifications, once delivered or given up"),
    days_setting="TASK_RESULT_RETENTION_DAYS",
)
def prune_webhook_deliveries(now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    finished = Q(status=WebhookDelivery.Status.DELIVERED) | Q(status=WebhookDelivery.Status.FAILED)
    return WebhookDelivery.objects.filter(finished, created_at__lt=cutoff).delete()[0]
