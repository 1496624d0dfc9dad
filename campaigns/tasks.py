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


def email_message(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str,
    attachments: list | None = None,
    headers: dict | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """The message for the strings `campaigns.emails.render_email` wrote (and a task can carry)."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message


def retry_later(email: dict, *, attempt: int, error: Exception) -> bool:
    """Queue a written email (the keyword arguments of `send_email`) again, after a back-off.

    False when it has had its `EMAIL_MAX_ATTEMPTS` or the task queue cannot run a job later: it failed for good.
    """
    if attempt >= settings.EMAIL_MAX_ATTEMPTS or not send_email.get_backend().supports_defer:
        logger.error("Email to %s failed for good after %d attempt(s): %s", len(email["to"]), attempt, error)
        return False
    logger.warning("Email failed (attempt %d), retrying later: %s", attempt, error)
    send_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(**email, attempt=attempt + 1)
    return True


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
    email = {
        "to": to,
        "subject": subject,
        "text": text,
        "html": html,
        "attachments": attachments,
        "headers": headers,
    }
    try:
        return email_message(**email).send()
    except (smtplib.SMTPException, OSError) as error:
        if not retry_later(email, attempt=attempt, error=error):
            raise
        return 0


@task()
def send_waiting_emails_task() -> int:
    """Write and send the waiting `OutgoingEmail`s, up to `EMAIL_BATCHES_PER_JOB` batches; a further job sends the
    rest (see `campaigns.emails.send_waiting_emails`)."""
    from . import emails

    return emails.send_waiting_emails(
        batch_size=emails.EMAIL_BATCH_SIZE, max_batches=emails.EMAIL_BATCHES_PER_JOB
    )


@task()
def send_case_update_emails(*, update_id: int) -> int:
    from .services import deliver_case_update

    return deliver_case_update(update_id=update_id)


@task()
def apply_retention_task() -> dict[str, int]:
    """The retention rules as a task, for deployments that schedule through the task worker."""
    from .retention import apply_retention

    return apply_retention()
