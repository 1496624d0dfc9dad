from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from campaigns.language import ENGLISH_CHOICE_PARAMETER

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in each language: plain links (no form, no CSRF token), so pages stay cacheable."""
    request = context.get("request")
    path = request.path if request is not None else "/"
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if code == settings.LANGUAGE_CODE:
            # The English pages are unprefixed: the marker tells the middleware this is a choice to remember.
            url = f"{url}?{ENGLISH_CHOICE_PARAMETER}={code}"
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": url, "current": code == current})
    return links
