"""Anonymous forms that take an email are limited per hashed, normalised address as well as per IP."""

import pytest
from django.urls import reverse

from campaigns.abuse import hash_email
from petitions.models import Signature
from tests.events.factories import EventFactory
from tests.events.test_views import signup_data
from tests.factories import CaseFactory
from tests.petitions.factories import PetitionFactory
from tests.petitions.test_views import form_data, sign_url

pytestmark = pytest.mark.django_db


def test_the_email_key_is_a_keyed_hash_of_the_normalised_address():
    assert hash_email("  Anna@Example.ORG ") == hash_email("anna@example.org")
    assert "anna" not in hash_email("anna@example.org")
    assert hash_email("anna@example.org") != hash_email("ania@example.org")
    # One mailbox, one limit: a "+tag" reaches the same inbox, so it does not buy another round of posts.
    assert (
        hash_email("Anna+1@example.org") == hash_email("anna+2@example.org") == hash_email("anna@example.org")
    )


def test_petition_signing_is_limited_per_email_across_addresses(client, settings):
    settings.RATE_LIMIT_PER_EMAIL = "2/h"
    petition = PetitionFactory()
    emails = ["anna@example.org", "ANNA@example.org ", " anna@Example.org"]
    statuses = [
        client.post(
            sign_url(petition), form_data(client, petition, email=email), REMOTE_ADDR=f"198.51.100.{n}"
        ).status_code
        for n, email in enumerate(emails, start=1)
    ]
    other_email = client.post(
        sign_url(petition), form_data(client, petition, email="basia@example.org"), REMOTE_ADDR="198.51.100.3"
    )

    assert statuses[:2] != [429, 429] and statuses[2] == 429
    assert other_email.status_code == 302
    assert sorted(Signature.objects.values_list("email", flat=True)) == [
        "anna@example.org",
        "basia@example.org",
    ]


def test_event_sign_up_is_limited_per_email(client, settings):
    settings.RATE_LIMIT_PER_EMAIL = "2/h"
    event = EventFactory()
    url = event.get_absolute_url()
    statuses = [
        client.post(url, signup_data(email="ala@example.org"), REMOTE_ADDR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    response = client.post(url, signup_data(email="ola@example.org"), REMOTE_ADDR="203.0.113.2")

    assert 429 not in statuses[:2] and statuses[2] == 429
    assert response.status_code != 429
    assert event.registrations.filter(email="ola@example.org").exists()


def test_a_solidarity_message_with_an_email_is_limited_per_email_and_answers_friendly(client, settings):
    settings.RATE_LIMIT_PER_EMAIL = "1/h"
    case = CaseFactory()
    url = reverse("letters:message", kwargs={"slug": case.slug})
    first = client.post(url, {"email": "zoe@example.org"}, REMOTE_ADDR="192.0.2.1")
    second = client.post(url, {"email": "Zoe@example.org"}, REMOTE_ADDR="192.0.2.2")
    without_email = [client.post(url, {}, REMOTE_ADDR="192.0.2.3").status_code for _ in range(2)]

    assert first.status_code != 429
    assert second.status_code == 429
    assert second["Retry-After"] == "60"
    assert 429 not in without_email


def test_data_requests_are_limited_per_address_and_per_ip(client, settings):
    from campaigns.models import DataRequest
    from tests.security.public_forms import human

    settings.RATE_LIMIT_PER_EMAIL = "2/h"
    settings.RATE_LIMIT_PUBLIC_FORMS = "3/h"  # an hour-long window: the posts never straddle two windows
    url = reverse("privacy-data")

    same_address = [
        client.post(
            url, {**human(), "email": "kasia@example.org", "kind": "export"}, REMOTE_ADDR=f"198.51.100.{n}"
        )
        for n in range(3)
    ]
    same_ip = [
        client.post(
            url, {**human(), "email": f"p{n}@example.org", "kind": "export"}, REMOTE_ADDR="203.0.113.9"
        )
        for n in range(4)
    ]

    assert [r.status_code for r in same_address] == [302, 302, 429]
    assert [r.status_code for r in same_ip] == [302, 302, 302, 429]
    assert "Slow down a little" in same_ip[-1].content.decode()
    assert "the form you just sent was not saved" in same_ip[-1].content.decode()
    assert DataRequest.objects.count() == 5


def test_password_reset_requests_are_limited_by_the_account_library(client):
    url = reverse("account_reset_password")

    statuses = [client.post(url, {"email": "kasia@example.org"}).status_code for _ in range(6)]

    assert statuses[:5] == [302] * 5 and statuses[5] == 429
