"""A supporter's copy and erasure of their data, from the request form to the stored result."""

import datetime as dt
import json
import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone, translation

from campaigns import ledger, privacy
from campaigns.models import Action, DataRequest, OutgoingEmail
from events import services as event_services
from events.models import Registration
from letters import services as letter_services
from letters.models import AppealLetter, SolidarityMessage
from petitions import services as petition_services
from petitions.counters import actual_counts
from petitions.models import Signature
from petitions.services import Signer
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import CampaignFactory, CaseFactory, UserFactory
from tests.letters.factories import SolidarityMessageFactory
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db

KASIA = "kasia@example.org"
OTHER = "aino@example.org"


@pytest.fixture(autouse=True)
def _emails_leave_at_once(monkeypatch):
    """These tests run in one transaction that never commits: send after-commit emails at once."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def campaign():
    return CampaignFactory(is_active=True, starts_on=dt.date(2012, 12, 1), ends_on=dt.date(2030, 12, 31))


@pytest.fixture
def case(campaign):
    return CaseFactory(name="Ales Bialiatski", campaigns=[campaign])


def act_as(email: str, *, case, campaign) -> dict:
    """One person's trail through the site, made through the services so counters and ledger are real."""
    petition = PetitionFactory(campaign=campaign, case=case)
    signature = petition_services.sign_petition(
        petition=petition, signer=Signer("Kasia", "Nowak", email, "PL", "Poznań"), consent_to_contact=True
    )
    petition_services.confirm_signature(
        petition=petition, token=petition_services.make_confirmation_token(signature)
    )
    other_petition = PetitionFactory(campaign=campaign, case=case)
    pending = petition_services.sign_petition(
        petition=other_petition, signer=Signer("Kasia", "Nowak", email, "PL")
    )
    registration = event_services.register_for_event(
        event=EventFactory(campaign=campaign, capacity=10), name="Kasia Nowak", email=email, consent=True
    )
    approved = letter_services.submit_message(
        case=case, first_name="Kasia", country="PL", body="Stay strong, Ales!", email=email
    )
    moderator = UserFactory(is_staff=True)
    letter_services.approve_messages(messages=[approved], moderator=moderator)
    waiting = letter_services.submit_message(
        case=case, first_name="Kasia", country="PL", body="A second note.", email=email
    )
    letter = letter_services.log_appeal_letter(
        case=case, country="PL", name="Kasia Nowak", city="Poznań", email=email
    )
    return {
        "petition": petition,
        "signature": signature,
        "pending": pending,
        "registration": registration,
        "approved": approved,
        "waiting": waiting,
        "letter": letter,
    }


def human(**data) -> dict:
    """What a person's browser posts: the signed time the form was shown, and the honeypot left empty."""
    return {"rendered_at": signing.dumps(time.time() - 30, salt="form-rendered-at"), "website": "", **data}


def post_request(client, email: str, kind: str, path: str = ""):
    return client.post(path or reverse("privacy-data"), human(email=email, kind=kind))


def link_in_last_email() -> str:
    body = mail.outbox[-1].body
    return next(word for word in body.split() if "/privacy/my-data/" in word)


# --- asking --------------------------------------------------------------------------------------


def test_asking_for_a_copy_stores_only_a_hash_for_good_and_emails_the_link_to_that_address(client):
    response = post_request(client, " Kasia@Example.org ", "export")

    assert response.status_code == 302
    assert response["Location"] == reverse("privacy-data-sent")
    data_request = DataRequest.objects.get()
    assert data_request.kind == DataRequest.Kind.EXPORT
    assert data_request.email == KASIA
    assert data_request.email_hash and KASIA not in data_request.email_hash
    assert [m.to for m in mail.outbox] == [[KASIA]]
    assert mail.outbox[0].subject == "Your copy of your data"


