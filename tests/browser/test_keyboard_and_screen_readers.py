"""What keyboard and screen-reader users meet on the public pages, in a real browser: the order the events list
and its filters are reached in, the menu's Escape, the language links' names, error summaries that take the focus
and leave no stale marks, charts that keep still when asked, and numbers written the page's way where the
browser does not know its language."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in
from .test_letters import download_the_appeal

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

BOX = "(element) => { const box = element.getBoundingClientRect(); return {x: box.x, y: box.y}; }"


def test_on_a_phone_the_events_come_before_their_filters_in_the_tab_order_too(seeded_site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(seeded_site("/events/"))
    results, filters = page.locator("section[aria-labelledby=results-title]"), page.locator("#filters")

    # Shown and reached in the same order: the list, then the filters.
    assert filters.evaluate(BOX)["y"] > results.evaluate(BOX)["y"]
    assert (
        results.evaluate("(results) => results.compareDocumentPosition(document.getElementById('filters'))")
        & 4
    )

    # The link at the top of the list leads to the filters, and the next Tab to their first field.
    page.get_by_role("link", name="Filter events").click()
    expect(page).to_have_url(re.compile(r"#filters$"))
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('#filters form')")


def test_on_a_wide_screen_the_filters_stand_left_of_the_events(seeded_site, new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(seeded_site("/events/"))

    results = page.locator("section[aria-labelledby=results-title]").evaluate(BOX)
    filters = page.locator("#filters").evaluate(BOX)

    assert filters["x"] < results["x"] and abs(filters["y"] - results["y"]) < 1
    expect(page.get_by_role("link", name="Filter events")).to_be_hidden()


def test_escape_closes_the_phone_menu_only_from_the_menu_or_its_button(seeded_site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(seeded_site("/accounts/login/"))
    toggle = page.locator(".navbar-toggler")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    # Escape in a field of the page is the field's: the menu stays open and the cursor stays put.
    page.locator("#id_login").focus()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#id_login")).to_be_focused()

    # Escape in the menu closes it and returns to the button.
    page.locator("#main-nav a").first.focus()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()


def test_a_language_links_name_starts_with_what_it_shows(seeded_site, new_context):
    """WCAG 2.5.3: a voice user says the "PL" they see; the link was named "Polski" alone."""
    wide = new_context(viewport=DESKTOP).new_page()
    wide.goto(seeded_site("/"))
    polish = wide.locator(".language-link[hreflang=pl]")
    expect(polish).to_have_text(re.compile(r"^PL"))
    expect(polish).to_have_accessible_name(re.compile(r"^PL\s+–\s+Polski$"))
    assert polish.evaluate("(link) => link.closest('[lang]').lang") == "pl"

    phone = new_context(viewport=PHONE).new_page()
    phone.goto(seeded_site("/"))
    phone.locator(".navbar-toggler").click()
    polish = phone.locator(".language-link[hreflang=pl]")
    expect(polish).to_have_text("Polski", use_inner_text=True)
    expect(polish).to_have_accessible_name("Polski")


def test_an_account_form_sent_empty_opens_with_the_focus_on_its_summary(seeded_site, new_context):
    page = new_context().new_page()
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        page.goto(seeded_site(path))
        with page.expect_navigation():
            page.locator("main form [type=submit]").click()
        summary = page.locator(".error-summary")
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("Email: This field is required.")
        expect(page.get_by_role("alert")).to_have_count(1)


def test_a_wrong_password_is_announced_once(seeded_site, new_context):
    page = new_context().new_page()
    page.goto(seeded_site("/accounts/login/"))
    page.locator("#id_login").fill("volunteer@example.org")
    page.locator("#id_password").fill("not the password")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()

    expect(page.get_by_role("alert")).to_have_count(1)
    expect(page.get_by_role("alert")).to_have_text(
        "The email address and/or password you specified are not correct."
    )
    log_in(page, seeded_site)  # and the right one still lets the volunteer in


STALE_ERROR_MARKS = """
(form) => [...form.querySelectorAll("[aria-invalid], [aria-describedby]")].flatMap((field) => {
  const problems = field.hasAttribute("aria-invalid") ? [`${field.id}: aria-invalid`] : [];
  for (const id of (field.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean)) {
    if (!document.getElementById(id)) problems.push(`${field.id}: describedby a missing #${id}`);
  }
  return problems;
})
"""


def test_a_corrected_appeal_letter_leaves_no_field_marked_invalid(seeded_site, new_context):
    page = new_context().new_page()
    page.goto(seeded_site(f"/cases/{seeded_site.case}/appeal/"))
    with page.expect_navigation():
        page.get_by_role("button", name="Download the PDF").click()  # no name, city or country yet
    step1 = page.locator('form[action$="/appeal/"]')
    expect(step1.get_by_label("Your name")).to_have_attribute("aria-invalid", "true")
    expect(step1.get_by_label("Your name")).to_have_attribute("aria-describedby", "id_name_error")

    step1 = download_the_appeal(page, name="Kim Lee", city="Seoul", country="KR")

    assert step1.evaluate(STALE_ERROR_MARKS) == []
    assert not step1.get_by_label("Your name").evaluate("(field) => field.hasAttribute('aria-describedby')")
    # What still describes a field stays: the letter's help text and its count of characters left.
    expect(step1.get_by_label("Your letter")).to_have_attribute(
        "aria-describedby", "id_body_helptext id_body-count-spoken"
    )


def test_the_charts_keep_still_for_a_visitor_who_asked_for_less_motion(seeded_site, new_context):
    animations = """() => Object.values(Chart.instances).map((chart) => chart.options.animation !== false)"""
    charts_drawn = "() => window.Chart && Object.keys(Chart.instances).length >= 3"
    for motion, animated in (("reduce", False), ("no-preference", True)):
        page = new_context(reduced_motion=motion).new_page()
        page.goto(seeded_site(f"/results/{seeded_site.campaign}/"))
        page.wait_for_function(charts_drawn)
        assert set(page.evaluate(animations)) == {animated}, motion


def test_on_belarusian_pages_the_live_counter_keeps_the_pages_separator(seeded_site, new_context):
    """Chromium has no Belarusian number formats: the live update turned "104 778" into "104,778"."""
    page = new_context().new_page()
    assert page.evaluate("() => Intl.NumberFormat.supportedLocalesOf(['be'])") == []  # the case in question
    page.clock.install()
    page.route(
        f"**/results/{seeded_site.campaign}.json",
        lambda route: route.fulfill(json={"total_actions": 104778, "by_case": []}),
    )
    page.goto(seeded_site("/be/"))
    counter = page.locator(".hero [data-results-value]")
    expect(counter).to_have_text(re.compile(r"^\d{3}\xa0\d{3}$"))  # as the server wrote it

    page.clock.run_for(60_000)
    expect(counter).to_have_text("104\xa0778")


def test_on_belarusian_pages_the_petition_counter_keeps_the_pages_separator(seeded_site, new_context):
    page = new_context().new_page()
    page.clock.install()
    page.route("**/count.json", lambda route: route.fulfill(json={"signatures": 104778}))
    page.goto(seeded_site(f"/be/petitions/{seeded_site.petition}/"))

    page.clock.run_for(16_000)
    expect(page.locator("[data-petition-total]")).to_have_text("104\xa0778")


def test_on_belarusian_pages_the_character_count_keeps_the_pages_separator(seeded_site, new_context):
    page = new_context().new_page()
    page.goto(seeded_site(f"/be/cases/{seeded_site.case}/message/"))

    expect(page.locator(".char-count")).to_contain_text("1\xa0000")
    page.locator("textarea").fill("Мы з вамі.")
    expect(page.locator(".char-count")).to_contain_text("990")
