"""Factories for events: a published event next month in Poznań, sign-ups and reports."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from events.models import Event, EventReport, Registration
from tests.factories import CampaignFactory, LocalGroupFactory, UserFactory

WARSAW = ZoneInfo("Europe/Warsaw")


def in_days(days: int, hour: int = 18) -> dt.datetime:
    local = timezone.localtime(timezone.now(), WARSAW) + dt.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Letter-writing evening {n}")
    slug = factory.Sequence(lambda n: f"letter-writing-evening-{n}")
    kind = Event.Kind.LETTER_WRITING
    campaign = factory.SubFactory(CampaignFactory)
    group = factory.SubFactory(LocalGroupFactory)
    host = factory.SubFactory(UserFactory)
    description = "Paper, pens and stamps provided."
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    timezone = WARSAW
    venue_name = "Café Rozbrat"
    address = "ul. Pułaskiego 21a"
    city = "Poznań"
    country = "PL"
    capacity = None
    status = Event.Status.PUBLISHED

    @factory.post_generation
    def cases(self, create, extracted, **kwargs):
        if create and extracted:
            self.cases.add(*extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Supporter {n}")
    email = factory.Sequence(lambda n: f"supporter{n}@example.org")
    consent = True
    status = Registration.Status.CONFIRMED


class EventReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventReport

    event = factory.SubFactory(EventFactory, starts_at=factory.LazyFunction(lambda: in_days(-3)))
    participants = 20
    lanterns = 0
    posters = 0
    photos_taken = 0


def past_event(**kwargs) -> Event:
    return EventFactory(starts_at=in_days(-3), **kwargs)
