"""The copies of people's details the API keeps (answers replayed to retries, webhook notifications) are in a
person's download, go with an erasure, and are pruned by retention."""

import datetime as dt

import pytest
from django.utils import timezone

from api.models import IdempotencyRecord, WebhookDelivery
from campaigns.personal_data import erase_personal_data, export_personal_data
from campaigns.retention import apply_retention
from events import services as event_services
from tests.events.factories import EventFactory
from tests.factories import CaseFactory, LocalGroupFactory

from .factories import auth, make_token, make_webhook

pytestmark = pytest.mark.django_db

ANIA = "ania@example.org"


@pytest.fixture
def group():
    return LocalGroupFactory(slug="poznan-pl")


def sign_up_through_the_api(api, event, token, key, email=ANIA):
    body = {"event": event.slug, "person": {"name": "Ania Nowak", "email": email, "phone": "+48 600 100 200"}}
    return api.post("/api/v1/attendances/", {**body, "consent": True}, format="json", **auth(token, key))


def test_an_erasure_takes_the_apis_copies_so_a_retry_replays_nothing(
    api, group, django_capture_on_commit_callbacks
):
    event = EventFactory(group=group)
    make_webhook(group, "http://127.0.0.1:9/unreachable")
    token = make_token(group)[1]
    with django_capture_on_commit_callbacks(execute=True):
        assert sign_up_through_the_api(api, event, token, "first").status_code == 201
        assert sign_up_through_the_api(api, event, token, "other", email="jan@example.org").status_code == 201

    download = export_personal_data(ANIA)["data"]["api.copies"]["rows"]
    assert sorted(row["kept_as"] for row in download) == ["api_answer", "webhook_notification"]
    assert all(
        row["copy"]["data" if row["kept_as"] == "webhook_notification" else "person"] for row in download
    )

    erase_personal_data(ANIA)

    assert "api.copies" not in export_personal_data(ANIA)["data"]
    assert IdempotencyRecord.objects.count() == WebhookDelivery.objects.count() == 1  # Jan's stay
    with django_capture_on_commit_callbacks(execute=True):
        retry = sign_up_through_the_api(api, event, token, "first")
    assert (
        "Idempotent-Replayed" not in retry
    )  # nothing kept to replay: the request's own details made it anew


def test_retention_prunes_old_answers_and_finished_notifications(group, settings):
    token = make_token(group)[0]
    hook = make_webhook(group, "http://127.0.0.1:9/unreachable")
    now = timezone.now()
    old, recent = (
        now - dt.timedelta(days=settings.TASK_RESULT_RETENTION_DAYS + 1),
        now - dt.timedelta(hours=1),
    )
    IdempotencyRecord.objects.create(
        token=token, key="old", fingerprint="x", created_at=now - dt.timedelta(days=2)
    )
    IdempotencyRecord.objects.create(token=token, key="new", fingerprint="x", created_at=recent)
    for status in ("delivered", "failed", "pending"):
        delivery = WebhookDelivery.objects.create(
            webhook=hook, topic="attendance.created", payload={}, status=status
        )
        WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=old)

    counts = apply_retention(now=now)

    assert (counts["api.idempotency"], counts["api.webhook_deliveries"]) == (1, 2)
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]
    assert list(WebhookDelivery.objects.values_list("status", flat=True)) == ["pending"]  # still being tried


def test_a_sign_up_for_an_event_featuring_a_sensitive_case_is_not_sent_to_webhooks(
    group, django_capture_on_commit_callbacks
):
    sensitive = EventFactory(group=group)
    sensitive.cases.add(CaseFactory(is_sensitive=True))
    open_case = EventFactory(group=group)
    make_webhook(group, "http://127.0.0.1:9/unreachable")

    with django_capture_on_commit_callbacks(execute=True):
        for event in (sensitive, open_case):
            event_services.register_for_event(event=event, name="Ania Nowak", email=ANIA, consent=True)

    assert [d.payload["data"]["event"] for d in WebhookDelivery.objects.all()] == [open_case.slug]
