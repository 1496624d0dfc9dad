"""The events and letters figures a coordinator sees on the admin index: their groups only."""

import pytest
from django.urls import reverse

from events.models import Event, EventReport, Registration
from tests.events.factories import EventFactory, EventReportFactory, RegistrationFactory
from tests.factories import LocalGroupFactory, UserFactory, coordinator_of
from tests.letters.factories import SolidarityMessageFactory

pytestmark = pytest.mark.django_db


def figure(html: str, label: str) -> str:
    return html.split(label, 1)[1].split('class="figure">', 1)[1].split("<", 1)[0].strip()


@pytest.fixture
def poznan_and_helsinki():
    poznan = LocalGroupFactory(name="Poznań group", country="PL")
    warsaw = LocalGroupFactory(name="Warsaw group", country="PL")
    helsinki = LocalGroupFactory(name="Helsinki group", country="FI")
    for group, pending, upcoming, signups in [(poznan, 1, 2, 3), (helsinki, 4, 5, 6)]:
        EventFactory.create_batch(pending, group=group, status=Event.Status.PENDING)
        events = EventFactory.create_batch(upcoming, group=group)
        RegistrationFactory.create_batch(signups, event=events[0])
    RegistrationFactory(event=EventFactory(group=poznan), status=Registration.Status.CANCELLED)
    EventReportFactory(event__group=poznan, status=EventReport.Status.PENDING)
    SolidarityMessageFactory.create_batch(2, country="PL")
    SolidarityMessageFactory.create_batch(7, country="FI")
    return poznan, warsaw, helsinki


def test_coordinator_overview_counts_only_their_groups(client, poznan_and_helsinki):
    poznan, warsaw, _ = poznan_and_helsinki
    coordinator = coordinator_of(poznan)
    from campaigns.models import Membership

    Membership.objects.create(user=coordinator, group=warsaw, role=Membership.Role.COORDINATOR)
    client.force_login(coordinator)

    html = client.get(reverse("admin:index")).content.decode()

    assert figure(html, "Events awaiting review") == "1"
    assert figure(html, "Event reports awaiting approval") == "1"
    assert (
        figure(html, "Upcoming events") == "3"
    )  # two, plus the event with a cancelled sign-up; not the past one
    assert figure(html, "Sign-ups in the last 7 days") == "3"
    # Two Polish groups, one country: the Polish messages are counted once, not twice.
    assert figure(html, "Solidarity messages to moderate") == "2"


def test_staff_overview_counts_every_group(client, poznan_and_helsinki):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(reverse("admin:index")).content.decode()
    assert figure(html, "Events awaiting review") == "5"
    assert figure(html, "Solidarity messages to moderate") == "9"
