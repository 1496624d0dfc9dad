"""A mail server that refuses until told to accept, and a database task queue (run it with tests.worker)."""

import socket

import pytest
from aiosmtpd.controller import Controller


class FlakyMailServer:
    """An SMTP server on 127.0.0.1 that refuses every message until told to accept."""

    def __init__(self):
        self.accepting = False
        self.received: list[str] = []
        self.sessions: list = []  # one per connection that sent a message

    @property
    def connections(self) -> int:
        return len(self.sessions)

    async def handle_DATA(self, server, session, envelope):
        if not any(known is session for known in self.sessions):
            self.sessions.append(session)
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
