"""Real threads against PostgreSQL: an erasure link clicked twice at once erases once and emails once."""

import pytest
from django.core import mail
from django.db import connection

from campaigns import privacy
from campaigns.models import DataRequest
from petitions.models import Signature
from tests.petitions.factories import SignatureFactory
from tests.threads import run_together

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real concurrency"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_clicks_on_one_erasure_link_erase_once_and_send_one_email():
    SignatureFactory(email="kasia@example.org", status=Signature.Status.CONFIRMED)
    SignatureFactory(email="kasia@example.org", status=Signature.Status.CONFIRMED)
    data_request = privacy.request_personal_data(email="kasia@example.org", kind=DataRequest.Kind.ERASURE)
    mail.outbox.clear()
    results, errors = run_together([1, 2], lambda _click: privacy.erase_for_request(data_request), threads=2)

    assert errors == []
    assert results == [2, 2]
    assert [m.to for m in mail.outbox] == [["kasia@example.org"]]
    data_request.refresh_from_db()
    assert (data_request.email, data_request.rows_changed) == ("", 2)
    assert not Signature.objects.exclude(email="").exists()


def test_two_retention_runs_at_once_anonymise_each_row_once():
    import datetime as dt

    from campaigns.retention import apply_retention
    from petitions.models import Petition
    from tests.petitions.factories import PetitionFactory

    petition = PetitionFactory(status=Petition.Status.DELIVERED, delivered_on=dt.date(2013, 3, 1))
    for n in range(20):
        SignatureFactory(petition=petition, email=f"s{n}@example.org", status=Signature.Status.CONFIRMED)
    results, errors = run_together([1, 2], lambda _run: apply_retention()["petitions.delivered"], threads=2)

    assert errors == []
    assert sorted(results) == [0, 20]
    assert not Signature.objects.filter(anonymised_at__isnull=True).exists()
