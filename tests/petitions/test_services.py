import datetime as dt
from collections import Counter

import pytest
from django.core import mail, signing
from django.utils import timezone

from campaigns import ledger
from campaigns.mailboxes import normalise_email
from campaigns.models import Action
from petitions import services
from petitions.models import Petition, Signature
from petitions.services import Signer
from tests.factories import LocalGroupFactory
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def signer(email="anna.kowalska@example.org", **overrides):
    fields = {
        "first_name": "Anna",
        "last_name": "Kowalska",
        "email": email,
        "country": "PL",
        "city": "Poznań",
    }
    return Signer(**{**fields, **overrides})


def token_from(message) -> str:
    return message.body.split("/confirm/")[1].split("/")[0]


@pytest.mark.parametrize(
    ("given", "normalised"),
    [
        ("  Anna@Example.ORG ", "anna@example.org"),
        ("anna+petition@example.org", "anna@example.org"),
        ("a.n.n.a@gmail.com", "anna@gmail.com"),
        ("A.Nna+w4r@GoogleMail.com", "anna@gmail.com"),
        ("a.nna@example.org", "a.nna@example.org"),  # dots matter outside Gmail
        ("+only@example.org", "+only@example.org"),
    ],
)
def test_email_normalisation_rules(given, normalised):
    assert normalise_email(given) == normalised


def test_sign_petition_stores_a_pending_signature_and_emails_the_confirmation_link():
    petition = PetitionFactory()

    signature = services.sign_petition(
        petition=petition, signer=signer(), consent_to_contact=True, show_first_name=True, ip_hash="abc"
    )

    signature.refresh_from_db()
    assert signature.status == Signature.Status.PENDING
    assert (signature.email, signature.email_normalised, signature.email_domain) == (
        "anna.kowalska@example.org",
        "anna.kowalska@example.org",
        "example.org",
    )
    assert (signature.consent_to_contact, signature.consent_text_version, signature.consent_form) == (
        True,
        "2012-12-v1",
        "petition-page",
    )
    assert signature.ip_hash == "abc" and signature.source == "online"
    petition.refresh_from_db()
    assert petition.signature_count == 0
    assert not Action.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna.kowalska@example.org"]
    assert mail.outbox[0].subject == f"Please confirm your signature: {petition.title}"
    assert f"/petitions/{petition.slug}/confirm/" in mail.outbox[0].body


def test_no_consent_stores_no_consent_version():
    signature = services.sign_petition(petition=PetitionFactory(), signer=signer())
    assert (signature.consent_to_contact, signature.consent_text_version, signature.consent_form) == (
        False,
        "",
        "",
    )


@pytest.mark.parametrize(
    "second_email",
    ["anna.kowalska@example.org", " ANNA.KOWALSKA@example.org ", "anna.kowalska+again@example.org"],
)
def test_a_second_signature_for_the_same_mailbox_is_refused_and_the_owner_is_told(second_email):
    petition = PetitionFactory()
    first = services.sign_petition(petition=petition, signer=signer())

    with pytest.raises(services.AlreadySigned) as caught:
        services.sign_petition(petition=petition, signer=signer(email=second_email, first_name="Someone"))

    assert caught.value.signature == first
    assert Signature.objects.count() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == f"Your signature still needs confirming: {petition.title}"
    assert mail.outbox[1].to == [second_email.strip()]
    assert "not confirmed yet" in mail.outbox[1].body  # a pending signer gets a fresh link
    assert "/confirm/" in mail.outbox[1].body


def test_gmail_dots_and_googlemail_are_the_same_signer():
    petition = PetitionFactory()
    services.sign_petition(petition=petition, signer=signer(email="anna.kowalska@gmail.com"))
    with pytest.raises(services.AlreadySigned):
        services.sign_petition(petition=petition, signer=signer(email="annakowalska+x@googlemail.com"))
    assert Signature.objects.count() == 1


def test_already_signed_email_to_a_confirmed_signer_has_no_link():
    petition = PetitionFactory()
    services.sign_petition(petition=petition, signer=signer())
    services.confirm_signature(petition=petition, token=token_from(mail.outbox[0]))
    with pytest.raises(services.AlreadySigned):
        services.sign_petition(petition=petition, signer=signer())
    assert "confirmed and counted" in mail.outbox[-1].body
    assert "/confirm/" not in mail.outbox[-1].body
    assert mail.outbox[-1].subject == f"You have already signed: {petition.title}"


