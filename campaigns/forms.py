from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LocalGroup


class InviteCoordinatorForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    group = forms.ModelChoiceField(label=_("Local group"), queryset=LocalGroup.objects.active())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
