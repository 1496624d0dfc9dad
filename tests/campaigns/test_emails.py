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
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]} for engine in settings.TEMPLATES]


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


@pytest.mark.django_db(transaction=True)
def test_plain_text_parts_are_not_html_escaped_but_the_html_part_is(email_templates, settings):
    from campaigns.emails import render_email

    message = render_email("hello", {"name": "Seán O'Brien <3"})

    assert message["subject"] == "Hello Seán O'Brien <3"
    assert "Dear Seán O'Brien <3" in message["text"]
    assert message["html"] == "<p>Dear Seán O&#x27;Brien &lt;3</p>"