def test_the_same_email_may_sign_different_petitions():
    services.sign_petition(petition=PetitionFactory(), signer=signer())
    services.sign_petition(petition=PetitionFactory(), signer=signer())
    assert Signature.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"status": Petition.Status.DRAFT}, "not been published"),
        ({"status": Petition.Status.CLOSED}, "closed"),
        ({"status": Petition.Status.DELIVERED}, "delivered"),
        ({"closes_at": dt.datetime(2013, 2, 28, tzinfo=dt.UTC)}, "closed"),
        ({"opens_at": dt.datetime(2099, 1, 1, tzinfo=dt.UTC)}, "not open for signatures yet"),
    ],
)
def test_sign_petition_refuses_a_petition_that_is_not_open(fields, reason):
    petition = PetitionFactory(**fields)
    with pytest.raises(services.PetitionNotOpen, match=reason):
        services.sign_petition(petition=petition, signer=signer())
    assert not Signature.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"first_name": ""}, "Please enter your first name."),
        ({"last_name": "   "}, "Please enter your last name."),
        ({"first_name": "<b>Anna</b>"}, "letters, spaces, hyphens and apostrophes only"),
        ({"last_name": "x" * 101}, "at most 100 characters"),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"email": ""}, "Please enter your email address."),
        ({"email": "a@mailinator.com"}, "We cannot accept addresses from this email provider."),
        ({"country": "XX"}, "Please choose your country from the list."),
        ({"city": "<script>"}, "letters, spaces, hyphens and apostrophes only"),
    ],
)
def test_sign_petition_rejects_bad_input_and_stores_nothing(overrides, message):
    with pytest.raises(services.InvalidSignatureData) as caught:
        services.sign_petition(petition=PetitionFactory(), signer=signer(**overrides))
    assert message in caught.value.message
    assert not Signature.objects.exists()
    assert mail.outbox == []


def test_confirm_signature_counts_once_and_records_the_ledger(assert_counters_match):
    petition = PetitionFactory()
    services.sign_petition(petition=petition, signer=signer(country="FI"))
    token = token_from(mail.outbox[0])

    first = services.confirm_signature(petition=petition, token=token)
    again = services.confirm_signature(petition=petition, token=token)

    assert (first.newly_confirmed, again.newly_confirmed) == (True, False)
    signature = Signature.objects.get()
    assert signature.status == Signature.Status.CONFIRMED and signature.confirmed_at is not None
    petition.refresh_from_db()
    assert petition.signature_count == 1
    action = Action.objects.get()
    assert (action.kind, action.count, action.country.code, action.case_id, action.campaign_id) == (
        "online_signature",
        1,
        "FI",
        petition.case_id,
        petition.campaign_id,
    )
    assert_counters_match(petition)


def test_recount_agrees_with_the_ledger():
    petition = PetitionFactory()
    services.sign_petition(petition=petition, signer=signer())
    services.confirm_signature(petition=petition, token=token_from(mail.outbox[0]))
    services.add_paper_batch(
        petition=petition,
        group=LocalGroupFactory(country="PY"),
        count=212,
        description="Bike rally",
        collected_on=dt.date(2012, 12, 9),
    )
    expected = Counter(
        {("online_signature", "PL", petition.case_id): 1, ("paper_signature", "PY", petition.case_id): 212}
    )
    assert ledger.recount_from_sources(petition.campaign) == ledger.ledger_totals(petition.campaign)
    from petitions.counters import recount

    assert +recount(petition.campaign) == expected


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "garbage",
        lambda t: signing.dumps({"s": 1, "p": 1}, salt="another-salt"),
    ],
)
def test_tampered_tokens_confirm_nothing(mangle):
    petition = PetitionFactory()
    services.sign_petition(petition=petition, signer=signer())
    with pytest.raises(services.InvalidToken):
        services.confirm_signature(petition=petition, token=mangle(token_from(mail.outbox[0])))
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_a_token_for_another_petition_is_refused():
    petition, other = PetitionFactory(), PetitionFactory()
    services.sign_petition(petition=petition, signer=signer())
    with pytest.raises(services.InvalidToken, match="not valid for this petition"):
        services.confirm_signature(petition=other, token=token_from(mail.outbox[0]))


