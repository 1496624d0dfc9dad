from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override
from modeltranslation.utils import build_localized_fieldname, resolution_order

from campaigns.language import ENGLISH_CHOICE_PARAMETER
from campaigns.text import alphabetical

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in each language: plain links (no form, no CSRF token), so pages stay cacheable.
    The query string comes along, so a filtered list or a search stays filtered in the other language."""
    request = context.get("request")
    path = request.path if request is not None else "/"
    match = getattr(request, "resolver_match", None)
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query.pop(ENGLISH_CHOICE_PARAMETER, None)
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = _in_language(match, path, code)
        in_language = query.copy()
        if code == settings.LANGUAGE_CODE:
            # The English pages are unprefixed: the marker tells the middleware this is a choice to remember.
            in_language[ENGLISH_CHOICE_PARAMETER] = code
        if in_language:
            url = f"{url}?{in_language.urlencode()}"
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": url, "current": code == current})
    return links


def _in_language(match, path: str, code: str) -> str:
    """`path` in the language `code`: translate_url without resolving the path again for every language
    (the request's own match names the view and its arguments)."""
    if match is None or not match.url_name:
        return translate_url(path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            return reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return translate_url(path, code)


@register.filter
def lang_attr(obj, field: str) -> str:
    """` lang="pl"` when `obj.field` is shown in another language than the page's because the page's language
    has no version of it (django-modeltranslation's fallback: the English original, else the first language
    that has one), so screen readers switch voice (WCAG 3.1.2). Nothing when the text is in the page's
    language."""
    active = get_language() or settings.LANGUAGE_CODE
    for code in resolution_order(active):
        if getattr(obj, build_localized_fieldname(field, code), None):
            return "" if code == active else mark_safe(f' lang="{code}"')  # nosec B703 B308 - a code from settings
    return ""


@register.filter
def alphabetically(rows, key: str):
    """Rows (dicts) in the alphabetical order of the page's language by `key` (`campaigns.text.alphabetical`),
    where dictsort would follow code points ("Ірландыя" before "Аўстрыя", "Russie" before "République")."""
    return sorted(rows, key=lambda row: alphabetical(str(row[key])))
