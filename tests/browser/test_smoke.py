import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_opens_the_home_page_and_follows_a_case(live_server, page, artifacts_dir):
    call_command("seed_demo", verbosity=0)

    page.goto(live_server.url + "/")
    assert "Write for Rights! Make a difference!" in page.locator("h1").text_content()
    page.get_by_role("link", name="Ales Bialiatski").first.click()

    page.wait_for_url("**/cases/ales-bialiatski/")
    assert page.locator("h1").text_content() == "Ales Bialiatski"
    assert page.get_by_text("Write to the authorities").is_visible()
    page.screenshot(path=f"{artifacts_dir}/case-desktop.png", full_page=True)

    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    page.screenshot(path=f"{artifacts_dir}/case-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