def test_an_expired_token_is_refused(settings):
    petition = PetitionFactory()
    services.sign_petition(petition=petition, signer=signer())
    settings.PETITION_CONFIRMATION_MAX_AGE = -1
    with pytest.raises(services.TokenExpired, match="expired"):
        services.confirm_signature(petition=petition, token=token_from(mail.outbox[0]))
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_an_invalidated_signature_cannot_be_confirmed():
    petition = PetitionFactory()
    signature = services.sign_petition(petition=petition, signer=signer())
    services.invalidate_signatures(signatures=[signature.pk], reason="Bot burst")
    with pytest.raises(services.InvalidToken, match="withdrawn"):
        services.confirm_signature(petition=petition, token=token_from(mail.outbox[0]))
    petition.refresh_from_db()
    assert petition.signature_count == 0


def test_confirming_after_the_petition_closed_is_refused():
    petition = PetitionFactory()
    services.sign_petition(petition=petition, signer=signer())
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.CLOSED)
    petition.refresh_from_db()
    with pytest.raises(services.PetitionNotOpen):
        services.confirm_signature(petition=petition, token=token_from(mail.outbox[0]))


def test_send_reminders_reminds_each_pending_signer_once():
    now = timezone.now()
    petition = PetitionFactory()
    old = SignatureFactory(petition=petition, created_at=now - dt.timedelta(days=3))
    SignatureFactory(petition=petition, created_at=now - dt.timedelta(hours=1))  # too recent
    SignatureFactory(petition=petition, created_at=now - dt.timedelta(days=40))  # link expired
    SignatureFactory(
        petition=petition, created_at=now - dt.timedelta(days=3), status=Signature.Status.CONFIRMED
    )

    assert services.send_reminders(now=now) == 1
    assert services.send_reminders(now=now + dt.timedelta(days=1)) == 0

    old.refresh_from_db()
    assert old.reminder_sent_at == now
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [old.email]
    assert mail.outbox[0].subject.startswith("Reminder: your signature")
    assert "/confirm/" in mail.outbox[0].body


def test_reminders_skip_closed_petitions():
    petition = PetitionFactory(status=Petition.Status.CLOSED)
    SignatureFactory(petition=petition, created_at=timezone.now() - dt.timedelta(days=3))
    assert services.send_reminders() == 0


def test_invalidate_signatures_removes_them_from_the_count_with_a_reason(assert_counters_match):
    petition = PetitionFactory()
    for n in range(3):
        services.sign_petition(petition=petition, signer=signer(email=f"s{n}@example.org"))
    for message in mail.outbox:
        services.confirm_signature(petition=petition, token=token_from(message))
    pending = services.sign_petition(petition=petition, signer=signer(email="pending@example.org"))
    confirmed = list(Signature.objects.confirmed().order_by("pk"))

    changed = services.invalidate_signatures(
        signatures=[confirmed[0].pk, confirmed[1].pk, pending.pk], reason="  Burst from one address "
    )
    again = services.invalidate_signatures(signatures=[confirmed[0].pk], reason="twice")

    assert (changed, again) == (3, 0)
    petition.refresh_from_db()
    assert petition.signature_count == 1
    stored = Signature.objects.get(pk=confirmed[0].pk)
    assert (stored.status, stored.invalidation_reason) == ("invalidated", "Burst from one address")
    assert stored.invalidated_at is not None
    assert ledger.net_count_for(stored) == 0
    assert_counters_match(petition)


def test_invalidate_needs_a_reason():
    signature = SignatureFactory()
    with pytest.raises(services.PetitionError, match="reason"):
        services.invalidate_signatures(signatures=[signature.pk], reason="  ")
    signature.refresh_from_db()
    assert signature.status == Signature.Status.PENDING


def test_paper_batch_counts_at_once_in_the_ledger_and_counter(assert_counters_match):
    petition = PetitionFactory()
    group = LocalGroupFactory(country="PY", city="Asunción")

    batch = services.add_paper_batch(
        petition=petition,
        group=group,
        count=212,
        description=" Sheets from the  Asunción bike rally ",
        collected_on=dt.date(2012, 12, 9),
    )

    assert batch.description == "Sheets from the Asunción bike rally"
    petition.refresh_from_db()
    assert (petition.signature_count, petition.paper_signature_count, petition.total_count) == (0, 212, 212)
    action = Action.objects.get()
    assert (action.kind, action.count, action.country.code, action.group_id) == (
        "paper_signature",
        212,
        "PY",
        group.pk,
    )
    assert_counters_match(petition)


