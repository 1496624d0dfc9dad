"""Arbitrary input at every public form and token URL: the answer is 2xx, 3xx or 4xx, never a 500, and a
refused request stores nothing."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .public_forms import PUBLIC_FORMS

pytestmark = pytest.mark.django_db

# Any text a browser can send (no lone surrogates, which cannot be encoded), NUL and control characters included.
anything = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
huge = st.text(min_size=2000, max_size=6000)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


def mangled(valid: dict):
    """Valid data with some fields replaced by arbitrary text, some dropped, some extra fields added."""
    fields = sorted(valid)
    return st.fixed_dictionaries(
        {},
        optional={
            **{name: st.one_of(st.just(valid[name]), anything, huge) for name in fields},
            "unexpected": anything,
        },
    ).map(lambda data: {**{k: v for k, v in valid.items() if k in ("rendered_at", "website")}, **data})


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda f: f.name)
def test_arbitrary_input_never_breaks_a_public_form_and_a_refusal_stores_nothing(client, world, form):
    url = form.url(world)

    @FUZZ
    @given(data=mangled(form.data(world)))
    def post(data):
        before = form.rows()
        response = client.post(url, data)
        assert response.status_code < 500, data
        if response.status_code >= 400:
            assert form.rows() == before, data

    post()


TOKEN_URLS = {
    "petition-confirm": lambda w, token: reverse("petitions:confirm", args=[w["petition"].slug, token]),
    "signup-cancel": lambda w, token: reverse("events:signup-cancel", args=[token]),
    "data-request-confirm": lambda w, token: reverse("privacy-data-confirm", args=[token]),
    "unsubscribe": lambda w, token: reverse("unsubscribe", args=[token]),
}


@pytest.mark.parametrize("name", sorted(TOKEN_URLS))
def test_arbitrary_tokens_get_a_clear_refusal(client, world, name):
    @FUZZ
    @given(
        token=st.text(
            alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="/"),
            min_size=1,
            max_size=200,
        )
    )
    def open_link(token):
        for method in (client.get, client.post):
            response = method(TOKEN_URLS[name](world, token))
            assert 400 <= response.status_code < 500, token

    open_link()
