import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> timedelta:
    """Exponential back-off: base, 2×base, 4×base… capped at an hour."""
    return timedelta(seconds=min(settings.EMAIL_RETRY_BASE_SECONDS * 2 ** (attempt - 1), 3600))


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str,
    attachments: list | None = None,
    headers: dict | None = None,
    attempt: int = 1,
) -> int:
    """Send one email. If the mail server is unreachable or refuses, try again later with back-off.

    The action that queued the email is already stored; only the email waits for the server to come back.
    """
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    try:
        return message.send()
    except (smtplib.SMTPException, OSError) as error:
        can_defer = send_email.get_backend().supports_defer
        if attempt >= settings.EMAIL_MAX_ATTEMPTS or not can_defer:
            logger.error("Email to %s failed for good after %d attempt(s): %s", len(to), attempt, error)
            raise
        logger.warning("Email failed (attempt %d), retrying later: %s", attempt, error)
        send_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            to=to,
            subject=subject,
            text=text,
            html=html,
            attachments=attachments,
            headers=headers,
            attempt=attempt + 1,
        )
        return 0


@task()
def send_email_about(*, builder: str, pk: int, template: str, to: list[str]) -> int:
    """Build and render an email queued by `campaigns.emails.queue_email_about`, then send it as `send_email`
    does (a refused send is retried with the rendered message)."""
    from .emails import build_email

    message = build_email(builder, pk, template)
    if message is None:
        logger.info("Nothing to send for %s #%s any more (erased or gone)", builder, pk)
        return 0
    return send_email.call(to=to, **message)


@task()
def send_case_update_emails(*, update_id: int) -> int:
    from .services import deliver_case_update

    return deliver_case_update(update_id=update_id)


@task()
def apply_retention_task() -> dict[str, int]:
    """The retention rules as a task, for deployments that schedule through the task worker."""
    from .retention import apply_retention

    return apply_retention()