def test_the_answer_is_the_same_whether_or_not_anything_is_held(client, case, campaign):
    act_as(KASIA, case=case, campaign=campaign)
    mail.outbox.clear()

    known = post_request(client, KASIA, "erasure")
    unknown = post_request(client, "nobody@example.org", "erasure")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # Only the mailbox owner learns the difference, in the email.
    assert "/privacy/my-data/" in mail.outbox[0].body
    assert "We hold nothing about it" in mail.outbox[1].body
    assert "/privacy/my-data/" not in mail.outbox[1].body.split("--")[0]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": "not-an-address", "kind": "export"}, "Enter a valid email address."),
        ({"email": KASIA, "kind": "everything"}, "Select a valid choice."),
        ({"email": "", "kind": "export"}, "This field is required."),
        ({"email": KASIA, "kind": "export", "website": "http://spam.example"}, "could not be accepted"),
    ],
)
def test_bad_requests_get_the_form_back_with_a_message_and_change_nothing(client, data, error):
    response = client.post(reverse("privacy-data"), human(**data))

    assert response.status_code == 400
    assert error in response.content.decode()
    top = response.content.decode().split("</h1>", 1)[1].split("<form", 1)[0]
    assert "error-summary" in top  # said at the top, as every form of the site does
    assert not DataRequest.objects.exists()
    assert mail.outbox == []


def test_the_request_page_is_linked_from_every_email_and_the_privacy_page(client, case, campaign):
    act_as(KASIA, case=case, campaign=campaign)

    assert mail.outbox
    for message in mail.outbox:
        assert "/privacy/my-data/" in message.body
        assert "/privacy/my-data/" in message.alternatives[0][0]
    assert reverse("privacy-data") in client.get(reverse("privacy")).content.decode()


def test_a_polish_request_gets_a_polish_email_with_a_polish_link(client):
    post_request(client, KASIA, "export", path="/pl/privacy/my-data/")

    assert DataRequest.objects.get().language == "pl"
    assert mail.outbox[0].subject != "Your copy of your data"
    assert "/pl/privacy/my-data/" in link_in_last_email()


# --- the link ---------------------------------------------------------------------------------------


def test_opening_the_link_shows_what_is_held_and_changes_nothing(client, case, campaign):
    trail = act_as(KASIA, case=case, campaign=campaign)
    post_request(client, KASIA, "erasure")

    response = client.get(link_in_last_email())

    body = response.content.decode()
    assert response.status_code == 200
    assert "Your petition signatures: 2" in body
    assert "Your event sign-ups: 1" in body
    assert "Your solidarity messages: 2" in body
    trail["signature"].refresh_from_db()
    assert trail["signature"].email == KASIA
    assert DataRequest.objects.get().completed_at is None


def test_a_host_is_warned_before_erasing_and_the_coordinators_are_asked_to_find_someone_to_run_the_event(
    client, campaign
):
    """Erasing the account of a volunteer who hosted an event still to come left it running with nobody in
    charge: people kept signing up, and nobody was told."""
    from tests.factories import LocalGroupFactory, coordinator_of

    group = LocalGroupFactory(city="Minsk", country="BY")
    coordinator_of(group, email="coordinator@example.org", language="en")
    host = UserFactory(email=KASIA, full_name="Kasia Nowak")
    EmailAddress.objects.create(user=host, email=KASIA, verified=True, primary=True)
    evening = EventFactory(host=host, group=group, title="Letters in Minsk", capacity=2)
    RegistrationFactory(event=evening, email="a@example.org")
    RegistrationFactory(event=evening, email="b@example.org", status=Registration.Status.CANCELLED)
    EventFactory(host=host, group=group, title="Last year's vigil", starts_at=timezone.now() - dt.timedelta(days=400),
                 ends_at=timezone.now() - dt.timedelta(days=400, hours=-2))  # fmt: skip
    post_request(client, KASIA, "erasure")
    link = link_in_last_email()

    page = client.get(link).content.decode()
    assert "You host an event still to come: Letters in Minsk. Erasing your data does not cancel it" in page
    assert "Last year" not in page
    mail.outbox.clear()

    client.post(link)

    told = [m for m in mail.outbox if m.to == ["coordinator@example.org"]]
    assert len(told) == 1 and told[0].subject.endswith("Letters in Minsk")
    assert "with 1 person signed up or waiting" in " ".join(told[0].body.split())
    evening.refresh_from_db()
    assert evening.status == "published" and evening.host.email.endswith("@erased.invalid")


