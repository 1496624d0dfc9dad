import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from campaigns.models import Action
from letters import services
from letters.models import AppealLetter, SolidarityMessage
from tests.factories import CaseFactory

from .factories import SolidarityMessageFactory

pytestmark = pytest.mark.django_db


def url(name, case):
    return reverse(f"letters:{name}", kwargs={"slug": case.slug})


def form_data(client, view, case, **data):
    """The human-check fields as the rendered form carries them, plus `data`."""
    form = client.get(url(view, case)).context["form" if view != "appeal" else "letter_form"]
    return {"rendered_at": form["rendered_at"].value(), "website": "", **data}


def human_check(client, case):
    page = client.get(url("appeal", case))
    return {"rendered_at": page.context["posted_form"]["rendered_at"].value(), "website": ""}


# --- the case page -------------------------------------------------------------------------------


def test_case_page_shows_both_actions_with_guidance_and_links(client, case):
    page = client.get(case.get_absolute_url())
    html = page.content.decode()

    assert page.status_code == 200
    assert "Write to the authorities" in html and "Send a solidarity message" in html
    assert "vul. Internatsyanalnaya 22" in html
    assert "Dear Prosecutor General" in html
    assert "What to write, and what to avoid" in html
    assert url("appeal", case) in html and url("message", case) in html and url("wrote", case) in html
    assert "Collected and posted by the national section" in html


def test_case_page_wall_shows_approved_messages_only(client, case, coordinator):
    approved = SolidarityMessageFactory(
        case=case, first_name="Yuki", country="JP", body="あなたは一人ではありません"
    )
    SolidarityMessageFactory(case=case, first_name="Pending", body="waiting")
    services.approve_messages(messages=[approved], moderator=coordinator)

    html = client.get(case.get_absolute_url()).content.decode()

    assert "あなたは一人ではありません" in html
    assert "<bdi>Yuki</bdi>, Japan" in html
    assert "waiting" not in html


def test_sensitive_case_shows_no_messages_anywhere(client, coordinator):
    case = CaseFactory(is_sensitive=True)
    message = SolidarityMessageFactory(case=case, first_name="Hidden", body="Secret words")
    services.approve_messages(messages=[message], moderator=coordinator)

    for page in (client.get(case.get_absolute_url()), client.get(url("wall", case))):
        html = page.content.decode()
        assert page.status_code == 200
        assert "Secret words" not in html and "Hidden" not in html
        assert "messages are not shown publicly" in html


def test_message_html_is_escaped_on_the_wall(client, case, coordinator):
    message = SolidarityMessageFactory(case=case, body='<script>alert("x")</script><b>hi</b>')
    services.approve_messages(messages=[message], moderator=coordinator)

    html = client.get(url("wall", case)).content.decode()

    assert "<script>alert" not in html and "<b>hi</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;hi&lt;/b&gt;" in html


def test_a_right_to_left_name_on_the_wall_is_isolated_so_the_country_stays_after_it(
    client, case, coordinator
):
    message = SolidarityMessageFactory(case=case, first_name="مريم", country="TN")
    services.approve_messages(messages=[message], moderator=coordinator)

    html = client.get(url("wall", case)).content.decode()

    assert "<bdi>مريم</bdi>, Tunisia" in html


def test_a_message_in_korean_or_japanese_is_marked_so_screen_readers_voice_it(client, case, coordinator):
    bodies = [
        "알레스 씨, 당신은 혼자가 아닙니다.",
        "アレシュさん、心を込めて。",
        "Cher Ales, courage !",
        "مرحبا أليس",
    ]
    services.approve_messages(
        messages=[SolidarityMessageFactory(case=case, body=body) for body in bodies], moderator=coordinator
    )

    html = client.get(url("wall", case)).content.decode()

    assert '<blockquote class="mb-2" dir="auto" lang="ko">알레스 씨' in html
    assert '<blockquote class="mb-2" dir="auto" lang="ja">アレシュさん' in html
    assert (
        '<blockquote class="mb-2" dir="auto">Cher Ales' in html
    )  # a Latin script tells no language for sure
    assert '<blockquote class="mb-2" dir="auto">مرحبا' in html  # right to left, by its own letters


