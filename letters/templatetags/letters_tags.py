from django import template

from letters.models import SolidarityMessage

register = template.Library()

WALL_PREVIEW = 6


@register.inclusion_tag("letters/includes/_wall_preview.html")
def solidarity_wall(case):
    """The latest approved messages for the case page; nothing for a sensitive case."""
    if case.is_sensitive:
        return {"case": case, "preview": [], "has_more": False}
    preview = list(SolidarityMessage.objects.on_wall(case)[: WALL_PREVIEW + 1])
    return {"case": case, "preview": preview[:WALL_PREVIEW], "has_more": len(preview) > WALL_PREVIEW}