def test_a_host_s_copy_holds_what_they_wrote_in_their_events_reports(client):
    from events.models import ReportPhoto
    from tests.events.factories import EventReportFactory

    host = UserFactory(email=KASIA)
    report = EventReportFactory(event=EventFactory(host=host, title="Lanterns in Seoul",
                                starts_at=timezone.now() - dt.timedelta(days=3)),
                                participants=12, notes="Rain, but everyone came.")  # fmt: skip
    ReportPhoto.objects.create(report=report, image="events/reports/1/a1b2.jpg", caption="Our lanterns")
    post_request(client, KASIA, "export")

    hosted = json.loads(client.post(link_in_last_email()).content)["data"]["events.hosted"]["rows"]

    assert hosted[0]["event"] == "Lanterns in Seoul"
    assert hosted[0]["report"]["participants"] == 12
    assert hosted[0]["report"]["notes"] == "Rain, but everyone came."
    assert hosted[0]["report"]["photos"] == [
        {"file": "events/reports/1/a1b2.jpg", "caption": "Our lanterns", "may_be_published": False}
    ]


def test_the_french_page_spaces_its_colons_and_warns_what_erasure_cancels(client, case, campaign):
    act_as(KASIA, case=case, campaign=campaign)
    with translation.override("fr"):
        post_request(client, KASIA, "erasure", path=reverse("privacy-data"))

    body = client.get(link_in_last_email()).content.decode()

    assert "Vos signatures de pétitions\u00a0: 2" in body
    assert "vos places aux événements à venir sont annulées" in body


def test_the_download_holds_everything_about_the_address_and_nothing_about_anyone_else(
    client, case, campaign
):
    act_as(KASIA, case=case, campaign=campaign)
    act_as(OTHER, case=case, campaign=campaign)
    post_request(client, KASIA, "export")

    response = client.post(link_in_last_email())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    download = json.loads(response.content)
    assert download["email"] == KASIA
    data = download["data"]
    assert [row["status"] for row in data["petitions.signatures"]["rows"]] == [
        "Confirmed",
        "Pending confirmation",
    ]
    signed = data["petitions.signatures"]["rows"][0]
    assert signed["consent"].startswith("Keep me informed about this case")
    assert (signed["consent_version"], signed["consent_given_on"]) == ("2012-12-v1", "petition-page")
    assert data["events.registrations"]["rows"][0]["consent"] == (
        "The organisers may contact me about this event."
    )
    assert {row["message"] for row in data["letters.solidarity_messages"]["rows"]} == {
        "Stay strong, Ales!",
        "A second note.",
    }
    assert data["letters.appeal_letters"]["rows"][0]["consent_given_on"] == "appeal-posted"
    assert OTHER not in response.content.decode()
    assert DataRequest.objects.get().completed_at is not None


def test_the_download_link_works_once_and_the_request_then_forgets_the_address(client, case, campaign):
    act_as(KASIA, case=case, campaign=campaign)
    post_request(client, KASIA, "export")
    link = link_in_last_email()
    assert client.post(link)["Content-Type"] == "application/json"

    for again in (client.get(link), client.post(link)):
        assert again.status_code == 400
        assert "already been used to download your data" in again.content.decode()
        assert KASIA not in again.content.decode()
    assert DataRequest.objects.get().email == ""


