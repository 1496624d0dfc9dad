"""Webhooks: signed POSTs to a local test receiver on 127.0.0.1 (no other network), retried with back-off."""

import datetime as dt
import http.server
import json
import threading
import time

import pytest
from django.contrib.auth import get_user_model

from api import webhooks
from api.models import Webhook, WebhookDelivery
from events import services as event_services
from tests.events.factories import EventFactory, EventReportFactory
from tests.factories import LocalGroupFactory

from .factories import make_webhook

pytestmark = pytest.mark.django_db


class Receiver:
    """A tiny HTTP server in a thread that answers with the given status codes in turn, then 200."""

    def __init__(self, statuses=()):
        self.statuses = list(statuses)
        self.requests: list[dict] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body, "path": self.path})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                if 300 <= status < 400:  # a redirect back to this receiver, so following it would show
                    self.send_header("Location", "/followed")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/marathon"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def group():
    return LocalGroupFactory(slug="poznan-pl")


def sign_up(event, email="ania@example.org", *, callbacks):
    with callbacks(execute=True):
        return event_services.register_for_event(event=event, name="Ania Nowak", email=email, consent=True)


def test_a_new_signup_is_posted_signed_to_the_groups_webhook(group, django_capture_on_commit_callbacks):
    event = EventFactory(group=group, slug="lanterns")
    with Receiver() as receiver:
        hook = make_webhook(group, receiver.url)
        registration = sign_up(event, callbacks=django_capture_on_commit_callbacks)

    (request,) = receiver.requests
    headers = request["headers"]
    assert request["path"] == "/hooks/marathon"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Marathon-Event"] == "attendance.created"
    assert webhooks.verify_signature(
        secret=hook.secret,
        body=request["body"],
        timestamp=headers["X-Marathon-Timestamp"],
        signature=headers["X-Marathon-Signature"],
    )
    payload = json.loads(request["body"])
    assert payload["event"] == "attendance.created"
    assert payload["id"] == headers["X-Marathon-Delivery"]
    assert payload["data"]["id"] == registration.pk
    assert payload["data"]["event"] == "lanterns"
    assert payload["data"]["person"]["email"] == "ania@example.org"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 1)


def test_signature_verification_rejects_tampering_wrong_secret_and_stale_timestamps():
    body = b'{"event":"attendance.created"}'
    now = time.time()
    stamp = int(now)
    good = webhooks.sign("whsec_right", stamp, body)

    assert good.startswith("sha256=") and len(good) == 7 + 64
    assert webhooks.verify_signature(
        secret="whsec_right", body=body, timestamp=str(stamp), signature=good, now=now
    )
    assert not webhooks.verify_signature(
        secret="whsec_right", body=body + b" ", timestamp=str(stamp), signature=good, now=now
    )
    assert not webhooks.verify_signature(
        secret="whsec_wrong", body=body, timestamp=str(stamp), signature=good, now=now
    )
    assert not webhooks.verify_signature(
        secret="whsec_right", body=body, timestamp=str(stamp + 1), signature=good, now=now
    )
    assert not webhooks.verify_signature(
        secret="whsec_right", body=body, timestamp=str(stamp), signature=good, now=now + 301
    )
    assert not webhooks.verify_signature(secret="whsec_right", body=body, timestamp="x", signature=good)


def test_a_receiver_that_fails_then_succeeds_gets_the_retry_after_back_off(
    group, settings, django_capture_on_commit_callbacks
):
    settings.API_WEBHOOK_BACKOFF_SECONDS = 30
    event = EventFactory(group=group)
    with Receiver(statuses=[500, 503]) as receiver:
        make_webhook(group, receiver.url)
        sign_up(event, callbacks=django_capture_on_commit_callbacks)

    assert len(receiver.requests) == 3
    assert len({r["headers"]["X-Marathon-Delivery"] for r in receiver.requests}) == 1  # the same notification
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 3
    assert [entry["status"] for entry in delivery.log] == [500, 503, 200]
    assert [entry.get("retry_in") for entry in delivery.log] == [30, 60, None]
    assert delivery.next_attempt_at is None


