"""Nothing accepted is lost when mail is down: the email waits in the task queue and is sent exactly once."""

import pytest
from django.db import transaction

from campaigns.emails import queue_email
from tests.worker import run_worker


@pytest.fixture
def email_templates(settings, tmp_path):
    folder = tmp_path / "emails"
    folder.mkdir()
    (folder / "thanks.subject.txt").write_text("Thank you")
    (folder / "thanks.txt").write_text("Your signature for {{ name }} is stored.")
    (folder / "thanks.html").write_text("<p>Your signature for {{ name }} is stored.</p>")
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]} for engine in settings.TEMPLATES]


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
