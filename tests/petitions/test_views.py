import datetime as dt
import json
import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse

from campaigns.models import Action
from petitions import services
from petitions.models import Petition, Signature
from petitions.services import Signer
from tests.factories import CaseFactory
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def form_data(client, petition, **overrides):
    """What the browser posts: the signed fill-time stamp is read from the page, as a browser would."""
    page = client.get(petition.get_absolute_url()).content.decode()
    stamp = re.search(r'name="rendered_at" value="([^"]+)"', page).group(1)
    data = {
        "first_name": "Anna",
        "last_name": "Kowalska",
        "email": "anna@example.org",
        "country": "PL",
        "city": "Poznań",
        "rendered_at": stamp,
        "website": "",
    }
    return {**data, **overrides}


def sign_url(petition):
    return reverse("petitions:sign", kwargs={"slug": petition.slug})


def confirm_path(message) -> str:
    return "/petitions/" + message.body.split("/petitions/")[1].split()[0]


def test_signing_stores_a_pending_signature_and_shows_check_your_inbox(client):
    petition = PetitionFactory()
    data = form_data(client, petition, consent_to_contact="on", show_first_name="on")

    response = client.post(sign_url(petition), data, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:check-inbox", kwargs={"slug": petition.slug})
    signature = Signature.objects.get()
    assert (signature.first_name, signature.email, signature.country.code, signature.city) == (
        "Anna",
        "anna@example.org",
        "PL",
        "Poznań",
    )
    assert signature.consent_to_contact and signature.show_first_name
    assert signature.ip_hash and "203.0.113.7" not in signature.ip_hash
    assert len(mail.outbox) == 1
    page = client.get(response["Location"])
    assert "Check your inbox" in page.content.decode()


def test_signing_reads_the_petitions_state_not_its_texts(client, django_assert_max_num_queries):
    petition = PetitionFactory()
    data = form_data(client, petition)

    with django_assert_max_num_queries(20) as queries:
        response = client.post(sign_url(petition), data)

    assert response.status_code == 302
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "petitions_petition"' in q["sql"]]
    assert len(reads) == 1 and "title" not in reads[0]


def test_a_refused_signature_shows_the_whole_page_with_the_errors(client):
    petition = PetitionFactory(title="Free Ales Bialiatski")
    data = form_data(client, petition, email="not an address")

    response = client.post(sign_url(petition), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Free Ales Bialiatski" in html and 'aria-invalid="true"' in html and "Anna" in html


def test_a_form_sent_too_fast_says_why_at_the_top_not_to_correct_marked_fields(client, settings):
    settings.FORM_MINIMUM_SECONDS = 60
    petition = PetitionFactory()

    html = client.post(sign_url(petition), form_data(client, petition)).content.decode()

    top = html.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert "That was quick!" in top
    assert "Please correct the marked fields" not in html
    assert not Signature.objects.exists()


def test_the_sign_address_opened_in_a_browser_leads_to_the_petition(client):
    """A refused form is shown at /sign/: its language links, or a reload, open that address with a GET."""
    petition = PetitionFactory()

    response = client.get(f"/pl{sign_url(petition)}")

    assert response.status_code == 302
    assert response["Location"] == f"/pl/petitions/{petition.slug}/"


def test_a_phone_gets_a_way_straight_to_the_form_from_the_top(client):
    petition = PetitionFactory()

    html = client.get(petition.get_absolute_url()).content.decode()

    hero = html.split('<header class="hero">', 1)[1].split("</header>", 1)[0]
    assert 'href="#sign-title">Sign the petition</a>' in hero
    assert 'id="sign-title"' in html


def test_the_consent_box_is_unchecked_by_default(client):
    petition = PetitionFactory()
    html = client.get(petition.get_absolute_url()).content.decode()
    assert 'name="consent_to_contact"' in html
    consent = (
        html.split('name="consent_to_contact"')[0].rsplit("<input", 1)[1]
        + html.split('name="consent_to_contact"')[1].split(">", 1)[0]
    )
    assert "checked" not in consent


def test_a_second_attempt_looks_exactly_like_the_first(client):
    petition = PetitionFactory()
    first = client.post(sign_url(petition), form_data(client, petition))
    second = client.post(sign_url(petition), form_data(client, petition, email=" ANNA+x@example.org"))

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Signature.objects.count() == 1
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Please confirm your signature",
        "Your signature still needs confirming",
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "This field is required."),
        ({"email": "anna@"}, "email", "Enter a valid email address."),
        ({"email": "x@mailinator.com"}, "email", "We cannot accept addresses from this email provider."),
        ({"country": "XX"}, "country", "Select a valid choice. XX is not one of the available choices."),
        ({"last_name": "K" * 101}, "last_name", "Ensure this value has at most 100 characters (it has 101)."),
        (
            {"first_name": "<script>alert(1)</script>"},
            "first_name",
            "letters, spaces, hyphens and apostrophes only",
        ),
        ({"city": "a" * 500}, "city", "Ensure this value has at most 100 characters (it has 500)."),
        ({"first_name": "Zoé 🌟"}, "first_name", "letters, spaces, hyphens and apostrophes only"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(client, overrides, field, message):
    petition = PetitionFactory()
    response = client.post(sign_url(petition), form_data(client, petition, **overrides))

    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Signature.objects.exists()
    assert mail.outbox == []


def test_a_missing_form_is_a_400_not_a_500(client):
    petition = PetitionFactory()
    response = client.post(sign_url(petition), {})
    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_the_honeypot_rejects_bots(client):
    petition = PetitionFactory()
    response = client.post(sign_url(petition), form_data(client, petition, website="http://spam.example"))
    assert response.status_code == 400
    assert "Your submission could not be accepted" in response.content.decode()
    assert not Signature.objects.exists()


def test_signing_is_rate_limited_per_ip(client, settings):
    settings.PETITION_SIGN_RATE_LIMIT = "2/h"  # an hour-long window: the posts never straddle two windows
    petition = PetitionFactory()
    statuses = [
        client.post(
            sign_url(petition),
            form_data(client, petition, email=f"s{n}@example.org"),
            REMOTE_ADDR="198.51.100.1",
        ).status_code
        for n in range(3)
    ]
    other_ip = client.post(
        sign_url(petition), form_data(client, petition, email="other@example.org"), REMOTE_ADDR="198.51.100.2"
    )

    assert statuses == [302, 302, 429]
    assert other_ip.status_code == 302
    assert Signature.objects.count() == 3


@pytest.mark.parametrize("status", [Petition.Status.CLOSED, Petition.Status.DELIVERED])
def test_a_closed_petition_shows_the_final_count_and_no_form(client, status):
    petition = PetitionFactory(status=status, signature_count=1500, paper_signature_count=212)
    html = client.get(petition.get_absolute_url()).content.decode()
    assert "Final count: 1,712 signatures" in html
    assert 'action="/petitions/' not in html and "Sign now" not in html


def test_posting_to_a_closed_petition_is_refused_with_a_reason(client):
    petition = PetitionFactory()
    data = form_data(client, petition)
    Petition.objects.filter(pk=petition.pk).update(status=Petition.Status.CLOSED)
    response = client.post(sign_url(petition), data)
    assert response.status_code == 400
    assert "This petition is closed" in response.content.decode()
    assert not Signature.objects.exists()


def test_a_draft_is_not_public(client):
    petition = PetitionFactory(status=Petition.Status.DRAFT)
    assert client.get(petition.get_absolute_url()).status_code == 404
    assert client.post(sign_url(petition), {"first_name": "A"}).status_code == 404
    assert client.get(reverse("petitions:count-json", kwargs={"slug": petition.slug})).status_code == 404


def test_the_confirmation_link_shows_a_button_and_a_get_confirms_nothing(client):
    petition = PetitionFactory()
    client.post(sign_url(petition), form_data(client, petition))
    path = confirm_path(mail.outbox[0])

    page = client.get(path)

    assert page.status_code == 200
    html = page.content.decode()
    assert '<form method="post">' in html and "Confirm my signature" in html
    assert Signature.objects.get().status == Signature.Status.PENDING
    petition.refresh_from_db()
    assert petition.signature_count == 0


def test_posting_the_confirmation_counts_once(client):
    petition = PetitionFactory()
    client.post(sign_url(petition), form_data(client, petition))
    path = confirm_path(mail.outbox[0])

    first = client.post(path)
    second = client.post(path)

    assert "Your signature is confirmed." in first.content.decode()
    assert "already confirmed" in second.content.decode()
    petition.refresh_from_db()
    assert petition.signature_count == 1
    assert Action.objects.filter(kind="online_signature").count() == 1


def test_a_confirmed_signer_is_asked_to_share_with_plain_links_and_nothing_loaded_from_elsewhere(
    client, settings
):
    settings.SITE_URL = "https://marathon.example"
    petition = PetitionFactory(title="Free Ales & friends")
    client.post(sign_url(petition), form_data(client, petition))
    path = confirm_path(mail.outbox[0])

    html = client.post(path).content.decode()

    share = html[html.index('aria-labelledby="share-title"') :]
    url = f"https://marathon.example/petitions/{petition.slug}/"
    assert f'data-share-url="{url}"' in share
    text = "I%20signed%20%E2%80%9CFree%20Ales%20%26%20friends%E2%80%9D.%20Will%20you%20sign%20too%3F"
    assert f'href="https://wa.me/?text={text}%20{quote(url, safe="")}"' in share
    assert 'href="mailto:?subject=' in share
    # Only links: no script, frame or image from a social network is on the page.
    assert not re.search(r"<(script|iframe|img)[^>]+(facebook|x\.com|t\.me|wa\.me)", html)
    assert "js/share.js" in html


def test_a_confirmation_link_opened_again_says_it_is_done_without_a_button(client, django_assert_num_queries):
    petition = PetitionFactory()
    client.post(sign_url(petition), form_data(client, petition))
    path = confirm_path(mail.outbox[0])
    client.post(path)

    with django_assert_num_queries(2):  # the petition, the signature's status
        page = client.get(path)

    html = page.content.decode()
    assert page.status_code == 200
    assert "Your signature was already confirmed. Nothing more to do." in html
    assert "Confirm my signature" not in html
    petition.refresh_from_db()
    assert petition.signature_count == 1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("withdrawn", "This signature has been withdrawn and cannot be confirmed."),
        ("closed", "This petition is closed and no longer takes signatures."),
        ("erased", "This signature no longer exists."),
    ],
)
def test_a_link_that_cannot_confirm_says_why_before_anything_is_pressed(client, change, reason):
    petition = PetitionFactory()
    client.post(sign_url(petition), form_data(client, petition))
    signature = Signature.objects.get()
    if change == "withdrawn":
        Signature.objects.filter(pk=signature.pk).update(status=Signature.Status.INVALIDATED)
    elif change == "closed":
        type(petition).objects.filter(pk=petition.pk).update(status="closed")
    else:
        signature.delete()

    page = client.get(confirm_path(mail.outbox[0]))

    assert page.status_code == 400
    html = page.content.decode()
    assert reason in html and "Confirm my signature" not in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_a_400_with_a_reason(client, method):
    petition = PetitionFactory()
    client.post(sign_url(petition), form_data(client, petition))
    path = confirm_path(mail.outbox[0])
    response = getattr(client, method)(path.replace("/confirm/", "/confirm/x"))
    assert response.status_code == 400
    assert "This confirmation link is not valid" in response.content.decode()
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_an_expired_token_says_so(client, settings):
    petition = PetitionFactory()
    client.post(sign_url(petition), form_data(client, petition))
    settings.PETITION_CONFIRMATION_MAX_AGE = -1
    response = client.post(confirm_path(mail.outbox[0]))
    assert response.status_code == 400
    assert "This confirmation link has expired" in response.content.decode()
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_count_json_has_the_exact_shape_and_headers(client):
    petition = PetitionFactory(goal=5000, signature_count=41, paper_signature_count=212)
    response = client.get(reverse("petitions:count-json", kwargs={"slug": petition.slug}))
    assert response.status_code == 200
    assert json.loads(response.content) == {"petition": petition.slug, "signatures": 253, "goal": 5000}
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=5"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_count_json_goal_is_null_without_a_goal(client):
    petition = PetitionFactory(goal=None)
    data = client.get(reverse("petitions:count-json", kwargs={"slug": petition.slug})).json()
    assert data == {"petition": petition.slug, "signatures": 0, "goal": None}


