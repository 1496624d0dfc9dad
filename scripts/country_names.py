"""Write the country names django-countries has no translation for, from the iso-codes project's translations.

django-countries translates its ~250 names into many languages, but not into Belarusian, so the country lists of
the sign, sign-up and event filter forms would show English on the Belarusian site. The iso-codes project
(through pycountry) has them. This writes them as a catalogue keyed by django-countries' own English names, in
`locale-countries/<language>/LC_MESSAGES/django.po` (listed in LOCALE_PATHS; `make messages` compiles it).

Run after upgrading django-countries:  .venv/bin/python scripts/country_names.py be
"""

import gettext
import sys
from pathlib import Path

import polib
import pycountry
from django.conf import settings

settings.configure(
    USE_I18N=False
)  # django-countries' names, untranslated: the msgids its gettext calls look up

from django_countries.data import COUNTRIES  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def write_catalogue(language: str) -> Path:
    names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Project-Id-Version": "Marathon country names",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for code, english in sorted(COUNTRIES.items()):
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            continue  # a code django-countries knows and ISO 3166 does not (none today)
        iso_name = getattr(country, "common_name", None) or country.name
        translated = names.gettext(iso_name)
        if translated != iso_name:
            catalogue.append(polib.POEntry(msgid=str(english), msgstr=translated, comment=code))
    path = ROOT / "locale-countries" / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    return path


if __name__ == "__main__":
    for language in sys.argv[1:] or ["be"]:
        print(write_catalogue(language))
