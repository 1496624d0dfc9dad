"""Real threads against PostgreSQL: workers that drain the outbox at once send each email exactly once."""

import pytest
from django.core import mail
from django.db import connection, transaction

from campaigns.emails import queue_email_about, send_waiting_emails
from campaigns.models import OutgoingEmail
from tests.petitions.factories import SignatureFactory
from tests.threads import run_together

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real concurrency"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_four_workers_draining_at_once_send_every_email_once():
    with transaction.atomic():
        for n in range(60):
            signature = SignatureFactory(email=f"signer{n}@example.org")
            queue_email_about(
                "petitions.services.signature_emails",
                signature.pk,
                template="petitions/confirm",
                to=signature.email,
            )
        transaction.get_connection().run_on_commit.clear()  # the workers below are the only senders
    mail.outbox.clear()

    sent, errors = run_together(range(4), lambda _worker: send_waiting_emails(batch_size=5), threads=4)

    assert errors == []
    assert sum(sent) == 60
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"signer{n}@example.org" for n in range(60))
    assert not OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).exists()
