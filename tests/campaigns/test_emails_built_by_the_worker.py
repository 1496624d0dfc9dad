"""Emails about a signature or a sign-up wait in the outbox as an id and are written by the task worker: the busy
request does less, the outbox holds no copy of the person's details, an erased row gets no email, and one job
sends a whole burst of them."""

import json
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from campaigns.emails import WAKE_KEY, EmailDraft, queue_email_about, send_waiting_emails
from campaigns.models import OutgoingEmail
from campaigns.personal_data import erase_personal_data, export_personal_data
from campaigns.tasks import send_email
from events.models import Registration
from events.services import register_for_event
from petitions.models import Signature
from petitions.personal_data import anonymise_signatures
from petitions.services import Signer, sign_petition
from tests.events.factories import EventFactory
from tests.petitions.factories import PetitionFactory
from tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

SEND_WAITING_EMAILS = "campaigns.tasks.send_waiting_emails_task"


def queued_jobs() -> list[dict]:
    return [
        {"task": row.task_path, **row.args_kwargs["kwargs"]}
        for row in DBTaskResult.objects.filter(status="READY").order_by("pk")
    ]


def outbox() -> list[dict]:
    return [
        model_to_dict(row, fields=["builder", "object_id", "template", "to", "status"])
        for row in OutgoingEmail.objects.order_by("pk")
    ]


def sign_in_polish(petition, email="kasia@example.org") -> Signature:
    with translation.override("pl"):
        return sign_petition(
            petition=petition,
            signer=Signer(first_name="Katarzyna", last_name="Nowak", email=email, country="PL"),
        )


def test_a_signature_email_waits_as_an_id_and_the_worker_writes_it_in_the_signers_language(
    database_task_queue, settings, client
):
    settings.SITE_URL = "https://marathon.example.org"
    petition = PetitionFactory(title="Uwolnić Alesia Bialackiego")
    signature = sign_in_polish(petition)

    assert outbox() == [
        {
            "builder": "petitions.services.signature_emails",
            "object_id": signature.pk,
            "template": "petitions/confirm",
            "to": "kasia@example.org",
            "status": "waiting",
        }
    ]
    assert queued_jobs() == [{"task": SEND_WAITING_EMAILS}]
    assert "Katarzyna" not in json.dumps(outbox() + queued_jobs())
    assert mail.outbox == []

    run_worker()

    [message] = mail.outbox
    assert message.to == ["kasia@example.org"]
    with translation.override("pl"):
        expected_subject = translation.gettext("Please confirm your signature: %(title)s") % {
            "title": petition.title
        }
    assert expected_subject != f"Please confirm your signature: {petition.title}"
    assert message.subject == expected_subject
    assert "Katarzyna" in message.body
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
    link = re.search(r"https://marathon\.example\.org(/pl/petitions/\S+/confirm/\S+/)", message.body).group(1)
    client.post(link)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED


def test_a_burst_of_signatures_is_sent_by_one_job(database_task_queue):
    petition = PetitionFactory()
    for n in range(5):  # five requests, five commits
        sign_in_polish(petition, email=f"signer{n}@example.org")

    assert queued_jobs() == [{"task": SEND_WAITING_EMAILS}]  # the first commit queued it; it has not started

    run_worker()

    assert sorted(m.to[0] for m in mail.outbox) == [f"signer{n}@example.org" for n in range(5)]
    assert DBTaskResult.objects.get().return_value == 5
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {OutgoingEmail.Status.SENT}


