"""WCAG 2.2 AA, measured: axe-core runs on every public page and on every public form in its error state, and
fails on any serious or critical violation. What axe cannot see is checked by hand: that each error message is
tied to its field, that the skip link and the keyboard reach the content, and that focus is visible."""

import json
import os

import pytest

from .axe import axe_violations, blocking, describe
from .conftest import log_in
from .pages import key_pages, public_pages, volunteer_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Every message in a form's error state belongs to a field (aria-describedby) or to the whole form (an alert).
ERRORS_TIED_TO_FIELDS = """
() => {
  const problems = [];
  const described = new Set();
  const controls = document.querySelectorAll("main input, main select, main textarea");
  for (const control of controls) {
    for (const id of (control.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean)) {
      if (!document.getElementById(id)) problems.push(`${control.name}: aria-describedby names a missing #${id}`);
      described.add(id);
    }
  }
  const invalid = document.querySelectorAll('main [aria-invalid="true"]');
  for (const control of invalid) {
    const ids = (control.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
    const texts = ids.map((id) => document.getElementById(id)).filter(Boolean).map((el) => el.textContent.trim());
    if (!texts.some(Boolean)) problems.push(`${control.name}: marked invalid, but no message is tied to it`);
  }
  for (const message of document.querySelectorAll("main .invalid-feedback, main .errorlist, main .errornote")) {
    if (!message.textContent.trim() || message.closest('[role="alert"]')) continue;
    const tied = [...described].some((id) => document.getElementById(id)?.contains(message));
    if (!tied) problems.push(`a message no field points to: ${message.textContent.trim()}`);
  }
  const alerts = document.querySelectorAll('main [role="alert"]');
  return {problems, invalid: invalid.length, alerts: alerts.length};
}
"""


# WCAG 1.3.5: the fields asking for the supporter's own details say so, so browsers can fill them in.
PERSONAL_FIELDS = {
    "first_name": "given-name",
    "last_name": "family-name",
    "name": "name",
    "email": "email",
    "phone": "tel",
    "city": "address-level2",
    "country": "country",
}
MISSING_INPUT_PURPOSE = """
([form, purposes]) => [...document.querySelectorAll(form + " [name]")]
  .filter((field) => field.name in purposes && field.autocomplete !== purposes[field.name])
  .map((field) => `${field.name}: autocomplete="${field.autocomplete}"`)
"""


def clear_and_submit(page, form_selector: str) -> None:
    """Empty every field a person types into, then send the form as it is."""
    form = page.locator(form_selector)
    form.evaluate(
        """(form) => {
          for (const field of form.querySelectorAll("input, textarea, select")) {
            if (["hidden", "checkbox", "radio", "submit", "file"].includes(field.type)) continue;
            if (field.tagName === "SELECT") field.selectedIndex = [...field.options].findIndex((o) => !o.value);
            else field.value = "";
          }
        }"""
    )
    with page.expect_navigation():
        form.locator("[type=submit]").last.click()


def check_page(page, name: str, report: dict) -> list[dict]:
    violations = axe_violations(page)
    report[name] = violations
    return blocking(violations)


def write_report(artifacts_dir, filename: str, report: dict) -> None:
    with open(os.path.join(artifacts_dir, filename), "w", encoding="utf-8") as file:
        json.dump(report, file, indent=1, ensure_ascii=False)


def test_every_public_page_has_no_serious_axe_violation(seeded_site, new_context, artifacts_dir):
    page = new_context(bypass_csp=True).new_page()
    report, failures = {}, {}
    for name, path, status in public_pages(seeded_site):
        response = page.goto(seeded_site(path))
        assert response.status == status, name
        if found := check_page(page, name, report):
            failures[name] = describe(found)
    write_report(artifacts_dir, "axe-public-pages.json", report)
    assert not failures, "\n".join(f"{name}:\n{text}" for name, text in failures.items())


@pytest.mark.parametrize("language", ["pl", "ru"])
def test_key_pages_in_polish_and_russian_have_no_serious_axe_violation(
    seeded_site, new_context, artifacts_dir, language
):
    page = new_context(bypass_csp=True).new_page()
    report, failures = {}, {}
    for name, path in key_pages(seeded_site):
        page.goto(seeded_site(f"/{language}{path}"))
        assert page.evaluate("() => document.documentElement.lang") == language, name
        if found := check_page(page, name, report):
            failures[name] = describe(found)
    write_report(artifacts_dir, f"axe-public-pages-{language}.json", report)
    assert not failures, "\n".join(f"{name}:\n{text}" for name, text in failures.items())


