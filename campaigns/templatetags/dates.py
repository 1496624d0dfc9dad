"""Dates and times the way the visitor's language writes them (see FORMAT_MODULE_PATH in settings).

Templates never spell out a format such as "l j F Y": Polish and Russian need the month in the genitive,
French and Spanish another order, so every date goes through Django's per-language formats.
"""

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_datetime_format
from django import template
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst

from events.zones import city_name, place_name

register = template.Library()


@lru_cache(maxsize=16)
def _cldr_locale(language: str) -> Locale:
    if language.split("-")[0] == "en":
        return Locale.parse("en_GB")  # the site's English writes "10 December 2012", 24-hour times
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


@register.filter
def long_datetime(value: dt.datetime | None) -> str:
    """The day, date and time in full as the language writes them (the Unicode CLDR's patterns, in the value's own
    zone): "Monday, 10 December 2012, 18:00", "poniedziałek, 10 grudnia 2012 18:00", "lundi 10 décembre 2012,
    18:00", "lunes, 10 de diciembre de 2012, 18:00". The weekday keeps the language's case: templates add
    `|capfirst` where the date opens a line."""
    if not value:
        return ""
    locale = _cldr_locale(translation.get_language() or "en")
    day = format_date(value, "full", locale=locale)
    if locale.language == "fr" and value.day == 1:
        day = day.replace(" 1 ", " 1er ", 1)  # "vendredi 1er janvier": French writes the first of a month so
    time = format_time(value, "short", locale=locale)
    return (
        get_datetime_format("full", locale=locale).replace("'", "").replace("{0}", time).replace("{1}", day)
    )


@register.filter
def short_datetime(value: dt.datetime | None) -> str:
    """ "Mon 10 Dec 2012, 18:00" in English; the language's short form elsewhere ("pon 10.12.2012 18:00")."""
    if not value:
        return ""
    return f"{capfirst(date_format(value, 'D'))} {date_format(value, 'SHORT_DATETIME_FORMAT')}"


@register.filter
def short_date(value: dt.date | None) -> str:
    """ "Mon 10 Dec 2012" in English; the language's short form elsewhere."""
    if not value:
        return ""
    return f"{capfirst(date_format(value, 'D'))} {date_format(value, 'SHORT_DATE_FORMAT')}"


@register.filter
def zone_label(event) -> str:
    """The event's time zone by its place in the reader's language, with its UTC offset at the event's start:
    "Warsaw, UTC+01:00", "Варшава, UTC+01:00"."""
    place = place_name(event.timezone)
    offset = event.starts_at.astimezone(event.timezone).strftime("%z")
    if not offset:
        return place
    # A minus sign, not a hyphen: as in the zone list of the event form, and no line break inside "UTC−03:00".
    sign = "−" if offset[0] == "-" else "+"
    return f"{place}, UTC{sign}{offset[1:3]}:{offset[3:]}"


@register.filter
def city_label(place) -> str:
    """An event's or a group's city in the reader's language where the CLDR names it ("Warszawa" for a host's
    "Warsaw" on /pl/, as zone_label names its zone), otherwise as it was written."""
    return city_name(place.city, place.country)
