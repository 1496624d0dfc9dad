import factory

from letters.models import AppealLetter, SolidarityMessage
from tests.factories import CaseFactory


class SolidarityMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SolidarityMessage

    case = factory.SubFactory(CaseFactory)
    first_name = factory.Sequence(lambda n: f"Friend{n}")
    country = "PL"
    body = "You are not alone. Warm wishes from Poznań."


class AppealLetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppealLetter

    case = factory.SubFactory(CaseFactory)
    country = "PL"
