"""A supporter who signed and signed up asks, from the site's footer, for a copy of their data and then for its
erasure, each through the link emailed to them; the counts stay."""

import json
from pathlib import Path

import pytest
from django.core import mail

from events.models import Registration
from petitions.models import Signature
from tests.events.factories import EventFactory, RegistrationFactory
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ask(page, live_server, *, email: str, erase: bool) -> str:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Your data").click()
    page.wait_for_url("**/privacy/my-data/")
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("Erase my data" if erase else "A copy of my data").check()
    page.get_by_role("button", name="Email me the link").click()
    page.wait_for_url("**/privacy/my-data/sent/")
    assert page.locator("h1").text_content() == "Check your inbox"
    return mail.outbox[-1].body.split("http://127.0.0.1:8000", 1)[1].split()[0]


def test_a_supporter_downloads_and_then_erases_their_data(live_server, page, artifacts_dir):
    petition = PetitionFactory(signature_count=1)
    signature = SignatureFactory(petition=petition, email="kasia@example.org", status="confirmed")
    registration = RegistrationFactory(event=EventFactory(), name="Kasia Nowak", email="kasia@example.org")

    link = ask(page, live_server, email="Kasia@Example.org", erase=False)
    page.goto(live_server.url + link)
    assert page.get_by_text("Your petition signatures: 1").is_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["data"]["events.registrations"]["rows"][0]["name"] == "Kasia Nowak"

    link = ask(page, live_server, email="kasia@example.org", erase=True)
    page.goto(live_server.url + link)
    page.screenshot(path=f"{artifacts_dir}/privacy-erase-desktop.png", full_page=True)
    assert (
        Signature.objects.get(pk=signature.pk).email == "kasia@example.org"
    )  # opening the link erases nothing
    assert page.get_by_text(
        "your places at upcoming events are cancelled"
    ).is_visible()  # said before, not after
    page.get_by_role("button", name="Erase my data").click()

    assert page.locator("h1").text_content() == "Your data has been erased"
    signature.refresh_from_db()
    registration.refresh_from_db()
    assert (signature.email, signature.status) == ("", "confirmed")
    # Her event is still to come: the place is given up, not held for nobody anyone can reach.
    assert (registration.name, registration.status) == ("", Registration.Status.CANCELLED)
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    page.screenshot(path=f"{artifacts_dir}/privacy-erased-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
