"""Dates and times the way the visitor's language writes them (see FORMAT_MODULE_PATH in settings).

Templates never spell out a format such as "l j F Y": Polish and Russian need the month in the genitive,
French and Spanish another order, so every date goes through Django's per-language formats.
"""

import datetime as dt

from django import template
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst

from events.zones import city_name, place_name

register = template.Library()


@register.filter
def long_datetime(value: dt.datetime | None) -> str:
    """ "Monday, 10 December 2012, 18:00" / "Poniedziałek, 10 grudnia 2012, 18:00"."""
    if not value:
        return ""
    return f"{capfirst(date_format(value, 'l'))}, {date_format(value, 'DATE_FORMAT')}, {time_format(value)}"


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
    return f"{place}, UTC{offset[:3]}:{offset[3:]}" if offset else place


@register.filter
def city_label(place) -> str:
    """An event's or a group's city in the reader's language where the CLDR names it ("Warszawa" for a host's
    "Warsaw" on /pl/, as zone_label names its zone), otherwise as it was written."""
    return city_name(place.city, place.country)
