"""Outgoing email: rendered from templates/emails/ in the recipient's language, sent by a task after commit.

Two ways in. `queue_email` renders now and queues the finished message as a job. `queue_email_about` stores
only what the email is about (a builder's dotted path, a row's id and the template) as an `OutgoingEmail`, in the
same transaction as that row, and the task worker writes and sends the waiting ones in batches: the request that
triggered it does less (signing a petition and signing up for an event are the busiest forms of the site), the
worker does one job for many emails, and the database holds an id instead of a copy of the person's details.
"""

import itertools
import logging
import smtplib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .models import OutgoingEmail
from .tasks import email_message, retry_later, send_email, send_waiting_emails_task

logger = logging.getLogger(__name__)


def render_email(template: str, context: dict, *, language: str | None = None) -> dict[str, str]:
    """Render `emails/<template>.subject.txt`, `.txt` and `.html` into strings a task can carry."""
    context = _with_site(context)
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        context["LANGUAGE_CODE"] = translation.get_language()  # <html lang>: no request, no context processor
        subject = _render_subject(template, context)
        text = render_to_string(f"emails/{template}.txt", context, using="text")
        html = render_to_string(f"emails/{template}.html", context)
    return {"subject": subject, "text": text, "html": html}


def render_subject(draft: "EmailDraft") -> str:
    """Only the subject line of a draft, as `render_email` writes it."""
    with translation.override(draft.language or translation.get_language() or settings.LANGUAGE_CODE):
        return _render_subject(draft.template, _with_site(draft.context))


def _with_site(context: dict) -> dict:
    return {"site_url": settings.SITE_URL, "organisation_name": settings.ORGANISATION_NAME, **context}


def _render_subject(template: str, context: dict) -> str:
    return " ".join(render_to_string(f"emails/{template}.subject.txt", context, using="text").split())


def enqueue_with_the_transaction(enqueue: Callable[[], object]) -> None:
    """Queue a task so that it runs only if the surrounding transaction commits.

    The database queue (the default) writes the task row in that same transaction, so the row an email is
    about and the email's job commit together or not at all, with one commit instead of two; a queue
    elsewhere (Redis/RQ) is told once the transaction has committed.
    """
    if isinstance(send_email.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue, robust=True)


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
    enqueue_with_the_transaction(
        lambda: send_email.enqueue(to=[to], attachments=attachments or [], **message)
    )


@dataclass
class EmailDraft:
    """What an email builder returns: the template and its context, the recipient's language, attachments as
    (filename, text content, mimetype) triples."""

    template: str
    context: dict
    language: str | None = None
    attachments: list[tuple[str, str, str]] = field(default_factory=list)


def queue_email_about(builder: str, pk: int, *, template: str, to: str, details: dict | None = None) -> None:
    """Store an email for the task worker to write and send once the surrounding transaction has committed.

    `builder` is the dotted path of a function `(ids, template) -> {id: EmailDraft}` that reads the rows of a
    batch as they are when the emails leave, and leaves out a row with nothing to send any more (it was erased).
    `details` (JSON) is what the row no longer holds, such as an event's time before a change: the template
    finds it as `before`. The `OutgoingEmail` commits with the row it is about, or not at all.
    """
    OutgoingEmail.objects.create(
        builder=builder, object_id=pk, template=template, to=to, details=details or {}
    )
    transaction.on_commit(wake_the_email_sender, robust=True)


WAKE_KEY = "emails:sender-queued"
WAKE_MARK_SECONDS = 60  # on queues other than the database, a lost job stops holding back new ones after this


def wake_the_email_sender() -> None:
    """Queue the job that sends the waiting emails, unless one is already queued and has not started.

    A job that has not started will see every email committed before this call, so a burst of signatures makes
    one job for many emails rather than one each. The database queue is asked directly; other queues (RQ) are
    tracked with a mark in the shared cache, which the job clears before it reads the outbox (as the rollup job
    does). `manage.py send_waiting_emails` from cron is the safety net for an email whose wake-up was lost (the
    process died between the commit and this call).
    """
    if isinstance(send_waiting_emails_task.get_backend(), DatabaseBackend):
        job_not_started = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=send_waiting_emails_task.module_path
        )
        if job_not_started.exists():
            return
    elif not cache.add(WAKE_KEY, True, timeout=WAKE_MARK_SECONDS):
        return
    send_waiting_emails_task.enqueue()


def render_draft(draft: EmailDraft) -> dict:
    """A draft rendered into the strings `send_email` takes."""
    return {
        **render_email(draft.template, draft.context, language=draft.language),
        "attachments": draft.attachments,
    }


EMAIL_BATCH_SIZE = 50
# Then the job hands over to the next, so a long burst does not hold the worker from other tasks.
EMAIL_BATCHES_PER_JOB = 20


