"""The retention rules: personal data goes after its period, every count stays, and running twice is harmless."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from campaigns.models import OutgoingEmail
from campaigns.retention import apply_retention
from events.models import Registration
from letters.models import AppealLetter, SolidarityMessage
from petitions.models import Petition, Signature
from tests.events.factories import EventFactory, RegistrationFactory
from tests.letters.factories import AppealLetterFactory, SolidarityMessageFactory
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.PETITION_RETENTION_DAYS = 180
    settings.EVENT_SIGNUP_RETENTION_DAYS = 90
    settings.LETTERS_RETENTION_DAYS = 365
    settings.TASK_RESULT_RETENTION_DAYS = 14
    settings.PETITION_CONFIRMATION_MAX_AGE = 30 * 86400


def delivered_petition(days_ago: int) -> Petition:
    return PetitionFactory(
        status=Petition.Status.DELIVERED, delivered_on=(NOW - dt.timedelta(days=days_ago)).date()
    )


def test_signers_of_a_petition_delivered_long_enough_ago_are_anonymised_and_still_counted():
    old, recent = delivered_petition(181), delivered_petition(179)
    kept = SignatureFactory(petition=recent, status=Signature.Status.CONFIRMED, city="Kraków")
    gone = SignatureFactory(petition=old, status=Signature.Status.CONFIRMED, city="Kraków", ip_hash="ab12")
    never_confirmed = SignatureFactory(petition=old, status=Signature.Status.PENDING)

    apply_retention(now=NOW)

    gone.refresh_from_db()
    assert (gone.first_name, gone.last_name, gone.email, gone.email_normalised, gone.city, gone.ip_hash) == (
        "",
        "",
        "",
        "",
        "",
        "",
    )
    assert (gone.status, gone.country.code, gone.anonymised_at) == (Signature.Status.CONFIRMED, "PL", NOW)
    assert not Signature.objects.filter(pk=never_confirmed.pk).exists()
    kept.refresh_from_db()
    assert (kept.email, kept.city, kept.anonymised_at) == (kept.email, "Kraków", None) and kept.email


def test_an_open_petition_keeps_its_signers():
    signature = SignatureFactory(status=Signature.Status.CONFIRMED, created_at=NOW - dt.timedelta(days=900))

    apply_retention(now=NOW)

    signature.refresh_from_db()
    assert signature.anonymised_at is None


def test_pending_signatures_go_a_day_after_their_link_expired():
    expired = SignatureFactory(created_at=NOW - dt.timedelta(days=31, hours=1))
    still_valid = SignatureFactory(created_at=NOW - dt.timedelta(days=30, hours=23))

    apply_retention(now=NOW)

    assert list(Signature.objects.values_list("pk", flat=True)) == [still_valid.pk]
    assert not Signature.objects.filter(pk=expired.pk).exists()


def test_participants_of_past_events_are_anonymised_after_the_period_and_the_numbers_stay():
    old_event = EventFactory(starts_at=NOW - dt.timedelta(days=92), ends_at=NOW - dt.timedelta(days=91))
    recent_event = EventFactory(starts_at=NOW - dt.timedelta(days=90), ends_at=NOW - dt.timedelta(days=89))
    gone = RegistrationFactory(event=old_event, phone="+48 600 000 000")
    waiting = RegistrationFactory(event=old_event, status=Registration.Status.WAITLISTED)
    kept = RegistrationFactory(event=recent_event)

    apply_retention(now=NOW)

    gone.refresh_from_db()
    waiting.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.name, gone.email, gone.phone, gone.status) == ("", "", "", Registration.Status.CONFIRMED)
    assert (waiting.email, waiting.status) == ("", Registration.Status.WAITLISTED)
    assert kept.email and kept.anonymised_at is None
    assert old_event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1


def test_letters_lose_names_and_addresses_after_a_year_and_messages_keep_their_words():
    old_letter = AppealLetterFactory(
        name="Anna", city="Kraków", email="anna@example.org", created_at=NOW - dt.timedelta(days=366)
    )
    new_letter = AppealLetterFactory(
        name="Ola", email="ola@example.org", created_at=NOW - dt.timedelta(days=10)
    )
    old_message = SolidarityMessageFactory(email="anna@example.org", created_at=NOW - dt.timedelta(days=366))

    apply_retention(now=NOW)

    old_letter.refresh_from_db()
    old_message.refresh_from_db()
    assert (old_letter.name, old_letter.city, old_letter.email) == ("", "", "")
    assert AppealLetter.objects.get(pk=new_letter.pk).email == "ola@example.org"
    assert old_message.email == "" and old_message.body and old_message.first_name
    assert not SolidarityMessage.history.filter(id=old_message.pk).exclude(email="").exists()


def test_finished_email_jobs_are_pruned_after_two_weeks():
    def job(days_ago: int) -> DBTaskResult:
        finished = NOW - dt.timedelta(days=days_ago)
        return DBTaskResult.objects.create(
            status="SUCCESSFUL",
            args_kwargs={"args": [], "kwargs": {"to": ["anna@example.org"], "subject": "Hello"}},
            task_path="campaigns.tasks.send_email",
            backend_name="default",
            queue_name="default",
            run_after=finished,
            finished_at=finished,
            exception_class_path="",
            traceback="",
        )

    job(15)
    recent = job(13)

    apply_retention(now=NOW)

    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]


def test_sent_emails_leave_the_outbox_after_two_weeks_and_waiting_ones_stay():
    def email(status: str, days_ago: int | None) -> OutgoingEmail:
        finished = NOW - dt.timedelta(days=days_ago) if days_ago is not None else None
        return OutgoingEmail.objects.create(
            builder="petitions.services.signature_emails",
            object_id=1,
            template="petitions/confirm",
            to="anna@example.org",
            status=status,
            queued_at=NOW - dt.timedelta(days=30),
            finished_at=finished,
        )

    email(OutgoingEmail.Status.SENT, 15)
    email(OutgoingEmail.Status.NOTHING_TO_SEND, 20)
    kept = [email(OutgoingEmail.Status.SENT, 13).pk, email(OutgoingEmail.Status.WAITING, None).pk]

    apply_retention(now=NOW)

    assert sorted(OutgoingEmail.objects.values_list("pk", flat=True)) == kept


def test_running_the_rules_twice_changes_nothing_the_second_time():
    SignatureFactory(petition=delivered_petition(200), status=Signature.Status.CONFIRMED)
    RegistrationFactory(
        event=EventFactory(starts_at=NOW - dt.timedelta(days=100), ends_at=NOW - dt.timedelta(days=99))
    )

    first = apply_retention(now=NOW)
    second = apply_retention(now=NOW)

    assert first["petitions.delivered"] == 1 and first["events.past_signups"] == 1
    assert set(second.values()) == {0}


def test_the_command_reports_what_each_rule_did(capsys):
    call_command("apply_retention")

    out = capsys.readouterr().out
    assert "Event participants' names, email addresses and phone numbers" in out
    assert out.count(": 0") == out.count("\n")


def test_the_retention_task_runs_the_same_rules():
    from campaigns.tasks import apply_retention_task

    SignatureFactory(created_at=timezone.now() - dt.timedelta(days=40))

    result = apply_retention_task.enqueue()

    assert result.return_value["petitions.unconfirmed"] == 1
