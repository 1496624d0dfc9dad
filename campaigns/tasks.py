from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str,
    attachments: list | None = None,
    headers: dict | None = None,
) -> int:
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()


@task()
def send_case_update_emails(*, update_id: int) -> int:
    from .services import deliver_case_update

    return deliver_case_update(update_id=update_id)
