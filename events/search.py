"""The public event search: one folded column per event, so "poznan" finds Poznań and "lodz" finds Łódź.

People type without accents and in any case. Every event keeps `search_text`, its titles and descriptions in
every language, its venue and its city, folded (`campaigns.text.folded`): lower case, accents and other marks
taken off, and the few Latin letters Unicode does not decompose (ł, ø, đ, æ…) written plainly. The query is
folded the same way and matched inside that one column, on SQLite as on PostgreSQL. Event.save() keeps it; bulk inserts call
`searchable_text` themselves.
"""

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
