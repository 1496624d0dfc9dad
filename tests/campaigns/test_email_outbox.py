"""Nothing accepted is lost when mail is down: the email waits in the task queue and is sent exactly once."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import transaction

from campaigns.emails import queue_email


class FlakyMailServer:
    """An SMTP server on 127.0.0.1 that refuses every message until told to accept."""

    def __init__(self):
        self.accepting = False
        self.received: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        if not self.accepting:
            return "451 4.3.0 Mail server busy, try again later"
        self.received.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mail_server(settings):
    handler = FlakyMailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


@pytest.fixture
def database_task_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_RETRY_BASE_SECONDS = 0  # retry at once, so the drill needs no sleeping


@pytest.fixture
def email_templates(settings, tmp_path):
    folder = tmp_path / "emails"
    folder.mkdir()
    (folder / "thanks.subject.txt").write_text("Thank you")
    (folder / "thanks.txt").write_text("Your signature for {{ name }} is stored.")
    (folder / "thanks.html").write_text("<p>Your signature for {{ name }} is stored.</p>")
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]} for engine in settings.TEMPLATES]


def run_worker(*extra: str) -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", *extra, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_email_refused_by_the_server_is_retried_and_sent_exactly_once(
    mail_server, database_task_queue, email_templates
):
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        queue_email("thanks", {"name": "Ales Bialiatski"}, to="kasia@example.org")

    run_worker("--max-tasks", "3")  # three attempts while the server refuses
    assert mail_server.received == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # the next retry is waiting

    mail_server.accepting = True
    run_worker()
    run_worker()  # running the worker again sends nothing twice

    assert len(mail_server.received) == 1
    assert "Your signature for Ales Bialiatski is stored." in mail_server.received[0]
    assert DBTaskResult.objects.filter(status="READY").count() == 0
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 4  # 3 refused attempts + 1 sent


@pytest.mark.django_db(transaction=True)
def test_retries_back_off_exponentially(settings):
    from campaigns.tasks import retry_delay

    settings.EMAIL_RETRY_BASE_SECONDS = 60
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert retry_delay(20).total_seconds() == 3600
