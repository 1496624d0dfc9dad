"""The account forms' error summary, the language links' names and the number separator the scripts read."""

import pytest

from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

SUMMARY = '<div class="alert alert-danger error-summary" role="alert">'


@pytest.mark.parametrize(
    ("path", "email_field"),
    [
        ("/accounts/login/", "id_login"),
        ("/accounts/signup/", "id_email"),
        ("/accounts/password/reset/", "id_email"),
    ],
)
def test_an_account_form_sent_empty_lists_its_refused_fields_at_the_top(client, path, email_field):
    html = client.post(path, {}).content.decode()

    main = html.split('<main id="main"', 1)[1]
    assert main.index(SUMMARY) < main.index("<h1") < main.index("<form")
    assert f'<li><a href="#{email_field}">Email: This field is required.</a></li>' in html
    assert 'src="/static/js/form-errors.js"' in html  # which gives the summary the focus


def test_a_wrong_password_is_said_once(client):
    UserFactory(email="kasia@example.org", password="lanterns-for-ales-2012")

    html = client.post("/accounts/login/", {"login": "kasia@example.org", "password": "not-her-password"})
    html = html.content.decode()

    assert f"{SUMMARY}The email address and/or password you specified are not correct.</div>" in html
    assert html.count("are not correct") == 1 and html.count('role="alert"') == 1


def test_a_language_links_name_starts_with_the_code_it_shows_on_a_wide_screen(client):
    case = CaseFactory(is_published=True)

    html = client.get(f"/cases/{case.slug}/").content.decode()

    assert (
        f'<a class="language-link" href="/pl/cases/{case.slug}/" hreflang="pl" lang="pl" title="Polski">'
        '<span class="language-code">PL</span>'
        '<span class="language-name"><span class="language-dash"> – </span>Polski</span></a>'
    ) in html


@pytest.mark.parametrize(
    ("prefix", "separator"), [("", ","), ("/pl", "\xa0"), ("/be", "\xa0"), ("/es", "."), ("/fr", "\xa0")]
)
def test_pages_tell_their_scripts_how_the_language_groups_thousands(client, prefix, separator):
    html = client.get(f"{prefix}/cases/").content.decode()

    assert f'data-thousands="{separator}">' in html
