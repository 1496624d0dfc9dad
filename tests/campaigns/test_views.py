from email.utils import parseaddr

import pytest
from django.db import DatabaseError
from django.urls import reverse

from tests.factories import CampaignFactory, CaseFactory, CaseUpdateFactory, LocalGroupFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_active_campaign_and_its_cases(client):
    campaign = CampaignFactory(name="Write for Rights 2012", slogan="Write for Rights! Make a difference!")
    CampaignFactory(name="An old marathon", is_active=False)
    CaseFactory(name="Ales Bialiatski", campaigns=[campaign])

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Write for Rights! Make a difference!" in html
    assert "Ales Bialiatski" in html
    assert "An old marathon" not in html
    assert 'href="#main"' in html  # skip link


def test_home_without_a_campaign_says_so(client):
    response = client.get("/")
    assert "No marathon is running right now" in response.content.decode()


def test_case_list_shows_published_cases_only(client):
    CaseFactory(name="Ales Bialiatski")
    CaseFactory(name="Hidden Person", is_published=False)

    html = client.get(reverse("case-list")).content.decode()

    assert "Ales Bialiatski" in html
    assert "Hidden Person" not in html


def test_case_list_has_an_empty_state(client):
    assert "No cases have been published yet." in client.get(reverse("case-list")).content.decode()


def test_case_page_shows_story_authority_and_timeline(client):
    case = CaseFactory(name="Ales Bialiatski", story="He leads Viasna.", authority_name="Prosecutor General")
    CaseUpdateFactory(case=case, title="Sentence upheld on appeal")

    response = client.get(case.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "He leads Viasna." in html
    assert "Prosecutor General" in html
    assert "Sentence upheld on appeal" in html
    assert "Write to the authorities" in html


def test_unpublished_case_page_is_404(client):
    case = CaseFactory(is_published=False)
    assert client.get(case.get_absolute_url()).status_code == 404


def test_case_page_escapes_stored_text(client):
    case = CaseFactory(summary="<script>alert(1)</script>")
    html = client.get(case.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_groups_page_lists_active_groups_by_country(client):
    LocalGroupFactory(name="Poznań group", country="PL", city="Poznań")
    LocalGroupFactory(name="Helsinki group", country="FI", city="Helsinki")
    LocalGroupFactory(name="Dormant group", country="FI", is_active=False)

    html = client.get(reverse("group-list")).content.decode()

    assert "Poznań group" in html and "Helsinki group" in html
    assert "Dormant group" not in html
    assert html.index("Finland") < html.index("Poland")
    assert "Groups in 2 countries" in html


def test_each_group_leads_to_its_upcoming_events_and_names_its_city_in_the_readers_language(client):
    group = LocalGroupFactory(name="Warsaw group", slug="warsaw-pl", country="PL", city="Warsaw")

    html = client.get("/fr/groups/").content.decode()

    assert f'<a href="/fr/events/?group={group.slug}">' in html
    assert '<p class="mb-1 muted">Varsovie</p>' in html
    events = client.get(f"/fr/events/?group={group.slug}")
    assert events.status_code == 200 and events.context["filter"].form.is_valid()


def test_group_list_query_count_is_constant(client, django_assert_num_queries):
    LocalGroupFactory()
    with django_assert_num_queries(1):  # one query for the groups, whatever their number
        client.get(reverse("group-list"))
    for _ in range(20):
        LocalGroupFactory()
    with django_assert_num_queries(1):
        client.get(reverse("group-list"))


def test_privacy_page_says_what_is_kept(client):
    html = client.get(reverse("privacy")).content.decode()
    assert "What we keep" in html
    assert "third-party" in html


def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_brand_css_carries_the_configured_accent(client, settings):
    settings.ACCENT_COLOUR = "#00aaff"
    response = client.get(reverse("brand-css"))
    assert response["Content-Type"].startswith("text/css")
    assert "--marathon-accent: #00aaff" in response.content.decode()


def test_brand_css_ignores_a_colour_that_is_not_hex(client, settings):
    settings.ACCENT_COLOUR = "red; } body { display:none"
    assert "--marathon-accent: #ffe600" in client.get(reverse("brand-css")).content.decode()


def test_a_database_outage_gives_a_friendly_503_not_a_500(client, monkeypatch):
    from django.db import OperationalError

    def unreachable():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("campaigns.views.active_campaign", unreachable)

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Nothing you sent before has been lost" in response.content.decode()
    polish = client.get("/pl/")
    assert polish.status_code == 503
    assert '<html lang="pl">' in polish.content.decode() and "Zaraz wracamy" in polish.content.decode()


def test_anonymous_public_pages_do_not_vary_on_cookie(client):
    response = client.get(reverse("brand-css"))
    assert "Cookie" not in response.get("Vary", "")


def test_every_page_says_where_to_write_with_a_question(client, settings):
    """The account pages say "contact us"; the footer says how, with the address the emails come from by
    default (CONTACT_EMAIL)."""
    settings.CONTACT_EMAIL = "help@section.example.org"

    html = client.get(reverse("privacy")).content.decode()

    assert 'Contact: <a href="mailto:help@section.example.org">help@section.example.org</a>' in html


def test_the_contact_address_defaults_to_the_address_emails_come_from():
    from django.conf import settings

    assert settings.CONTACT_EMAIL == parseaddr(settings.DEFAULT_FROM_EMAIL)[1] != ""


def test_the_case_list_shows_its_last_page_for_a_page_past_the_end(client):
    from tests.factories import CaseFactory

    CaseFactory.create_batch(25)  # 24 a page
    response = client.get(reverse("case-list"), {"page": "7"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
