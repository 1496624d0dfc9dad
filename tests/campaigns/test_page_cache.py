"""Petition and event pages rendered once for anonymous visitors: each visitor still gets their own token and
stamp, and the page never shows a count, a status or a login state that is not theirs or not current."""

import re

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import services
from petitions.models import Petition
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import CaseFactory, UserFactory
from tests.petitions.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def field(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def test_two_visitors_get_the_same_page_with_their_own_token_and_stamp():
    petition = PetitionFactory()
    first, second = Client(), Client()

    one = first.get(petition.get_absolute_url()).content.decode()
    with CaptureQueriesContext(connection) as queries:
        two = second.get(petition.get_absolute_url()).content.decode()

    assert field(one, "csrfmiddlewaretoken") != field(two, "csrfmiddlewaretoken")
    assert "marker" not in two
    assert len(queries) == 1  # the petition row: the page itself came from the cache
    assert one.replace(field(one, "csrfmiddlewaretoken"), "").replace(
        field(one, "rendered_at"), ""
    ) == two.replace(field(two, "csrfmiddlewaretoken"), "").replace(field(two, "rendered_at"), "")


def test_a_new_count_or_status_shows_at_once(client):
    petition = PetitionFactory(signature_count=41)
    client.get(petition.get_absolute_url())

    Petition.objects.filter(pk=petition.pk).update(signature_count=42)
    counted = client.get(petition.get_absolute_url()).content.decode()
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.CLOSED)
    closed = client.get(petition.get_absolute_url()).content.decode()

    assert "data-petition-total>42<" in counted.replace(" ", "").replace("\n", "") or ">42<" in counted
    assert "csrfmiddlewaretoken" not in closed


def test_a_logged_in_volunteer_gets_their_own_page(client):
    event = EventFactory()
    Client().get(event.get_absolute_url())  # an anonymous rendering is cached
    client.force_login(UserFactory(full_name="Kasia Nowak"))

    body = client.get(event.get_absolute_url()).content.decode()

    assert "Log out" in body


def test_a_visitor_with_a_message_waiting_sees_it(client):
    event = EventFactory(capacity=5)
    registration = RegistrationFactory(event=event)
    Client().get(event.get_absolute_url())  # an anonymous rendering is cached, with 4 of 5 places left

    response = client.post(
        reverse("events:signup-cancel", args=[services.cancel_token(registration)]), follow=True
    )

    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    assert "Your sign-up is cancelled" in response.content.decode()
    assert "5 of 5 places left" in response.content.decode()


def test_the_event_list_is_rendered_once_per_address_and_language_for_anonymous_readers(client):
    EventFactory(title="Lantern workshop")
    client.get("/events/?country=PL")

    with CaptureQueriesContext(connection) as queries:
        again = Client().get("/events/?country=PL")
    polish = Client().get("/pl/events/?country=PL").content.decode()

    assert again.status_code == 200 and len(queries) == 0
    assert again["Cache-Control"] == "public, max-age=30"
    assert '<html lang="pl"' in polish


def test_a_logged_in_reader_of_the_event_list_gets_their_own_page(client):
    Client().get("/events/")  # an anonymous rendering is cached
    client.force_login(UserFactory())

    assert "Log out" in client.get("/events/").content.decode()


def test_a_blank_sign_up_form_is_rendered_once_per_language_for_every_event_page(monkeypatch):
    from campaigns.templatetags import page_cache as tags

    renderings = []
    original = tags.as_crispy_form
    monkeypatch.setattr(tags, "as_crispy_form", lambda form: renderings.append(form) or original(form))
    first, second = EventFactory(capacity=10), EventFactory(capacity=10)

    one = Client().get(first.get_absolute_url()).content.decode()
    two = Client().get(second.get_absolute_url()).content.decode()
    polish = Client().get(f"/pl{second.get_absolute_url()}").content.decode()

    assert len(renderings) == 2  # English once for both events, Polish once
    for page in (one, two, polish):
        assert "marker" not in page
        assert signing.loads(field(page, "rendered_at"), salt="form-rendered-at")  # each visitor's own stamp
    assert 'name="email"' in two and 'lang="pl"' in polish


def test_a_refused_or_signed_in_sign_up_form_is_rendered_afresh(client, monkeypatch):
    from campaigns.templatetags import page_cache as tags

    renderings = []
    original = tags.as_crispy_form
    monkeypatch.setattr(tags, "as_crispy_form", lambda form: renderings.append(form) or original(form))
    event = EventFactory(capacity=10)
    Client().get(event.get_absolute_url())
    client.force_login(UserFactory())

    own = client.get(event.get_absolute_url()).content.decode()
    refused = (
        Client().post(event.get_absolute_url(), {"name": "Ala", "email": "not an address"}).content.decode()
    )

    assert len(renderings) == 3
    assert "marker" not in own and signing.loads(field(own, "rendered_at"), salt="form-rendered-at")
    assert 'value="Ala"' in refused


def test_the_event_filters_are_rendered_once_per_choice_of_filters_and_language(monkeypatch):
    from crispy_forms.templatetags import crispy_forms_filters

    renderings = []
    original = crispy_forms_filters.uni_form_template
    monkeypatch.setattr(
        crispy_forms_filters, "uni_form_template", lambda pack: renderings.append(pack) or original(pack)
    )
    CaseFactory(name="Ales Bialiatski")

    first_page = Client().get("/events/?country=PL").content.decode()
    second_page = Client().get("/events/?country=PL&page=2").content.decode()
    assert len(renderings) == 1  # the second page of the same filters reused the form
    finland = Client().get("/events/?country=FI").content.decode()
    polish = Client().get("/pl/events/?country=PL").content.decode()

    assert len(renderings) == 3
    assert (
        first_page.count('<option value="PL" selected>')
        == second_page.count('<option value="PL" selected>')
        == 1
    )
    assert '<option value="FI" selected>' in finland and '<option value="PL" selected>' not in finland
    assert "Ales Bialiatski" in second_page and '<option value="PL" selected>Polska' in polish
