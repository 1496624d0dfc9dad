"""A coordinator issues an API token in the admin and copies it, the CRM uses it; the docs and the events
widget render in a real browser without a single request to another host."""

import pytest
from django.contrib.auth.models import Group

from campaigns.permissions import COORDINATOR_GROUP
from tests.events.factories import EventFactory
from tests.factories import LocalGroupFactory, coordinator_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_token_from_the_admin_works_and_docs_and_widget_load_only_local_assets(
    live_server, page, artifacts_dir
):
    group = LocalGroupFactory(name="Poznań group", slug="poznan-pl")
    EventFactory(group=group, title="Lanterns for Ales")
    user = coordinator_of(group, email="coordinator@example.org")
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url))

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "coordinator@example.org")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/api/grouptoken/add/")
    # The group is picked through the admin's autocomplete (select2), offering only the user's groups.
    page.click("#id_group + .select2 .select2-selection")
    page.fill(".select2-search__field", "Poz")
    page.click(".select2-results__option >> text=Poznań group")
    page.fill("#id_name", "CiviCRM sync")
    page.click("input[name=_save]")
    secret = page.input_value("#api-token-secret")
    page.screenshot(path=f"{artifacts_dir}/api-token-created.png")

    response = page.request.get(
        live_server.url + "/api/v1/attendances/", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status == 200
    assert response.json()["total_records"] == 0

    page.goto(live_server.url + "/admin/api/widgetcatalogue/")
    assert "api/widgets/events/?country=PL" in page.locator("#widget-events-PL").input_value()
    page.screenshot(path=f"{artifacts_dir}/api-widgets-admin.png", full_page=True)

    page.goto(live_server.url + "/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 15
    page.screenshot(path=f"{artifacts_dir}/api-docs.png")

    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(live_server.url + "/admin/api/widgetcatalogue/")  # the embed codes fit a coordinator's phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(live_server.url + "/api/widgets/events/?country=PL")
    assert page.locator("h1").text_content().strip() == "Upcoming events in Poland"
    assert "Lanterns for Ales" in page.locator("main").text_content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=f"{artifacts_dir}/api-events-widget-phone.png", full_page=True)

    assert foreign == []