def test_wall_is_paginated(client, case, coordinator):
    messages = SolidarityMessageFactory.create_batch(30, case=case)
    services.approve_messages(messages=messages, moderator=coordinator)

    first, second = client.get(url("wall", case)), client.get(url("wall", case) + "?page=2")

    assert len(first.context["messages_on_wall"]) == 24
    assert len(second.context["messages_on_wall"]) == 6
    assert "Page 1 of 2" in first.content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_wall_query_count_does_not_grow_with_rows(client, case, coordinator, django_assert_num_queries, rows):
    messages = SolidarityMessageFactory.create_batch(rows, case=case)
    services.approve_messages(messages=messages, moderator=coordinator)

    with django_assert_num_queries(3):  # the case, the page count, the page of messages
        client.get(url("wall", case))


@pytest.mark.parametrize("rows", [1, 30])
def test_case_page_wall_preview_adds_one_query(client, case, coordinator, rows):
    messages = SolidarityMessageFactory.create_batch(rows, case=case)
    services.approve_messages(messages=messages, moderator=coordinator)
    with CaptureQueriesContext(connection) as captured:
        client.get(case.get_absolute_url())
    wall_queries = [q for q in captured.captured_queries if "letters_solidaritymessage" in q["sql"]]
    assert len(wall_queries) == 1


# --- appeal letters ------------------------------------------------------------------------------


def test_appeal_page_starts_from_the_sample_letter(client, case):
    page = client.get(url("appeal", case))
    assert page.status_code == 200
    assert page.context["letter_form"]["body"].value() == case.sample_appeal_letter
    assert "Prosecutor General of the Republic" in page.content.decode()


@pytest.mark.parametrize(("paper", "width_pt"), [("a4", 595), ("letter", 612)])
def test_appeal_post_returns_the_pdf_and_stores_nothing(client, case, paper, width_pt):
    data = form_data(
        client,
        "appeal",
        case,
        body="Dear Prosecutor General,\n\nRelease him now, please.",
        name="Ana Benítez",
        city="Asunción",
        country="PY",
        paper=paper,
    )
    response = client.post(url("appeal", case), data)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert round(float(reader.pages[0].mediabox.width)) == width_pt
    assert "Ana Benítez" in text and "vul. Internatsyanalnaya 22" in text and "Release him now" in text
    assert not AppealLetter.objects.exists()


def test_a_long_appeal_names_its_writer_and_numbers_its_later_pages(client, case):
    paragraph = "Please release Ales Bialiatski, a human rights defender jailed for his peaceful work. " * 8
    body = "\n\n".join([paragraph.strip()] * 9)[:6000]
    data = form_data(
        client, "appeal", case, body=body, name="Ana Benítez", city="Asunción", country="PY", paper="a4"
    )

    reader = PdfReader(io.BytesIO(client.post(url("appeal", case), data).content))

    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) >= 2
    assert f"1 / {len(pages)}" not in pages[0]  # the first page has the letterhead, no number
    for number, text in enumerate(pages[1:], start=2):
        assert "Ana Benítez" in text and f"{number} / {len(pages)}" in text


def test_a_tampered_appeal_request_cannot_fetch_anything_stored(client, case):
    """Letters are rendered from the POST alone: there is no id to change, and the address comes from the case."""
    other = CaseFactory(authority_address="Secret street 1", is_published=False)
    data = form_data(client, "appeal", case, body="My letter", name="Eve", city="X", country="PL", paper="a4")

    assert client.get(url("appeal", case) + "?letter=1").status_code == 200  # GET shows the blank form
    assert client.post(url("appeal", other), data).status_code == 404
    response = client.post(
        url("appeal", case), {**data, "authority_address": "Forged", "letter_id": "1", "paper": "legal"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not AppealLetter.objects.exists()


def test_a_message_written_in_polish_is_acknowledged_with_the_polish_greeting(
    client, case, django_capture_on_commit_callbacks
):
    with translation.override("pl"):
        data = form_data(
            client,
            "message",
            case,
            first_name="Ola",
            country="PL",
            body="Trzymaj się!",
            email="ola@example.org",
        )
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url("message", case), data)

    assert mail.outbox[0].body.startswith(
        "Dzień dobry, Ola,\n"
    )  # the greeting of every other email, not "Drogi/Droga"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("body", "", "This field is required."),
        ("body", "x" * 6001, "This text is 1 character too long: it can have at most 6,000."),
        ("country", "XX", "Please choose a country from the list."),
        ("name", "", "This field is required."),
        ("body", "\u200b\n\u200b", "Your letter is empty. Start from the sample, or write your own."),
        ("name", "\u2060", "Please write your name: the letter is signed with it."),
        ("name", "Eve 🙂", "Your name may contain letters, spaces, hyphens and apostrophes only."),
    ],
)
def test_appeal_bad_input_gets_a_clear_message(client, case, field, value, error):
    data = form_data(client, "appeal", case, body="Letter", name="Eve", city="Riga", country="LV", paper="a4")
    response = client.post(url("appeal", case), {**data, field: value})

    assert response.status_code == 400
    assert error in response.content.decode()


