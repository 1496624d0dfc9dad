import pytest
from django import forms
from django.test import RequestFactory

from campaigns.abuse import HumanCheckFormMixin, client_ip, hash_ip, is_blocked_email_domain


def test_ip_hash_is_keyed_stable_and_not_the_address(settings):
    settings.IP_HASH_SALT = "salt-one"
    first = hash_ip("203.0.113.7")
    assert first == hash_ip("203.0.113.7")
    assert "203.0.113.7" not in first
    settings.IP_HASH_SALT = "salt-two"
    assert hash_ip("203.0.113.7") != first


def test_client_ip_ignores_forwarded_header_unless_proxies_are_trusted(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.5"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"


@pytest.mark.parametrize(
    ("email", "blocked"),
    [
        ("a@mailinator.com", True),
        ("a@eu.mailinator.com", True),
        ("a@MAILINATOR.COM", True),
        ("a@yopmail.com", True),
        ("a@guerrillamail.com", True),
        ("a@gmail.com", False),
        ("a@amnesty.org", False),
        ("not-an-address", False),
    ],
)
def test_disposable_mail_domains_are_blocked(email, blocked):
    assert is_blocked_email_domain(email) is blocked


def test_a_deployment_blocks_its_own_domains_and_can_allow_disposable_ones(settings):
    settings.BLOCKED_EMAIL_DOMAINS = ["spam-farm.example"]
    assert is_blocked_email_domain("a@mx.spam-farm.example")
    assert not is_blocked_email_domain("a@example.org")

    settings.BLOCK_DISPOSABLE_EMAIL_DOMAINS = False
    assert not is_blocked_email_domain("a@mailinator.com")


class SignForm(HumanCheckFormMixin):
    pass


def test_honeypot_rejects_a_filled_in_trap_field():
    stamp = SignForm().fields["rendered_at"].initial
    form = SignForm(data={"website": "http://spam.example", "rendered_at": stamp})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Your submission could not be accepted. Please try again."]


def test_form_sent_faster_than_a_person_could_is_rejected(settings):
    settings.FORM_MINIMUM_SECONDS = 3
    stamp = SignForm().fields["rendered_at"].initial
    form = SignForm(data={"website": "", "rendered_at": stamp})
    assert not form.is_valid()
    assert "quick" in form.non_field_errors()[0]


class NamedSignForm(HumanCheckFormMixin):
    name = forms.CharField()


def test_a_form_sent_at_once_with_a_missing_field_says_only_what_is_missing(settings):
    settings.FORM_MINIMUM_SECONDS = 3
    stamp = NamedSignForm().fields["rendered_at"].initial

    form = NamedSignForm(data={"website": "", "rendered_at": stamp, "name": ""})

    assert not form.is_valid()
    assert form.errors == {"name": ["This field is required."]}
    # Filled in, the same stamp is still too fresh: the check was not skipped for good.
    assert (
        "quick"
        in NamedSignForm(data={"website": "", "rendered_at": stamp, "name": "Ales"}).non_field_errors()[0]
    )


def test_tampered_timestamp_is_rejected_and_a_fair_one_accepted():
    assert not SignForm(data={"website": "", "rendered_at": "1.0"}).is_valid()
    assert SignForm(data={"website": "", "rendered_at": SignForm().fields["rendered_at"].initial}).is_valid()
