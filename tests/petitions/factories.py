"""Factories for petitions: an open petition by default, signatures pending unless told otherwise."""

import datetime as dt

import factory

from campaigns.mailboxes import normalise_email
from petitions.models import PaperSignatureBatch, Petition, Signature
from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition

    campaign = factory.SubFactory(CampaignFactory)
    case = factory.SubFactory(CaseFactory)
    target_name = "Alyaksandr Lukashenka"
    target_title = "President of the Republic of Belarus"
    title = factory.Sequence(lambda n: f"Free the prisoner of conscience {n}")
    slug = factory.Sequence(lambda n: f"free-the-prisoner-{n}")
    text = "We call on you to release him immediately and unconditionally."
    goal = 1000
    opens_at = dt.datetime(2012, 12, 7, 9, 0, tzinfo=dt.UTC)
    closes_at = None
    status = Petition.Status.OPEN


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    petition = factory.SubFactory(PetitionFactory)
    first_name = factory.Sequence(lambda n: f"Signer{n}")
    last_name = "Kowalska"
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    email_normalised = factory.LazyAttribute(lambda o: normalise_email(o.email))
    email_domain = factory.LazyAttribute(lambda o: o.email_normalised.rsplit("@", 1)[-1] if o.email else "")
    country = "PL"
    status = Signature.Status.PENDING


class PaperSignatureBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaperSignatureBatch

    petition = factory.SubFactory(PetitionFactory)
    group = factory.SubFactory(LocalGroupFactory, country="PY", city="Asunción")
    count = 212
    description = "Sheets from the Asunción bike rally"
    collected_on = dt.date(2012, 12, 9)
