from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("includes/_nav_link.html", takes_context=True)
def nav_link(context, url_name: str, label: str, *, section: bool = False) -> dict:
    """A menu item, marked current on its own page and, with `section`, active on every page under it (an
    event's page under Events), in any language's URLs."""
    request = context["request"]
    url = reverse(url_name)
    current = request.path == url
    return {
        "url": url,
        "label": label,
        "current": current,
        "active": current or (section and request.path.startswith(url)),
    }