def test_every_public_form_in_its_error_state_ties_its_messages_and_passes_axe(
    seeded_site, new_context, artifacts_dir, settings
):
    settings.FORM_MINIMUM_SECONDS = 0
    site = seeded_site
    forms = [
        ("appeal-letter", f"/cases/{site.case}/appeal/", 'form[action$="/appeal/"]'),
        ("appeal-posted", f"/cases/{site.case}/appeal/", 'form[action$="/appeal/posted/"]'),
        ("wrote", f"/cases/{site.case}/wrote/", "main form[method=post]"),
        ("message", f"/cases/{site.case}/message/", "main form[method=post]"),
        ("event-signup", f"/events/{site.event}/", "main form[method=post]"),
        ("petition-sign", f"/petitions/{site.petition}/", 'form[action$="/sign/"]'),
        ("login", "/accounts/login/", "main form.account-form"),
        ("signup", "/accounts/signup/", "main form.account-form"),
        ("password-reset", "/accounts/password/reset/", "main form.account-form"),
        ("your-data", "/privacy/my-data/", 'form[action$="/privacy/my-data/"]'),
    ]
    page = new_context(bypass_csp=True).new_page()
    report, failures = {}, {}
    for name, path, form in forms:
        page.goto(site(path))
        assert not page.evaluate(MISSING_INPUT_PURPOSE, [form, PERSONAL_FIELDS]), name
        clear_and_submit(page, form)
        ties = page.evaluate(ERRORS_TIED_TO_FIELDS)
        assert ties["invalid"], f"{name}: the empty form was not refused"
        assert not ties["problems"], f"{name}: {ties['problems']}"
        if found := check_page(page, name, report):
            failures[name] = describe(found)

    # A bad date in the event filters is said next to the field.
    page.goto(site("/events/?date_from=2012-13-45"))
    ties = page.evaluate(ERRORS_TIED_TO_FIELDS)
    assert ties["invalid"] == 1 and not ties["problems"], ties
    if found := check_page(page, "events-bad-filter", report):
        failures["events-bad-filter"] = describe(found)

    # A form-wide message (here: sent too fast for a person) is an alert at the top of the form.
    settings.FORM_MINIMUM_SECONDS = 60
    page.goto(site(f"/cases/{site.case}/wrote/"))
    page.get_by_label("How many letters did you write?").fill("3")
    page.get_by_label("Country").select_option("PL")
    with page.expect_navigation():
        page.get_by_role("button", name="Count my letters").click()
    ties = page.evaluate(ERRORS_TIED_TO_FIELDS)
    assert ties["alerts"] == 1 and not ties["problems"], ties
    assert page.get_by_role("alert").filter(has_text="That was quick!").is_visible()
    if found := check_page(page, "wrote-too-fast", report):
        failures["wrote-too-fast"] = describe(found)

    write_report(artifacts_dir, "axe-public-forms.json", report)
    assert not failures, "\n".join(f"{name}:\n{text}" for name, text in failures.items())


def test_volunteer_pages_and_forms_pass_axe(seeded_site, new_context, artifacts_dir):
    site = seeded_site
    page = new_context(bypass_csp=True).new_page()
    log_in(page, site)
    report, failures = {}, {}
    for name, path, status in volunteer_pages(site):
        response = page.goto(site(path))
        assert response.status == status, name
        if found := check_page(page, name, report):
            failures[name] = describe(found)

    for name, path in [
        ("new-event-errors", "/events/new/"),
        ("event-report-errors", f"/events/{site.hosted_past_event}/report/"),
        ("event-edit-errors", f"/events/{site.hosted_upcoming_event}/edit/"),
        ("account-email-errors", "/accounts/email/"),
    ]:
        page.goto(site(path))
        clear_and_submit(page, "main form[method=post]")
        ties = page.evaluate(ERRORS_TIED_TO_FIELDS)
        assert ties["invalid"], f"{name}: the empty form was not refused"
        assert not ties["problems"], f"{name}: {ties['problems']}"
        if found := check_page(page, name, report):
            failures[name] = describe(found)
    write_report(artifacts_dir, "axe-volunteer-pages.json", report)
    assert not failures, "\n".join(f"{name}:\n{text}" for name, text in failures.items())


