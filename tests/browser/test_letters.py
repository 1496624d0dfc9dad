import re

import pytest
from playwright.sync_api import expect

from letters.models import PrintBatch, SolidarityMessage
from tests.factories import CampaignFactory, CaseFactory, LocalGroupFactory, coordinator_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def test_a_message_is_written_approved_in_the_admin_shown_on_the_wall_and_printed(
    live_server, page, artifacts_dir
):
    case = CaseFactory(name="Ales Bialiatski", slug="ales-bialiatski", campaigns=[CampaignFactory()])
    # Coordinators moderate the messages written from their groups' countries: this one is in Tokyo.
    coordinator = coordinator_of(LocalGroupFactory(country="JP", city="Tokyo"), email="kasia@example.org")

    # A supporter writes a message from the case page.
    page.goto(live_server.url + case.get_absolute_url())
    page.get_by_role("link", name="Write a solidarity message").first.click()
    page.wait_for_url("**/cases/ales-bialiatski/message/")
    page.get_by_label("Your first name").fill("Yuki")
    page.get_by_label("Country").select_option("JP")
    page.get_by_label("Your message").fill("アレシュさん、あなたは一人ではありません。")
    page.screenshot(path=f"{artifacts_dir}/letters-message-form.png", full_page=True)
    page.get_by_role("button", name="Send my message").click()
    page.wait_for_url("**/cases/ales-bialiatski/")
    expect(page.get_by_text("A moderator will read your message")).to_be_visible()
    assert "あなたは一人ではありません" not in page.locator("#wall-title + *").inner_text()
    message = SolidarityMessage.objects.get()
    assert message.status == "pending"

    # A coordinator approves it in the admin.
    page.goto(live_server.url + "/admin/letters/solidaritymessage/")
    page.get_by_label("Email address").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/letters/solidaritymessage/")
    expect(page.get_by_text("Moderation guidelines")).to_be_visible()
    page.screenshot(path=f"{artifacts_dir}/letters-moderation-queue.png", full_page=True)
    page.locator(f"input[name=_selected_action][value='{message.pk}']").check()
    page.locator("select[name=action]").select_option("approve_selected")
    page.locator("button[name=index]").click()
    expect(page.get_by_text("1 message approved.")).to_be_visible()
    message.refresh_from_db()
    assert (message.status, message.decided_by) == ("approved", coordinator)

    # It appears on the wall.
    page.goto(live_server.url + case.get_absolute_url())
    wall = page.locator("#wall-title").locator("xpath=..")
    assert "アレシュさん、あなたは一人ではありません。" in wall.inner_text()
    assert "Yuki, Japan" in wall.inner_text()
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=f"{artifacts_dir}/letters-case-phone.png", full_page=True)

    # And in the next print batch.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/letters/printbatch/add/")
    page.get_by_label("Case").select_option(str(case.pk))
    page.get_by_label("Layout").select_option("sheet")
    page.get_by_role("button", name="Create the batch").click()
    page.screenshot(path=f"{artifacts_dir}/letters-print-batch.png", full_page=True)
    expect(page.get_by_text("Print batch created with 1 message.")).to_be_visible()
    batch = PrintBatch.objects.get()
    assert list(batch.messages.all()) == [message]
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").first.click()
    download = download_info.value
    assert download.suggested_filename == f"messages-batch-{batch.pk}.pdf"
    page.screenshot(path=f"{artifacts_dir}/letters-print-batch.png", full_page=True)


def test_a_pasted_message_that_is_too_long_is_kept_whole_and_the_count_says_how_much_to_cut(
    live_server, page, artifacts_dir
):
    case = CaseFactory(slug="ales-bialiatski", campaigns=[CampaignFactory()])
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(live_server.url + "/cases/ales-bialiatski/message/")
    box = page.get_by_label("Your message")
    count = page.locator(".char-count")
    expect(count).to_have_text("Characters left: 1,000")
    expect(box).to_have_accessible_description(re.compile("Characters left: 1,000"))

    pasted = "We are with you. " * 64 + "Ales\n"  # 1,092 characters and a line break the form strips
    box.fill(pasted)
    assert box.input_value() == pasted  # not cut at 1,000 by the browser
    expect(count).to_have_text("Characters too many: 92")
    expect(box).to_have_accessible_description(
        re.compile("Characters too many: 92")
    )  # once the writer pauses
    page.screenshot(path=f"{artifacts_dir}/letters-message-too-long-phone.png", full_page=True)

    page.get_by_label("Your first name").fill("Ola")
    page.get_by_label("Country").select_option("NO")
    page.get_by_role("button", name="Send my message").click()
    reason = "This text is 92 characters too long: it can have at most 1,000."  # the count's figure
    expect(page.get_by_text(reason, exact=True)).to_be_visible()  # beside the box
    expect(page.get_by_role("link", name=f"Your message: {reason}")).to_be_visible()  # and at the top
    assert page.get_by_label("Your message").input_value() == pasted  # nothing typed is lost
    assert not SolidarityMessage.objects.exists()

    # Two lines and an emoji count as the server counts them.
    page.get_by_label("Your message").fill("Stay strong.\nWe are with you ✊🏽")
    expect(page.locator(".char-count")).to_have_text("Characters left: 969")
    page.get_by_role("button", name="Send my message").click()
    page.wait_for_url(f"**{case.get_absolute_url()}")
    assert SolidarityMessage.objects.get().body == "Stay strong.\nWe are with you ✊🏽"


