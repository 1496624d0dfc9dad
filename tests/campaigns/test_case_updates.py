import base64
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import translation

from campaigns import audience
from campaigns.audience import UNSUBSCRIBE_SALT, has_opted_out, opt_out, unsubscribe_token
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
    by_recipient = {m.to[0]: m for m in mail.outbox}
    message = by_recipient["aino@example.org"]
    assert message.subject == "News about Ales Bialiatski: Released early"
    # Each in their own language: Kasia signed in Polish, and the link keeps her in Polish.
    assert (
        by_recipient["kasia@example.org"].subject == "Wiadomości w sprawie: Ales Bialiatski – Released early"
    )
    assert "https://marathon.example.org/pl/unsubscribe/" in by_recipient["kasia@example.org"].body
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


def test_an_unsubscribe_can_be_taken_back_from_the_page_that_confirms_it(client):
    url = reverse("unsubscribe", args=[unsubscribe_token("aino@example.org")])
    done = client.post(url)
    assert 'name="resubscribe"' in done.content.decode()

    again = client.post(url, {"resubscribe": "1"})

    assert "You are subscribed again" in again.content.decode()
    assert not has_opted_out("aino@example.org")
    assert EmailOptOut.objects.count() == 0


def test_the_unsubscribe_link_does_not_carry_the_address():
    """A signed value is only base64: a link that carried the address would show it to whoever sees the link."""
    token = unsubscribe_token("aino@example.org")
    payload = token.split(":")[0]

    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))

    assert b"aino" not in decoded and b"example" not in decoded


def test_an_unsubscribe_link_sent_before_it_carried_the_hash_still_works(client):
    older = signing.dumps("aino@example.org", salt=UNSUBSCRIBE_SALT, compress=True)

    done = client.post(reverse("unsubscribe", args=[older]))

    assert "You are unsubscribed" in done.content.decode()
    assert has_opted_out("aino@example.org")


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


def test_staff_email_an_update_from_the_admin_after_seeing_how_many_it_reaches(client, supporters):
    update = CaseUpdateFactory(title="Transferred to another colony")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = reverse("admin:campaigns_caseupdate_changelist")
    chosen = {"action": "email_to_supporters", "_selected_action": [update.pk]}

    asked = client.post(changelist, chosen).content.decode()
    nothing_yet = (CaseUpdate.objects.get().emailed_at, len(mail.outbox))
    # The page's own form carries the choice on (the hidden fields it sends, as a browser would).
    page_form = asked.split('id="content"', 1)[1]  # not the header's language switch
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page_form)
    sent = {name: value for name, value in hidden if name != "csrfmiddlewaretoken"}
    assert sent == {"_selected_action": str(update.pk), "action": "email_to_supporters", "apply": "1"}
    response = client.post(changelist, sent, follow=True)

    assert "Transferred to another colony" in asked and "to 3 supporters" in asked
    assert 'value="Send 3 emails"' in asked
    assert nothing_yet == (None, 0)  # the first click only asks
    assert "1 update(s) queued for supporters." in response.content.decode()
    assert CaseUpdate.objects.get().emailed_count == 3
    again = client.post(changelist, chosen).content.decode()
    assert "already emailed on" in again and "Send" not in again.split("already emailed on", 1)[1]


def test_staff_invite_a_coordinator_who_then_sets_a_password(client):
    from django.contrib.auth.models import Group

    from campaigns.models import Membership, User
    from tests.factories import LocalGroupFactory

    group = LocalGroupFactory(
        name="Helsinki group", country="FI"
    )  # Finnish and Swedish: not the site's languages
    staff = UserFactory(is_staff=True, is_superuser=True, full_name="Section Staff")
    client.force_login(staff)

    response = client.post(
        reverse("admin:campaigns_membership_invite"),
        {"email": " Aino@Example.org ", "group": group.pk},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "aino@example.org is now a coordinator of Helsinki group; an invitation is on its way."
    ]
    assert "an invitation is on its way" in response.content.decode()
    user = User.objects.get(email="aino@example.org")
    assert user.is_staff and not user.has_usable_password()
    assert user.groups.filter(name="Coordinator").exists()
    assert Membership.objects.get(user=user).role == "coordinator"
    [invitation] = mail.outbox
    assert invitation.subject == "You are invited to coordinate Helsinki group"
    link = next(
        line for line in invitation.body.splitlines() if "/accounts/password/reset/key/" in line
    ).strip()
    client.logout()
    form_page = client.get(link.replace("http://127.0.0.1:8000", ""), follow=True)
    assert form_page.status_code == 200
    assert "password1" in form_page.content.decode()
    assert Group.objects.get(name="Coordinator").user_set.filter(pk=user.pk).exists()


def test_an_invitation_to_a_group_is_in_its_country_s_language_where_the_site_has_it():
    from campaigns.services import invite_coordinator
    from tests.factories import LocalGroupFactory

    asuncion = LocalGroupFactory(name="Grupo Asunción", country="PY")

    with translation.override("en"):  # the staff member who invites reads English
        invite_coordinator(email="ana@example.org", group=asuncion, invited_by=UserFactory(is_staff=True))

    assert mail.outbox[-1].subject == "Te invitamos a coordinar Grupo Asunción"


def test_coordinators_cannot_invite(client):
    from tests.factories import LocalGroupFactory, coordinator_of

    client.force_login(coordinator_of(LocalGroupFactory()))
    assert client.get(reverse("admin:campaigns_membership_invite")).status_code == 403


def test_invite_form_rejects_a_malformed_email(client):
    from tests.factories import LocalGroupFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:campaigns_membership_invite"),
        {"email": "not-an-email", "group": LocalGroupFactory().pk},
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not mail.outbox
