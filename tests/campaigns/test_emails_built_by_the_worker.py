"""Emails about a signature or a sign-up wait in the queue as an id and are written by the task worker: the busy
request does less, the queue holds no copy of the person's details, and an erased row gets no email."""

import json
import re

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from campaigns.personal_data import erase_personal_data, export_personal_data
from events.models import Registration
from events.services import register_for_event
from petitions.models import Signature
from petitions.personal_data import anonymise_signatures
from petitions.services import Signer, sign_petition
from tests.events.factories import EventFactory
from tests.petitions.factories import PetitionFactory
from tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def queued_jobs() -> list[dict]:
    return [
        {"task": row.task_path, **row.args_kwargs["kwargs"]}
        for row in DBTaskResult.objects.filter(status="READY").order_by("pk")
    ]


def sign_in_polish(petition) -> Signature:
    with translation.override("pl"):
        return sign_petition(
            petition=petition,
            signer=Signer(first_name="Katarzyna", last_name="Nowak", email="kasia@example.org", country="PL"),
        )


def test_a_signature_email_waits_as_an_id_and_the_worker_writes_it_in_the_signers_language(
    database_task_queue, settings, client
):
    settings.SITE_URL = "https://marathon.example.org"
    petition = PetitionFactory(title="Uwolnić Alesia Bialackiego")
    signature = sign_in_polish(petition)

    assert queued_jobs() == [
        {
            "task": "campaigns.tasks.send_email_about",
            "builder": "petitions.services.signature_email",
            "pk": signature.pk,
            "template": "petitions/confirm",
            "to": ["kasia@example.org"],
        }
    ]
    assert "Katarzyna" not in json.dumps(DBTaskResult.objects.get().args_kwargs)
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
    link = re.search(r"https://marathon\.example\.org(/pl/petitions/\S+/confirm/\S+/)", message.body).group(1)
    client.post(link)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED


def test_a_signature_erased_before_its_email_leaves_gets_no_email(database_task_queue):
    signature = sign_in_polish(PetitionFactory())
    anonymise_signatures(Signature.objects.filter(pk=signature.pk), now=timezone.now())

    run_worker()

    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"  # nothing to send is not a failure


def test_a_sign_up_email_is_written_by_the_worker_with_its_calendar_file_and_retried_when_refused(
    database_task_queue, mail_server
):
    event = EventFactory(title="Lantern workshop", capacity=10)
    registration = register_for_event(event=event, name="Yuki Tanaka", email="yuki@example.org", consent=True)
    assert registration.status == Registration.Status.CONFIRMED

    run_worker("--max-tasks", "1")  # the worker writes the email; the server refuses it

    assert mail_server.received == []
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


def test_a_waiting_email_is_in_the_persons_download_and_goes_with_an_erasure(database_task_queue):
    sign_in_polish(PetitionFactory())

    [waiting] = export_personal_data("kasia@example.org")["data"]["campaigns.emails"]["rows"]
    assert (waiting["subject"], waiting["status"]) == ("petitions/confirm", "READY")

    erase_personal_data("kasia@example.org")
    run_worker()

    assert mail.outbox == []
    assert not DBTaskResult.objects.exists()


def test_on_the_database_queue_the_job_is_written_in_the_same_transaction_as_the_signature(
    database_task_queue,
):
    """One commit for both: a signature is never stored without its email's job, nor a job without its row."""
    petition = PetitionFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        sign_in_polish(petition)
        assert DBTaskResult.objects.filter(status="READY").count() == 1  # before the commit
        raise RuntimeError("the request failed after signing")

    assert not Signature.objects.exists()
    assert not DBTaskResult.objects.exists()
