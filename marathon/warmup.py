"""What a new app-server worker loads before its first visitor, instead of while the first visitors wait.

Django builds several things lazily, once per process: the URL resolver's reverse maps, one set per language
(every page's language links reverse its address in all six: ~90 ms for the first language, ~15 ms for each
other), the translation catalogues, and every template it compiles on first use (with the `{% load %}`
libraries they import). A freshly started worker did all of that inside its first requests, on each of its
threads at once, so the first seconds after a deployment or a restart answered hundreds of milliseconds late.

`warm_up()` does it at start-up (marathon/gunicorn_config.py calls it before freezing what the worker loaded). It
reads no database and needs no request.
"""

import contextlib
import logging
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import translation

from events.search import city_forms_by_name
from events.zones import zones_by_city

# The back office compiles its own templates as coordinators use it: only the public site's are loaded here.
SKIPPED_TEMPLATE_FOLDERS = ("admin",)
NO_SUCH_NAME = "-warm-up-"

logger = logging.getLogger(__name__)


def public_template_names() -> list[str]:
    """The templates of the project's own folder that the public site renders (pages, partials, emails)."""
    names = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        root = Path(folder)
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if path.suffix not in (".html", ".txt") or relative.parts[0] in SKIPPED_TEMPLATE_FOLDERS:
                continue
            names.append(relative.as_posix())
    return names


def namespaces(resolver, outer: str = "") -> list[str]:
    """Every URL namespace under this resolver, nested ones as "outer:inner"."""
    found = []
    for name, (_prefix, included) in resolver.namespace_dict.items():
        found.append(outer + name)
        found.extend(namespaces(included, f"{outer}{name}:"))
    return found


def build_reverse_maps() -> None:
    """The active language's reverse maps: the root URLconf's, and the one `reverse("namespace:name")` builds for
    each namespace (the admin's alone took 11 ms a language). A name no view has makes reverse() build the maps it
    searches and then say it found nothing."""
    for namespace in namespaces(get_resolver()):
        with contextlib.suppress(NoReverseMatch):
            reverse(f"{namespace}:{NO_SUCH_NAME}")


def warm_up() -> dict[str, int]:
    """Build the per-language URL maps, load the catalogues, compile the public templates and name the cities the
    event search knows in every language; say how many."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # loads the language's catalogues
            build_reverse_maps()
    compiled = 0
    for name in public_template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            # That page fails where it is used, with its error; the rest of the site still starts.
            logger.exception("Template %s does not compile", name)
            continue
        compiled += 1
    # The names of the time zones' cities in every language, which the event search (events/search.py) and the
    # event pages (events/zones.py) read.
    cities = len(city_forms_by_name())
    zones_by_city()
    return {"languages": len(settings.LANGUAGES), "templates": compiled, "city names": cities}
