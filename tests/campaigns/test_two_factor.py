"""Staff pass a TOTP step after their password before the back office opens (ADMIN_REQUIRE_2FA)."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import LocalGroupFactory, UserFactory, coordinator_of

pytestmark = pytest.mark.django_db

TWO_FACTOR = reverse("admin:two-factor")
INDEX = reverse("admin:index")


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0):06d}"


@pytest.fixture
def require_2fa(settings):
    settings.ADMIN_REQUIRE_2FA = True


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


def test_staff_without_a_device_are_sent_to_enrol_and_cannot_reach_admin_pages(
    client, require_2fa, superuser
):
    client.force_login(superuser)
    for url in (INDEX, reverse("admin:campaigns_user_changelist"), reverse("admin:campaigns_case_add")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login")), url
    login_page = client.get(reverse("admin:login"), {"next": "/admin/events/?q=a&o=1"})
    assert login_page.status_code == 302
    assert login_page.url == f"{TWO_FACTOR}?next=%2Fadmin%2Fevents%2F%3Fq%3Da%26o%3D1"

    page = client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=superuser)
    assert device.confirmed is False
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    assert device.config_url.split("?")[0] in html
    assert "http" not in page.context["qr_src"]


def test_a_correct_code_confirms_the_device_and_opens_the_back_office(client, require_2fa, superuser):
    client.force_login(superuser)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=superuser)

    response = client.post(TWO_FACTOR, {"otp_token": code_for(device), "next": INDEX})

    assert response.status_code == 302 and response.url == INDEX
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(INDEX).status_code == 200


def test_a_wrong_code_keeps_the_back_office_closed(client, require_2fa, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    client.force_login(superuser)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(TWO_FACTOR, {"otp_token": wrong})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(INDEX).status_code == 302
    assert TOTPDevice.objects.filter(user=superuser).count() == 1  # no second device is enrolled


def test_an_enrolled_coordinator_signs_in_with_password_then_code(client, require_2fa):
    coordinator = coordinator_of(LocalGroupFactory(), email="coord@example.org")
    coordinator.set_password("a long passphrase 42")
    coordinator.save()
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)

    login = client.post(
        reverse("admin:login") + f"?next={INDEX}",
        {"username": "coord@example.org", "password": "a long passphrase 42", "next": INDEX},
    )
    assert login.status_code == 302
    assert client.get(INDEX).status_code == 302
    response = client.post(TWO_FACTOR, {"otp_token": code_for(device), "next": INDEX})

    assert response.url == INDEX
    assert client.get(INDEX).status_code == 200


def test_the_next_parameter_cannot_lead_off_site(client, require_2fa, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    client.force_login(superuser)
    response = client.post(TWO_FACTOR, {"otp_token": code_for(device), "next": "https://evil.example/"})
    assert response.url == INDEX


def test_without_the_setting_staff_go_straight_in(client, settings, superuser):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(superuser)
    assert client.get(INDEX).status_code == 200
    assert not TOTPDevice.objects.exists()


def test_volunteers_never_see_the_two_factor_step(client, require_2fa):
    client.force_login(UserFactory())
    assert client.get(TWO_FACTOR).url == reverse("admin:login")
    assert not TOTPDevice.objects.exists()