def test_a_withdrawn_batch_stops_counting_once_and_keeps_its_record(assert_counters_match):
    from django.db.models import Sum

    from petitions.counters import recount
    from petitions.models import PaperSignatureBatch
    from tests.factories import UserFactory

    petition = PetitionFactory()
    group = LocalGroupFactory(country="PY", city="Asunción")
    kept = services.add_paper_batch(
        petition=petition, group=group, count=25, description="Plaza", collected_on=dt.date(2012, 12, 9)
    )
    wrong = services.add_paper_batch(
        petition=petition, group=group, count=250, description="Plaza", collected_on=dt.date(2012, 12, 9)
    )
    coordinator = UserFactory()

    with pytest.raises(services.PetitionError, match="why"):
        services.withdraw_paper_batch(batch=wrong, by=coordinator, reason=" ")
    services.withdraw_paper_batch(batch=wrong, by=coordinator, reason="typed 250 for 25")
    services.withdraw_paper_batch(
        batch=wrong, by=coordinator, reason="again"
    )  # a second click changes nothing

    wrong.refresh_from_db()
    assert (wrong.withdrawal_reason, wrong.withdrawn_by, wrong.count) == (
        "typed 250 for 25",
        coordinator,
        250,
    )
    petition.refresh_from_db()
    assert petition.paper_signature_count == 25
    assert Action.objects.aggregate(n=Sum("count"))["n"] == 25
    assert list(PaperSignatureBatch.objects.counted()) == [kept]
    assert (
        recount(petition.campaign)[("paper_signature", "PY", petition.case_id)] == 25
    )  # rebuild_results agrees
    assert_counters_match(petition)


@pytest.mark.parametrize(("count", "description"), [(0, "rally"), (-5, "rally"), (10, "  ")])
def test_paper_batch_rejects_bad_numbers_and_missing_descriptions(count, description):
    petition = PetitionFactory()
    with pytest.raises(services.PetitionError):
        services.add_paper_batch(
            petition=petition,
            group=LocalGroupFactory(),
            count=count,
            description=description,
            collected_on=dt.date(2012, 12, 9),
        )
    petition.refresh_from_db()
    assert petition.paper_signature_count == 0 and not Action.objects.exists()


def test_paper_batch_refused_on_a_draft():
    with pytest.raises(services.PetitionNotOpen):
        services.add_paper_batch(
            petition=PetitionFactory(status=Petition.Status.DRAFT),
            group=LocalGroupFactory(),
            count=3,
            description="x",
            collected_on=dt.date(2012, 12, 9),
        )


def test_paper_names_count_skip_duplicates_and_can_be_invalidated(assert_counters_match):
    petition = PetitionFactory()
    group = LocalGroupFactory(country="KR", city="Seoul")
    services.sign_petition(petition=petition, signer=signer(email="ji-woo@example.org"))

    result = services.add_paper_signatures(
        petition=petition,
        group=group,
        signers=[
            Signer("Ji-woo", "Kim", "Ji-Woo@example.org", "KR", "Seoul"),
            Signer("Min-jun", "Park", "", "KR", "Seoul"),
            Signer("Seo-yeon", "Lee", "", "JP", ""),
        ],
    )

    assert [s.first_name for s in result.created] == ["Min-jun", "Seo-yeon"]
    assert result.skipped == [(1, "this email address has already signed")]
    assert all(s.status == "confirmed" and s.source == "paper" and s.group == group for s in result.created)
    assert_counters_match(petition)
    services.invalidate_signatures(signatures=[result.created[0].pk], reason="Duplicate sheet")
    petition.refresh_from_db()
    assert petition.paper_signature_count == 1
    assert_counters_match(petition)