def send_waiting_emails(*, batch_size: int = EMAIL_BATCH_SIZE, max_batches: int | None = None) -> int:
    """Write and send the waiting emails, a batch at a time, until none is left. Returns the number sent.

    Each batch is locked (`SKIP LOCKED` on PostgreSQL), so several workers share the waiting emails and none is
    sent twice; the batch is sent over one connection to the mail server. An email the server refuses is queued
    again as a written message with back-off (`campaigns.tasks.retry_later`); one whose builder fails is marked
    failed and logged, and does not hold up the others. After `max_batches` it stops and queues the next job for
    what is still waiting, behind the tasks queued meanwhile (the rollups, a case update's emails).

    A batch is marked sent in its own transaction, after its emails have left: should that commit fail, they are
    sent again by the next job. An email leaves at least once and is never lost; on SQLite the transaction holds
    the write lock from its start (settings: `transaction_mode`), so a signature written meanwhile cannot fail it.
    """
    cache.delete(WAKE_KEY)  # an email committed from now on queues another job
    sent = 0
    for _batch_number in itertools.count() if max_batches is None else range(max_batches):
        with transaction.atomic():
            batch = list(
                OutgoingEmail.objects.waiting()
                .select_for_update(skip_locked=True)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return sent
            outcomes = _write_and_send(batch)
            finished_at = timezone.now()
            for status in set(outcomes.values()):
                ids = [pk for pk, outcome in outcomes.items() if outcome == status]
                OutgoingEmail.objects.filter(pk__in=ids).update(status=status, finished_at=finished_at)
            sent += sum(1 for outcome in outcomes.values() if outcome == OutgoingEmail.Status.SENT)
        if len(batch) < batch_size:
            return sent  # the last of them (one committed since has queued a job of its own)
    wake_the_email_sender()  # stopped at max_batches: another job sends the rest
    return sent


def _drafts_by_kind(emails: list[OutgoingEmail]):
    """Each kind of email (builder and template) among `emails`, with its builder's drafts by row id, or None
    when the builder failed (logged). One builder call per kind."""
    about = defaultdict(list)
    for email in emails:
        about[email.builder, email.template].append(email)
    for (builder, template), of_this_kind in about.items():
        try:
            with transaction.atomic():  # a savepoint: a failed query does not break the caller's transaction
                drafts = import_string(builder)(sorted({email.object_id for email in of_this_kind}), template)
        except Exception:  # one broken kind of email must not hold up the rest
            logger.exception("Could not read the rows for %s emails (%s)", template, builder)
            drafts = None
        yield of_this_kind, drafts


def email_subjects(emails: list[OutgoingEmail]) -> dict[int, str]:
    """The subject line of each email, written from its row as that row is now (a person's data download lists
    them); an email whose row was erased, or whose builder fails, has none."""
    subjects = {}
    for of_this_kind, drafts in _drafts_by_kind(emails):
        for email in of_this_kind:
            if drafts and email.object_id in drafts:
                subjects[email.pk] = render_subject(drafts[email.object_id])
    return subjects


def _write_and_send(batch: list[OutgoingEmail]) -> dict[int, str]:
    Status = OutgoingEmail.Status
    outcomes = {}
    written = []
    for emails, drafts in _drafts_by_kind(batch):
        if drafts is None:
            outcomes.update((email.pk, Status.FAILED) for email in emails)
            continue
        for email in emails:
            if email.object_id not in drafts:
                outcomes[email.pk] = Status.NOTHING_TO_SEND
                continue
            draft = drafts[email.object_id]
            if email.details:
                draft = replace(draft, context={**draft.context, "before": email.details})
            try:
                written.append((email, {"to": [email.to], **render_draft(draft)}))
            except Exception:  # nor one email that cannot be rendered
                logger.exception("Could not write the email %s about #%s", email.template, email.object_id)
                outcomes[email.pk] = Status.FAILED
    if not written:
        return outcomes
    mail_connection = get_connection()
    try:
        mail_connection.open()
        refused = None
    except (smtplib.SMTPException, OSError) as error:
        refused = error  # the server cannot be reached: every email of the batch waits for a retry
    for email, message in written:
        error = refused or _send(message, mail_connection)
        if error is None:
            outcomes[email.pk] = Status.SENT
        else:
            outcomes[email.pk] = (
                Status.RETRYING if retry_later(message, attempt=1, error=error) else Status.FAILED
            )
    mail_connection.close()
    return outcomes


def _send(message: dict, mail_connection) -> Exception | None:
    try:
        email_message(**message, connection=mail_connection).send()
    except (smtplib.SMTPException, OSError) as error:
        return error
    return None
