"""A person's language is stored with their account, so emails sent to them later are in their language and
not in that of the coordinator (or volunteer) whose action sent them."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import translation

from campaigns.models import User
from events import services
from tests.events.factories import EventFactory
from tests.factories import LocalGroupFactory, UserFactory, coordinator_of

pytestmark = pytest.mark.django_db

PASSWORD = "lanterns-for-ales-2012"


def test_an_account_created_on_the_polish_pages_is_polish(client):
    response = client.post(
        "/pl/accounts/signup/",
        {"email": "kasia@example.net", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert User.objects.get(email="kasia@example.net").language == "pl"
    assert mail.outbox[-1].subject.endswith(
        "Potwierdź adres e-mail"
    )  # not allauth's "Proszę potwierdź adresy"


def test_an_account_takes_the_language_it_last_logged_in_with(client):
    """A volunteer who signed up on /fr/ and now uses the site in Spanish was still emailed in French."""
    older = UserFactory(email="older@example.net", password=PASSWORD, language="")
    moved = UserFactory(email="moved@example.net", password=PASSWORD, language="fr")

    for person in (older, moved):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
        response = Client().post("/es/accounts/login/", {"login": person.email, "password": PASSWORD})
        assert response.status_code == 302

    older.refresh_from_db()
    moved.refresh_from_db()
    assert (older.language, moved.language) == ("es", "es")


def test_a_signed_in_person_s_emails_follow_the_language_they_switch_the_site_to(
    client, django_assert_num_queries
):
    """Signed up on /ru/, a volunteer in Minsk went on in Belarusian: their event's emails still came in Russian."""
    vera = UserFactory(email="vera@example.net", language="ru")
    client.force_login(vera)

    client.get("/be/events/")
    vera.refresh_from_db()
    assert vera.language == "be"

    with django_assert_num_queries(3):  # the session, the account and the list: no write when nothing changed
        client.get("/be/groups/")
    client.get("/groups/?lang=en")  # English chosen from the language menu
    vera.refresh_from_db()
    assert vera.language == "en"
    client.get("/groups/")  # the unprefixed English pages alone choose nothing
    vera.refresh_from_db()
    assert vera.language == "en"


def test_a_volunteer_who_signed_up_in_polish_hears_of_the_approval_in_polish(
    client, django_capture_on_commit_callbacks
):
    client.post(
        "/pl/accounts/signup/",
        {"email": "host@example.net", "password1": PASSWORD, "password2": PASSWORD},
    )
    host = User.objects.get(email="host@example.net")
    group = LocalGroupFactory()
    event = EventFactory(host=host, group=group, status="pending", title="Warsztaty lampionów")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):  # an English admin
        services.publish_event(event=event, by=coordinator_of(group))

    email = mail.outbox[-1]
    assert email.to == ["host@example.net"]
    assert "opublikowane" in email.subject.lower() or "opublikowan" in email.body.lower()
    assert '<html lang="pl">' in email.alternatives[0][0]


def volunteer_with_address(client, email="ola@example.net"):
    user = UserFactory(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    client.force_login(user)
    return user


def confirmation_path(email) -> str:
    return re.search(r"/accounts/confirm-email/[^/\s]+/", email.body).group(0)


def test_the_email_page_shows_the_one_address_and_a_form_to_change_it(client, django_assert_max_num_queries):
    volunteer_with_address(client)

    with django_assert_max_num_queries(12):
        html = client.get("/accounts/email/").content.decode()

    assert "Current email address" in html and "ola@example.net" in html
    assert 'name="action_add"' in html
    assert "Make Primary" not in html and 'type="radio"' not in html  # one address, nothing to choose between


def test_a_new_address_replaces_the_old_one_once_its_link_is_opened_and_the_old_one_is_told(client):
    user = volunteer_with_address(client)

    response = client.post("/accounts/email/", {"email": "ola.new@example.net", "action_add": ""})

    assert response.status_code == 302
    link = mail.outbox[-1]
    assert link.to == ["ola.new@example.net"]
    assert "confirm this email address for your" in link.body
    assert "open your account" not in link.body  # the sign-up's wording is for new accounts
    page = client.get("/accounts/email/").content.decode()
    assert "Changing to" in page and "ola.new@example.net" in page and "not confirmed yet" in page
    user.refresh_from_db()
    assert user.email == "ola@example.net"  # emails keep going to the old address until the link is opened

    confirm_page = client.get(confirmation_path(link)).content.decode()
    assert "your new address? Confirm it, and your account's emails go there from now on." in confirm_page
    assert "finish creating your account" not in confirm_page
    client.post(confirmation_path(link))

    user.refresh_from_db()
    assert user.email == "ola.new@example.net"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "ola.new@example.net"
    ]
    notice = mail.outbox[-1]
    assert notice.to == ["ola@example.net"]
    assert "ola@example.net" in notice.body and "ola.new@example.net" in notice.body


