"""The attack surface, swept: CSRF on every form, escaping of every user-entered field, no open redirect,
no access to another person's objects through a guessed id or a borrowed token."""

import pytest
from django.test import Client
from django.urls import reverse

from events import services as event_services
from petitions import services as petition_services
from petitions.models import Signature
from petitions.services import Signer
from tests.events.factories import EventFactory, EventReportFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.letters.factories import SolidarityMessageFactory
from tests.petitions.factories import PetitionFactory, SignatureFactory

from .public_forms import PUBLIC_FORMS, human

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


# --- CSRF ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda f: f.name)
def test_every_public_form_refuses_a_post_without_a_csrf_token_and_stores_nothing(world, form):
    browser = Client(enforce_csrf_checks=True)
    before = form.rows()

    response = browser.post(form.url(world), form.data(world))

    assert response.status_code == 403
    assert form.rows() == before


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda f: f.name)
def test_every_public_form_works_with_its_csrf_token(world, form):
    browser = Client(enforce_csrf_checks=True)
    browser.get(form.shown_at(world))
    before = form.rows()

    response = browser.post(
        form.url(world), {**form.data(world), "csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
    )

    assert response.status_code in (200, 302)
    assert form.rows() == before + 1


@pytest.mark.parametrize(
    "path",
    [
        lambda w: reverse("petitions:confirm", args=[w["petition"].slug, "x"]),
        lambda w: reverse("events:signup-cancel", args=["x"]),
        lambda w: reverse("privacy-data-confirm", args=["x"]),
        lambda w: reverse("letters:appeal", args=[w["case"].slug]),
        lambda w: reverse("events:new"),
    ],
    ids=["petition-confirm", "signup-cancel", "data-request-confirm", "appeal-pdf", "event-new"],
)
def test_token_pages_and_other_forms_enforce_csrf_too(world, path):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory())

    assert browser.post(path(world), {}).status_code == 403


# --- stored and reflected XSS ------------------------------------------------------------------------


def test_user_entered_text_is_escaped_wherever_the_public_sees_it(client, world):
    case, campaign = world["case"], world["campaign"]
    event = EventFactory(
        campaign=campaign,
        cases=[case],
        title=f"Vigil {PAYLOAD}",
        description=PAYLOAD,
        venue_name=PAYLOAD,
        address=PAYLOAD,
        city=f"Turku{PAYLOAD}",
        accessibility_notes=PAYLOAD,
    )
    SolidarityMessageFactory(
        case=case, first_name=PAYLOAD[:50], body=PAYLOAD, status="approved", decided_at="2012-12-10T10:00Z"
    )
    SignatureFactory(
        petition=world["petition"],
        first_name=PAYLOAD[:100],
        show_first_name=True,
        status="confirmed",
        confirmed_at="2012-12-10T10:00Z",
    )
    pages = [
        event.get_absolute_url(),
        reverse("events:list"),
        reverse("events:list") + "?q=" + PAYLOAD,
        case.get_absolute_url(),
        reverse("letters:wall", args=[case.slug]),
        world["petition"].get_absolute_url(),
        reverse("petitions:list"),
        reverse("home"),
    ]
    for page in pages:
        body = client.get(page).content.decode()
        assert "<script>alert" not in body, page
        assert "onerror=alert" not in body.replace("onerror=alert(1)&gt;", ""), page


def test_names_on_the_host_signup_list_and_in_reports_are_escaped(client, world):
    event = world["event"]
    RegistrationFactory(event=event, name=PAYLOAD)
    client.force_login(event.host)

    body = client.get(reverse("events:signups", args=[event.slug])).content.decode()

    assert "<script>alert" not in body and "&lt;script&gt;" in body


def test_a_rejected_form_echoes_what_was_typed_escaped(client, world):
    data = {**human(), "first_name": PAYLOAD[:50], "country": "ZZ", "body": PAYLOAD, "email": ""}

    response = client.post(reverse("letters:message", args=[world["case"].slug]), data)

    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()


# --- open redirects ----------------------------------------------------------------------------------

EVIL = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"]


@pytest.mark.parametrize("target", EVIL)
def test_logging_in_never_leads_off_site(client, world, target):
    user = UserFactory(email="vol@example.org")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    response = client.post(
        reverse("account_login") + "?next=" + target,
        {"login": "vol@example.org", "password": "correct horse battery staple", "next": target},
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_the_admin_login_never_leads_off_site(client, world, target):
    UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)

    response = client.post(
        reverse("admin:login") + "?next=" + target,
        {"username": "staff@example.org", "password": "correct horse battery staple", "next": target},
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_switching_language_never_leads_off_site(client, target):
    response = client.post(reverse("set_language"), {"language": "pl", "next": target})

    assert "evil.example" not in response.get("Location", "")


@pytest.mark.parametrize("path", ["//evil.example/", "/%2F%2Fevil.example/", "/\\evil.example"])
def test_the_language_redirect_stays_on_this_site(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="pl")

    if response.status_code in (301, 302):
        assert response["Location"].startswith("/pl/")
        assert not response["Location"].startswith("//")


# --- IDOR: ids and tokens that belong to someone else -----------------------------------------------


def test_a_confirmation_link_works_only_for_its_own_petition(client, world):
    signature = petition_services.sign_petition(
        petition=world["petition"], signer=Signer("Anna", "Nowak", "anna@example.org", "PL")
    )
    other = PetitionFactory(campaign=world["campaign"], case=world["case"])
    token = petition_services.make_confirmation_token(signature)

    response = client.post(reverse("petitions:confirm", args=[other.slug, token]))

    assert response.status_code == 400
    signature.refresh_from_db()
    assert signature.status == Signature.Status.PENDING


def test_a_cancel_link_cannot_be_forged_for_someone_elses_signup(client, world):
    registration = event_services.register_for_event(
        event=world["event"], name="Ala", email="ala@example.org", consent=True
    )
    token = event_services.cancel_token(registration)
    forged = token.replace(token.split(":")[0], str(registration.pk + 1))

    response = client.post(reverse("events:signup-cancel", args=[forged]))

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


@pytest.mark.parametrize(
    "page", ["events:edit", "events:cancel", "events:signups", "events:signups-csv", "events:report"]
)
def test_another_volunteer_cannot_open_someone_elses_event_pages(client, world, page):
    client.force_login(UserFactory())

    response = client.get(reverse(page, args=[world["event"].slug]))

    assert response.status_code in (403, 404)


def test_another_volunteers_report_cannot_be_reached_by_its_event(client, world):
    report = EventReportFactory()
    client.force_login(UserFactory())

    assert client.post(reverse("events:report", args=[report.event.slug]), {}).status_code in (403, 404)