def test_paper_names_with_one_bad_row_store_nothing():
    petition = PetitionFactory()
    with pytest.raises(services.InvalidSignatureData, match="Row 2"):
        services.add_paper_signatures(
            petition=petition,
            group=LocalGroupFactory(),
            signers=[Signer("Anna", "Nowak", "", "PL"), Signer("<b>", "Nowak", "", "PL")],
        )
    assert not Signature.objects.exists()


def test_the_emails_about_signatures_read_one_query_and_title_each_in_the_signers_language(
    django_assert_num_queries,
):
    from django.utils import translation

    petition = PetitionFactory(title_en="Free Ales Bialiatski", title_pl="Uwolnić Alesia Bialackiego")
    signature = SignatureFactory(petition=petition, language="pl", first_name="Kasia")
    english = SignatureFactory(petition=petition, language="en", first_name="Anna")
    erased = SignatureFactory(petition=petition, anonymised_at=timezone.now())

    with django_assert_num_queries(1) as queries:
        drafts = services.signature_emails([signature.pk, english.pk, erased.pk], "petitions/confirm")
        draft = drafts[signature.pk]
        with translation.override(draft.language):
            title = draft.context["petition"].title
            url = draft.context["petition_url"]

    assert (title, draft.context["first_name"], draft.language) == (
        "Uwolnić Alesia Bialackiego",
        "Kasia",
        "pl",
    )
    assert url.endswith(f"/pl/petitions/{petition.slug}/")
    assert "text_" not in queries.captured_queries[0]["sql"]  # the petition's texts stay in the database
    assert (drafts[english.pk].language, drafts[english.pk].context["first_name"]) == ("en", "Anna")
    assert erased.pk not in drafts  # nothing to send


def test_public_state_reads_a_published_petitions_state_and_nothing_of_drafts(django_assert_num_queries):
    opens = timezone.now() - dt.timedelta(days=1)
    closes = opens + dt.timedelta(days=30)
    petition = PetitionFactory(
        title="Free Ales Bialiatski",
        signature_count=7,
        paper_signature_count=3,
        opens_at=opens,
        closes_at=closes,
    )
    draft = PetitionFactory(status=Petition.Status.DRAFT)

    with django_assert_num_queries(1):
        state = Petition.objects.public_state(petition.slug)
        values = (
            *(state.pk, state.slug, state.status, state.signature_count, state.paper_signature_count),
            *(state.opens_at, state.closes_at, state.updated_at),
        )
        refusal = state.refusal_reason()

    assert values == (petition.pk, petition.slug, "open", 7, 3, opens, closes, petition.updated_at)
    assert state.updated_at.tzinfo is not None  # aware on every database (SQLite returns text, converted)
    assert refusal == ""
    assert {"title", "text"} <= state.get_deferred_fields()
    assert Petition.objects.public_state(draft.slug) is None
    assert Petition.objects.public_state("no-such-petition") is None


def test_the_page_version_follows_the_counters_and_whether_signing_is_open():
    now = timezone.now()
    petition = PetitionFactory(opens_at=now + dt.timedelta(days=1))
    later = petition.page_version()
    assert petition.opens_later(now) and not petition.opens_later(now + dt.timedelta(days=2))

    petition.opens_at = now - dt.timedelta(days=1)
    opened = petition.page_version()
    petition.signature_count += 1

    assert len({later, opened, petition.page_version()}) == 3
    petition.save()
    stored = Petition.objects.get(pk=petition.pk)
    assert Petition.objects.public_state(petition.slug).page_version() == stored.page_version()


@pytest.mark.parametrize("name", ["Zoé", "Jean-Luc", "O’Brien", "Мікола", "María José", "St. John III", "李"])
def test_names_in_any_script_with_their_punctuation_are_taken(name):
    assert services.clean_person_name(name, label="first name") == name


def test_signing_again_and_again_emails_the_address_once_in_a_while_not_each_time(
    django_capture_on_commit_callbacks,
):
    """The form answers every try alike; its email must not be a way to fill a stranger's inbox."""
    petition = PetitionFactory()
    signer = Signer("Anna", "Nowak", "anna@example.org", "PL")
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_petition(petition=petition, signer=signer)
        for _ in range(3):
            with pytest.raises(services.AlreadySigned):
                services.sign_petition(petition=petition, signer=signer)
    subjects = [email.subject.split(":")[0] for email in mail.outbox]
    assert subjects == ["Please confirm your signature", "Your signature still needs confirming"]
