"""The sign-up form's own fields (ACCOUNT_SIGNUP_FORM_CLASS). A module of its own: allauth imports it while it
builds its forms, which campaigns/forms.py imports in turn."""

from django import forms
from django.utils.translation import gettext_lazy as _

NAME_HELP = _("Your group's coordinators see it, and our emails greet you with it. Nobody else does.")


class VolunteerSignupForm(forms.Form):
    """What allauth's sign-up asks besides the address and password (ACCOUNT_SIGNUP_FORM_CLASS): a name, so that
    coordinators reviewing an event see who proposes it rather than an address alone."""

    full_name = forms.CharField(
        label=_("Your name"), max_length=150, required=False, help_text=NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip

    def signup(self, request, user) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])
