"""The back office's buttons show the keyboard's focus (WCAG 2.4.7) with the public site's ring: the dark
buttons only turned a shade darker."""

import pytest
from django.contrib.auth.models import Group

from campaigns.permissions import COORDINATOR_GROUP
from events.models import Event
from tests.events.factories import EventFactory
from tests.factories import LocalGroupFactory, coordinator_of

from .test_backoffice import PASSWORD, log_in_to_the_back_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A list's "Go" and "Search" (light, with a shadow of Django's own), and the header's language button.
LIST_BUTTONS = (
    "#changelist-form button[name=index]",
    "#changelist-search input[type=submit]",
    ".back-office-language button",
)
# A waiting event's approve and reject (dark), and Save.
REVIEW_BUTTONS = (
    ".review-buttons button.default",
    ".review-buttons button:not(.default)",
    "input[name=_save]",
)

# marathon.css's ring: a black outline, with the accent between it and the button and round it.
RING = """
(control) => ({
  visible: control.matches(":focus-visible"),
  outline: getComputedStyle(control).outline,
  offset: getComputedStyle(control).outlineOffset,
  shadow: getComputedStyle(control).boxShadow,
})
"""


def ring_after_tab(page, selector: str) -> dict:
    """Tab onto the control (a focus the keyboard moved, not a click), then read its ring."""
    control = page.locator(selector).first
    control.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert control.evaluate("(control) => control === document.activeElement"), selector
    return control.evaluate(RING)


def test_the_back_offices_buttons_show_a_clear_focus_ring(live_server, page):
    poznan = LocalGroupFactory(name="Poznań group", country="PL", city="Poznań")
    event = EventFactory(group=poznan, title="Graffiti for Ales", status=Event.Status.PENDING)
    coordinator = coordinator_of(poznan, email="kasia@example.org", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    log_in_to_the_back_office(page, live_server, "kasia@example.org")

    rings = {}
    for path, buttons in (
        ("/admin/events/event/", LIST_BUTTONS),
        (f"/admin/events/event/{event.pk}/change/", REVIEW_BUTTONS),
    ):
        page.goto(live_server.url + path)
        rings.update({button: ring_after_tab(page, button) for button in buttons})

    for name, ring in rings.items():
        assert ring["visible"], name
        assert ring["outline"] == "rgb(0, 0, 0) solid 3px" and ring["offset"] == "2px", (name, ring)
        assert ring["shadow"] == "rgb(255, 230, 0) 0px 0px 0px 6px", (name, ring)
