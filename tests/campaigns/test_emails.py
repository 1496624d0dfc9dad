import pytest
from django.core import mail
from django.db import transaction

from campaigns.emails import queue_email


@pytest.fixture
def email_templates(settings, tmp_path):
    folder = tmp_path / "emails"
    folder.mkdir()
    (folder / "hello.subject.txt").write_text("Hello {{ name }}\n")
    (folder / "hello.txt").write_text("Dear {{ name }}, see {{ site_url }}")
    (folder / "hello.html").write_text("<p>Dear {{ name }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


@pytest.mark.django_db(transaction=True)
def test_queued_email_is_sent_only_after_the_transaction_commits(email_templates, settings):
    settings.SITE_URL = "https://marathon.example.org"
    with transaction.atomic():
        queue_email("hello", {"name": "Ales"}, to="ales@example.org")
        assert mail.outbox == []

    [message] = mail.outbox
    assert message.to == ["ales@example.org"]
    assert message.subject == "Hello Ales"
    assert "https://marathon.example.org" in message.body
    assert message.alternatives[0].content == "<p>Dear Ales</p>"


@pytest.mark.django_db(transaction=True)
def test_queued_email_is_dropped_when_the_transaction_rolls_back(email_templates):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email("hello", {"name": "Ales"}, to="ales@example.org")
        raise RuntimeError("the write failed")
    assert mail.outbox == []