def test_the_download_names_every_emails_state_in_the_readers_language(client):
    """An email sent as a job of its own showed the task queue's code word ("SUCCESSFUL") beside "Адпраўлена"."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(
        status="SUCCESSFUL",
        args_kwargs={"args": [], "kwargs": {"to": [KASIA], "subject": "Копія вашых даных"}},
        task_path="campaigns.tasks.send_email",
        backend_name="default",
        queue_name="default",
        exception_class_path="",
        traceback="",
    )
    post_request(client, KASIA, "export", path="/be/privacy/my-data/")  # the download speaks its language

    content = client.post(link_in_last_email()).content.decode()
    rows = json.loads(content)["data"]["campaigns.emails"]["rows"]

    assert {row["status"] for row in rows} == {"Адпраўлена"}
    assert "Копія вашых даных" in content  # written as it reads, not as \\u escapes


def test_the_download_names_countries_in_the_readers_language_beside_their_codes(client, case, campaign):
    act_as(KASIA, case=case, campaign=campaign)
    post_request(client, KASIA, "export", path="/pl/privacy/my-data/")

    data = json.loads(client.post(link_in_last_email()).content)["data"]

    for source in ("petitions.signatures", "letters.solidarity_messages", "letters.appeal_letters"):
        row = data[source]["rows"][0]
        assert (row["country"], row["country_name"]) == ("PL", "Polska"), source


def test_a_volunteer_account_is_in_the_download(client):
    UserFactory(email=KASIA, full_name="Kasia Nowak")
    post_request(client, KASIA, "export")

    download = json.loads(client.post(link_in_last_email()).content)

    assert download["data"]["campaigns.account"]["rows"][0]["full_name"] == "Kasia Nowak"


def test_erasure_anonymises_what_counted_deletes_what_never_did_and_keeps_every_count(client, case, campaign):
    trail = act_as(KASIA, case=case, campaign=campaign)
    others = act_as(OTHER, case=case, campaign=campaign)
    account = UserFactory(email=KASIA, full_name="Kasia Nowak")
    EmailAddress.objects.create(user=account, email=KASIA, verified=True, primary=True)
    ledger_before = sorted(Action.objects.values_list("kind", "count", "country"))
    counts_before = actual_counts(trail["petition"])
    post_request(client, KASIA, "erasure")
    link = link_in_last_email()
    mail.outbox.clear()

    response = client.post(link)

    assert response.status_code == 200
    assert "Your data has been erased" in response.content.decode()
    signature = Signature.objects.get(pk=trail["signature"].pk)
    assert (signature.first_name, signature.last_name, signature.email, signature.city) == ("", "", "", "")
    assert (signature.status, signature.country.code) == (Signature.Status.CONFIRMED, "PL")
    assert not Signature.objects.filter(pk=trail["pending"].pk).exists()
    registration = Registration.objects.get(pk=trail["registration"].pk)
    # Her event is still to come: her place is given up rather than held for nobody anyone can reach.
    assert (registration.name, registration.email, registration.status) == ("", "", "cancelled")
    message = SolidarityMessage.objects.get(pk=trail["approved"].pk)
    assert (message.first_name, message.body, message.email) == ("", "", "")
    assert message.status == SolidarityMessage.Status.APPROVED
    assert not SolidarityMessage.objects.on_wall(case).filter(pk=message.pk).exists()
    assert not SolidarityMessage.objects.filter(pk=trail["waiting"].pk).exists()
    assert not SolidarityMessage.history.filter(id=message.pk).exclude(body="").exists()
    letter = AppealLetter.objects.get(pk=trail["letter"].pk)
    assert (letter.name, letter.city, letter.email) == ("", "", "")
    account.refresh_from_db()
    assert (account.is_active, account.full_name, account.has_usable_password()) == (False, "", False)
    assert KASIA not in account.email
    assert not EmailAddress.objects.filter(email__iexact=KASIA).exists()
    # Counts: the ledger is untouched, the petition's counter equals its rows, the recount agrees.
    assert sorted(Action.objects.values_list("kind", "count", "country")) == ledger_before
    trail["petition"].refresh_from_db()
    assert actual_counts(trail["petition"]) == counts_before == (trail["petition"].signature_count, 0)
    assert sum(ledger.recount_from_sources(campaign).values()) == sum(
        Action.objects.filter(campaign=campaign).values_list("count", flat=True)
    )
    # The other person is untouched, and the erased address gets one last email.
    assert Signature.objects.get(pk=others["signature"].pk).email == OTHER
    assert [m.to for m in mail.outbox] == [[KASIA]]
    data_request = DataRequest.objects.get(kind="erasure")
    # Seven rows of her own, and the three emails written to her about her signatures and her sign-up.
    assert (data_request.email, data_request.rows_changed) == ("", 10)
    assert not OutgoingEmail.objects.filter(to__iexact=KASIA).exists()


def test_erasure_frees_a_place_at_an_event_to_come_and_keeps_one_at_an_event_that_took_place(client):
    from events.models import Registration
    from tests.events.factories import EventFactory, RegistrationFactory, past_event

    coming = EventFactory(capacity=1)
    hers = RegistrationFactory(event=coming, email=KASIA)
    waiting = RegistrationFactory(event=coming, status="waitlisted")
    attended = RegistrationFactory(event=past_event(), email=KASIA)
    post_request(client, KASIA, "erasure")

    client.post(link_in_last_email())

    assert Registration.objects.get(pk=hers.pk).status == "cancelled"
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"  # and emailed, as always
    past = Registration.objects.get(pk=attended.pk)
    assert (past.status, past.name, past.email) == ("confirmed", "", "")  # the event's numbers stay right


def test_the_erasure_link_works_once(client, case, campaign):
    act_as(KASIA, case=case, campaign=campaign)
    post_request(client, KASIA, "erasure")
    link = link_in_last_email()
    client.post(link)
    mail.outbox.clear()

    again = client.post(link)

    assert again.status_code == 200
    assert "Your data has been erased" in again.content.decode()
    assert mail.outbox == []
    # A signature, a sign-up, a message and a letter anonymised; a pending signature and message deleted; the
    # three emails about her signatures and her sign-up deleted.
    assert DataRequest.objects.get().rows_changed == 9


def test_a_staff_account_is_not_closed_by_an_erasure_request_and_only_its_owner_is_told(client):
    staff = UserFactory(email=KASIA, is_staff=True)
    post_request(client, KASIA, "erasure")
    kasias_link = link_in_last_email()
    post_request(client, OTHER, "erasure")
    others_link = link_in_last_email()

    told = client.post(kasias_link).content.decode()
    supporter = client.post(others_link).content.decode()

    staff.refresh_from_db()
    assert (staff.email, staff.is_active) == (KASIA, True)
    assert "Your staff account with this address stays open" in told
    assert "staff account" not in supporter  # nothing to do with a supporter


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_is_refused_and_changes_nothing(client, case, campaign, method):
    trail = act_as(KASIA, case=case, campaign=campaign)
    post_request(client, KASIA, "erasure")

    response = getattr(client, method)(link_in_last_email()[:-3] + "xyz/")

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert Signature.objects.get(pk=trail["signature"].pk).email == KASIA


def _token_made_hours_ago(data_request: DataRequest, hours: int) -> str:
    """A real token, signed as if `hours` ago (TimestampSigner reads time.time())."""
    from unittest import mock

    with mock.patch("time.time", return_value=timezone.now().timestamp() - hours * 3600):
        return privacy.request_token(data_request)


def test_an_expired_link_gets_a_clear_page_and_changes_nothing(client, settings):
    post_request(client, KASIA, "export")
    token = _token_made_hours_ago(DataRequest.objects.get(), settings.DATA_REQUEST_LINK_HOURS + 1)

    response = client.get(reverse("privacy-data-confirm", args=[token]))

    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert DataRequest.objects.get().completed_at is None


def test_the_address_of_a_request_is_forgotten_when_its_link_expires(client, settings):
    post_request(client, KASIA, "export")
    data_request = DataRequest.objects.get()
    later = timezone.now() + dt.timedelta(hours=settings.DATA_REQUEST_LINK_HOURS, minutes=1)

    assert privacy.forget_request_addresses(later) == 1

    data_request.refresh_from_db()
    assert (data_request.email, bool(data_request.email_hash)) == ("", True)
    with pytest.raises(privacy.DataRequestExpired):
        privacy.data_request_from_token(privacy.request_token(data_request))


# --- pages ----------------------------------------------------------------------------------------


def test_the_privacy_page_lists_consent_wordings_and_retention_periods(client, settings):
    settings.PETITION_RETENTION_DAYS = 180

    body = client.get(reverse("privacy")).content.decode()

    assert "2012-12-v1" in body and "event-signup-v1" in body and "message-email-v1" in body
    assert "The organisers may contact me about this event." in body
    assert "180 days" in body
    assert "When you tell us you posted an appeal letter: your optional name and city" in body


def test_the_request_pages_take_a_constant_number_of_queries(
    client, django_assert_num_queries, case, campaign
):
    with django_assert_num_queries(0):
        assert client.get(reverse("privacy-data")).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(reverse("privacy")).status_code == 200
    act_as(KASIA, case=case, campaign=campaign)
    post_request(client, KASIA, "export")
    link = link_in_last_email()
    # The request, then a fixed number of reads per source of personal data, however many rows it holds (the
    # waiting emails' subjects: one read per kind of email, in a savepoint, here a signature's and a sign-up's).
    with django_assert_num_queries(21) as one:
        client.get(link)
    for _ in range(5):
        SignatureFactory(email=KASIA, petition=PetitionFactory(campaign=campaign, case=case))
        RegistrationFactory(email=KASIA, event=EventFactory(campaign=campaign))
        SolidarityMessageFactory(email=KASIA, case=case)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(link)