def test_count_json_reads_one_row(client, django_assert_num_queries):
    petition = PetitionFactory()
    with django_assert_num_queries(1):
        client.get(reverse("petitions:count-json", kwargs={"slug": petition.slug}))


def test_only_the_embed_may_be_framed(client):
    petition = PetitionFactory(signature_count=12)
    embed = client.get(reverse("petitions:embed", kwargs={"slug": petition.slug}))
    detail = client.get(petition.get_absolute_url())
    listing = client.get(reverse("petitions:list"))

    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert embed["Cache-Control"] == "public, max-age=5"
    assert 'target="_blank"' in embed.content.decode() and "12" in embed.content.decode()
    assert detail["X-Frame-Options"] == "DENY"
    assert listing["X-Frame-Options"] == "DENY"


def test_the_page_shows_online_and_paper_counts_separately_and_progress(client):
    petition = PetitionFactory(goal=1000, signature_count=300, paper_signature_count=212)
    html = client.get(petition.get_absolute_url()).content.decode()
    assert "512" in html and "300 online · 212 on paper" in html
    assert "51% of our goal of 1,000" in html
    assert '<progress id="progress-' in html and 'value="512"' in html


def test_recent_signers_show_first_name_and_country_of_those_who_agreed_only(client):
    petition = PetitionFactory()
    SignatureFactory(
        petition=petition,
        first_name="Aino",
        last_name="Virtanen",
        country="FI",
        status="confirmed",
        show_first_name=True,
        confirmed_at=dt.datetime(2012, 12, 10, tzinfo=dt.UTC),
    )
    SignatureFactory(petition=petition, first_name="Hidden", status="confirmed", show_first_name=False)
    SignatureFactory(petition=petition, first_name="Pending", status="pending", show_first_name=True)

    html = client.get(petition.get_absolute_url()).content.decode()

    assert '<bdi>Aino</bdi> <span class="muted">(Finland)</span>' in html
    assert "Virtanen" not in html and "Hidden" not in html and "Pending" not in html