def test_security_notices_are_in_the_account_s_language(client):
    user = volunteer_with_address(client)
    user.language = "pl"
    user.save()

    client.post(  # from the English pages
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "candles-in-helsinki-9", "password2": "candles-in-helsinki-9"},
    )

    assert "Zmieniono Twoje hasło." in mail.outbox[-1].body
    assert "/pl/privacy/" in mail.outbox[-1].body


def test_a_security_notice_says_what_to_do_if_the_change_was_not_the_person_s(client, settings):
    settings.CONTACT_EMAIL = "help@marathon.example"
    volunteer_with_address(client)

    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "candles-in-helsinki-9", "password2": "candles-in-helsinki-9"},
    )

    body = " ".join(mail.outbox[-1].body.split())
    assert (
        "If you did not make this change, someone else may be using your account: write to us at once at "
        "help@marathon.example, and if you can still log in, set a new password at "
        f"{settings.SITE_URL}/accounts/password/reset/."
    ) in body
    assert "(UTC)" in body


def test_a_pending_change_can_be_called_off(client):
    user = volunteer_with_address(client)
    client.post("/accounts/email/", {"email": "typo@exmaple.net", "action_add": ""})
    mail.outbox.clear()

    response = client.post(
        "/accounts/email/", {"email": "typo@exmaple.net", "action_remove": ""}, follow=True
    )

    assert [str(m) for m in response.context["messages"]][-1] == (
        "The change to typo@exmaple.net is called off: emails keep going to your current address."
    )
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == ["ola@example.net"]
    assert mail.outbox == []  # no "Email removed" notice for an address that was never in use
    assert "Changing to" not in client.get("/accounts/email/").content.decode()


@pytest.mark.parametrize(
    ("new_address", "error"),
    [
        ("not-an-address", "Enter a valid email address."),
        ("OLA@example.net", "already associated with this account"),
    ],
)
def test_a_bad_new_address_is_refused_on_the_form(client, new_address, error):
    user = volunteer_with_address(client)

    response = client.post("/accounts/email/", {"email": new_address, "action_add": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert "is-invalid" in html and error in html
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == ["ola@example.net"]


def test_a_password_change_is_reported_to_the_account_s_address(client):
    volunteer_with_address(client)

    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "candles-in-helsinki-9", "password2": "candles-in-helsinki-9"},
    )

    assert mail.outbox[-1].to == ["ola@example.net"]
    assert "Your password has been changed." in mail.outbox[-1].body
    assert re.search(
        r"- Date: \w+day, \d+ \w+ \d{4}, \d\d:\d\d \(UTC\)", mail.outbox[-1].body
    )  # its zone said


def test_allauth_s_rate_limits_see_the_visitor_s_address_behind_the_proxy(rf, settings):
    from campaigns.accounts import AccountAdapter

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/accounts/login/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.2")

    assert AccountAdapter(request).get_client_ip(request) == "203.0.113.9"


def test_another_account_s_address_is_never_taken_over_and_not_revealed(client):
    owner = UserFactory(email="taken@example.net")
    EmailAddress.objects.create(user=owner, email="taken@example.net", verified=True, primary=True)
    user = volunteer_with_address(client)

    response = client.post("/accounts/email/", {"email": "taken@example.net", "action_add": ""})

    assert response.status_code == 302  # answered like any address, so no one learns who has an account
    user.refresh_from_db()
    assert user.email == "ola@example.net"
    assert EmailAddress.objects.get(email="taken@example.net", verified=True).user == owner


def test_a_volunteer_gives_their_name_at_sign_up_and_changes_it_under_their_account(client):
    client.post(
        "/accounts/signup/",
        {
            "full_name": "  Vera Kowalczyk ",
            "email": "vera@example.net",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    vera = User.objects.get(email="vera@example.net")
    assert vera.full_name == "Vera Kowalczyk"

    client.force_login(vera)
    page = client.get("/accounts/name/").content.decode()
    assert 'value="Vera Kowalczyk"' in page
    assert 'aria-current="page" href="/accounts/name/">Name</a>' in page

    response = client.post("/accounts/name/", {"full_name": "Vera K."}, follow=True)
    vera.refresh_from_db()
    assert vera.full_name == "Vera K."
    assert "Your name is saved." in response.content.decode()

    refused = client.post("/accounts/name/", {"full_name": "V" * 151})
    assert refused.status_code == 400
    assert "Ensure this value has at most 150 characters" in refused.content.decode()
    vera.refresh_from_db()
    assert vera.full_name == "Vera K."  # nothing accepted is lost


def test_the_name_page_is_for_signed_in_people(client):
    response = client.get("/accounts/name/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
