"""Accounts: each person's language is stored when they create their account (the language of the sign-up page)
and again each time they log in (the language of the log-in page: the one they use the site in now), so the
emails sent to them later (an event approved by a coordinator working in another language, a report to review)
are written in their language rather than in that of whoever triggered them. A volunteer who signed up on /fr/
and now logs in on /es/ hears in Spanish from then on."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def request_language(request) -> str:
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or settings.LANGUAGE_CODE
    return translation.get_supported_language_variant(language)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # allauth's "Please type your current password." answers a mistyped one, which was typed.
        "enter_current_password": _("That is not your current password. Please type it again."),
    }

    def get_client_ip(self, request) -> str:
        """allauth's log-in and sign-up rate limits and the address in its security notices read the visitor's
        address the way the site's own limits do (TRUSTED_PROXY_COUNT): behind nginx, allauth alone would see
        the proxy's address, and every visitor would share one log-in limit."""
        from .abuse import client_ip

        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client's address")
        return ip

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """Security notices (the password or the email address changed) in the account's language, whatever page
        the change was made from: the confirmation link that completes an email change has no language of its own."""
        if template_prefix == "account/email/email_deleted":
            # An account has one address (ACCOUNT_CHANGE_EMAIL): the only address a person removes is a change they
            # called off before confirming it, which they were just told on the page. Nothing to warn about.
            return
        with translation.override(getattr(user, "language", "") or translation.get_language()):
            super().send_notification_mail(template_prefix, user, context=context, email=email)

    def save_user(self, request, user, form, commit=True):
        if not user.language:
            user.language = request_language(request)
        return super().save_user(request, user, form, commit=commit)


def remember_language_on_login(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: the account takes the language it logged in with."""
    if request is None or not hasattr(user, "language"):
        return
    language = request_language(request)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
