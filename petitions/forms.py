from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.abuse import HumanCheckFormMixin
from campaigns.fields import country_choice_field
from campaigns.models import LocalGroup

from .models import CONSENT_TEXT
from .services import (
    InvalidSignatureData,
    PetitionError,
    Signer,
    check_collection_day,
    clean_country,
    clean_person_name,
    clean_signer_email,
)


def _service_check(check, value, **kwargs):
    try:
        return check(value, **kwargs)
    except InvalidSignatureData as error:
        raise forms.ValidationError(error.message) from None


class SignPetitionForm(HumanCheckFormMixin, forms.Form):
    """The public sign form. It validates with the service's own rules, so both say the same thing."""

    first_name = forms.CharField(
        label=_("First name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.CharField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send you a link to confirm your signature."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    country = country_choice_field(label=_("Country"), blank_label=_("Choose your country"))
    city = forms.CharField(
        label=_("City (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    show_first_name = forms.BooleanField(
        label=_("Show my first name and country in the list of recent signers"), required=False
    )
    consent_to_contact = forms.BooleanField(label=CONSENT_TEXT, required=False)

    def clean_first_name(self):
        return _service_check(clean_person_name, self.cleaned_data["first_name"], label=_("first name"))

    def clean_last_name(self):
        return _service_check(clean_person_name, self.cleaned_data["last_name"], label=_("last name"))

    def clean_email(self):
        return _service_check(clean_signer_email, self.cleaned_data["email"])

    def clean_country(self):
        return _service_check(clean_country, self.cleaned_data["country"])

    def clean_city(self):
        return _service_check(clean_person_name, self.cleaned_data["city"], label=_("city"), required=False)

    def signer(self) -> Signer:
        data = self.cleaned_data
        return Signer(data["first_name"], data["last_name"], data["email"], data["country"], data["city"])


class ConfirmSignatureForm(forms.Form):
    """Only a button: a POST, so mail scanners that open the link confirm nothing."""


class PaperSignerForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=100, widget=forms.TextInput(attrs={"size": 14})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, widget=forms.TextInput(attrs={"size": 14})
    )
    country = country_choice_field(label=_("Country"), blank_label="—", required=False)
    city = forms.CharField(
        label=_("City"), max_length=100, required=False, widget=forms.TextInput(attrs={"size": 12})
    )
    email = forms.CharField(
        label=_("Email (optional)"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"size": 18}),
    )

    def clean_first_name(self):
        return _service_check(clean_person_name, self.cleaned_data["first_name"], label=_("first name"))

    def clean_last_name(self):
        return _service_check(clean_person_name, self.cleaned_data["last_name"], label=_("last name"))

    def clean_email(self):
        return _service_check(clean_signer_email, self.cleaned_data["email"], required=False)


PaperSignerFormSet = forms.formset_factory(PaperSignerForm, extra=10, max_num=500, validate_max=True)


class PaperEntryForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Collected by"), queryset=LocalGroup.objects.none())
    collected_on = forms.DateField(label=_("Collected on"), widget=forms.DateInput(attrs={"type": "date"}))
    csv_file = forms.FileField(
        label=_("Or upload a CSV file"),
        required=False,
        help_text=_(
            "Columns: first_name, last_name, country (two-letter code), city, email. One signer per row."
        ),
    )

    def __init__(self, *args, groups=None, petition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.petition = petition
        self.fields["group"].queryset = groups if groups is not None else LocalGroup.objects.all()
        self.fields["collected_on"].initial = timezone.localdate

    def clean_collected_on(self):
        day = self.cleaned_data["collected_on"]
        if self.petition is not None:
            try:
                check_collection_day(self.petition, day)
            except PetitionError as error:
                raise forms.ValidationError(error.message) from None
        return day


class WithdrawBatchesForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('Kept with each batch, e.g. "typed 250 for 25; entered again".'),
    )


class InvalidateSignaturesForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('Kept with each signature, e.g. "burst of 400 signatures from one address at 03:12".'),
    )
