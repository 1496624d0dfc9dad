"""A group's data through its token: what it reads and creates, through the events and petitions services,
never another group's; revocation; the Idempotency-Key."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from api.models import GroupToken, IdempotencyRecord, Submission
from campaigns.models import Action
from events.models import Event, EventReport, Registration
from petitions.models import PaperSignatureBatch, Petition, Signature
from tests.events.factories import EventFactory, EventReportFactory, RegistrationFactory
from tests.factories import CaseFactory, LocalGroupFactory
from tests.petitions.factories import PaperSignatureBatchFactory, PetitionFactory, SignatureFactory

from .factories import auth, make_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_a():
    return LocalGroupFactory(slug="poznan-pl", name="Poznań")


@pytest.fixture
def group_b():
    return LocalGroupFactory(slug="helsinki-fi", name="Helsinki", country="FI", city="Helsinki")


@pytest.fixture
def token_a(group_a):
    return make_token(group_a)[1]


@pytest.fixture
def token_b(group_b):
    return make_token(group_b)[1]


def signup_body(event, email="ania@example.org", **extra):
    return {"event": event.slug, "person": {"name": "Ania Nowak", "email": email}, "consent": True, **extra}


def signature_body(petition, email="ania@example.org", **extra):
    person = {"given_name": "Ania", "family_name": "Nowak", "email": email, "country": "PL"}
    return {"petition": petition.slug, "person": person, **extra}


# --- authentication ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/api/v1/attendances/", "/api/v1/signatures/", "/api/v1/paper_batches/", "/api/v1/event_reports/"]
)
def test_group_endpoints_need_a_token(api, url):
    response = api.get(url)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_unknown_token_is_refused(api):
    response = api.get("/api/v1/attendances/", **auth("mrt_not-a-real-token"))

    assert response.status_code == 401
    assert response.json() == {"detail": "The token is not valid or has been revoked."}


def test_revoked_token_is_refused(api, group_a):
    token, secret = make_token(group_a)
    assert api.get("/api/v1/attendances/", **auth(secret)).status_code == 200

    token.revoked_at = timezone.now()
    token.save()

    assert api.get("/api/v1/attendances/", **auth(secret)).status_code == 401


def test_token_of_an_inactive_group_is_refused(api, group_a, token_a):
    group_a.is_active = False
    group_a.save()

    assert api.get("/api/v1/attendances/", **auth(token_a)).status_code == 401


def test_only_a_hash_of_the_secret_is_stored_and_last_use_is_recorded(api, group_a):
    token, secret = make_token(group_a)

    api.get("/api/v1/attendances/", **auth(secret))

    token.refresh_from_db()
    assert secret not in {token.secret_hash, token.prefix, token.name}
    assert secret.startswith(token.prefix) and token.prefix.startswith("mrt_")
    assert token.last_used_at is not None


def test_group_responses_are_never_cached(api, token_a):
    response = api.get("/api/v1/attendances/", **auth(token_a))

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in response


# --- reading: a token sees its own group only ------------------------------------------------------------


def test_attendances_list_only_the_groups_event_signups(api, group_a, group_b, token_a):
    mine = RegistrationFactory(event=EventFactory(group=group_a), name="Ania", email="ania@example.org")
    RegistrationFactory(event=EventFactory(group=group_b))

    response = api.get("/api/v1/attendances/", **auth(token_a))

    assert [row["id"] for row in response.json()["results"]] == [mine.pk]
    assert response.json()["results"][0]["person"] == {
        "name": "Ania",
        "email": "ania@example.org",
        "phone": "",
    }


def test_token_of_a_cannot_read_bs_rows_by_id(api, group_b, token_a):
    registration = RegistrationFactory(event=EventFactory(group=group_b))
    report = EventReportFactory(event__group=group_b)
    batch = PaperSignatureBatchFactory(group=group_b)
    paper = SignatureFactory(source=Signature.Source.PAPER, group=group_b, status=Signature.Status.CONFIRMED)

    assert api.get(f"/api/v1/attendances/{registration.pk}/", **auth(token_a)).status_code == 404
    assert api.get(f"/api/v1/event_reports/{report.pk}/", **auth(token_a)).status_code == 404
    assert api.get(f"/api/v1/paper_batches/{batch.pk}/", **auth(token_a)).status_code == 404
    assert api.get(f"/api/v1/signatures/{paper.pk}/", **auth(token_a)).status_code == 404


def test_signatures_list_the_groups_paper_and_partner_submitted_ones(api, group_a, group_b, token_a):
    petition = PetitionFactory()
    paper = SignatureFactory(petition=petition, source=Signature.Source.PAPER, group=group_a, email="")
    submitted = SignatureFactory(petition=petition)
    Submission.objects.create(group=group_a, signature=submitted)
    SignatureFactory(petition=petition)  # signed on the website
    SignatureFactory(petition=petition, source=Signature.Source.PAPER, group=group_b, email="")
    other = SignatureFactory(petition=petition)
    Submission.objects.create(group=group_b, signature=other)

    rows = api.get("/api/v1/signatures/", **auth(token_a)).json()["results"]

    assert sorted(row["id"] for row in rows) == sorted([paper.pk, submitted.pk])


def test_event_reports_list_the_groups_reports_with_letters_per_case(api, group_a, group_b, token_a):
    case = CaseFactory(slug="ales")
    report = EventReportFactory(event__group=group_a, event__cases=[case], participants=31, lanterns=12)
    report.case_counts.create(case=case, letters=140)
    EventReportFactory(event__group=group_b)

    (row,) = api.get("/api/v1/event_reports/", **auth(token_a)).json()["results"]

    assert row["id"] == report.pk
    assert row["status"] == "pending"
    assert row["participants"] == 31
    assert row["lanterns"] == 12
    assert row["letters"] == [{"case": "ales", "letters": 140}]
    assert row["letters_total"] == 140


def test_paper_batches_list_the_groups_batches(api, group_a, group_b, token_a):
    mine = PaperSignatureBatchFactory(group=group_a, count=212)
    PaperSignatureBatchFactory(group=group_b)

    (row,) = api.get("/api/v1/paper_batches/", **auth(token_a)).json()["results"]

    assert (row["id"], row["count"], row["petition"]) == (mine.pk, 212, mine.petition.slug)


# --- creating through the services --------------------------------------------------------------------------


def test_create_attendance_goes_through_the_signup_service(
    api, group_a, token_a, django_capture_on_commit_callbacks
):
    event = EventFactory(group=group_a, capacity=1)

    with django_capture_on_commit_callbacks(execute=True):
        first = api.post("/api/v1/attendances/", signup_body(event), format="json", **auth(token_a, "k-1"))
    with django_capture_on_commit_callbacks(execute=True):
        second = api.post(
            "/api/v1/attendances/",
            signup_body(event, "jan@example.org"),
            format="json",
            **auth(token_a, "k-2"),
        )

    assert first.status_code == 201, first.content
    assert first.json()["status"] == "confirmed"
    assert second.json()["status"] == "waitlisted"
    stored = Registration.objects.get(pk=first.json()["id"])
    assert (stored.name, stored.email, stored.consent) == ("Ania Nowak", "ania@example.org", True)
    assert Submission.objects.filter(registration=stored, group=group_a).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["ania@example.org", "jan@example.org"]


def test_a_partner_chooses_the_language_of_the_persons_emails(
    api, group_a, token_a, django_capture_on_commit_callbacks
):
    event, petition = EventFactory(group=group_a), PetitionFactory()

    with django_capture_on_commit_callbacks(execute=True):
        signup = api.post(
            "/api/v1/attendances/", signup_body(event, language="pl"), format="json", **auth(token_a, "l-1")
        )
        signature = api.post(
            "/api/v1/signatures/",
            signature_body(petition, language="fr"),
            format="json",
            **auth(token_a, "l-2"),
        )
        by_header = api.post(
            "/api/v1/attendances/",
            signup_body(event, "jan@example.org"),
            format="json",
            HTTP_ACCEPT_LANGUAGE="es",
            **auth(token_a, "l-3"),
        )
    unknown = api.post(
        "/api/v1/attendances/",
        signup_body(event, "ola@example.org", language="xx"),
        format="json",
        **auth(token_a, "l-4"),
    )

    assert (signup.status_code, signature.status_code, by_header.status_code) == (201, 201, 201)
    assert Registration.objects.get(pk=signup.json()["id"]).language == "pl"
    assert Signature.objects.get(pk=signature.json()["id"]).language == "fr"
    assert Registration.objects.get(pk=by_header.json()["id"]).language == "es"
    links = {
        (message.to[0], link)
        for message in mail.outbox
        for link in (
            f"/pl/events/{event.slug}/",
            f"/fr/petitions/{petition.slug}/confirm/",
            f"/es/events/{event.slug}/",
        )
        if link in message.body
    }
    assert links == {
        ("ania@example.org", f"/pl/events/{event.slug}/"),
        ("ania@example.org", f"/fr/petitions/{petition.slug}/confirm/"),
        ("jan@example.org", f"/es/events/{event.slug}/"),
    }
    assert unknown.status_code == 400 and "language" in unknown.json()


def test_create_attendance_refused_by_the_services_rules(api, group_a, token_a):
    past = EventFactory(group=group_a, starts_at=timezone.now() - dt.timedelta(days=2))
    event = EventFactory(group=group_a)
    RegistrationFactory(event=event, email="ania@example.org")

    started = api.post("/api/v1/attendances/", signup_body(past), format="json", **auth(token_a, "a"))
    twice = api.post("/api/v1/attendances/", signup_body(event), format="json", **auth(token_a, "b"))
    no_consent = api.post(
        "/api/v1/attendances/",
        signup_body(event, "x@example.org", consent=False),
        format="json",
        **auth(token_a, "c"),
    )

    assert started.status_code == 409
    assert "This event is over" in started.json()["detail"]
    assert twice.status_code == 409
    assert "already signed up" in twice.json()["detail"]
    assert no_consent.status_code == 400
    assert Registration.objects.count() == 1


def test_a_sign_up_through_the_api_takes_a_persons_name_as_the_form_does(api, group_a, token_a):
    event = EventFactory(group=group_a)
    body = signup_body(event)
    body["person"]["name"] = "😀"

    response = api.post("/api/v1/attendances/", body, format="json", **auth(token_a, "emoji"))

    assert response.status_code == 400
    assert response.json()["person"]["name"] == [
        "The name may contain letters, spaces, hyphens and apostrophes only."
    ]
    assert not Registration.objects.exists()


def test_token_of_a_cannot_sign_people_up_for_bs_events(api, group_b, token_a):
    event = EventFactory(group=group_b)

    response = api.post("/api/v1/attendances/", signup_body(event), format="json", **auth(token_a, "k"))

    assert response.status_code == 400
    assert "event" in response.json()
    assert not Registration.objects.exists()


def test_online_signature_from_a_partner_is_double_opt_in(
    api, group_a, token_a, django_capture_on_commit_callbacks
):
    petition = PetitionFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/signatures/",
            signature_body(petition, consent_to_contact=True),
            format="json",
            **auth(token_a, "sig-1"),
        )

    assert response.status_code == 201, response.content
    signature = Signature.objects.get(pk=response.json()["id"])
    assert signature.status == Signature.Status.PENDING
    assert signature.source == Signature.Source.ONLINE
    assert signature.consent_form == "partner-api"
    assert signature.api_submission.group == group_a
    petition.refresh_from_db()
    assert petition.signature_count == 0  # counts only once the signer confirms by email
    assert not Action.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["ania@example.org"]
    assert f"/petitions/{petition.slug}/confirm/" in message.body


def test_online_signature_refusals(api, token_a):
    petition = PetitionFactory()
    closed = PetitionFactory(status=Petition.Status.CLOSED)
    SignatureFactory(petition=petition, email="ania@example.org")

    twice = api.post("/api/v1/signatures/", signature_body(petition), format="json", **auth(token_a, "1"))
    shut = api.post(
        "/api/v1/signatures/", signature_body(closed, "x@example.org"), format="json", **auth(token_a, "2")
    )
    bad = api.post(
        "/api/v1/signatures/",
        signature_body(petition, "y@example.org")
        | {"person": {"given_name": "<b>", "family_name": "N", "email": "y@example.org", "country": "PL"}},
        format="json",
        **auth(token_a, "3"),
    )
    country = api.post(
        "/api/v1/signatures/",
        signature_body(petition, "z@example.org")
        | {"person": {"given_name": "Z", "family_name": "N", "email": "z@example.org", "country": "XX"}},
        format="json",
        **auth(token_a, "4"),
    )

    assert twice.status_code == 409
    assert shut.status_code == 409
    assert bad.status_code == 400
    assert country.status_code == 400 and country.json()["field"] == "country"
    assert Signature.objects.count() == 1


def test_paper_signature_counts_at_once_for_the_group(api, group_a, token_a):
    petition = PetitionFactory()

    response = api.post(
        "/api/v1/signatures/",
        signature_body(petition, email="", source="paper"),
        format="json",
        **auth(token_a, "paper-1"),
    )

    assert response.status_code == 201, response.content
    signature = Signature.objects.get(pk=response.json()["id"])
    assert (signature.source, signature.status, signature.group) == ("paper", "confirmed", group_a)
    petition.refresh_from_db()
    assert petition.paper_signature_count == 1
    assert Action.objects.get().kind == Action.Kind.PAPER_SIGNATURE


def test_paper_batch_is_entered_through_the_service(api, group_a, token_a):
    petition = PetitionFactory()
    body = {
        "petition": petition.slug,
        "count": 212,
        "description": "Bike rally",
        "collected_on": "2012-12-09",
    }

    response = api.post("/api/v1/paper_batches/", body, format="json", **auth(token_a, "batch-1"))

    assert response.status_code == 201, response.content
    batch = PaperSignatureBatch.objects.get()
    assert (batch.group, batch.count, batch.description) == (group_a, 212, "Bike rally")
    petition.refresh_from_db()
    assert petition.paper_signature_count == 212
    assert Action.objects.get().count == 212


def test_paper_batch_for_a_draft_petition_is_refused(api, token_a):
    petition = PetitionFactory(status=Petition.Status.DRAFT)
    body = {"petition": petition.slug, "count": 5, "description": "Stall", "collected_on": "2012-12-09"}

    response = api.post("/api/v1/paper_batches/", body, format="json", **auth(token_a, "d"))

    assert response.status_code == 400  # a draft is not a public petition, so the slug is unknown
    assert not PaperSignatureBatch.objects.exists()


def test_event_reports_are_read_only(api, group_a, token_a):
    report = EventReportFactory(event__group=group_a)

    assert api.post("/api/v1/event_reports/", {}, format="json", **auth(token_a, "r")).status_code == 405
    assert api.delete(f"/api/v1/event_reports/{report.pk}/", **auth(token_a)).status_code == 405
    assert EventReport.objects.count() == 1


# --- idempotency ---------------------------------------------------------------------------------------------


def test_a_retried_post_returns_the_first_response_and_creates_nothing(
    api, group_a, token_a, django_capture_on_commit_callbacks
):
    event = EventFactory(group=group_a)

    with django_capture_on_commit_callbacks(execute=True):
        first = api.post(
            "/api/v1/attendances/", signup_body(event), format="json", **auth(token_a, "retry-me")
        )
    with django_capture_on_commit_callbacks(execute=True):
        retry = api.post(
            "/api/v1/attendances/", signup_body(event), format="json", **auth(token_a, "retry-me")
        )

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1
    record = IdempotencyRecord.objects.get()
    assert (record.key, record.status_code) == ("retry-me", 201)


def test_same_key_with_a_different_body_is_422(api, group_a, token_a):
    event = EventFactory(group=group_a)
    api.post("/api/v1/attendances/", signup_body(event), format="json", **auth(token_a, "k"))

    response = api.post(
        "/api/v1/attendances/", signup_body(event, "jan@example.org"), format="json", **auth(token_a, "k")
    )

    assert response.status_code == 422
    assert response.json() == {"detail": "This Idempotency-Key was already used for a different request."}
    assert Registration.objects.count() == 1


def test_same_key_on_another_endpoint_is_422(api, group_a, token_a):
    petition = PetitionFactory()
    api.post("/api/v1/signatures/", signature_body(petition), format="json", **auth(token_a, "k"))
    body = {"petition": petition.slug, "count": 3, "description": "Stall", "collected_on": "2012-12-09"}

    assert api.post("/api/v1/paper_batches/", body, format="json", **auth(token_a, "k")).status_code == 422


def test_keys_belong_to_one_token(api, group_a, token_a):
    event = EventFactory(group=group_a)
    _other, other_secret = make_token(group_a, name="Website")

    api.post("/api/v1/attendances/", signup_body(event), format="json", **auth(token_a, "k"))
    response = api.post(
        "/api/v1/attendances/",
        signup_body(event, "jan@example.org"),
        format="json",
        **auth(other_secret, "k"),
    )

    assert response.status_code == 201
    assert Registration.objects.count() == 2


def test_a_refused_post_is_not_remembered(api, group_a, token_a):
    event = EventFactory(group=group_a, status=Event.Status.PENDING)
    first = api.post("/api/v1/attendances/", signup_body(event), format="json", **auth(token_a, "k"))
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)

    retry = api.post("/api/v1/attendances/", signup_body(event), format="json", **auth(token_a, "k"))

    assert first.status_code == 409
    assert retry.status_code == 201
    assert IdempotencyRecord.objects.get().status_code == 201


@pytest.mark.parametrize("key", [None, "", "x" * 256])
def test_post_without_a_valid_idempotency_key_is_400(api, group_a, token_a, key):
    event = EventFactory(group=group_a)
    headers = auth(token_a)
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key

    response = api.post("/api/v1/attendances/", signup_body(event), format="json", **headers)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]
    assert not Registration.objects.exists()


def test_revoked_token_cannot_replay(api, group_a):
    token, secret = make_token(group_a)
    event = EventFactory(group=group_a)
    api.post("/api/v1/attendances/", signup_body(event), format="json", **auth(secret, "k"))
    GroupToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())

    assert (
        api.post("/api/v1/attendances/", signup_body(event), format="json", **auth(secret, "k")).status_code
        == 401
    )


# --- query counts --------------------------------------------------------------------------------------------


def _fill(group, n: int) -> None:
    case = CaseFactory()
    petition = PetitionFactory()
    for _ in range(n):
        event = EventFactory(group=group, cases=[case])
        RegistrationFactory(event=event)
        report = EventReport.objects.create(event=event, participants=3)
        report.case_counts.create(case=case, letters=2)
        PaperSignatureBatchFactory(group=group, petition=petition)
        SignatureFactory(petition=petition, source=Signature.Source.PAPER, group=group, email="")


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/attendances/", 3),
        ("/api/v1/signatures/", 3),
        ("/api/v1/paper_batches/", 3),
        ("/api/v1/event_reports/", 4),
    ],
)
@pytest.mark.parametrize("rows", [1, 10])
def test_group_list_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, group_a, url, queries, rows
):
    _token, secret = make_token(group_a, last_used_at=timezone.now())
    _fill(group_a, rows)

    with django_assert_num_queries(queries):  # the token, the count, the page (+ letters per case)
        response = api.get(url, **auth(secret))

    assert len(response.json()["results"]) == rows


def test_a_token_reads_its_own_rows_by_id(api, group_a, token_a):
    registration = RegistrationFactory(event=EventFactory(group=group_a))
    report = EventReportFactory(event__group=group_a)
    batch = PaperSignatureBatchFactory(group=group_a)
    paper = SignatureFactory(source=Signature.Source.PAPER, group=group_a, status=Signature.Status.CONFIRMED)

    assert api.get(f"/api/v1/attendances/{registration.pk}/", **auth(token_a)).json()["id"] == registration.pk
    assert (
        api.get(f"/api/v1/event_reports/{report.pk}/", **auth(token_a)).json()["event"] == report.event.slug
    )
    assert api.get(f"/api/v1/paper_batches/{batch.pk}/", **auth(token_a)).json()["count"] == batch.count
    assert api.get(f"/api/v1/signatures/{paper.pk}/", **auth(token_a)).json()["source"] == "paper"


def test_attendances_filter_by_event_and_status(api, group_a, token_a):
    one, two = EventFactory(group=group_a, slug="one"), EventFactory(group=group_a, slug="two")
    wanted = RegistrationFactory(event=one)
    RegistrationFactory(event=one, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=two)

    rows = api.get("/api/v1/attendances/?event=one&status=confirmed", **auth(token_a)).json()["results"]

    assert [row["id"] for row in rows] == [wanted.pk]


def test_requests_per_token_are_limited(api, group_a, settings):
    settings.API_TOKEN_RATE = "2/m"
    _token, secret = make_token(group_a)
    _other, other_secret = make_token(group_a, name="Website")

    statuses = [api.get("/api/v1/attendances/", **auth(secret)).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert api.get("/api/v1/attendances/", **auth(other_secret)).status_code == 200