def test_i_ve_posted_it_logs_one_letter(client, case, campaign, django_capture_on_commit_callbacks):
    data = {**human_check(client, case), "name": "Kasia", "city": "Poznań", "country": "PL", "email": ""}
    response = client.post(url("appeal-posted", case), data)

    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    letter = AppealLetter.objects.get()
    assert (letter.count, letter.source, letter.country.code, letter.name) == (1, "online", "PL", "Kasia")
    assert letter.ip_hash and letter.ip_hash != "127.0.0.1"
    assert (letter.consent_text_version, letter.consent_form) == ("", "")  # no address, nothing agreed to
    assert Action.objects.get().count == 1
    assert mail.outbox == []


def test_i_ve_posted_it_with_an_email_keeps_what_the_address_is_for(
    client, case, campaign, django_capture_on_commit_callbacks
):
    data = {**human_check(client, case), "country": "PL", "email": "kasia@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("appeal-posted", case), data)

    letter = AppealLetter.objects.get()
    assert (letter.email, letter.consent_text_version, letter.consent_form) == (
        "kasia@example.org",
        "appeal-email-v1",
        "appeal-posted",
    )


def test_i_ve_posted_it_with_an_unknown_country_stores_nothing(client, case):
    data = {**human_check(client, case), "country": "ZZ", "email": ""}
    response = client.post(url("appeal-posted", case), data)

    assert response.status_code == 400
    assert "Please choose a country from the list." in response.content.decode()
    assert not AppealLetter.objects.exists()


def test_a_refused_posted_it_form_gives_back_the_letter_the_person_wrote(client, case):
    """Step 2 carries step 1's letter (static/js/appeal.js): its refusal must not put the sample back."""
    own = "Dear Prosecutor General,\n\nI write from Poznań: free Ales Bialiatski now.\n\nKasia"
    data = {
        **human_check(client, case),
        "country": "PL",
        "email": "kasia@example",
        "letter-body": own,
        "letter-name": "Kasia Nowak",
        "letter-city": "Poznań",
        "letter-country": "PL",
        "letter-paper": "letter",
    }

    response = client.post(url("appeal-posted", case), data)

    assert response.status_code == 400
    letter_form = response.context["letter_form"]
    assert not letter_form.is_bound  # shown to go on with, not refused
    assert letter_form.initial == {
        "body": own,
        "name": "Kasia Nowak",
        "city": "Poznań",
        "country": "PL",
        "paper": "letter",
    }
    html = response.content.decode()
    assert "I write from Poznań: free Ales Bialiatski now." in html
    assert 'value="Kasia Nowak"' in html
    assert not AppealLetter.objects.exists()


def test_a_refused_posted_it_form_leaves_out_copies_the_letter_form_would_not_take(client, case):
    data = {
        **human_check(client, case),
        "country": "XX",
        "letter-body": "  ",
        "letter-country": "XX",
        "letter-paper": "A0",
        "letter-name": "n" * 101,
        "letter-city": "Riga",
    }

    response = client.post(url("appeal-posted", case), data)

    assert response.status_code == 400
    assert response.context["letter_form"].initial == {
        "body": case.sample_appeal_letter,
        "paper": "a4",
        "city": "Riga",
    }


# --- "I wrote N letters" -------------------------------------------------------------------------


def test_wrote_form_explains_event_letters_are_counted_by_the_host(client, case):
    html = client.get(url("wrote", case)).content.decode()
    assert "Letters written at an event are counted by the event" in html
    assert "so please do not include them here" in html


def test_wrote_n_letters_logs_the_count(client, case, campaign):
    response = client.post(url("wrote", case), form_data(client, "wrote", case, count="35", country="TG"))

    assert response.status_code == 302
    letter = AppealLetter.objects.get()
    assert (letter.count, letter.source, letter.country.code) == (35, "offline", "TG")
    assert Action.objects.get().count == 35
    assert (
        f"Thank you! 35 letters have been counted for {case.name}."
        in client.get(response.url).content.decode()
    )


def test_letters_for_a_case_whose_campaign_is_over_are_thanked_for_not_said_to_be_counted(client, case):
    for campaign in case.campaigns.all():
        campaign.is_active = False
        campaign.save()

    response = client.post(url("wrote", case), form_data(client, "wrote", case, count="3", country="FR"))

    assert response.status_code == 302
    assert AppealLetter.objects.get().count == 3
    assert not Action.objects.exists()
    page = client.get(response.url).content.decode()
    assert f"Thank you for writing 3 letters for {case.name}!" in page
    assert "counted" not in page


@pytest.mark.parametrize(
    ("language", "count", "thanks"),
    [
        ("en", "1", "1 letter has been counted"),
        ("pl", "3", "Policzyliśmy 3 listy"),
        ("pl", "22", "Policzyliśmy 22 listy"),
    ],
)
def test_wrote_thanks_in_the_languages_grammar(client, case, language, count, thanks):
    with translation.override(language):
        response = client.post(
            url("wrote", case), form_data(client, "wrote", case, count=count, country="PL")
        )
    assert thanks in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("count", "country", "error"),
    [
        ("0", "PL", "Please enter at least 1 letter."),
        ("10000", "PL", "That is more than 500"),
        ("abc", "PL", "Enter a whole number."),
        ("3", "Atlantis", "Please choose a country from the list."),
    ],
)
def test_wrote_bad_input_gets_a_clear_message_and_stores_nothing(client, case, count, country, error):
    response = client.post(url("wrote", case), form_data(client, "wrote", case, count=count, country=country))

    assert response.status_code == 400
    html = response.content.decode()
    top = html.split("</h1>", 1)[1].split("<form", 1)[0]
    assert "error-summary" in top and error in top  # said at the top too, where the focus goes
    assert not AppealLetter.objects.exists()
    assert not Action.objects.exists()


