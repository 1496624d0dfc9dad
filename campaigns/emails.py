"""Outgoing email: rendered from templates/emails/ in the recipient's language, sent by a task after commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def render_email(template: str, context: dict, *, language: str | None = None) -> dict[str, str]:
    """Render `emails/<template>.subject.txt`, `.txt` and `.html` into strings a task can carry."""
    context = {"site_url": settings.SITE_URL, "organisation_name": settings.ORGANISATION_NAME, **context}
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}.subject.txt", context, using="text").strip()
        text = render_to_string(f"emails/{template}.txt", context, using="text")
        html = render_to_string(f"emails/{template}.html", context)
    return {"subject": " ".join(subject.split()), "text": text, "html": html}


def queue_email(
    template: str,
    context: dict,
    *,
    to: str,
    language: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render now (in the current request's language) and send once the surrounding transaction commits.

    `attachments` are (filename, text content, mimetype) triples, so the task stays JSON-serialisable.
    """
    message = render_email(template, context, language=language)
    transaction.on_commit(
        lambda: send_email.enqueue(to=[to], attachments=attachments or [], **message), robust=True
    )