def test_retries_are_deferred_by_the_back_off_on_a_queue_that_can_defer(group, settings, monkeypatch):
    settings.API_WEBHOOK_BACKOFF_SECONDS = 30
    from api import tasks

    hook = make_webhook(group, "http://127.0.0.1:9/unused")
    delivery = WebhookDelivery.objects.create(webhook=hook, topic="attendance.created", payload={"id": "x"})
    monkeypatch.setattr(webhooks, "post", lambda url, body, headers: 500)
    scheduled = []

    class DeferringBackend:
        supports_defer = True

    class Deferred:
        def __init__(self, run_after):
            self.run_after = run_after

        def enqueue(self, **kwargs):
            scheduled.append((self.run_after, kwargs))

    monkeypatch.setattr(type(tasks.deliver_webhook), "get_backend", lambda self: DeferringBackend())
    monkeypatch.setattr(
        type(tasks.deliver_webhook), "using", lambda self, run_after=None, **kw: Deferred(run_after)
    )

    before = dt.datetime.now(dt.UTC)
    tasks.deliver_webhook.call(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    ((run_after, kwargs),) = scheduled
    assert kwargs == {"delivery_id": delivery.pk}
    assert run_after == delivery.next_attempt_at
    assert dt.timedelta(seconds=29) < run_after - before < dt.timedelta(seconds=32)


def test_back_off_doubles_and_is_capped():
    assert [webhooks.backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert webhooks.backoff_seconds(30) == 86400


def test_delivery_gives_up_after_the_last_attempt(group, settings, django_capture_on_commit_callbacks):
    settings.API_WEBHOOK_MAX_ATTEMPTS = 3
    event = EventFactory(group=group)
    with Receiver(statuses=[500] * 10) as receiver:
        make_webhook(group, receiver.url)
        sign_up(event, callbacks=django_capture_on_commit_callbacks)

    assert len(receiver.requests) == 3
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.FAILED, 3)


def test_an_unreachable_receiver_is_logged_and_retried(group, settings, django_capture_on_commit_callbacks):
    settings.API_WEBHOOK_MAX_ATTEMPTS = 2
    with Receiver() as receiver:
        url = receiver.url
    make_webhook(group, url)  # the server is closed now: connection refused

    sign_up(EventFactory(group=group), callbacks=django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert all(entry["status"] is None and entry["error"] for entry in delivery.log)


def test_an_address_inside_the_network_is_refused_and_a_redirect_not_followed(
    group, settings, django_capture_on_commit_callbacks
):
    """A coordinator's webhook must not make the server post people's details to itself or its network
    (127.0.0.1 here, as 10.x or the cloud's metadata address), nor follow a redirect there."""
    settings.API_WEBHOOK_MAX_ATTEMPTS = 1
    settings.API_WEBHOOK_ALLOW_PRIVATE = False
    with Receiver() as receiver:
        make_webhook(group, receiver.url)
        sign_up(EventFactory(group=group), callbacks=django_capture_on_commit_callbacks)
    assert receiver.requests == []
    [entry] = WebhookDelivery.objects.get().log
    assert entry["status"] is None and "inside the network: 127.0.0.1" in entry["error"]

    settings.API_WEBHOOK_ALLOW_PRIVATE = True
    with Receiver(statuses=[302]) as receiver:
        assert webhooks.post(receiver.url, b"{}", {}) == 302
    assert [request["path"] for request in receiver.requests] == ["/hooks/marathon"]  # not followed


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fd00::1", False),
        ("2606:4700::1111", True),
        ("example.org", False),
    ],
)
def test_only_addresses_on_the_public_internet_are_public(address, public):
    assert webhooks.is_public_address(address) is public


def test_only_the_events_groups_active_webhooks_are_notified(group, django_capture_on_commit_callbacks):
    other = LocalGroupFactory()
    with Receiver() as mine, Receiver() as theirs, Receiver() as paused:
        make_webhook(group, mine.url)
        make_webhook(other, theirs.url)
        make_webhook(group, paused.url, active=False)
        sign_up(EventFactory(group=group), callbacks=django_capture_on_commit_callbacks)

    assert (len(mine.requests), len(theirs.requests), len(paused.requests)) == (1, 0, 0)


def test_a_rolled_back_signup_notifies_nobody(group, django_capture_on_commit_callbacks):
    event = EventFactory(group=group, status="pending")
    with Receiver() as receiver:
        make_webhook(group, receiver.url)
        with pytest.raises(event_services.SignupRefused):
            sign_up(event, callbacks=django_capture_on_commit_callbacks)

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_an_approved_report_is_posted(group, django_capture_on_commit_callbacks):
    report = EventReportFactory(event__group=group, participants=31)
    staff = get_user_model().objects.create_user("staff@example.org", is_staff=True, is_superuser=True)
    with Receiver() as receiver:
        make_webhook(group, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            event_services.approve_report(report=report, by=staff)

    (request,) = receiver.requests
    payload = json.loads(request["body"])
    assert request["headers"]["X-Marathon-Event"] == "event_report.approved"
    assert payload["data"]["id"] == report.pk
    assert payload["data"]["status"] == "approved"
    assert payload["data"]["participants"] == 31


def test_new_webhooks_get_a_secret_of_their_own(group):
    one, two = make_webhook(group, "https://a.example/h"), make_webhook(group, "https://b.example/h")

    assert one.secret.startswith("whsec_") and len(one.secret) > 40
    assert one.secret != two.secret
    assert Webhook.objects.count() == 2
