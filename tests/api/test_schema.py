"""Schemathesis against the OpenAPI schema, through the WSGI app (no server): no 5xx for any generated request,
and every response matches the schema. Bounded to a few examples per operation so it runs in seconds."""

import uuid

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from marathon.wsgi import application
from tests.events.factories import EventFactory, EventReportFactory, RegistrationFactory
from tests.factories import CaseFactory
from tests.petitions.factories import PaperSignatureBatchFactory, PetitionFactory

from .factories import make_token

EXAMPLES_PER_OPERATION = 12
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def keep_the_test_connection():
    """The real WSGI handler closes the database connection after each request (request_finished); on
    PostgreSQL that would end the test's transaction. Django's own test client suspends this the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(settings, keep_the_test_connection):
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_TOKEN_RATE = "100000/m"
    token, secret = make_token()
    case = CaseFactory()
    event = EventFactory(group=token.group, cases=[case])
    RegistrationFactory(event=event)
    EventReportFactory(event__group=token.group, event__cases=[case])
    petition = PetitionFactory(case=case)
    PaperSignatureBatchFactory(group=token.group, petition=petition)
    return secret


@pytest.mark.django_db
def test_every_operation_conforms_to_the_openapi_schema(seeded):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            headers = {"Authorization": f"Bearer {seeded}", "Idempotency-Key": uuid.uuid4().hex}
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
