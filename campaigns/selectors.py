"""Reads shared by several pages."""

from itertools import groupby

from .models import Campaign, LocalGroup
from .text import alphabetical


def active_campaign() -> Campaign | None:
    return Campaign.objects.active().order_by("-starts_on").first()


def groups_by_country(groups=None) -> list[tuple]:
    """Groups (by default the active ones) grouped by country, countries in alphabetical order of their names,
    then each country's groups by city."""
    groups = sorted(
        LocalGroup.objects.active() if groups is None else groups,
        key=lambda g: (alphabetical(str(g.country.name)), alphabetical(g.city), g.name),
    )
    return [(country, list(items)) for country, items in groupby(groups, key=lambda g: g.country)]
