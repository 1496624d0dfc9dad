"""A petition refused for a reason of its own says it once, and its widget says where its link opens."""

import pytest
from django.urls import reverse

from petitions.models import Signature
from tests.petitions.factories import PetitionFactory
from tests.petitions.test_views import form_data, sign_url

pytestmark = pytest.mark.django_db


def test_a_signature_sent_too_fast_is_said_once_in_the_summary_at_the_top(client, settings):
    settings.FORM_MINIMUM_SECONDS = 60
    petition = PetitionFactory()

    html = client.post(sign_url(petition), form_data(client, petition)).content.decode()

    assert html.count("That was quick!") == 1
    assert html.count('role="alert"') == 1
    summary = html.split(
        '<div class="alert alert-danger error-summary" role="alert" data-for="sign-form">', 1
    )[1]
    assert summary.startswith('<a href="#sign-form">That was quick!')
    assert 'value="Anna"' in html and 'name="rendered_at"' in html  # the fields, filled in, are all there
    assert not Signature.objects.exists()


def test_the_widgets_sign_link_says_it_opens_a_new_tab(client):
    petition = PetitionFactory()

    html = client.get(reverse("petitions:embed", kwargs={"slug": petition.slug})).content.decode()

    assert (
        'target="_blank" rel="noopener">Sign the petition'
        '<span class="visually-hidden"> (opens in a new tab)</span></a>'
    ) in html
