"""The core actions work with JavaScript switched off: signing a petition (and confirming it from the email),
signing up for an event, writing a solidarity message and counting letters written on paper."""

import re

import pytest
from django.core import mail

from events.models import Registration
from letters.models import AppealLetter, SolidarityMessage
from petitions.models import Signature

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def page(seeded_site, new_context, settings):
    settings.FORM_MINIMUM_SECONDS = 0
    context = new_context(java_script_enabled=False, viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(seeded_site("/"))
    return page


def test_signing_and_confirming_a_petition_without_javascript(
    seeded_site, page, django_capture_on_commit_callbacks
):
    page.goto(seeded_site(f"/petitions/{seeded_site.petition}/"))
    page.locator("#id_first_name").fill("Itzel")
    page.locator("#id_last_name").fill("Ortiz")
    page.locator("#id_email").fill("itzel.ortiz@example.org")
    page.locator("#id_country").select_option("PY")
    # The confirmation email leaves after the commit (see seeded_site about SQLite).
    with django_capture_on_commit_callbacks(execute=True):
        page.get_by_role("button", name="Sign now").click()
        page.wait_for_url(f"**/petitions/{seeded_site.petition}/check-your-inbox/")
    signature = Signature.objects.get(email="itzel.ortiz@example.org")
    assert (signature.first_name, signature.country.code, signature.status) == ("Itzel", "PY", "pending")

    link = re.search(r"https?://\S+(/petitions/\S+/confirm/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(seeded_site(link))
    page.get_by_role("button", name="Confirm my signature").click()
    page.get_by_role("heading", name="Thank you: your signature counts").wait_for()
    signature.refresh_from_db()
    assert signature.status == "confirmed"


def test_signing_up_for_an_event_without_javascript(seeded_site, page):
    page.goto(seeded_site(f"/events/{seeded_site.event}/"))
    page.get_by_label("Your name").fill("Kofi Mensah")
    page.get_by_label("Email").fill("kofi@example.org")
    page.get_by_label("The organisers may contact me about this event.").check()
    page.get_by_role("button", name="Sign me up").click()
    # The event has a place left, so the form gives it.
    page.get_by_role("heading", name="You have a place").wait_for()
    registration = Registration.objects.get(email="kofi@example.org")
    assert (registration.event.slug, registration.name, registration.status) == (
        seeded_site.event,
        "Kofi Mensah",
        "confirmed",
    )


def test_writing_a_solidarity_message_without_javascript(seeded_site, page):
    page.goto(seeded_site(f"/cases/{seeded_site.case}/"))
    page.get_by_role("link", name="Write a solidarity message").first.click()
    page.get_by_label("Your first name").fill("Mele")
    page.get_by_label("Country").select_option("TG")
    page.get_by_label("Your message").fill("Courage, Ales. Lomé is thinking of you.")
    page.get_by_role("button", name="Send my message").click()
    page.wait_for_url(f"**/cases/{seeded_site.case}/")
    message = SolidarityMessage.objects.get(first_name="Mele")
    assert (message.country.code, message.body, message.status) == (
        "TG",
        "Courage, Ales. Lomé is thinking of you.",
        "pending",
    )


def test_counting_letters_written_on_paper_without_javascript(seeded_site, page):
    before = AppealLetter.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    page.goto(seeded_site(f"/cases/{seeded_site.case}/"))
    page.get_by_role("link", name="I wrote letters on paper").click()
    page.get_by_label("How many letters did you write?").fill("7")
    page.get_by_label("Country").select_option("JP")
    page.get_by_role("button", name="Count my letters").click()
    page.wait_for_url(f"**/cases/{seeded_site.case}/")
    letter = AppealLetter.objects.get(pk__gt=before)
    assert (letter.case.slug, letter.count, letter.country.code, letter.source) == (
        seeded_site.case,
        7,
        "JP",
        "offline",
    )
