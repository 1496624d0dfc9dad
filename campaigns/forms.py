from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .abuse import HumanCheckFormMixin
from .models import DataRequest, LocalGroup, User
from .signup import NAME_HELP


class InviteCoordinatorForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    group = forms.ModelChoiceField(label=_("Local group"), queryset=LocalGroup.objects.active())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class OTPTokenForm(forms.Form):
    """The six-digit code from a staff member's authenticator app."""

    wrong_code_message = _("That code is not right. Check the time on your phone and try the newest code.")

    otp_token = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label=_("Code from your authenticator app"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
        error_messages={"invalid": _("Enter the six digits your app shows.")},
    )

    def clean_otp_token(self):
        return self.cleaned_data["otp_token"].strip()


class DataRequestForm(HumanCheckFormMixin, forms.Form):
    """Ask for a copy of, or the erasure of, what is held about an email address."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send the link to this address: only its owner can use it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    kind = forms.ChoiceField(
        label=_("What would you like?"),
        choices=DataRequest.Kind.choices,
        initial=DataRequest.Kind.EXPORT,
        widget=forms.RadioSelect,
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AccountNameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name"]
        labels = {"full_name": _("Your name")}
        help_texts = {"full_name": NAME_HELP}
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def clean_full_name(self):
        return self.cleaned_data["full_name"].strip()


class LoginForm(allauth_forms.LoginForm):
    """allauth's log-in form, with the "remember" box saying what it does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me logged in on this device")


NOT_STAFF_MESSAGE = _(
    "The back office is for coordinators and staff. Your own events are here, under “My events”."
)


class BackOfficeLoginForm(AdminAuthenticationForm):
    """The back office's sign-in. A volunteer's right email and password are not "wrong" (Django's own message
    says so, and people reset a password that works): they are told the back office is not theirs, and where
    their events are."""

    def confirm_login_allowed(self, user):
        if user.is_active and not user.is_staff:
            link = format_html('<a href="{}">{}</a>', reverse("events:mine"), _("Go to My events"))
            raise forms.ValidationError(
                format_html(
                    "{} {}",
                    _("This account has no access to the back office, which is for coordinators and staff."),
                    link,
                ),
                code="not_staff",
            )
        super().confirm_login_allowed(user)
