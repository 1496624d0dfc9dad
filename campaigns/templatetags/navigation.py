from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("includes/_nav_link.html", takes_context=True)
def nav_link(context, url_name: str, label: str, *, section: bool = False, not_under: str = "") -> dict:
    """A menu item, marked current on its own page and, with `section`, active on every page under it (an
    event's page under Events), in any language's URLs. `not_under` names a page under it that has a menu item
    of its own (My events under Events), so only that item is marked there."""
    request = context["request"]
    url = reverse(url_name)
    current = request.path == url
    in_section = section and request.path.startswith(url)
    if in_section and not_under and request.path.startswith(reverse(not_under)):
        in_section = False
    return {"url": url, "label": label, "current": current, "active": current or in_section}
