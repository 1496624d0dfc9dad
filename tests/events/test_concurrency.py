import threading

import pytest
from django.db import connection, connections

from events import services
from events.models import Registration

from .factories import EventFactory


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_signups_for_five_places_confirm_exactly_five():
    event = EventFactory(capacity=5)
    start = threading.Barrier(30)
    errors = []

    def sign_up(n: int) -> None:
        try:
            start.wait()
            services.register_for_event(
                event=event, name=f"Person {n}", email=f"p{n}@example.org", consent=True
            )
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 5
    assert statuses.count("waitlisted") == 25


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_the_same_email_posted_twice_at_once_takes_one_place():
    event = EventFactory(capacity=5)
    start = threading.Barrier(6)
    outcomes = []

    def sign_up() -> None:
        try:
            start.wait()
            services.register_for_event(event=event, name="Ala", email="ala@example.org", consent=True)
            outcomes.append("ok")
        except services.AlreadyRegistered:
            outcomes.append("duplicate")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["duplicate"] * 5 + ["ok"]
    assert Registration.objects.filter(event=event).count() == 1
