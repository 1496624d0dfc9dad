"""Real threads against PostgreSQL: the unique constraint and the conditional UPDATE hold under races."""

import pytest
from django.db import connection

from petitions import services
from petitions.counters import actual_counts
from petitions.models import Signature
from petitions.services import Signer
from tests.petitions.factories import PetitionFactory, SignatureFactory
from tests.threads import run_together

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real concurrency"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_the_same_email_signing_from_10_threads_gives_exactly_one_signature():
    petition = PetitionFactory()
    spellings = [
        f"Anna.Kowalska+{n}@Gmail.com" if n % 2 else "annakowalska@googlemail.com" for n in range(10)
    ]

    def sign(email):
        try:
            services.sign_petition(petition=petition, signer=Signer("Anna", "Kowalska", email, "PL"))
            return "signed"
        except services.AlreadySigned:
            return "already signed"

    results, errors = run_together(spellings, sign, threads=10)

    assert errors == []
    assert sorted(results) == ["already signed"] * 9 + ["signed"]
    assert Signature.objects.filter(petition=petition).count() == 1


def test_200_concurrent_confirmations_leave_the_counter_equal_to_the_confirmed_rows():
    petition = PetitionFactory()
    signatures = SignatureFactory.create_batch(150, petition=petition)
    tokens = [services.make_confirmation_token(s) for s in signatures]
    jobs = tokens + tokens[:50]  # 200 confirmations: 50 people click their link twice at once

    def confirm(token):
        return services.confirm_signature(petition=petition, token=token).newly_confirmed

    results, errors = run_together(jobs, confirm, threads=20)

    assert errors == []
    assert len(results) == 200 and results.count(True) == 150
    petition.refresh_from_db()
    assert petition.signature_count == 150 == actual_counts(petition)[0]
    assert Signature.objects.filter(petition=petition, status="confirmed").count() == 150


def test_invalidation_racing_with_confirmation_keeps_the_counter_exact():
    petition = PetitionFactory()
    signatures = SignatureFactory.create_batch(40, petition=petition)
    tokens = {s.pk: services.make_confirmation_token(s) for s in signatures}
    jobs = [("confirm", s.pk) for s in signatures] + [("invalidate", s.pk) for s in signatures[::2]]

    def act(job):
        kind, pk = job
        if kind == "invalidate":
            return services.invalidate_signatures(signatures=[pk], reason="race test")
        try:
            return services.confirm_signature(petition=petition, token=tokens[pk]).newly_confirmed
        except services.InvalidToken:
            return "withdrawn"

    results, errors = run_together(jobs, act, threads=10)

    assert errors == []
    petition.refresh_from_db()
    assert petition.signature_count == actual_counts(petition)[0]