def test_an_erased_signer_leaves_the_cached_petition_page_at_once(client):
    from campaigns.personal_data import erase_personal_data

    petition = PetitionFactory()
    SignatureFactory(
        petition=petition,
        first_name="Nasta",
        email="nasta@example.net",
        status="confirmed",
        show_first_name=True,
    )
    assert "<bdi>Nasta</bdi>" in client.get(petition.get_absolute_url()).content.decode()  # now kept rendered

    erase_personal_data("nasta@example.net")

    assert "Nasta" not in client.get(petition.get_absolute_url()).content.decode()


def test_no_signer_is_shown_for_a_sensitive_case(client):
    petition = PetitionFactory(case=CaseFactory(is_sensitive=True))
    SignatureFactory(petition=petition, first_name="Aino", status="confirmed", show_first_name=True)
    response = client.get(petition.get_absolute_url())
    assert response.context["recent_signers"] == []
    assert "Aino" not in response.content.decode() and "Recent signers" not in response.content.decode()


def test_the_list_shows_open_petitions_only(client):
    open_one = PetitionFactory(title="Free Ales Bialiatski", signature_count=7)
    PetitionFactory(title="A closed one", status=Petition.Status.CLOSED)
    PetitionFactory(title="A draft", status=Petition.Status.DRAFT)
    html = client.get(reverse("petitions:list")).content.decode()
    assert open_one.title in html and "A closed one" not in html and "A draft" not in html


