from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import ngettext
from django_countries import countries

from .widgets import CountedTextarea, FastSelect

# For a ModelAdmin's formfield_overrides: "example.org/meet" typed in the back office is read as
# https://example.org/meet, as the public forms read it (and as Django 6 will by default).
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class CountryChoiceField(forms.TypedChoiceField):
    """A country select whose names follow the visitor's language.

    The choices are a callable, so they are read, in the visitor's language and that language's order, when the
    form is shown (a list built at import would be English), and copying the field for each form copies no list
    of 250 countries. A posted code is checked against the codes directly, without building the list again.
    """

    def __init__(self, *, blank_label, **kwargs):
        super().__init__(choices=lambda: [("", blank_label), *countries], **kwargs)

    def valid_value(self, value) -> bool:
        return value in countries


def country_choice_field(*, blank_label, **kwargs) -> CountryChoiceField:
    # Browsers fill it in from the visitor's own address (WCAG 1.3.5, identify input purpose).
    return CountryChoiceField(
        blank_label=blank_label, widget=FastSelect(attrs={"autocomplete": "country"}), **kwargs
    )


class LongTextField(forms.CharField):
    """A free text of at most `max_length` characters, counted as the person sees them.

    Browsers send each line break as CR LF, so a text that fits the box by its count would be refused, or cut,
    two characters a line too early; line breaks become LF before the length is checked (and stored).
    """

    widget = CountedTextarea

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            TextTooLong(self.max_length) if isinstance(validator, MaxLengthValidator) else validator
            for validator in self.validators
        ]

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class TextTooLong(MaxLengthValidator):
    """How much to cut, in the counter's words and with its grouped numbers (static/js/char-count.js)."""

    def __call__(self, value):
        over = len(value) - self.limit_value
        if over > 0:
            raise ValidationError(
                ngettext(
                    "This text is %(count)s character too long: it can have at most %(limit)s.",
                    "This text is %(count)s characters too long: it can have at most %(limit)s.",
                    over,
                )
                % {
                    "count": number_format(over, force_grouping=True),
                    "limit": number_format(self.limit_value, force_grouping=True),
                },
                code="max_length",
            )
