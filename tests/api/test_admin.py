"""The back office for integrations: tokens issued (secret shown once) and revoked, webhooks, both scoped to
the coordinator's groups; the widgets page with snippets for all three embeds."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from api.models import GroupToken, Webhook, WebhookDelivery, hash_token
from campaigns.permissions import COORDINATOR_GROUP
from tests.factories import CampaignFactory, LocalGroupFactory, UserFactory, coordinator_of
from tests.petitions.factories import PetitionFactory

from .factories import auth, make_token, make_webhook

pytestmark = pytest.mark.django_db


@pytest.fixture
def poznan():
    return LocalGroupFactory(name="Poznań group", slug="poznan-pl", country="PL", city="Poznań")


@pytest.fixture
def helsinki():
    return LocalGroupFactory(name="Helsinki group", slug="helsinki-fi", country="FI", city="Helsinki")


def as_coordinator(group):
    user = coordinator_of(group)
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    return user


def test_creating_a_token_shows_the_secret_once_and_stores_only_its_hash(client, api, poznan):
    user = as_coordinator(poznan)
    client.force_login(user)

    response = client.post(
        reverse("admin:api_grouptoken_add"), {"group": poznan.pk, "name": "CiviCRM sync"}, follow=False
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = GroupToken.objects.get()
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert token.secret_hash == hash_token(secret)
    assert (token.group, token.name, token.created_by) == (poznan, "CiviCRM sync", user)
    page = client.get(reverse("admin:api_grouptoken_change", args=[token.pk])).content.decode()
    assert secret not in page
    assert token.prefix in page
    assert api.get("/api/v1/attendances/", **auth(secret)).status_code == 200


def test_a_coordinator_cannot_issue_a_token_for_another_group(client, poznan, helsinki):
    client.force_login(as_coordinator(poznan))

    response = client.post(reverse("admin:api_grouptoken_add"), {"group": helsinki.pk, "name": "Sneaky"})

    assert response.status_code == 200
    assert "group" in response.context["adminform"].form.errors
    assert not GroupToken.objects.exists()


def test_coordinator_sees_only_their_groups_tokens(client, poznan, helsinki):
    make_token(poznan, name="Poznań CRM")
    other, _secret = make_token(helsinki, name="Helsinki CRM")
    client.force_login(as_coordinator(poznan))

    html = client.get(reverse("admin:api_grouptoken_changelist")).content.decode()

    assert "Poznań CRM" in html
    assert "Helsinki CRM" not in html
    assert client.get(reverse("admin:api_grouptoken_change", args=[other.pk])).status_code == 404
    filters = html.split('id="changelist-filter"', 1)[1]
    assert helsinki.name not in filters  # the group filter lists the groups in the list, not every group


def test_revoking_a_token_in_the_admin_locks_it_out(client, api, poznan):
    token, secret = make_token(poznan)
    client.force_login(as_coordinator(poznan))

    client.post(
        reverse("admin:api_grouptoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get("/api/v1/attendances/", **auth(secret)).status_code == 401


def test_revoke_action_ignores_other_groups_tokens_in_a_hand_made_selection(client, poznan, helsinki):
    other, _secret = make_token(helsinki)
    client.force_login(as_coordinator(poznan))

    client.post(
        reverse("admin:api_grouptoken_changelist"), {"action": "revoke", "_selected_action": [other.pk]}
    )

    other.refresh_from_db()
    assert other.revoked_at is None


def test_tokens_are_never_deleted_only_revoked(client, poznan):
    token, _secret = make_token(poznan)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(reverse("admin:api_grouptoken_delete", args=[token.pk])).status_code == 403


def test_coordinator_registers_a_webhook_and_sees_its_secret_and_deliveries(client, poznan):
    client.force_login(as_coordinator(poznan))

    client.post(
        reverse("admin:api_webhook_add"),
        {
            "group": poznan.pk,
            "url": "https://crm.example.org/hooks/marathon",
            "active": "on",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )

    hook = Webhook.objects.get()
    WebhookDelivery.objects.create(webhook=hook, topic="attendance.created", payload={})
    page = client.get(reverse("admin:api_webhook_change", args=[hook.pk])).content.decode()
    assert hook.secret in page
    assert "attendance.created" in page


def test_plain_http_and_addresses_inside_the_network_are_refused_for_webhooks_in_production(
    client, poznan, settings
):
    settings.API_WEBHOOK_ALLOW_HTTP = False
    client.force_login(as_coordinator(poznan))

    response = client.post(
        reverse("admin:api_webhook_add"),
        {
            "group": poznan.pk,
            "url": "http://crm.example.org/hooks",
            "active": "on",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )

    assert "Webhook addresses must start with https://." in response.content.decode()
    assert not Webhook.objects.exists()

    settings.API_WEBHOOK_ALLOW_PRIVATE = False
    for inside in (
        "https://127.0.0.1/h",
        "https://169.254.169.254/latest/",
        "https://[::1]/h",
        "https://localhost/h",
    ):
        response = client.post(
            reverse("admin:api_webhook_add"),
            {
                "group": poznan.pk,
                "url": inside,
                "deliveries-TOTAL_FORMS": "0",
                "deliveries-INITIAL_FORMS": "0",
            },
        )
        assert "must be on the public internet" in response.content.decode(), inside
    assert not Webhook.objects.exists()


def test_a_webhook_address_typed_without_its_scheme_is_read_as_https(client, poznan, settings):
    settings.API_WEBHOOK_ALLOW_HTTP = False
    client.force_login(as_coordinator(poznan))

    client.post(
        reverse("admin:api_webhook_add"),
        {
            "group": poznan.pk,
            "url": "crm.example.org/hooks",
            "active": "on",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )

    assert Webhook.objects.get().url == "https://crm.example.org/hooks"


def test_coordinator_sees_only_their_groups_webhooks(client, poznan, helsinki):
    make_webhook(poznan, "https://poznan.example/h")
    other = make_webhook(helsinki, "https://helsinki.example/h")
    client.force_login(as_coordinator(poznan))

    html = client.get(reverse("admin:api_webhook_changelist")).content.decode()

    assert "poznan.example" in html and "helsinki.example" not in html
    assert client.get(reverse("admin:api_webhook_change", args=[other.pk])).status_code == 404


def test_widgets_page_has_snippets_for_the_three_embeds(client, poznan, helsinki):
    campaign = CampaignFactory(slug="w4r-2012", name="Write for Rights 2012")
    petition = PetitionFactory(slug="free-ales", campaign=campaign)
    client.force_login(as_coordinator(poznan))

    response = client.get(reverse("admin:api_widgetcatalogue_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Widgets for your website" in html
    assert (
        "&lt;iframe src=&quot;http://127.0.0.1:8000/results/w4r-2012/embed/&quot; "
        "title=&quot;Write for Rights 2012&quot;"
    ) in html
    assert f"http://127.0.0.1:8000/petitions/{petition.slug}/embed/" in html
    # The snippet is HTML ("&" written "&amp;"), shown as text on the page (escaped once more).
    assert (
        "http://127.0.0.1:8000/api/widgets/events/?country=PL&amp;amp;language=pl" in html
    )  # Poland's language
    assert "?country=FI" not in html  # a coordinator gets the countries of their own groups
    # How to have a counter in the website's language, which the address alone decides.
    assert "put /pl/, /ru/, /be/, /fr/ or /es/ after the site's name" in html
    assert "Write for Rights 2012" in client.get("/es/results/w4r-2012/embed/").content.decode()


def test_widgets_page_lists_every_country_with_a_group_for_staff(client, poznan, helsinki):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get(reverse("admin:api_widgetcatalogue_changelist")).content.decode()

    assert "?country=FI" in html and "?country=PL" in html
    assert (
        "?country=FI&amp;amp;language=en" in html
    )  # Finnish and Swedish are not the site's: the staff's own


def test_widgets_page_is_on_the_admin_index_and_not_editable(client, poznan):
    client.force_login(as_coordinator(poznan))

    index = client.get(reverse("admin:index")).content.decode()

    assert reverse("admin:api_widgetcatalogue_changelist") in index
    assert client.get(reverse("admin:api_widgetcatalogue_add")).status_code == 403


def test_token_changelist_query_count_is_constant(client, poznan, django_assert_num_queries):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    make_token(poznan, created_by=staff)
    client.get(reverse("admin:api_grouptoken_changelist"))
    with django_assert_num_queries(6) as one:
        client.get(reverse("admin:api_grouptoken_changelist"))
    for _ in range(10):
        make_token(LocalGroupFactory(), created_by=staff)

    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("admin:api_grouptoken_changelist"))
