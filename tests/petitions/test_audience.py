"""A case update reaches the confirmed signers who agreed to hear more — in their language — and nobody else."""

import pytest
from django.core import mail

from campaigns.audience import case_audience, opt_out
from campaigns.services import email_case_update
from petitions.models import Signature
from tests.factories import CaseFactory, CaseUpdateFactory
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def petition():
    return PetitionFactory(case=CaseFactory(name="Ales Bialiatski"))


def test_only_confirmed_consenting_signers_of_the_case_hear_more(petition):
    confirmed = Signature.Status.CONFIRMED
    SignatureFactory(
        petition=petition, email="kasia@example.org", status=confirmed, consent_to_contact=True, language="pl"
    )
    SignatureFactory(petition=petition, email="no-consent@example.org", status=confirmed)
    SignatureFactory(petition=petition, email="pending@example.org", consent_to_contact=True)
    SignatureFactory(email="other-case@example.org", status=confirmed, consent_to_contact=True)

    assert case_audience(petition.case) == [("kasia@example.org", "pl")]


def test_a_signer_who_opted_out_is_left_out(petition):
    SignatureFactory(
        petition=petition,
        email="aino@example.org",
        status=Signature.Status.CONFIRMED,
        consent_to_contact=True,
    )
    opt_out("aino@example.org")
    email_case_update(update=CaseUpdateFactory(case=petition.case))
    assert mail.outbox == []
