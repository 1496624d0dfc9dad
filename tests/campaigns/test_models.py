import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from campaigns.models import Action, Campaign, Membership
from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_campaign_must_end_on_or_after_its_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignFactory(starts_on=dt.date(2012, 12, 7), ends_on=dt.date(2012, 12, 6))
    assert not Campaign.objects.exists()


def test_campaign_slug_is_unique():
    CampaignFactory(slug="w4r")
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignFactory(slug="w4r")


def test_user_email_is_unique_regardless_of_case():
    UserFactory(email="kasia@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="Kasia@Example.org")


def test_create_user_lower_cases_the_email_and_uses_it_as_login():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(email="Aino@Example.ORG", password="s3cret-pass-phrase")
    assert user.email == "aino@example.org"
    assert user.check_password("s3cret-pass-phrase")
    assert get_user_model().USERNAME_FIELD == "email"


def test_a_user_is_a_member_of_a_group_at_most_once():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(user=membership.user, group=membership.group, role=Membership.Role.MEMBER)


def test_coordinated_by_lists_only_the_groups_a_user_coordinates():
    user = UserFactory()
    coordinated, member_only, _other = LocalGroupFactory(), LocalGroupFactory(), LocalGroupFactory()
    MembershipFactory(user=user, group=coordinated, role=Membership.Role.COORDINATOR)
    MembershipFactory(user=user, group=member_only, role=Membership.Role.MEMBER)
    from campaigns.models import LocalGroup

    assert list(LocalGroup.objects.coordinated_by(user)) == [coordinated]


def test_case_public_queryset_hides_unpublished_cases():
    published = CaseFactory()
    CaseFactory(is_published=False)
    from campaigns.models import Case

    assert list(Case.objects.public()) == [published]


def test_an_action_never_counts_zero():
    campaign = CampaignFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            campaign=campaign,
            kind=Action.Kind.APPEAL_LETTER,
            count=0,
            occurred_at=dt.datetime(2012, 12, 10, tzinfo=dt.UTC),
            source_type="x.y",
            source_id=1,
        )


def test_the_site_name_and_domain_follow_the_settings():
    from django.contrib.sites.models import Site

    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("127.0.0.1:8000", "Marathon")


@pytest.mark.django_db
def test_the_database_and_a_campaign_agree_on_which_days_it_counts():
    """`counting_actions_on` (a query, for the letters) and `counts_actions_on` (one campaign, for tallies) are
    one rule written twice: its own days, and late days up to today while it stays active; none to come."""
    from django.utils import timezone

    today = timezone.localdate()
    campaigns = [
        CampaignFactory(is_active=True, starts_on=dt.date(2012, 12, 7), ends_on=dt.date(2013, 2, 28)),
        CampaignFactory(is_active=False, starts_on=dt.date(2012, 12, 7), ends_on=dt.date(2013, 2, 28)),
        CampaignFactory(
            is_active=False, starts_on=today - dt.timedelta(days=5), ends_on=today + dt.timedelta(days=5)
        ),
        CampaignFactory(
            is_active=True, starts_on=today + dt.timedelta(days=3), ends_on=today + dt.timedelta(days=60)
        ),
    ]
    days = [
        dt.date(2012, 12, 6),
        dt.date(2012, 12, 7),
        dt.date(2013, 3, 1),
        today,
        today + dt.timedelta(days=4),
    ]
    for day in days:
        in_the_database = set(Campaign.objects.counting_actions_on(day))
        one_by_one = {campaign for campaign in campaigns if campaign.counts_actions_on(day)}
        assert in_the_database == one_by_one, day
    assert set(Campaign.objects.counting_actions_on(dt.date(2013, 3, 1))) == {campaigns[0]}