def test_a_refused_question_is_listed_at_the_top_without_its_question_mark(client, case):
    with translation.override("fr"):
        response = client.post(url("wrote", case), form_data(client, "wrote", case, count="0", country="FR"))
    top = response.content.decode().split("</h1>", 1)[1].split("<form", 1)[0]
    assert "écrites\u00a0: Veuillez" in top
    assert "? :" not in top and "?\u00a0:" not in top


# --- solidarity messages -------------------------------------------------------------------------


def test_message_is_stored_pending_and_confirmed(client, case, django_capture_on_commit_callbacks):
    data = form_data(
        client,
        "message",
        case,
        first_name="Minji",
        country="KR",
        body="당신은 혼자가 아닙니다",
        email="Minji@Example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("message", case), data)

    assert response.status_code == 302
    message = SolidarityMessage.objects.get()
    assert (message.status, message.first_name, message.country.code, message.body, message.email) == (
        "pending",
        "Minji",
        "KR",
        "당신은 혼자가 아닙니다",
        "minji@example.org",
    )
    assert (message.consent_text_version, message.consent_form) == ("message-email-v1", "message-page")
    assert not Action.objects.exists()
    assert mail.outbox[0].to == ["minji@example.org"]
    assert "당신은 혼자가 아닙니다" not in client.get(case.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("body", "", "This field is required."),
        ("body", "     ", "This field is required."),
        ("body", " " + "x" * 1500 + "\n", "This text is 500 characters too long: it can have at most 1,000."),
        ("first_name", "", "This field is required."),
        ("body", "\u200b\u200b\u200b", "Your message is empty."),
        ("first_name", "\ufeff", "Please tell us your first name."),
        (
            "first_name",
            "<script>",
            "Your first name may contain letters, spaces, hyphens and apostrophes only.",
        ),
        ("first_name", "😀", "Your first name may contain letters, spaces, hyphens and apostrophes only."),
        ("country", "XX", "Please choose a country from the list."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("email", "a@mailinator.com", "Please use a permanent email address."),
    ],
)
def test_message_bad_input_gets_a_clear_message_and_stores_nothing(client, case, field, value, error):
    data = form_data(client, "message", case, first_name="Ann", country="PL", body="Hello", email="")
    response = client.post(url("message", case), {**data, field: value})

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not SolidarityMessage.objects.exists()


def test_a_message_of_1000_characters_with_line_breaks_is_accepted_and_stored_with_them(client, case):
    """Browsers send a line break as CR LF: the limit counts it once, as the box's counter does."""
    lines = ["x" * 99] * 10  # 990 characters and 9 line breaks: 999 as written, 1,008 as sent
    data = form_data(
        client, "message", case, first_name="Ann", country="PL", body="\r\n".join(lines), email=""
    )

    response = client.post(url("message", case), data)

    assert response.status_code == 302
    assert SolidarityMessage.objects.get().body == "\n".join(lines)


def test_the_message_box_carries_its_limit_and_the_count_wording_in_the_page_language(client, case):
    html = client.get("/pl" + url("message", case)).content.decode()
    box = html[html.index("<textarea") : html.index(">", html.index("<textarea"))]
    assert 'data-char-limit="1000"' in box and 'maxlength="1000"' in box  # the limit holds without JavaScript
    assert 'data-chars-left="Pozostało znaków: %(count)s"' in box
    assert "js/char-count" in html


def test_a_refused_message_says_so_at_the_top_with_a_link_to_the_form(client, case):
    """On a phone the guidance comes before the form: the page opens at the top, far from the marked field."""
    data = form_data(client, "message", case, first_name="Ann", country="PL", body="", email="")

    html = client.post(url("message", case), data).content.decode()

    top = html.split("</h1>", 1)[1].split("<aside", 1)[0]
    assert '<a href="#message-form">Please correct the marked fields.' in top
    assert (
        '<li><a href="#id_body">Your message: This field is required.</a></li>' in top
    )  # each field, linked
    assert "rendered_at" not in top  # hidden fields are not listed
    assert 'id="message-form"' in html


def test_a_refused_posted_it_form_says_so_at_the_top_with_a_link_to_it(client, case):
    data = {**human_check(client, case), "country": "XX", "email": ""}

    html = client.post(url("appeal-posted", case), data).content.decode()

    top = html.split("</h1>", 1)[1].split('id="step1"', 1)[0]
    assert '<a href="#step2">Please correct the marked fields.' in top


def test_honeypot_and_missing_render_time_are_refused(client, case):
    data = form_data(client, "message", case, first_name="Bot", country="PL", body="Buy now")
    assert client.post(url("message", case), {**data, "website": "http://spam"}).status_code == 400
    assert client.post(url("message", case), {**data, "rendered_at": "forged"}).status_code == 400
    assert not SolidarityMessage.objects.exists()


def test_unpublished_case_has_no_letter_pages(client):
    case = CaseFactory(is_published=False)
    for name in ("appeal", "message", "wrote", "wall"):
        assert client.get(url(name, case)).status_code == 404


@pytest.mark.parametrize("name", ["message", "wrote", "appeal", "appeal-posted"])
def test_anonymous_forms_are_rate_limited(client, case, settings, name):
    settings.RATE_LIMIT_PUBLIC_FORMS = "2/h"  # an hour-long window: a test never straddles two
    for _ in range(2):
        assert client.post(url(name, case), {}).status_code == 400
    response = client.post(url(name, case), {})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"


def test_i_ve_posted_it_by_get_goes_back_to_the_appeal_page(client, case):
    response = client.get(url("appeal-posted", case))
    assert response.status_code == 302 and response["Location"] == url("appeal", case)
    assert not AppealLetter.objects.exists()
