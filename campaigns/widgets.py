from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext


class FastOptionsMixin:
    """Writes a flat <select>'s options in Python instead of one template include per option.

    Django renders every <option> through its own template; for the ~250 countries that cost more than the
    rest of the petition page put together (a profile of the signing scenario). The markup is the same as
    Django's select.html. Choices with option groups fall back to Django's rendering.
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = [choice for choice in self.choices]  # noqa: C416 (list() would COUNT a model choice queryset first)
        if self.allow_multiple_selected or any(isinstance(label, (list, tuple)) for _, label in choices):
            return super().render(name, value, attrs, renderer)
        selected = set(self.format_value(value))
        final_attrs = self.build_attrs(self.attrs, attrs)
        parts = [f'<select name="{conditional_escape(name)}"{flatatt(final_attrs)}>']
        for option_value, label in choices:
            option = "" if option_value is None else str(option_value)
            mark = " selected" if option in selected else ""
            parts.append(
                f'<option value="{conditional_escape(option)}"{mark}>{conditional_escape(label)}</option>'
            )
        parts.append("</select>")
        return mark_safe("\n  ".join(parts))  # nosec B703 B308 - every value and label is escaped above


class FastSelect(FastOptionsMixin, forms.Select):
    pass


class CountedTextarea(forms.Textarea):
    """A textarea that says how many characters are left (static/js/char-count.js).

    With JavaScript the browser's `maxlength` is lifted, so a pasted text longer than the limit is kept whole
    and the count says how much to cut, instead of being cut silently; the form still refuses it with a message.
    The two sentences are translated here, when the page is rendered, so the script needs no catalogue.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if "maxlength" in widget_attrs:
            widget_attrs["data-char-limit"] = widget_attrs["maxlength"]
            widget_attrs["data-chars-left"] = gettext("Characters left: %(count)s")
            widget_attrs["data-chars-over"] = gettext("Characters too many: %(count)s")
        return context
