"""Phones: the key pages fit a 360 px screen in English, Polish and Russian without sideways scrolling, their
tap targets are large enough, and the menu opens with and without JavaScript. Screenshots at 360 px and
1280 px land in test-artifacts/screens/ (not committed)."""

import os
import re

import pytest
from django.conf import settings

from api.admin import EMBED_HEIGHTS

from .axe import axe_violations, describe
from .conftest import log_in
from .pages import key_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}

WIDER_THAN_THE_SCREEN = """
() => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase() + "." + el.className + " " + el.textContent.trim().slice(0, 40))
"""

# Primary actions and fields: at least 44 × 44 CSS px (WCAG 2.5.5's size; 2.5.8 asks 24, checked by axe).
SMALL_PRIMARY_TARGETS = """
() => [...document.querySelectorAll(
    ".btn, .form-control, .form-select, .navbar-toggler, .site-header .nav-link, .language-link, summary")]
  .filter((el) => el.checkVisibility() && !el.matches(".hp-field"))  // the honeypot, off-screen
  .map((el) => ({el, box: el.getBoundingClientRect()}))
  .filter(({box}) => box.height < 44 || box.width < 44)
  .map(({el, box}) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" `
                      + `${Math.round(box.width)}×${Math.round(box.height)}`)
"""


@pytest.fixture
def screens_dir(artifacts_dir):
    path = os.path.join(artifacts_dir, "screens")
    os.makedirs(path, exist_ok=True)
    return path


def settle(page) -> None:
    """Charts draw after the load event (and fetch the world map); wait for them before measuring."""
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", ["en", "pl", "ru"])
def test_key_pages_fit_a_360_px_phone_and_their_targets_are_large_enough(
    seeded_site, new_context, screens_dir, language
):
    page = new_context(viewport=PHONE, bypass_csp=True).new_page()
    prefix = "" if language == "en" else f"/{language}"
    too_wide, too_small = {}, {}
    for name, path in key_pages(seeded_site):
        page.goto(seeded_site(prefix + path))
        settle(page)
        page.screenshot(path=f"{screens_dir}/{language}-360-{name}.png", full_page=True)
        if page.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"]:
            too_wide[name] = page.evaluate(WIDER_THAN_THE_SCREEN)
        small = page.evaluate(SMALL_PRIMARY_TARGETS)
        targets = axe_violations(page, rules=["target-size"])
        if small or targets:
            too_small[name] = small + [describe(targets)] if targets else small
    assert not too_wide, too_wide
    assert not too_small, too_small


@pytest.mark.parametrize("language", ["en", "ru"])
def test_key_pages_reflow_at_320_px_without_sideways_scrolling(seeded_site, new_context, language):
    """WCAG 1.4.10 (reflow): 320 CSS px, the width of a small phone or of a page zoomed to 400 %."""
    page = new_context(viewport={"width": 320, "height": 640}, bypass_csp=True).new_page()
    prefix = "" if language == "en" else f"/{language}"
    too_wide = {}
    for name, path in key_pages(seeded_site):
        page.goto(seeded_site(prefix + path))
        settle(page)
        if page.evaluate("() => document.documentElement.scrollWidth") > 320:
            too_wide[name] = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert not too_wide, too_wide


def test_key_pages_at_1280_px_for_the_record(seeded_site, new_context, screens_dir):
    page = new_context(viewport=DESKTOP).new_page()
    for name, path in key_pages(seeded_site):
        page.goto(seeded_site(path))
        settle(page)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= DESKTOP["width"], name
        page.screenshot(path=f"{screens_dir}/en-1280-{name}.png", full_page=True)


@pytest.mark.parametrize("width", [1200, 1280])
def test_the_desktop_header_is_one_line_in_every_language(seeded_site, new_context, width):
    """Six language names beside the menu wrapped the header onto two or three lines at 1280 px; the codes fit,
    and each link is still named by its language."""
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    tall = {}
    for code, _name in settings.LANGUAGES:
        page.goto(seeded_site("/groups/" if code == "en" else f"/{code}/groups/"))
        header = page.locator(".site-header .navbar").bounding_box()
        if header["height"] > 80:
            tall[code] = round(header["height"])
    page.goto(seeded_site("/pl/groups/"))
    links = page.locator(".language-switcher a")
    assert links.count() == len(settings.LANGUAGES)
    # On screen only its code, a few letters wide; named by that code, then the language, for screen readers.
    assert page.get_by_role("link", name=re.compile(r"^BE\s–\sБеларуская$")).bounding_box()["width"] < 40
    assert not tall, f"header taller than one line (px): {tall}"


