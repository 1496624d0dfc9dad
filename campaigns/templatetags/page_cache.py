"""{% form_fields form %}: a form's fields rendered by crispy, and a blank public form rendered once per language.

A petition or event page that is not served whole from the cache (campaigns/page_cache.py: a new count, an
event nobody opened in the last minute) still renders the same blank sign-up form as every other page in the
same language; crispy's templates for it cost more than the rest of the page. A blank form whose fill-time stamp
is the page cache's marker holds nothing of the visitor's, so its fields are kept for FORM_PAGE_CACHE_SECONDS
per form class and language; the marker is replaced with the visitor's own stamp as the page leaves.
Bound forms (the visitor's input and errors) and forms with a real stamp are always rendered afresh.
"""

import hashlib

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

from campaigns.page_cache import RENDERED_AT_MARKER

register = template.Library()


@register.simple_tag
def form_fields(form):
    stamp = form.fields.get("rendered_at")
    seconds = settings.FORM_PAGE_CACHE_SECONDS
    if form.is_bound or stamp is None or stamp.initial != RENDERED_AT_MARKER or seconds <= 0:
        return as_crispy_form(form)
    form_class = type(form)
    # The field names too: a release that changes the form does not serve the old fields for a minute.
    fields = hashlib.sha256(",".join(form.fields).encode()).hexdigest()[:12]
    key = (
        f"form-fields:{form_class.__module__}.{form_class.__qualname__}:{fields}:{translation.get_language()}"
    )
    html = cache.get(key)
    if html is None:
        html = str(as_crispy_form(form))
        cache.set(key, html, seconds)
    return mark_safe(html)  # nosec B308 B703 - crispy's own output, kept as it rendered it


@register.filter
def as_summary_label(label) -> str:
    """A field's label before its error in a form's summary: a label that is a sentence ("The organisers may
    contact me about this event.") loses its full stop, so the line does not read "event.: Please agree…"; a
    question loses its question mark, with the space French puts before it ("écrites ? : Veuillez…")."""
    return str(label).rstrip(" .:?\u00a0\u202f")
