from django import forms
from django_countries import countries

from .widgets import FastSelect


def country_choice_field(*, blank_label, **kwargs) -> forms.TypedChoiceField:
    """A country select for public forms. The choices are a callable, so the names are read, in the visitor's
    language and in that language's order, each time a form is made (a list built at import would be English),
    and copying the field for each form copies no list of 250 countries."""
    return forms.TypedChoiceField(
        choices=lambda: [("", blank_label), *countries],
        # Browsers fill it in from the visitor's own address (WCAG 1.3.5, identify input purpose).
        widget=FastSelect(attrs={"autocomplete": "country"}),
        **kwargs,
    )
