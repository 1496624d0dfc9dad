"""The public event search: one folded column per event, so "poznan" finds Poznań and "lodz" finds Łódź.

People type without accents and in any case. Every event keeps `search_text`, its titles and descriptions in
every language, its venue and its city, folded (`campaigns.text.folded`): lower case, accents and other marks
taken off, and the few Latin letters Unicode does not decompose (ł, ø, đ, æ…) written plainly. The query is
folded the same way and matched inside that one column, on SQLite as on PostgreSQL. Event.save() keeps it; bulk inserts call
`searchable_text` themselves.

A city is found by any name the site's languages give it: "Warszawa", "Варшава" and "Varsovie" all find an event
the host placed in "Warsaw". The names are the Unicode CLDR's, through Babel: it names the city of each time zone
(about 400: the capitals and the largest cities); any other city is found as the host wrote it, folded.
"""

from functools import lru_cache

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from campaigns.text import folded

SEARCHED_FIELDS = ("venue_name", "city")
TRANSLATED_SEARCHED_FIELDS = ("title", "description")


def searched_columns() -> list[str]:
    return [
        *SEARCHED_FIELDS,
        *(
            build_localized_fieldname(field, code)
            for field in TRANSLATED_SEARCHED_FIELDS
            for code, _name in settings.LANGUAGES
        ),
    ]


def searchable_text(event) -> str:
    """What the search reads of an event: its searched columns, folded, one per line."""
    return "\n".join(folded(value) for name in searched_columns() if (value := getattr(event, name, "")))


def folded_city(city: str) -> str:
    """A city as the filter compares it: folded, its spaces evened ("  Poznań " and "poznan" are one city)."""
    return " ".join(folded(city).split())


def city_forms(city: str) -> frozenset[str]:
    """Every folded name of the city typed, in the site's languages, the typed name included."""
    name = folded_city(city)
    return city_forms_by_name().get(name, frozenset()) | {name}


@lru_cache(maxsize=1)
def city_forms_by_name() -> dict[str, frozenset[str]]:
    """Each name of a time zone's city in the site's languages, folded → all of them (events.zones)."""
    from .zones import city_names_by_zone

    names: dict[str, set[str]] = {}
    for forms in city_names_by_zone().values():
        for form in forms:
            names.setdefault(form, set()).update(forms)
    return {name: frozenset(forms) for name, forms in names.items()}
