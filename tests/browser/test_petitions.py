"""A supporter signs the petition, opens the link from the email, confirms, and sees the counter go up by one."""

import pytest
from django.core import mail

from petitions.models import Signature
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supporter_signs_confirms_and_sees_the_counter_go_up(live_server, page, artifacts_dir):
    petition = PetitionFactory(
        title="Free Ales Bialiatski", goal=1000, signature_count=41, paper_signature_count=212
    )
    SignatureFactory(
        petition=petition, first_name="Aino", country="FI", status="confirmed", show_first_name=True
    )

    page.goto(live_server.url + "/petitions/")
    page.screenshot(path=f"{artifacts_dir}/petitions-list-desktop.png", full_page=True)
    page.get_by_role("link", name="Free Ales Bialiatski").first.click()
    page.wait_for_url(f"**/petitions/{petition.slug}/")
    assert page.locator("[data-petition-total]").text_content().strip() == "253"
    assert page.get_by_text("Aino").is_visible()

    page.locator("#id_first_name").fill("María")
    page.locator("#id_last_name").fill("Benítez")
    page.locator("#id_email").fill("maria.benitez@example.org")
    page.locator("#id_country").select_option("PY")
    page.locator("#id_city").fill("Asunción")
    page.locator("#id_show_first_name").check()
    assert not page.locator("#id_consent_to_contact").is_checked()
    page.screenshot(path=f"{artifacts_dir}/petitions-detail-desktop.png", full_page=True)
    page.get_by_role("button", name="Sign now").click()

    page.wait_for_url(f"**/petitions/{petition.slug}/check-your-inbox/")
    assert page.locator("h1").text_content() == "Check your inbox"
    assert Signature.objects.get(email="maria.benitez@example.org").status == "pending"

    [message] = mail.outbox
    link = message.body.split("http://127.0.0.1:8000", 1)[1].split()[0]
    page.goto(live_server.url + link)
    assert page.locator("h1").text_content() == "Confirm your signature"
    assert (
        Signature.objects.get(email="maria.benitez@example.org").status == "pending"
    )  # opening confirms nothing
    page.get_by_role("button", name="Confirm my signature").click()

    assert page.locator("h1").text_content() == "Thank you: your signature counts"
    assert page.locator("[data-petition-total]").text_content().strip() == "254"
    # Then passes it on: the copy button puts the petition's address on the clipboard.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the link").click()
    page.get_by_role("status").filter(has_text="Link copied.").wait_for()
    assert (
        page.evaluate("navigator.clipboard.readText()") == f"http://127.0.0.1:8000/petitions/{petition.slug}/"
    )
    assert (
        page.get_by_role("link", name="WhatsApp")
        .get_attribute("href")
        .startswith("https://wa.me/?text=I%20signed")
    )
    page.goto(live_server.url + f"/petitions/{petition.slug}/")
    assert page.locator("[data-petition-total]").text_content().strip() == "254"
    assert page.get_by_text("María").is_visible()

    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    page.screenshot(path=f"{artifacts_dir}/petitions-detail-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(live_server.url + f"/petitions/{petition.slug}/embed/")
    page.screenshot(path=f"{artifacts_dir}/petitions-embed-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