def test_the_too_many_requests_page_and_the_two_factor_step_pass_axe(
    seeded_site, new_context, artifacts_dir, settings
):
    site = seeded_site
    settings.RATE_LIMIT_PUBLIC_FORMS = "1/h"
    settings.ADMIN_REQUIRE_2FA = True
    page = new_context(bypass_csp=True).new_page()
    report, failures = {}, {}

    page.goto(site(f"/cases/{site.case}/wrote/"))
    clear_and_submit(page, "main form[method=post]")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Count my letters").click()
    assert navigation.value.status == 429
    if found := check_page(page, "too-many-requests", report):
        failures["too-many-requests"] = describe(found)

    page.goto(site("/admin/login/"))
    page.locator("#id_username").fill("admin@example.org")
    page.locator("#id_password").fill("marathon-demo")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/two-factor/**")
    if found := check_page(page, "two-factor", report):
        failures["two-factor"] = describe(found)
    page.get_by_label("Code from your authenticator app").fill("000000")
    with page.expect_navigation():
        page.get_by_role("button", name="Verify").click()
    ties = page.evaluate(ERRORS_TIED_TO_FIELDS)
    assert ties["invalid"] == 1 and not ties["problems"], ties
    if found := check_page(page, "two-factor-wrong-code", report):
        failures["two-factor-wrong-code"] = describe(found)
    write_report(artifacts_dir, "axe-other-pages.json", report)
    assert not failures, "\n".join(f"{name}:\n{text}" for name, text in failures.items())


def test_the_keyboard_skips_to_the_content_and_focus_is_always_visible(seeded_site, page):
    page.goto(seeded_site(f"/petitions/{seeded_site.petition}/"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("(link) => link === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    # From the content to the end of the page, every stop of the Tab key shows where focus is.
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => {
              const el = document.activeElement, style = getComputedStyle(el);
              return {name: el.tagName + (el.name ? "[" + el.name + "]" : "") + " " + el.textContent.trim().slice(0, 30),
                      outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                      inMain: !!el.closest("main, footer"), left: el === document.body};
            }"""
        )
        if focus["left"]:  # past the last link: focus has gone to the browser
            break
        seen.append(focus["name"])
        assert focus["outline"], f"no visible focus on {focus['name']}"
        assert focus["inMain"], focus
    assert any("first_name" in name for name in seen), seen
    assert any("Privacy" in name for name in seen), seen  # the footer was reached


def test_the_trap_field_for_bots_is_out_of_reach_of_screen_readers_and_the_keyboard(seeded_site, page):
    """The field people must leave empty was only moved off the screen: a screen reader met "Leave this field
    empty" first in every public form."""
    forms_with_a_trap = 0
    for name, path, status in public_pages(seeded_site):
        if status != 200:
            continue
        page.goto(seeded_site(path))
        traps = page.locator("input[name=website]")
        if not traps.count():
            continue
        forms_with_a_trap += 1
        assert page.get_by_role("textbox", name="Leave this field empty").count() == 0, name
        assert traps.first.get_attribute("tabindex") == "-1", name
    assert forms_with_a_trap >= 3  # the sign form, the message form, the event's sign-up form at least


def test_live_counters_can_be_paused(seeded_site, page, settings):
    """WCAG 2.2.2: content that updates by itself can be stopped. Each live counter has a button for it."""
    settings.RESULTS_COUNTER_REFRESH_SECONDS = 1
    fetched = []
    page.on(
        "request", lambda request: fetched.append(request.url) if request.resource_type == "fetch" else None
    )
    page.goto(seeded_site("/"))
    with page.expect_request(lambda request: request.resource_type == "fetch"):
        pass  # updating

    page.get_by_role("button", name="Pause live updates").click()
    page.get_by_role("button", name="Resume live updates").wait_for()
    fetched.clear()
    page.wait_for_timeout(2500)
    assert fetched == [], fetched

    page.get_by_role("button", name="Resume live updates").click()
    with page.expect_request(lambda request: request.resource_type == "fetch", timeout=5000):
        pass
    page.goto(seeded_site(f"/petitions/{seeded_site.petition}/"))
    assert page.get_by_role("button", name="Pause live updates").count() == 1
