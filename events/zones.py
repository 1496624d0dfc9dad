"""The time zones a host chooses from: one for each place the tz database lists in zone.tab, grouped by region
and named by their city in the reader's language with today's offset from UTC ("Warsaw (UTC+01:00)", "Варшава
(UTC+01:00)"). The names are the Unicode CLDR's, through Babel.

The full list of the database (about 600 names) also holds old aliases and technical ones ("US/Pacific",
"Etc/GMT+5", "W-SU") that only make the list longer. Any zone the database knows is still accepted, so events
saved with an older name and a browser that reports one (static/js/event-form.js) keep working.
"""

import datetime as dt
import zoneinfo
from functools import lru_cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone, get_timezone_location
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneFormField

from campaigns.text import alphabetical

from .search import folded_city

REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}


@lru_cache(maxsize=1)
def zone_tab() -> tuple[tuple[str, str], ...]:
    """(country code, zone) of every place in zone.tab (tzdata's copy: the same version as the zones themselves)."""
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return tuple((row[0], row[2]) for row in rows if len(row) >= 3)


@lru_cache(maxsize=1)
def place_zones() -> tuple[str, ...]:
    """The zone of every place in zone.tab."""
    return tuple(sorted({zone for _country, zone in zone_tab()}))


def _offset(zone: str, now: dt.datetime) -> str:
    minutes = int(now.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def _place(name: str) -> str:
    # "America/Argentina/Buenos_Aires" → "Buenos Aires, Argentina": for a zone the CLDR names no city for.
    parts = [part.replace("_", " ") for part in name.split("/")[1:]]
    return ", ".join(reversed(parts)) or name


@lru_cache(maxsize=4096)
def _city(name: str, language: str) -> str:
    try:
        locale = Locale.parse(language.replace("-", "_"))
        return get_timezone_location(get_timezone(name), locale=locale, return_city=True) or _place(name)
    except (LookupError, UnknownLocaleError, ValueError):
        return _place(name)


def place_name(zone, language: str | None = None) -> str:
    """A zone's place as the reader's language (by default the active one) writes it: Europe/Warsaw is "Warsaw",
    "Warszawa", "Варшава" or "Varsovie". Zones that name no place (UTC) keep their name."""
    name = str(zone)
    if "/" not in name or name.startswith("Etc/"):
        return name
    return _city(name, language or translation.get_language() or settings.LANGUAGE_CODE)


def city_name(city: str, country, language: str | None = None) -> str:
    """A city as the reader's language writes it: an event the host placed in "Warsaw", Poland, reads "Warszawa"
    on /pl/ and "Varsovie" on /fr/, as its time zone does. Only the cities the CLDR names (a time zone's), and
    only in the country of that zone ("Vienna", United States, stays as written); any other as the host wrote it."""
    folded = folded_city(city)
    zone = zones_by_city().get((str(country or ""), folded))
    if zone is None:
        return city
    name = place_name(zone, language)
    return city if folded_city(name) == folded else name  # the host's "Reykjavík" keeps its accent


@lru_cache(maxsize=1)
def zones_by_city() -> dict[tuple[str, str], str]:
    """(country code, a folded name of a zone's city in any of the site's languages) → that zone; a name two
    zones of one country share is left out."""
    zones: dict[tuple[str, str], set[str]] = {}
    for (country, zone), names in city_names_by_zone().items():
        for name in names:
            zones.setdefault((country, name), set()).add(zone)
    return {key: found.pop() for key, found in zones.items() if len(found) == 1}


@lru_cache(maxsize=1)
def city_names_by_zone() -> dict[tuple[str, str], frozenset[str]]:
    """(country code, zone) → its city's names in the site's languages, folded; with "Meksyk" for the CLDR's
    "Meksyk (miasto)", as people type it. The one source of the event search's and the event pages' city names."""
    result = {}
    for country, zone in zone_tab():
        names = {folded_city(_city(zone, code)) for code, _name in settings.LANGUAGES}
        result[(country, zone)] = frozenset(names | {name.split(" (")[0] for name in names})
    return result


def zone_choices(extra: str = "", *, now: dt.datetime | None = None) -> list:
    """UTC first, then one option group per region, each sorted by place; `extra` (an event's zone that is not
    in the list, such as an older name) is kept at the top so editing the event does not change it."""
    now = now or timezone.now()
    groups: dict[str, list] = {}
    for name in place_zones():
        region = name.split("/", 1)[0]
        if region in REGIONS:
            groups.setdefault(region, []).append((name, f"{place_name(name)} ({_offset(name, now)})"))
    choices: list = [("UTC", "UTC")]
    if extra and extra != "UTC" and extra not in place_zones():
        choices.append((extra, f"{extra} ({_offset(extra, now)})"))
    for region in sorted(groups, key=lambda key: alphabetical(str(REGIONS[key]))):
        choices.append((REGIONS[region], sorted(groups[region], key=lambda choice: alphabetical(choice[1]))))
    return choices


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


class EventZoneField(TimeZoneFormField):
    """A time zone from the shorter list above; any name the tz database knows is accepted."""

    def valid_value(self, value) -> bool:
        return str(value) in known_zones()


@lru_cache(maxsize=1)
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    zones: dict[str, list[str]] = {}
    for country, zone in zone_tab():
        zones.setdefault(country, []).append(zone)
    return {country: tuple(found) for country, found in zones.items()}


def place_zone(city: str, country) -> str | None:
    """The zone of a place: its city's, where a zone is named after it in the site's languages (Asunción →
    America/Asuncion), else its country's when the country has only one (Poland → Europe/Warsaw); None when
    neither tells (Montreal, Canada)."""
    country = str(country or "")
    zone = zones_by_city().get((country, folded_city(city)))
    if zone is not None:
        return zone
    zones = _zones_by_country().get(country, ())
    return zones[0] if len(zones) == 1 else None