def test_the_count_under_the_message_box_writes_the_limit_as_the_help_text_does(live_server, page):
    """The browser alone would write "1000" in Spanish and Polish under a help text saying "1.000", "1 000"."""
    CaseFactory(slug="ales-bialiatski", campaigns=[CampaignFactory()])
    for prefix, count, help_text in (("/es", "Caracteres restantes: 1.000", "Hasta 1.000 caracteres"),
                                     ("/pl", "1\xa0000", "Do 1\xa0000 znaków")):  # fmt: skip
        page.goto(f"{live_server.url}{prefix}/cases/ales-bialiatski/message/")
        expect(page.locator(".char-count")).to_contain_text(count)
        expect(page.locator("main")).to_contain_text(help_text)


def download_the_appeal(page, *, name: str, city: str, country: str):
    """Fill in step 1 of the appeal page and download its PDF; step 1's form, for what follows."""
    step1 = page.locator('form[action$="/appeal/"]')
    step1.get_by_label("Your name").fill(name)
    step1.get_by_label("Your city").fill(city)
    step1.get_by_label("Country").select_option(country)
    with page.expect_download() as download:
        step1.get_by_role("button", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    return step1


def test_a_supporter_prints_the_appeal_and_says_it_is_posted_without_typing_their_details_twice(
    live_server, page
):
    from letters.models import AppealLetter

    CaseFactory(slug="ales-bialiatski", campaigns=[CampaignFactory()])
    page.goto(live_server.url + "/cases/ales-bialiatski/appeal/")
    step1 = download_the_appeal(page, name="Sofía Giménez", city="Asunción", country="PY")

    step2 = page.locator('form[action$="/appeal/posted/"]')
    assert step2.get_by_label("Your name (optional)").input_value() == "Sofía Giménez"
    assert step2.get_by_label("Your city (optional)").input_value() == "Asunción"
    assert step2.get_by_label("Country").input_value() == "PY"
    step2.get_by_label("Your city (optional)").fill("Encarnación")  # changed here, it stays changed
    step1.get_by_label("Your city").fill("Luque")
    assert step2.get_by_label("Your city (optional)").input_value() == "Encarnación"

    step2.get_by_role("button", name="I've posted it").click()
    expect(page.get_by_text("Your letter has been counted")).to_be_visible()
    letter = AppealLetter.objects.get()
    assert (letter.name, letter.city, letter.country.code) == ("Sofía Giménez", "Encarnación", "PY")


def test_the_appeal_page_keeps_the_persons_letter_through_a_refusal_and_says_what_follows_a_download(
    live_server, page
):
    from letters.models import AppealLetter

    CaseFactory(slug="ales-bialiatski", campaigns=[CampaignFactory()])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/cases/ales-bialiatski/appeal/")
    step1 = page.locator('form[action$="/appeal/"]')
    own = "Dear Prosecutor General,\n\nPlease free Ales Bialiatski.\n\nKim"
    step1.get_by_label("Your letter").fill(own)
    step1.get_by_role("button", name="Download the PDF").click()  # no name, city or country yet
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Your name: This field is required.")

    step1 = download_the_appeal(page, name="Kim Lee", city="Seoul", country="KR")
    # The page stays as it was, but for the earlier errors, and it says what to do with the PDF.
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(step1.locator(".is-invalid, .invalid-feedback")).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("Print it, sign it by hand and post it")

    step2 = page.locator('form[action$="/appeal/posted/"]')
    step2.get_by_label("Email (optional)").fill("kim@example")
    step2.get_by_role("button", name="I've posted it").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a valid email address.")
    step1 = page.locator('form[action$="/appeal/"]')
    assert step1.get_by_label("Your letter").input_value() == own  # not the sample again
    assert step1.get_by_label("Your name").input_value() == "Kim Lee"
    assert step1.get_by_label("Country").input_value() == "KR"
    assert not AppealLetter.objects.exists()


def test_a_thank_you_at_the_top_of_the_page_has_the_focus_so_a_screen_reader_reads_it(live_server, page):
    case = CaseFactory(slug="ales-bialiatski", campaigns=[CampaignFactory()])
    page.goto(live_server.url + "/cases/ales-bialiatski/wrote/")
    page.get_by_label("How many letters did you write?").fill("3")
    page.get_by_label("Country").select_option("FI")
    page.get_by_role("button", name="Count my letters").click()
    page.wait_for_url(f"**{case.get_absolute_url()}")
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("role", "status")
    expect(focused).to_contain_text("3 letters have been counted")
