from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .audience import case_audience, unsubscribe_token
from .emails import render_email
from .models import CaseUpdate
from .tasks import send_case_update_emails, send_email


class AlreadyEmailed(Exception):
    pass


def email_case_update(*, update: CaseUpdate) -> None:
    """Queue the update for every supporter of the case who agreed to hear more. Sends at most once.

    The update row is locked and stamped in one transaction, so two staff clicking at once send one round.
    """
    with transaction.atomic():
        update = CaseUpdate.objects.select_for_update().get(pk=update.pk)
        if update.emailed_at is not None:
            raise AlreadyEmailed
        update.emailed_at = timezone.now()
        update.save(update_fields=["emailed_at"])
        transaction.on_commit(lambda: send_case_update_emails.enqueue(update_id=update.pk))


def deliver_case_update(*, update_id: int) -> int:
    """Render the update in each recipient's language with their own unsubscribe link and queue it."""
    update = CaseUpdate.objects.select_related("case").get(pk=update_id)
    recipients = case_audience(update.case)
    for email, language in recipients:
        unsubscribe_url = settings.SITE_URL + reverse("unsubscribe", args=[unsubscribe_token(email)])
        message = render_email(
            "campaigns/case_update",
            {"update": update, "case": update.case, "unsubscribe_url": unsubscribe_url},
            language=language or None,
        )
        send_email.enqueue(
            to=[email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            **message,
        )
    CaseUpdate.objects.filter(pk=update_id).update(emailed_count=len(recipients))
    return len(recipients)