def test_a_long_burst_is_sent_by_jobs_that_take_turns_with_other_tasks(database_task_queue, monkeypatch):
    monkeypatch.setattr("campaigns.emails.EMAIL_BATCH_SIZE", 2)
    monkeypatch.setattr("campaigns.emails.EMAIL_BATCHES_PER_JOB", 1)
    petition = PetitionFactory()
    for n in range(5):
        sign_in_polish(petition, email=f"signer{n}@example.org")
    send_email.enqueue(to=["news@example.org"], subject="Case update", text="News", html="<p>News</p>")

    run_worker()

    assert len(mail.outbox) == 6
    started = [row.task_path for row in DBTaskResult.objects.order_by("started_at")]
    # Two emails, then the task queued meanwhile, then the rest two at a time.
    assert started == [
        SEND_WAITING_EMAILS,
        "campaigns.tasks.send_email",
        SEND_WAITING_EMAILS,
        SEND_WAITING_EMAILS,
    ]
    assert [row.return_value for row in DBTaskResult.objects.filter(task_path=SEND_WAITING_EMAILS)] == [
        2,
        2,
        1,
    ]


def test_an_email_committed_after_the_job_started_gets_a_job_of_its_own(database_task_queue):
    petition = PetitionFactory()
    sign_in_polish(petition, email="first@example.org")
    DBTaskResult.objects.update(status="RUNNING")  # the worker has taken the job and may have read the outbox

    sign_in_polish(petition, email="second@example.org")

    assert queued_jobs() == [{"task": SEND_WAITING_EMAILS}]
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.org", "second@example.org"]


