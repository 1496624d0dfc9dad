"""A person's language is stored with their account, so emails sent to them later are in their language and
not in that of the coordinator (or volunteer) whose action sent them."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import translation

from campaigns.models import User
from events import services
from tests.events.factories import EventFactory
from tests.factories import LocalGroupFactory, UserFactory, coordinator_of

pytestmark = pytest.mark.django_db

PASSWORD = "lanterns-for-ales-2012"


def test_an_account_created_on_the_polish_pages_is_polish(client):
    response = client.post(
        "/pl/accounts/signup/",
        {"email": "kasia@example.net", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert User.objects.get(email="kasia@example.net").language == "pl"
    assert mail.outbox[-1].subject.endswith(
        "Potwierdź adres e-mail"
    )  # not allauth's "Proszę potwierdź adresy"


def test_an_account_takes_the_language_it_last_logged_in_with(client):
    """A volunteer who signed up on /fr/ and now uses the site in Spanish was still emailed in French."""
    older = UserFactory(email="older@example.net", password=PASSWORD, language="")
    moved = UserFactory(email="moved@example.net", password=PASSWORD, language="fr")

    for person in (older, moved):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
        response = Client().post("/es/accounts/login/", {"login": person.email, "password": PASSWORD})
        assert response.status_code == 302

    older.refresh_from_db()
    moved.refresh_from_db()
    assert (older.language, moved.language) == ("es", "es")


def test_a_volunteer_who_signed_up_in_polish_hears_of_the_approval_in_polish(
    client, django_capture_on_commit_callbacks
):
    client.post(
        "/pl/accounts/signup/",
        {"email": "host@example.net", "password1": PASSWORD, "password2": PASSWORD},
    )
    host = User.objects.get(email="host@example.net")
    group = LocalGroupFactory()
    event = EventFactory(host=host, group=group, status="pending", title="Warsztaty lampionów")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):  # an English admin
        services.publish_event(event=event, by=coordinator_of(group))

    email = mail.outbox[-1]
    assert email.to == ["host@example.net"]
    assert "opublikowane" in email.subject.lower() or "opublikowan" in email.body.lower()
    assert '<html lang="pl">' in email.alternatives[0][0]


def test_the_email_addresses_page_pairs_each_radio_with_its_address_and_marks_removal_as_danger(client):
    user = UserFactory(email="ola@example.net")
    EmailAddress.objects.create(user=user, email="ola@example.net", verified=True, primary=True)
    client.force_login(user)

    html = client.get("/accounts/email/").content.decode()

    radio = html.split('<div class="form-check mb-2">')[1].split("</div>")[0]
    assert 'class="form-check-input" type="radio"' in radio and "ola@example.net" in radio
    assert 'class="badge rounded-pill ms-1 text-bg-success"' in radio  # "Verified", not bold text run into it
    assert '<button class="btn btn-outline-danger" name="action_remove" type="submit">' in html
    assert '<button class="btn btn-outline-dark" name="action_send" type="submit">' in html
