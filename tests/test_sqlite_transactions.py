"""The embedded database (SQLite) as the demo and development run it: several processes share one file."""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite's own locking"
)

ALIAS = "shared-file"


@pytest.fixture
def shared_file(tmp_path, django_db_blocker):
    """A database file of its own, opened with the site's settings, one connection per thread."""
    connections.settings[ALIAS] = {
        **connections.settings["default"],
        "NAME": str(tmp_path / "shared.sqlite3"),
    }
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, status TEXT)")
            cursor.execute("INSERT INTO outbox (status) VALUES ('waiting')")
        yield
        connections[ALIAS].close()
    del connections.settings[ALIAS]


def test_a_transaction_that_reads_then_writes_waits_for_another_writer_instead_of_failing(shared_file):
    """The email sender reads its batch, sends it, then marks it sent: that last write must not fail because
    someone signed a petition meanwhile (a failure there sent the same emails again)."""
    read_the_batch, other_write_tried = threading.Event(), threading.Event()
    errors = []

    def sender():
        try:
            with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                cursor.execute("SELECT status FROM outbox")
                read_the_batch.set()
                other_write_tried.wait(timeout=5)  # the signer has written, or is waiting for the write lock
                cursor.execute("UPDATE outbox SET status = 'sent'")
        except Exception as error:  # noqa: BLE001 - the assertion below reports it
            errors.append(error)
        finally:
            connections[ALIAS].close()

    thread = threading.Thread(target=sender)
    thread.start()
    assert read_the_batch.wait(timeout=5)
    threading.Timer(0.3, other_write_tried.set).start()  # long enough for the signer to be kept waiting
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("INSERT INTO outbox (status) VALUES ('waiting')")
    other_write_tried.set()
    thread.join(timeout=10)
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT status FROM outbox ORDER BY id")
        statuses = [row[0] for row in cursor.fetchall()]

    assert errors == []
    assert statuses == ["sent", "waiting"]
