import dataclasses

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

DEMO_PASSWORD = "marathon-demo"


@dataclasses.dataclass(frozen=True)
class SeededSite:
    """A live server over the demo data, and the addresses the page checks visit."""

    url: str
    campaign: str
    case: str
    petition: str
    event: str  # upcoming, published, with places left
    hosted_past_event: str  # hosted by volunteer@example.org, published and over: its report form opens
    hosted_upcoming_event: str  # hosted by volunteer@example.org: edit, cancel and sign-up list
    confirm_path: str  # the emailed link of a pending signature (opening it confirms nothing)
    data_copy_path: str  # the emailed links of a request for a copy of one's data, and for its erasure
    data_erasure_path: str

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="module")
def seeded_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """One live server over one `seed_demo` database for a whole test module, emptied again at the end.

    Seeding once per module instead of once per test keeps the browser checks fast. The tests using it are
    marked `django_db` (not transactional), so the test database exists and nothing flushes it between
    tests; they only read the demo rows or add rows of their own. On SQLite the live server shares the test's
    connection, so what a test writes is rolled back with it, and after-commit callbacks (emails) need
    `django_capture_on_commit_callbacks`; on PostgreSQL the server commits on its own connection.
    """
    from django.db import connection

    from campaigns import privacy
    from events.models import Event
    from petitions.models import Signature
    from petitions.services import make_confirmation_token

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        # Never seed (or flush!) a developer's own database: only a test database set up by pytest-django.
        assert connection.settings_dict["NAME"] == connection.creation._get_test_db_name(), (
            "seeded_site needs the test database: mark the test with pytest.mark.django_db"
        )
        call_command("seed_demo", verbosity=0)
        upcoming = Event.objects.published().upcoming()
        hosted = Event.objects.published().filter(host__email="volunteer@example.org")
        pending = Signature.objects.filter(status="pending").order_by("pk").first()
        copy = privacy.request_personal_data(email=pending.email, kind="export")
        erasure = privacy.request_personal_data(email=pending.email, kind="erasure")
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield SeededSite(
                url=server.url,
                campaign="write-for-rights-2012",
                case="ales-bialiatski",
                petition=pending.petition.slug,
                event=next(e.slug for e in upcoming.with_seat_counts().order_by("starts_at") if e.seats_left),
                hosted_past_event=hosted.filter(ends_at__lt=timezone.now()).first().slug,
                hosted_upcoming_event=hosted.upcoming().first().slug,
                confirm_path=reverse(
                    "petitions:confirm", args=[pending.petition.slug, make_confirmation_token(pending)]
                ),
                data_copy_path=reverse("privacy-data-confirm", args=[privacy.request_token(copy)]),
                data_erasure_path=reverse("privacy-data-confirm", args=[privacy.request_token(erasure)]),
            )
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


def log_in(page, site: SeededSite, email: str = "volunteer@example.org") -> None:
    page.goto(site("/accounts/login/"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(site("/"))
