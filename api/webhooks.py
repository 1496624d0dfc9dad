"""Signed notifications to a group's own systems: new event sign-ups and approved event reports.

Subscribed to the events app's hooks (campaigns/hooks.py), which call us after the transaction commits.
Each notification becomes a WebhookDelivery per active webhook of the event's group, delivered by a task
(api/tasks.py) and retried with exponential back-off.

Receivers verify `X-Marathon-Signature: sha256=<hex>`, the HMAC-SHA256 with the webhook's secret of
`<X-Marathon-Timestamp>.<raw body>`, and refuse timestamps older than a few minutes (see verify_signature).
"""

import datetime as dt
import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from campaigns import hooks
from events.models import Event, EventReport, Registration

from .models import Webhook, WebhookDelivery
from .serializers import AttendanceSerializer, EventReportSerializer

SIGNATURE_HEADER = "X-Marathon-Signature"
TIMESTAMP_HEADER = "X-Marathon-Timestamp"
TOPIC_HEADER = "X-Marathon-Event"
DELIVERY_HEADER = "X-Marathon-Delivery"
TOPIC_ATTENDANCE_CREATED = "attendance.created"
TOPIC_REPORT_APPROVED = "event_report.approved"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify_signature(
    *,
    secret: str,
    body: bytes,
    timestamp: str,
    signature: str,
    tolerance: int = 300,
    now: float | None = None,
) -> bool:
    """What a receiver does: recompute the HMAC, compare in constant time, refuse stale timestamps."""
    try:
        stamp = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((now or time.time()) - stamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, stamp, body), signature or "")


# --- what is sent ---------------------------------------------------------------------------------------


def _payload(topic: str, data: dict) -> dict:
    return {"id": str(uuid.uuid4()), "event": topic, "created_at": timezone.now().isoformat(), "data": data}


def queue_notifications(*, group_id: int, topic: str, data: Callable[[], dict]) -> list[WebhookDelivery]:
    """One delivery per active webhook of the group; `data` is built only when there is one."""
    webhooks = list(Webhook.objects.filter(group_id=group_id, active=True))
    if not webhooks:
        return []
    payload = json.loads(json.dumps(_payload(topic, data()), cls=DjangoJSONEncoder))
    deliveries = [
        WebhookDelivery.objects.create(webhook=hook, topic=topic, payload=payload) for hook in webhooks
    ]
    from .tasks import deliver_webhook

    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.enqueue(delivery_id=pk))
    return deliveries


@hooks.subscribe("events.registration_created")
def on_registration_created(*, registration_id: int) -> None:
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    # People acting for a sensitive case leave through section staff only, as the API's lists keep them out.
    if (
        registration is not None
        and not Event.objects.featuring_a_sensitive_case().filter(pk=registration.event_id).exists()
    ):
        queue_notifications(
            group_id=registration.event.group_id,
            topic=TOPIC_ATTENDANCE_CREATED,
            data=lambda: dict(AttendanceSerializer(registration).data),
        )


@hooks.subscribe("events.report_approved")
def on_report_approved(*, report_id: int) -> None:
    report = EventReport.objects.select_related("event").filter(pk=report_id).first()
    if report is not None:
        queue_notifications(
            group_id=report.event.group_id,
            topic=TOPIC_REPORT_APPROVED,
            data=lambda: dict(EventReportSerializer(report).data),
        )


# --- delivering -----------------------------------------------------------------------------------------


def backoff_seconds(attempts: int) -> int:
    """Delay before the next try after `attempts` failures: base, 2×base, 4×base… (capped at a day)."""
    return min(settings.API_WEBHOOK_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), 86400)


def is_public_address(host: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, private, link-local, reserved…)."""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_global
    except ValueError:
        return False


def _connect_to_public_addresses_only(address, *args, **kwargs):
    """socket.create_connection, refusing a peer inside the network: checked on the connected socket, so a
    name that resolves (or re-resolves) to 127.0.0.1, 10.x or the cloud's metadata address reaches nothing."""
    sock = socket.create_connection(address, *args, **kwargs)
    peer = sock.getpeername()[0]
    if not settings.API_WEBHOOK_ALLOW_PRIVATE and not is_public_address(peer):
        sock.close()
        raise OSError(f"Refusing a webhook address inside the network: {peer}")
    return sock


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_to_public_addresses_only


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_to_public_addresses_only  # before TLS: nothing is sent inside


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a new address to post people's details to (it is logged as its status)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_PublicHTTPHandler, _PublicHTTPSHandler, _NoRedirects)


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """The HTTP boundary: POST and return the status code (raises OSError for network failures and for an
    address inside the network, unless API_WEBHOOK_ALLOW_PRIVATE)."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise OSError(f"Refusing a webhook URL that is not http(s): {url[:40]}")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        # bandit B310 is a false positive: the scheme is checked just above (and on save): file: and custom schemes never open.
        with _opener.open(request, timeout=settings.API_WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310 # nosec B310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def attempt_delivery(delivery: WebhookDelivery, *, now: dt.datetime | None = None) -> bool:
    """Try once. On failure, record when the next try is due (or give up after the last attempt)."""
    now = now or timezone.now()
    webhook = delivery.webhook
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(now.timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Marathon-Webhooks/1",
        SIGNATURE_HEADER: sign(webhook.secret, timestamp, body),
        TIMESTAMP_HEADER: str(timestamp),
        TOPIC_HEADER: delivery.topic,
        DELIVERY_HEADER: str(delivery.payload.get("id", delivery.pk)),
    }
    status_code, error = None, ""
    try:
        status_code = post(webhook.url, body, headers)
    except OSError as exc:
        error = str(exc)[:300]
    delivery.attempts += 1
    ok = status_code is not None and 200 <= status_code < 300
    entry = {"at": now.isoformat(), "status": status_code, "error": error}
    if ok:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            WebhookDelivery.Status.DELIVERED,
            now,
            None,
        )
    elif delivery.attempts >= settings.API_WEBHOOK_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.FAILED, None
    else:
        wait = backoff_seconds(delivery.attempts)
        delivery.next_attempt_at = now + dt.timedelta(seconds=wait)
        entry["retry_in"] = wait
    delivery.log = [*delivery.log, entry]
    delivery.save(update_fields=["status", "attempts", "log", "next_attempt_at", "delivered_at"])
    return ok
