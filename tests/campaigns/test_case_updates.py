import pytest
from django.core import mail
from django.urls import reverse

from campaigns import audience
from campaigns.audience import has_opted_out, opt_out, unsubscribe_token
from campaigns.models import CaseUpdate, EmailOptOut
from campaigns.services import AlreadyEmailed, email_case_update
from tests.factories import CaseFactory, CaseUpdateFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def supporters(monkeypatch):
    """Two apps' worth of supporters, one address present in both."""
    registry = {
        "petitions": lambda case: [("Kasia@Example.org", "pl"), ("aino@example.org", "")],
        "letters": lambda case: [("kasia@example.org", "pl"), ("ana@example.org", "es")],
    }
    monkeypatch.setattr(audience, "_audiences", registry)


def test_update_is_emailed_once_to_each_supporter_with_an_unsubscribe_link(supporters, settings):
    settings.SITE_URL = "https://marathon.example.org"
    update = CaseUpdateFactory(case=CaseFactory(name="Ales Bialiatski"), title="Released early")

    email_case_update(update=update)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "aino@example.org",
        "ana@example.org",
        "kasia@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "News about Ales Bialiatski: Released early"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://marathon.example.org/unsubscribe/" in message.body
    update.refresh_from_db()
    assert update.emailed_at is not None
    assert update.emailed_count == 3


def test_an_update_is_never_emailed_twice(supporters):
    update = CaseUpdateFactory()
    email_case_update(update=update)
    with pytest.raises(AlreadyEmailed):
        email_case_update(update=update)
    assert len(mail.outbox) == 3


def test_people_who_opted_out_get_nothing(supporters):
    opt_out("ANA@example.org ")
    email_case_update(update=CaseUpdateFactory())
    assert "ana@example.org" not in [m.to[0] for m in mail.outbox]


def test_unsubscribe_link_asks_before_it_acts_then_opts_out(client):
    url = reverse("unsubscribe", args=[unsubscribe_token("aino@example.org")])

    page = client.get(url)
    assert "Unsubscribe me" in page.content.decode()
    assert not has_opted_out("aino@example.org")

    done = client.post(url)
    assert "no more campaign news" in done.content.decode()
    assert has_opted_out("aino@example.org")
    assert EmailOptOut.objects.count() == 1
    assert "aino" not in EmailOptOut.objects.get().email_hash


def test_one_click_unsubscribe_works_without_a_csrf_token():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse("unsubscribe", args=[unsubscribe_token("aino@example.org")])
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert has_opted_out("aino@example.org")


def test_a_tampered_unsubscribe_token_is_refused(client):
    token = unsubscribe_token("aino@example.org")
    response = client.post(reverse("unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert not EmailOptOut.objects.exists()


def test_staff_email_an_update_from_the_admin(client, supporters):
    update = CaseUpdateFactory(title="Transferred to another colony")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        reverse("admin:campaigns_caseupdate_changelist"),
        {"action": "email_to_supporters", "_selected_action": [update.pk]},
        follow=True,
    )

    assert "1 update(s) queued for supporters." in response.content.decode()
    assert CaseUpdate.objects.get().emailed_count == 3
