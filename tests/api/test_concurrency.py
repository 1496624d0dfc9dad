"""The same Idempotency-Key sent by several threads at once acts exactly once (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from api.models import IdempotencyRecord
from events.models import Registration
from petitions.models import Signature
from tests.events.factories import EventFactory
from tests.petitions.factories import PetitionFactory

from .factories import auth, make_token

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def post_at_once(n: int, url: str, body: dict, headers: dict) -> list:
    start = threading.Barrier(n)
    responses, errors = [], []

    def post() -> None:
        try:
            start.wait()
            responses.append(APIClient().post(url, body, format="json", **headers))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return responses


def test_concurrent_retries_of_a_signup_create_one_registration():
    token, secret = make_token()
    event = EventFactory(group=token.group)
    body = {"event": event.slug, "person": {"name": "Ania", "email": "ania@example.org"}, "consent": True}

    responses = post_at_once(6, "/api/v1/attendances/", body, auth(secret, "same-key"))

    assert [r.status_code for r in responses] == [201] * 6
    assert all(r.json() == responses[0].json() for r in responses)
    assert Registration.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1


def test_concurrent_retries_of_a_signature_create_one_signature():
    _token, secret = make_token()
    petition = PetitionFactory()
    person = {"given_name": "Ania", "family_name": "Nowak", "email": "ania@example.org", "country": "PL"}

    responses = post_at_once(
        6, "/api/v1/signatures/", {"petition": petition.slug, "person": person}, auth(secret, "same-key")
    )

    assert [r.status_code for r in responses] == [201] * 6
    assert Signature.objects.count() == 1