def test_a_signed_in_volunteers_desktop_header_is_one_line_in_every_language(seeded_site, new_context):
    """Signed in, "My events" and "Log out" join the menu: in Belarusian it wrapped to two lines at 1280 px."""
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, seeded_site)
    tall = {}
    for code, _name in settings.LANGUAGES:
        page.goto(seeded_site("/groups/" if code == "en" else f"/{code}/groups/"))
        header = page.locator(".site-header .navbar").bounding_box()
        if header["height"] > 80:
            tall[code] = round(header["height"])
    assert not tall, f"header taller than one line (px): {tall}"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_menu_reaches_every_section_on_a_phone(seeded_site, new_context, screens_dir, javascript):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    page.goto(seeded_site(f"/cases/{seeded_site.case}/"))
    menu = page.get_by_role("navigation", name="Main")
    events = menu.get_by_role("link", name="Events")
    if javascript:
        toggle = page.get_by_role("button", name="Show menu")
        assert not events.is_visible()
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        events.wait_for(state="visible")
        page.screenshot(path=f"{screens_dir}/en-360-menu-open.png")
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert toggle.evaluate("(button) => button === document.activeElement")
        toggle.click()
    else:
        # Without scripts there is nothing to open the menu with: it is shown open.
        assert not page.get_by_role("button", name="Show menu").is_visible()
    for name in ("Cases", "Events", "Petitions", "Results", "Local groups", "Log in"):
        assert menu.get_by_role("link", name=name, exact=True).is_visible(), name
    events.click()
    page.wait_for_url("**/events/")


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_counter_widgets_fit_the_frames_their_snippets_give_them(seeded_site, new_context, language):
    """Section websites frame the widgets at the height the back office's snippet says; on a 320 px phone
    nothing (the petition's sign button above all) may fall below that frame."""
    prefix = "" if language == "en" else f"/{language}"
    for kind, path in [
        ("campaign", f"/results/{seeded_site.campaign}/embed/"),
        ("petition", f"/petitions/{seeded_site.petition}/embed/"),
    ]:
        page = new_context(viewport={"width": 320, "height": EMBED_HEIGHTS[kind]}).new_page()
        page.goto(seeded_site(prefix + path))
        settle(page)
        assert page.locator(".live-pause").count() == 1, kind  # the counter script ran
        height = page.evaluate("() => document.documentElement.scrollHeight")
        assert height <= EMBED_HEIGHTS[kind], (kind, height)


# Bootstrap scrolls smoothly to a fragment, so the checks wait for the scroll to arrive.
IN_VIEW = """(selector) => { const box = document.querySelector(selector).getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight; }"""


@pytest.mark.parametrize(
    "path, form",
    [("/petitions/{site.petition}/", "#sign-form"), ("/events/{site.event}/", "#signup-form")],
)
def test_on_a_phone_a_refused_form_says_so_at_the_top_and_links_to_its_errors(
    seeded_site, new_context, path, form
):
    """On a phone the sign forms come after the petition's text or the event's details, and the refused page
    opens at the top: the first thing on it says what happened and takes the supporter to the marked fields."""
    page = new_context(viewport=PHONE).new_page()
    page.goto(seeded_site(path.format(site=seeded_site)))
    page.locator(form).locator("input[type=email]").fill("not-an-address")
    page.locator(form).locator("button[type=submit]").click()

    alert = page.get_by_role("alert").filter(has_text="Please correct the marked fields")
    alert.wait_for()
    page.wait_for_function(IN_VIEW, arg=".alert-danger", timeout=3000)
    assert not page.evaluate(IN_VIEW, f"{form} .invalid-feedback")
    # A keyboard starts at the summary: one Tab reaches its first link, not the menu.
    # A function, not an expression: Playwright polls an expression with eval(), which the site's CSP refuses.
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')", timeout=3000)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Please correct the marked fields")

    alert.get_by_role("link", name="Please correct the marked fields").click()
    page.wait_for_function(IN_VIEW, arg=f"{form} .invalid-feedback", timeout=3000)
    assert (
        page.locator(f"{form} input[type=email]").input_value() == "not-an-address"
    )  # nothing typed is lost

    # Each refused field is listed with its reason; its link puts the cursor in it.
    page.evaluate("window.scrollTo(0, 0)")
    alert.get_by_role("link", name="Enter a valid email address.").click()
    page.wait_for_function(IN_VIEW, arg=f"{form} input[type=email]", timeout=3000)
    assert page.evaluate("document.activeElement.type") == "email"
