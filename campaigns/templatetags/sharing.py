import html
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/_share.html")
def share_links(path: str, text: str) -> dict:
    """Links that pass a page on: the phone's own share sheet and a copy button (static/js/share.js), and plain
    links to messengers, social networks and email. Nothing loads from those services until someone follows a
    link, so the page tells them nothing about its readers."""
    # A text made with {% blocktranslate asvar %} arrives HTML-escaped ("&amp;"): the links carry the plain words.
    text = html.unescape(str(text))
    url = settings.SITE_URL + path
    message = f"{text} {url}"
    return {
        "url": url,
        "text": text,
        "services": [
            ("WhatsApp", "https://wa.me/?" + urlencode({"text": message}, quote_via=quote)),
            ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": text}, quote_via=quote)),
            (
                "Facebook",
                "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}, quote_via=quote),
            ),
            ("X", "https://x.com/intent/post?" + urlencode({"text": text, "url": url}, quote_via=quote)),
        ],
        "mailto": "mailto:?" + urlencode({"subject": text, "body": message}, quote_via=quote),
    }
