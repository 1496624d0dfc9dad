"""Reads shared by several pages."""

from itertools import groupby

from .models import Campaign, LocalGroup
from .text import alphabetical


def active_campaign() -> Campaign | None:
    return Campaign.objects.active().order_by("-starts_on").first()


def groups_by_country() -> list[tuple]:
    """Active groups grouped by country, countries in alphabetical order of their names."""
    groups = sorted(
        LocalGroup.objects.active(),
        key=lambda g: (alphabetical(str(g.country.name)), alphabetical(g.city), g.name),
    )
    return [(country, list(items)) for country, items in groupby(groups, key=lambda g: g.country)]
