import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from campaigns.ledger import ledger_totals, net_count_for, recount_from_sources
from campaigns.models import Action
from letters import services
from letters.models import AppealLetter, PrintBatch, SolidarityMessage
from tests.factories import CampaignFactory, CaseFactory

from .factories import SolidarityMessageFactory

pytestmark = pytest.mark.django_db


def ledger_rows(kind):
    return list(Action.objects.filter(kind=kind).values_list("count", "country", "case_id", "campaign_id"))


def test_log_appeal_letter_stores_the_letter_and_records_one_action(
    case, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = services.log_appeal_letter(
            case=case, country="pl", name=" Kasia ", city="Poznań", email="Kasia@Example.org"
        )

    letter.refresh_from_db()
    assert (letter.source, letter.count, letter.name, letter.country.code, letter.email, letter.campaign) == (
        AppealLetter.Source.ONLINE,
        1,
        "Kasia",
        "PL",
        "kasia@example.org",
        campaign,
    )
    assert ledger_rows("appeal_letter") == [(1, "PL", case.pk, campaign.pk)]
    assert [m.to for m in mail.outbox] == [["kasia@example.org"]]
    assert case.name in mail.outbox[0].subject
    assert mail.outbox[0].body.startswith("Hello Kasia,")
    assert "We will write when there is news of the case" in mail.outbox[0].body  # letters/audience.py


def test_log_letters_written_counts_n_letters_with_the_country(case, campaign):
    letter = services.log_letters_written(case=case, count=42, country="TG", name="Collège Saint-Joseph")

    assert AppealLetter.objects.get() == letter
    assert (letter.source, letter.count) == (AppealLetter.Source.OFFLINE, 42)
    assert ledger_rows("appeal_letter") == [(42, "TG", case.pk, campaign.pk)]


@pytest.mark.parametrize("count", [0, -1, 501, 10_000])
def test_log_letters_written_rejects_counts_outside_1_to_500(case, count):
    with pytest.raises(services.LettersError):
        services.log_letters_written(case=case, count=count, country="PL")
    assert not AppealLetter.objects.exists()
    assert not Action.objects.exists()


def test_unknown_country_is_refused_and_nothing_is_stored(case):
    with pytest.raises(services.LettersError):
        services.log_appeal_letter(case=case, country="XX")
    with pytest.raises(services.LettersError):
        services.submit_message(case=case, first_name="Ann", country="Narnia", body="Hello")
    assert not AppealLetter.objects.exists()
    assert not SolidarityMessage.objects.exists()


def test_the_case_s_active_campaign_is_used_before_a_later_inactive_one(campaign):
    later = CampaignFactory(is_active=False, starts_on=dt.date(2013, 12, 7), ends_on=dt.date(2014, 2, 28))
    case = CaseFactory(campaigns=[later, campaign])
    assert services.campaign_for_case(case) == campaign


def test_a_finished_campaign_that_is_no_longer_active_counts_no_late_letter(campaign):
    """Its published figures stay as they were: the letter is kept and counts nowhere."""
    case = CaseFactory(campaigns=[campaign])
    campaign.is_active = False
    campaign.save()

    letter = services.log_appeal_letter(case=case, country="FR")

    assert services.campaign_for_case(case) is None
    assert letter.campaign is None
    assert not Action.objects.exists()


def test_a_campaign_whose_dates_hold_the_day_counts_it_even_before_it_is_made_active(campaign):
    today = timezone.localdate()
    running = CampaignFactory(is_active=False, starts_on=today - dt.timedelta(days=3), ends_on=today)
    campaign.is_active = False
    campaign.save()
    case = CaseFactory(campaigns=[campaign, running])

    assert services.campaign_for_case(case) == running
    assert services.campaign_for_case(case, on=today + dt.timedelta(days=1)) is None


def test_a_case_outside_every_campaign_stores_letters_without_ledger_rows(db):
    case = CaseFactory()
    letter = services.log_appeal_letter(case=case, country="PL")
    assert letter.campaign is None
    assert not Action.objects.exists()


def test_submit_message_stores_it_pending_without_counting_and_confirms_by_email(
    case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.submit_message(
            case=case, first_name=" Olga ", country="RU", body=" Вы не одни. ", email="olga@example.org"
        )

    message.refresh_from_db()
    assert (message.status, message.first_name, message.body, message.country.code) == (
        SolidarityMessage.Status.PENDING,
        "Olga",
        "Вы не одни.",
        "RU",
    )
    assert not Action.objects.exists()
    assert len(mail.outbox) == 1
    assert "Вы не одни." in mail.outbox[0].body


@pytest.mark.parametrize("body", ["", "   ", "\u200b\u200b", "\ufeff\n\u2060", "x" * 1001])
def test_submit_message_refuses_empty_and_over_long_messages(case, body):
    with pytest.raises(services.LettersError):
        services.submit_message(case=case, first_name="Ann", country="PL", body=body)
    with pytest.raises(services.LettersError, match="first name"):
        services.submit_message(case=case, first_name="\u200b", country="PL", body="You are not alone.")
    assert not SolidarityMessage.objects.exists()


def test_approve_messages_records_who_and_when_and_counts_each_once(case, campaign, coordinator):
    first = SolidarityMessageFactory(case=case, campaign=campaign, email="a@example.org")
    second = SolidarityMessageFactory(case=case, campaign=campaign, country="JP")

    assert services.approve_messages(messages=[first, second], moderator=coordinator) == 2
    assert services.approve_messages(messages=[first, second], moderator=coordinator) == 0  # idempotent

    first.refresh_from_db()
    assert first.status == SolidarityMessage.Status.APPROVED
    assert first.decided_by == coordinator
    assert first.decided_at is not None
    assert sorted(ledger_rows("solidarity_message")) == [
        (1, "JP", case.pk, campaign.pk),
        (1, "PL", case.pk, campaign.pk),
    ]


def test_rejecting_an_approved_message_retracts_its_action(case, campaign, coordinator):
    message = SolidarityMessageFactory(case=case, campaign=campaign)
    services.approve_messages(messages=[message], moderator=coordinator)

    assert (
        services.reject_messages(messages=[message], moderator=coordinator, reason="Mentions the trial") == 1
    )

    message.refresh_from_db()
    assert (message.status, message.rejection_reason, message.decided_by) == (
        SolidarityMessage.Status.REJECTED,
        "Mentions the trial",
        coordinator,
    )
    assert net_count_for(message) == 0
    assert recount_from_sources(campaign) == ledger_totals(campaign)


def test_rejecting_tells_each_writer_who_left_an_address_why_once_in_their_language(
    case, coordinator, django_capture_on_commit_callbacks
):
    told = SolidarityMessageFactory(case=case, email="olga@example.org", language="pl", body="Trzymaj się!")
    silent = SolidarityMessageFactory(case=case, email="")

    with django_capture_on_commit_callbacks(execute=True):
        services.reject_messages(messages=[told, silent], moderator=coordinator, reason="Wspomina proces")
    with django_capture_on_commit_callbacks(execute=True):  # already rejected: left alone, nobody told twice
        services.reject_messages(messages=[told], moderator=coordinator, reason="Again")

    assert [m.to for m in mail.outbox] == [["olga@example.org"]]
    email = mail.outbox[0]
    assert email.subject == f"Nie mogliśmy przekazać Twojej wiadomości dla: {case.name}"
    assert "Wspomina proces" in email.body and "Again" not in email.body
    assert "Trzymaj się!" in email.body
    assert f"/pl/cases/{case.slug}/message/" in email.body  # an invitation to write a new one


def test_reject_needs_a_reason(case, coordinator):
    message = SolidarityMessageFactory(case=case)
    with pytest.raises(services.LettersError):
        services.reject_messages(messages=[message], moderator=coordinator, reason="  ")
    message.refresh_from_db()
    assert message.status == SolidarityMessage.Status.PENDING


def test_create_print_batch_takes_approved_unprinted_messages_once(
    case, coordinator, django_capture_on_commit_callbacks
):
    approved = SolidarityMessageFactory.create_batch(3, case=case, email="x@example.org")
    pending = SolidarityMessageFactory(case=case)
    other_case = SolidarityMessageFactory()
    services.approve_messages(messages=[*approved, other_case], moderator=coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        batch = services.create_print_batch(case=case, user=coordinator, layout=PrintBatch.Layout.SHEET)

    assert batch.message_count == 3
    assert set(batch.messages.all()) == set(approved)
    assert batch.created_by == coordinator
    pending.refresh_from_db()
    other_case.refresh_from_db()
    assert pending.print_batch is None and other_case.print_batch is None
    assert len(mail.outbox) == 3  # "your message is on its way"
    with pytest.raises(services.NothingToPrint):
        services.create_print_batch(case=case, user=coordinator)
    assert PrintBatch.objects.count() == 1


def test_a_printed_message_cannot_be_rejected(case, coordinator):
    message = SolidarityMessageFactory(case=case)
    services.approve_messages(messages=[message], moderator=coordinator)
    services.create_print_batch(case=case, user=coordinator)

    assert services.reject_messages(messages=[message], moderator=coordinator, reason="Too late") == 0
    message.refresh_from_db()
    assert message.status == SolidarityMessage.Status.APPROVED


def test_recount_matches_the_ledger_after_a_mix_of_actions(case, campaign, coordinator):
    services.log_appeal_letter(case=case, country="PL")
    services.log_letters_written(case=case, count=35, country="TG")
    kept, dropped = SolidarityMessageFactory.create_batch(2, case=case, campaign=campaign)
    services.approve_messages(messages=[kept, dropped], moderator=coordinator)
    services.reject_messages(messages=[dropped], moderator=coordinator, reason="Politics")

    assert recount_from_sources(campaign) == ledger_totals(campaign)
    assert ledger_totals(campaign)[("appeal_letter", "TG", case.pk)] == 35
    assert ledger_totals(campaign)[("solidarity_message", "PL", case.pk)] == 1


@pytest.mark.parametrize("body", ["", "x" * 1001])
def test_the_database_refuses_empty_or_over_long_messages_too(case, body):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        SolidarityMessageFactory(case=case, body=body)


def test_the_database_refuses_a_letter_count_outside_1_to_500(case):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        AppealLetter.objects.create(case=case, country="PL", source="offline", count=501)


def test_approval_tells_the_author_and_links_the_wall_unless_the_case_is_sensitive(
    campaign, coordinator, django_capture_on_commit_callbacks
):
    open_case, sensitive_case = CaseFactory(campaigns=[campaign]), CaseFactory(is_sensitive=True)
    messages = [
        SolidarityMessageFactory(case=open_case, email="open@example.org"),
        SolidarityMessageFactory(case=sensitive_case, email="quiet@example.org"),
        SolidarityMessageFactory(case=open_case, email=""),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_messages(messages=messages, moderator=coordinator)

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"open@example.org", "quiet@example.org"}
    assert "has been approved" in by_recipient["open@example.org"].subject
    assert f"/cases/{open_case.slug}/messages/" in by_recipient["open@example.org"].body
    assert "/messages/" not in by_recipient["quiet@example.org"].body


def test_a_message_is_named_by_its_first_words_cut_at_a_word():
    message = SolidarityMessageFactory(
        first_name="Marta",
        country="PL",
        body="Drogi Alesiu, myślimy o Tobie każdego dnia i czekamy na Ciebie.",
    )
    assert str(message) == "Marta (PL): Drogi Alesiu, myślimy o Tobie każdego dnia i…"
