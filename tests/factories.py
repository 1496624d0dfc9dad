"""Small factories for the core models: plain defaults, no hidden side effects."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from campaigns.models import Campaign, Case, CaseUpdate, LocalGroup, Membership


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password("correct horse battery staple")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Write for Rights {2012 + n}")
    slug = factory.Sequence(lambda n: f"write-for-rights-{2012 + n}")
    slogan = "Write for Rights!"
    description = "The annual letter-writing marathon."
    starts_on = dt.date(2012, 12, 7)
    ends_on = dt.date(2013, 2, 28)
    is_active = True


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Person at risk {n}")
    slug = factory.Sequence(lambda n: f"person-at-risk-{n}")
    country = "BY"
    summary = "Jailed for peaceful human rights work."
    story = "A human rights defender, imprisoned for their work."
    authority_name = "Prosecutor General"
    authority_title = "Prosecutor General of the Republic"
    authority_address = "vul. Internatsyanalnaya 22\n220030 Minsk\nBelarus"
    authority_salutation = "Dear Prosecutor General"
    sample_appeal_letter = "Dear Prosecutor General,\n\nPlease release this prisoner of conscience.\n"
    sample_solidarity_message = "You are not alone."

    @factory.post_generation
    def campaigns(self, create, extracted, **kwargs):
        if create and extracted:
            self.campaigns.add(*extracted)


class CaseUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseUpdate

    case = factory.SubFactory(CaseFactory)
    happened_on = dt.date(2012, 1, 24)
    title = "Sentence upheld on appeal"


class LocalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGroup

    name = factory.Sequence(lambda n: f"Local group {n}")
    slug = factory.Sequence(lambda n: f"local-group-{n}")
    country = "PL"
    city = "Poznań"
    contact_email = factory.Sequence(lambda n: f"group{n}@example.org")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    group = factory.SubFactory(LocalGroupFactory)
    role = Membership.Role.COORDINATOR


def coordinator_of(group: LocalGroup, **user_fields):
    """A staff-flagged user who coordinates `group` (they can reach the admin)."""
    user = UserFactory(is_staff=True, **user_fields)
    MembershipFactory(user=user, group=group, role=Membership.Role.COORDINATOR)
    return user
