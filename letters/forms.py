from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.abuse import HumanCheckFormMixin, is_blocked_email_domain
from campaigns.fields import LongTextField, country_choice_field
from campaigns.text import has_visible_text, is_a_name
from campaigns.widgets import CountedTextarea

from .models import (
    APPEAL_MAX_LENGTH,
    LETTER_EMAIL_CONSENT_TEXT,
    MAX_LETTERS_PER_REPORT,
    MESSAGE_EMAIL_CONSENT_TEXT,
    MESSAGE_MAX_LENGTH,
)


def country_field(**kwargs):
    return country_choice_field(
        label=_("Country"),
        blank_label=_("Choose your country"),
        error_messages={"invalid_choice": _("Please choose a country from the list.")},
        **kwargs,
    )


# Browsers and password managers fill in what these fields ask for (WCAG 1.3.5, identify input purpose).
NAME = forms.TextInput(attrs={"autocomplete": "name"})
CITY = forms.TextInput(attrs={"autocomplete": "address-level2"})
EMAIL = forms.EmailInput(attrs={"autocomplete": "email"})


class EmailCheckMixin:
    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if email and is_blocked_email_domain(email):
            raise forms.ValidationError(_("Please use a permanent email address."))
        return email


class AppealLetterForm(HumanCheckFormMixin, forms.Form):
    """The supporter's own version of the appeal; rendered to PDF from this form and never stored."""

    body = LongTextField(
        label=_("Your letter"),
        max_length=APPEAL_MAX_LENGTH,
        widget=CountedTextarea(attrs={"rows": 16}),
        help_text=_("Edit the sample freely: letters in your own words are the most powerful."),
    )
    name = forms.CharField(label=_("Your name"), max_length=100, widget=NAME)
    city = forms.CharField(label=_("Your city"), max_length=100, widget=CITY)
    country = country_field()
    paper = forms.ChoiceField(
        label=_("Paper size"),
        choices=[("a4", _("A4 (most of the world)")), ("letter", _("US Letter (North America)"))],
        initial="a4",
        widget=forms.RadioSelect,
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not has_visible_text(body):
            raise forms.ValidationError(_("Your letter is empty. Start from the sample, or write your own."))
        return body

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not has_visible_text(name):
            raise forms.ValidationError(_("Please write your name: the letter is signed with it."))
        if not is_a_name(name):
            raise forms.ValidationError(
                _("Your name may contain letters, spaces, hyphens and apostrophes only.")
            )
        return name


def kept_letter(data, *, sample: str) -> dict:
    """The appeal form's starting values from the "letter-…" copies a refused step 2 carried: what the person
    had typed in step 1, each value as the form would take it or else left out (the sample letter, A4)."""
    initial = {"body": sample, "paper": "a4"}
    for name in ("body", "name", "city", "country", "paper"):
        value = data.get(f"letter-{name}")
        if value is None:
            continue
        field = AppealLetterForm.base_fields[name]
        try:
            field.clean(value)
        except forms.ValidationError:
            if name != "body" or not value.strip():  # a letter too long for a PDF is still the person's own
                continue
        initial[name] = value
    return initial


class LetterPostedForm(EmailCheckMixin, HumanCheckFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name (optional)"), max_length=100, required=False, widget=NAME)
    city = forms.CharField(label=_("Your city (optional)"), max_length=100, required=False, widget=CITY)
    country = country_field()
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=LETTER_EMAIL_CONSENT_TEXT,
        widget=EMAIL,
    )


class LettersWrittenForm(HumanCheckFormMixin, forms.Form):
    count = forms.IntegerField(
        label=_("How many letters did you write?"),
        min_value=1,
        max_value=MAX_LETTERS_PER_REPORT,
        help_text=_(
            "Letters written at an event are counted by the event's host in their report, "
            "so please do not include them here."
        ),
        error_messages={
            "min_value": _("Please enter at least 1 letter."),
            "max_value": _(
                "That is more than %(limit_value)s: if your group wrote that many, ask your "
                "coordinator to report them."
            ),
        },
    )
    country = country_field()


class SolidarityMessageForm(EmailCheckMixin, HumanCheckFormMixin, forms.Form):
    first_name = forms.CharField(
        label=_("Your first name"),
        max_length=50,
        help_text=_("Only your first name and country are shown with your message."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    country = country_field()
    body = LongTextField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=CountedTextarea(attrs={"rows": 7}),
        # Interpolated when rendered, so the text follows the visitor's language (a class attribute is built once).
        help_text=lazy(
            lambda: (
                gettext("Up to %(max)s characters. Plain text only.")
                % {"max": number_format(MESSAGE_MAX_LENGTH, force_grouping=True)}
            ),
            str,
        )(),
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=MESSAGE_EMAIL_CONSENT_TEXT,
        widget=EMAIL,
    )

    def clean_first_name(self):
        first_name = self.cleaned_data["first_name"].strip()
        if not has_visible_text(first_name):
            raise forms.ValidationError(_("Please tell us your first name."))
        if not is_a_name(first_name):  # printed on the card the person receives, and shown on the wall
            raise forms.ValidationError(
                _("Your first name may contain letters, spaces, hyphens and apostrophes only.")
            )
        return first_name

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not has_visible_text(body):
            raise forms.ValidationError(_("Your message is empty."))
        return body
