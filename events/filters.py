import operator
from functools import reduce

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from campaigns.models import Case, LocalGroup
from campaigns.selectors import groups_by_country
from campaigns.text import alphabetical, folded
from campaigns.widgets import FastSelect

from .models import Event
from .search import city_forms


class TickBox(forms.CheckboxInput):
    """A checkbox read from an address: "0", "no" and "off" mean unticked as "false" does (Django's checkbox
    takes any other text as ticked), so `?free=0` lists every event."""

    UNTICKED = {"", "0", "false", "no", "off"}

    def value_from_datadict(self, data, files, name):
        if name not in data:
            return False
        return str(data.get(name)).strip().lower() not in self.UNTICKED


def _containing_any(texts, path: str = "") -> Q:
    return reduce(operator.or_, (Q(**{f"{path}search_text__contains": text}) for text in sorted(texts)))


def matching_text(value: str, path: str = "") -> Q:
    """Events whose titles and descriptions in any language, venue or city hold every word typed, without regard
    to case or accents; a city's name in any of the site's languages finds it as the host wrote it ("Варшава"
    finds Warsaw). `path` leads from another model to the event ("event__")."""
    whole = city_forms(value)
    if len(whole) > 1:
        return _containing_any(whole, path)
    condition = Q()
    for word in folded(value).split():
        condition &= _containing_any(city_forms(word), path)
    return condition


class CountryCodeField(django_filters.fields.ChoiceField):
    """A country code in either case: links and partner sites write ?country=pl as often as ?country=PL."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class CountryCodeFilter(django_filters.ChoiceFilter):
    field_class = CountryCodeField


class EventFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to", _("This date is before the “From” date. Please swap them or pick another.")
            )
        return cleaned


class EventFilter(django_filters.FilterSet):
    """The public list's filters, all plain GET parameters so a filtered list can be linked and paginated."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = CountryCodeFilter(
        label=_("Country"), choices=countries, empty_label=_("All countries"), widget=FastSelect
    )
    city = django_filters.CharFilter(label=_("City"), method="in_city")
    kind = django_filters.ChoiceFilter(
        label=_("Kind of event"), choices=Event.Kind.choices, empty_label=_("All kinds"), widget=FastSelect
    )
    case = django_filters.ModelChoiceFilter(
        label=_("Case"),
        field_name="cases",
        to_field_name="slug",
        queryset=Case.objects.public().only("slug", "name"),
        empty_label=_("All cases"),
        widget=FastSelect,
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Local group"),
        to_field_name="slug",
        queryset=LocalGroup.objects.active().only("slug", "name", "country", "city"),
        empty_label=_("All groups"),
        widget=FastSelect,
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="starts_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("Until"),
        field_name="starts_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    free = django_filters.BooleanFilter(
        label=_("Only events with free places"), method="with_free_places", widget=TickBox
    )

    class Meta:
        model = Event
        fields: list[str] = []
        form = EventFilterForm

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("country"):
            # So the country list shows the country of ?country=pl as chosen, and changing another filter keeps it.
            data = data.copy()
            data["country"] = data["country"].strip().upper()
        super().__init__(data, *args, **kwargs)
        group = self.form.fields["group"]
        # By country, then city, as the Local groups page reads (the model's order is by country code, which
        # looks random in any language). A callable, so the groups are read only when the form is rendered, not
        # for a list whose filter form comes from the cache.
        group.widget.choices = lambda: [
            ("", group.empty_label),
            *[
                (country.name, [(each.slug, each.name) for each in groups])
                for country, groups in groups_by_country(group.queryset)
            ],
        ]

    def offer_countries(self, names: dict[str, str]) -> None:
        """List only these countries (code → name in the reader's language: those with upcoming events), and the
        one asked for if it is not among them: nobody should pick "Antarctica" to find nothing, and a phone scrolls
        a list of 20. Only the list shrinks: the field still takes any country, as links and the API send them."""
        field = self.form.fields["country"]
        offered = dict(names)
        chosen = self.data.get("country", "") if self.data is not None else ""
        if chosen and chosen not in offered and countries.name(chosen):
            offered[chosen] = countries.name(chosen)
        listed = sorted(offered.items(), key=lambda item: alphabetical(item[1]))
        field.widget.choices = [("", field.empty_label), *listed]

    def search(self, queryset, name, value):
        # Every language's title and description, the venue and the city, without regard to case or accents
        # (events/search.py): a reader sees an event in the language its host wrote it in when theirs has no
        # version of it, and finds it by the words they see, typed as they type them.
        # A city's name in any of the site's languages finds it as the host wrote it ("Варшава" finds Warsaw).
        return queryset.filter(matching_text(value))

    def in_city(self, queryset, name, value):
        # As people type it and in any of the site's languages: "poznan" finds Poznań, "Warszawa" finds Warsaw.
        return queryset.filter(city_folded__in=city_forms(value))

    def with_free_places(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.with_free_places()