def test_on_other_queues_a_mark_in_the_cache_stands_for_the_job_not_yet_started(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    petition = PetitionFactory()
    cache.set(WAKE_KEY, True)  # a job is queued and has not started

    sign_in_polish(petition, email="first@example.org")
    assert mail.outbox == []  # no second job

    assert send_waiting_emails() == 1  # the queued job starts: it clears the mark, then sends
    sign_in_polish(petition, email="second@example.org")  # so the next email queues (and here runs) a job
    assert [m.to for m in mail.outbox] == [["first@example.org"], ["second@example.org"]]


def test_a_signature_erased_before_its_email_leaves_gets_no_email(database_task_queue):
    signature = sign_in_polish(PetitionFactory())
    anonymise_signatures(Signature.objects.filter(pk=signature.pk), now=timezone.now())

    run_worker()

    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"  # nothing to send is not a failure
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.NOTHING_TO_SEND


def broken_builder(ids: list[int], template: str) -> dict[int, EmailDraft]:
    raise ValueError("a bug in one builder")


def test_an_email_that_cannot_be_written_is_marked_failed_and_does_not_hold_up_the_others(
    database_task_queue,
):
    with transaction.atomic():
        queue_email_about(f"{__name__}.broken_builder", 1, template="petitions/confirm", to="a@example.org")
    sign_in_polish(PetitionFactory())

    run_worker()

    assert [m.to for m in mail.outbox] == [["kasia@example.org"]]
    assert [row["status"] for row in outbox()] == [OutgoingEmail.Status.FAILED, OutgoingEmail.Status.SENT]
    assert (
        DBTaskResult.objects.get().status == "SUCCESSFUL"
    )  # one job for both; the broken email is no failure of it


def builder_with_a_failing_query(ids: list[int], template: str) -> dict[int, EmailDraft]:
    with transaction.get_connection().cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")  # on PostgreSQL this aborts the surrounding transaction
    return {}


def test_a_builder_whose_query_fails_does_not_break_the_batch():
    with transaction.atomic():
        queue_email_about(
            f"{__name__}.builder_with_a_failing_query", 1, template="petitions/confirm", to="a@example.org"
        )
        sign_in_polish(PetitionFactory())
        transaction.get_connection().run_on_commit.clear()  # sent below, not by a job

    assert send_waiting_emails() == 1

    assert [m.to for m in mail.outbox] == [["kasia@example.org"]]
    assert [row["status"] for row in outbox()] == [OutgoingEmail.Status.FAILED, OutgoingEmail.Status.SENT]


def test_a_sign_up_email_is_written_by_the_worker_with_its_calendar_file_and_retried_when_refused(
    database_task_queue, mail_server
):
    event = EventFactory(title="Lantern workshop", capacity=10)
    registration = register_for_event(event=event, name="Yuki Tanaka", email="yuki@example.org", consent=True)
    assert registration.status == Registration.Status.CONFIRMED

    run_worker("--max-tasks", "1")  # the worker writes the email; the server refuses it

    assert mail_server.received == []
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.RETRYING
    [retry] = queued_jobs()
    assert retry["task"] == "campaigns.tasks.send_email"  # the retry carries the written email
    assert retry["subject"] == "You are signed up: Lantern workshop"
    assert retry["attempt"] == 2

    mail_server.accepting = True
    run_worker()

    [received] = mail_server.received
    assert "Yuki Tanaka" in received
    assert "text/calendar" in received
    assert "Lantern workshop" in received


def test_a_batch_reads_its_rows_in_one_query_per_kind_of_email():
    def queue_signatures(count: int) -> None:
        with transaction.atomic():
            for n in range(count):
                sign_in_polish(PetitionFactory(), email=f"signer{n}@example.org")
            register_for_event(
                event=EventFactory(capacity=10), name="Yuki", email="yuki@example.org", consent=True
            )
            transaction.get_connection().run_on_commit.clear()  # sent below, not by a job

    def queries_to_send() -> int:
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            send_waiting_emails()
        return len(queries)

    queue_signatures(2)
    few = queries_to_send()
    queue_signatures(8)

    assert queries_to_send() == few
    assert len(mail.outbox) == 2 + 1 + 8 + 1


def test_a_batch_goes_over_one_connection_to_the_mail_server(database_task_queue, mail_server):
    mail_server.accepting = True
    petition = PetitionFactory()
    for n in range(3):
        sign_in_polish(petition, email=f"signer{n}@example.org")

    assert send_waiting_emails() == 3

    assert len(mail_server.received) == 3
    assert mail_server.connections == 1


def test_a_waiting_email_is_in_the_persons_download_with_the_subject_it_is_sent_with(database_task_queue):
    sign_in_polish(PetitionFactory(title="Uwolnić Alesia"))

    [waiting] = export_personal_data("kasia@example.org")["data"]["campaigns.emails"]["rows"]
    run_worker()
    [sent] = mail.outbox
    [after_sending] = export_personal_data("kasia@example.org")["data"]["campaigns.emails"]["rows"]

    assert waiting["status"] == "Waiting"
    assert waiting["subject"] == sent.subject == after_sending["subject"]
    assert "Uwolnić Alesia" in sent.subject
    assert after_sending["status"] == "Sent"


def test_the_download_says_so_when_what_an_email_was_about_was_erased(database_task_queue):
    signature = sign_in_polish(PetitionFactory(title="Uwolnić Alesia"))
    anonymise_signatures(Signature.objects.filter(pk=signature.pk), now=timezone.now())

    [waiting] = export_personal_data("kasia@example.org")["data"]["campaigns.emails"]["rows"]

    assert "Uwolnić" not in waiting["subject"]
    assert "erased" in waiting["subject"]


def test_a_waiting_email_goes_with_an_erasure(database_task_queue):
    sign_in_polish(PetitionFactory())

    erase_personal_data("kasia@example.org")
    run_worker()

    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_the_email_is_stored_in_the_same_transaction_as_the_signature(database_task_queue):
    """One commit for both: a signature is never stored without its email, nor an email without its row."""
    petition = PetitionFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        sign_in_polish(petition)
        assert OutgoingEmail.objects.waiting().count() == 1  # before the commit
        raise RuntimeError("the request failed after signing")

    assert not Signature.objects.exists()
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()  # no job is queued for a rolled-back email


def test_the_safety_net_command_sends_what_is_waiting(capsys):
    with transaction.atomic():  # as if the process died after the commit, before queueing the job
        sign_in_polish(PetitionFactory())
        transaction.get_connection().run_on_commit.clear()
    assert mail.outbox == []

    call_command("send_waiting_emails")

    assert "Sent 1 waiting emails." in capsys.readouterr().out
    assert [m.to for m in mail.outbox] == [["kasia@example.org"]]
