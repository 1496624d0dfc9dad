"""Sensitive cases: names and addresses of the people acting for them leave the system through staff only."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.test import APIClient

from campaigns.models import ExportLog
from campaigns.permissions import COORDINATOR_GROUP
from letters import services as letter_services
from letters.models import SolidarityMessage
from tests.api.factories import auth, make_token
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import CaseFactory, LocalGroupFactory, UserFactory, coordinator_of
from tests.letters.factories import SolidarityMessageFactory
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    group = LocalGroupFactory(country="PL")
    sensitive = CaseFactory(is_sensitive=True)
    ordinary = CaseFactory()
    secret_event = EventFactory(group=group, cases=[sensitive])
    open_event = EventFactory(group=group, cases=[ordinary])
    RegistrationFactory(event=secret_event, email="hidden@example.org")
    RegistrationFactory(event=open_event, email="shown@example.org")
    coordinator = coordinator_of(group)
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    return {
        "group": group,
        "sensitive": sensitive,
        "ordinary": ordinary,
        "secret_event": secret_event,
        "open_event": open_event,
        "coordinator": coordinator,
        "staff": UserFactory(is_staff=True, is_superuser=True),
    }


def export_signups(client, events):
    return client.post(
        reverse("admin:events_event_changelist"),
        {"action": "export_signups", ACTION_CHECKBOX_NAME: [e.pk for e in events]},
        follow=True,
    )


def emails_in(response) -> list[str]:
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    return sorted(row[4] for row in rows[1:])


def test_a_coordinator_cannot_export_signups_of_an_event_for_a_sensitive_case(client, world):
    client.force_login(world["coordinator"])

    response = export_signups(client, [world["secret_event"], world["open_event"]])

    assert response.status_code == 200
    assert "can be exported by section staff only" in response.content.decode()
    assert not ExportLog.objects.exists()


def test_a_coordinator_still_exports_ordinary_events(client, world):
    client.force_login(world["coordinator"])

    assert emails_in(export_signups(client, [world["open_event"]])) == ["shown@example.org"]


def test_staff_export_signups_of_a_sensitive_case(client, world):
    client.force_login(world["staff"])

    response = export_signups(client, [world["secret_event"], world["open_event"]])

    assert emails_in(response) == ["hidden@example.org", "shown@example.org"]


def test_selected_signups_of_a_sensitive_case_are_refused_to_a_coordinator(client, world):
    client.force_login(world["coordinator"])

    response = client.post(
        reverse("admin:events_registration_changelist"),
        {
            "action": "export_csv",
            ACTION_CHECKBOX_NAME: list(world["secret_event"].registrations.values_list("pk", flat=True)),
        },
        follow=True,
    )

    assert "can be exported by section staff only" in response.content.decode()
    assert not ExportLog.objects.exists()


def test_the_host_sees_the_list_but_gets_no_csv_for_a_sensitive_case(client, world):
    event = world["secret_event"]
    client.force_login(event.host)

    page = client.get(reverse("events:signups", args=[event.slug]))
    download = client.get(reverse("events:signups-csv", args=[event.slug]))

    assert "hidden@example.org" in page.content.decode()
    assert reverse("events:signups-csv", args=[event.slug]) not in page.content.decode()
    assert download.status_code == 403
    assert not ExportLog.objects.exists()


def test_messages_for_a_sensitive_case_are_printed_by_staff_only(world):
    SolidarityMessageFactory(
        case=world["sensitive"], status=SolidarityMessage.Status.APPROVED, decided_at="2012-12-10T10:00Z"
    )

    with pytest.raises(letter_services.LettersError, match="printed by section staff only"):
        letter_services.create_print_batch(case=world["sensitive"], user=world["coordinator"])
    batch = letter_services.create_print_batch(case=world["sensitive"], user=world["staff"])

    assert batch.message_count == 1


def test_a_group_token_reads_no_signup_or_signature_of_a_sensitive_case(world):
    token, secret = make_token(world["group"])
    api = APIClient()
    SignatureFactory(petition=PetitionFactory(case=world["sensitive"]), source="paper", group=world["group"])
    SignatureFactory(petition=PetitionFactory(case=world["ordinary"]), source="paper", group=world["group"])

    attendances = api.get("/api/v1/attendances/", **auth(secret)).json()["results"]
    signatures = api.get("/api/v1/signatures/", **auth(secret)).json()["results"]

    assert [a["person"]["email"] for a in attendances] == ["shown@example.org"]
    assert len(signatures) == 1
