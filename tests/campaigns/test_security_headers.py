"""Content-Security-Policy, Permissions-Policy and frame blocking, page by page."""

import re

import pytest
from django.urls import reverse

from tests.events.factories import EventFactory
from tests.factories import CampaignFactory, CaseFactory, UserFactory
from tests.petitions.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.fixture
def public_urls():
    case = CaseFactory()
    return [
        reverse("home"),
        reverse("case-list"),
        case.get_absolute_url(),
        reverse("events:list"),
        EventFactory().get_absolute_url(),
        PetitionFactory().get_absolute_url(),
        reverse("letters:message", kwargs={"slug": case.slug}),
        reverse("privacy"),
        reverse("account_login"),
    ]


def test_public_pages_send_a_strict_policy_and_cannot_be_framed(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_public_pages_have_no_inline_script_or_style(client, public_urls):
    for url in public_urls:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert "<style" not in html and " style=" not in html and " on" + "click=" not in html, url


def test_every_response_denies_powerful_browser_features(client):
    header = client.get(reverse("home"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in header


def test_the_embeds_may_be_framed_by_any_site_and_stay_strict_otherwise(client):
    campaign = CampaignFactory()
    petition = PetitionFactory()
    urls = [
        reverse("petitions:embed", kwargs={"slug": petition.slug}),
        reverse("results:campaign-embed", kwargs={"slug": campaign.slug}),
        reverse("api:events-embed"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Frame-Options" not in response
        policy = directives(response)
        assert policy["frame-ancestors"] == ["*"]
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]


def test_the_back_office_allows_inline_style_attributes_only(admin_client):
    response = admin_client.get(reverse("admin:index"))
    policy = directives(response)
    assert response.status_code == 200
    assert policy["style-src-attr"] == ["'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_api_docs_allow_swagger_ui_inline_styles_but_no_inline_script(client):
    response = client.get(reverse("api:docs"))
    policy = directives(response)
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]


def test_a_volunteer_page_is_not_relaxed(client):
    client.force_login(UserFactory())
    assert "unsafe-inline" not in client.get(reverse("home"))["Content-Security-Policy"]
