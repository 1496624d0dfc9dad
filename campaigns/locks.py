"""Database locks that serialise jobs across processes and machines."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def advisory_lock(key: int):
    """Hold a PostgreSQL transaction-level advisory lock on `key` until the surrounding transaction ends.

    Enter it inside `transaction.atomic()`. A second process asking for the same key waits for the first to
    commit. On SQLite, which allows one writer at a time anyway, it does nothing.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
    yield
