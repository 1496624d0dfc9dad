"""Webhook deliveries as tasks: one try per run; a failed try enqueues the next one after its back-off."""

from django.db import transaction
from django_tasks import task

from .models import WebhookDelivery


@task()
def deliver_webhook(*, delivery_id: int) -> str:
    from .webhooks import attempt_delivery

    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("webhook")
            .filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING)
            .first()
        )
        if delivery is None or not delivery.webhook.active:
            return "skipped"
        attempt_delivery(delivery)
    if delivery.status == WebhookDelivery.Status.PENDING:
        schedule_retry(delivery)
    return delivery.status


def schedule_retry(delivery: WebhookDelivery) -> None:
    """Enqueue the next try at `next_attempt_at`. A backend that cannot defer (the immediate one, in tests
    and `make run` without a worker) runs it at once; the back-off is still recorded in the delivery's log."""
    job = deliver_webhook
    if job.get_backend().supports_defer:
        job = job.using(run_after=delivery.next_attempt_at)
    job.enqueue(delivery_id=delivery.pk)