def test_the_list_has_an_empty_state(client):
    html = client.get(reverse("petitions:list")).content.decode()
    assert "No petition is open right now." in html


@pytest.mark.parametrize("rows", [1, 15])
def test_the_list_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    for _ in range(rows):
        PetitionFactory()
    with django_assert_num_queries(2):  # the count for pagination, the page of petitions with their cases
        response = client.get(reverse("petitions:list"))
    assert len(response.context["petitions"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_the_detail_page_query_count_does_not_grow_with_signers(client, django_assert_num_queries, rows):
    petition = PetitionFactory()
    for _ in range(rows):
        SignatureFactory(petition=petition, status="confirmed", show_first_name=True)
    # Rendered: the petition's state (the page's version), the petition, its case, the recent signers.
    with django_assert_num_queries(4):
        client.get(petition.get_absolute_url())
    # The next visitor: the petition's state columns only, the page from the cache.
    with django_assert_num_queries(1) as queries:
        client.get(petition.get_absolute_url())
    assert "title" not in queries.captured_queries[0]["sql"]


def test_the_case_page_offers_its_open_petitions(client):
    petition = PetitionFactory(title="Free Ales Bialiatski")
    PetitionFactory(case=petition.case, title="Closed one", status=Petition.Status.CLOSED)
    html = client.get(petition.case.get_absolute_url()).content.decode()
    assert "Sign the petition" in html and "Free Ales Bialiatski" in html and "Closed one" not in html


def test_the_nav_links_to_petitions(client):
    html = client.get(reverse("petitions:list")).content.decode()
    assert 'href="/petitions/"' in html and 'aria-current="page"' in html


@pytest.mark.django_db(transaction=True)
def test_emails_leave_only_after_the_signature_is_committed(client):
    petition = PetitionFactory()
    client.post(sign_url(petition), form_data(client, petition))
    assert len(mail.outbox) == 1
    assert Signature.objects.count() == 1


def test_a_paper_signer_never_gets_an_email():
    from tests.factories import LocalGroupFactory

    services.add_paper_signatures(
        petition=PetitionFactory(),
        group=LocalGroupFactory(),
        signers=[Signer("A", "B", "a@example.org", "PL")],
    )
    assert mail.outbox == []


def test_a_petition_not_yet_open_says_so_without_a_final_count(client):
    petition = PetitionFactory(opens_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    html = client.get(petition.get_absolute_url()).content.decode()
    assert "Signing opens soon" in html and "not open for signatures yet" in html
    assert "Final count" not in html and "Sign now" not in html


def test_confirming_reads_no_texts_and_thanks_in_the_pages_language(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    petition = PetitionFactory(title_en="Free Ales Bialiatski", title_pl="Uwolnić Alesia Bialackiego")
    signature = SignatureFactory(petition=petition, status=Signature.Status.PENDING)
    token = services.make_confirmation_token(signature)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/pl/petitions/{petition.slug}/confirm/{token}/")

    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED
    assert "Uwolnić Alesia Bialackiego" in response.content.decode()
    assert Action.objects.get(kind=Action.Kind.ONLINE_SIGNATURE).case_id == petition.case_id
    sql = " ".join(q["sql"] for q in queries)
    assert '"petitions_petition"."text' not in sql and '"campaigns_case"."name' not in sql


def test_a_class_on_one_wi_fi_can_sign_together(client):
    """A school class or a marathon evening shares one address: thirty people signing in the same minute are
    all counted under the default limit (a limit of 20 refused the last ten)."""
    petition = PetitionFactory()
    data = form_data(client, petition)

    responses = [
        client.post(sign_url(petition), {**data, "email": f"pupil{n}@example.org"}, REMOTE_ADDR="203.0.113.7")
        for n in range(30)
    ]

    assert {r.status_code for r in responses} == {302}
    assert Signature.objects.filter(petition=petition).count() == 30


@pytest.mark.parametrize(("page", "shown"), [("abc", 1), ("99", 2), ("2", 2), ("", 1)])
def test_a_page_number_that_is_not_one_shows_the_nearest_page_not_a_404(client, page, shown):
    PetitionFactory.create_batch(21)  # 20 a page: two pages
    response = client.get(reverse("petitions:list"), {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
