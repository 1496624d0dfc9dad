"""Print-ready PDFs rendered by WeasyPrint from HTML templates (Pango shapes every script; Noto covers them)."""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import PrintBatch

PAPER_SIZES = {"a4": "A4", "letter": "letter"}

# WeasyPrint and fontTools narrate every step at INFO; keep the server log for what matters.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)


def _render(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported lazily: loading Pango costs time at start-up

    html = render_to_string(template, context)
    return HTML(string=html, base_url=None).write_pdf()


def appeal_letter_pdf(*, case, body: str, name: str, city: str, country_name: str, paper: str) -> bytes:
    """One appeal letter, rendered straight from what the supporter submitted; nothing is stored."""
    return _render(
        "letters/pdf/appeal_letter.html",
        {
            "case": case,
            "body": body,
            "name": name,
            "city": city,
            "country_name": country_name,
            "paper": paper if paper in PAPER_SIZES else "a4",
            "today": timezone.localdate(),
        },
    )


def print_batch_pdf(batch: PrintBatch) -> bytes:
    messages = list(batch.messages.order_by("id"))
    per_sheet = 4 if batch.layout == PrintBatch.Layout.SHEET else 1
    cards = [_card(message, batch.case) for message in messages]
    sheets = [cards[i : i + per_sheet] for i in range(0, len(cards), per_sheet)]
    return _render("letters/pdf/message_batch.html", {"batch": batch, "case": batch.case, "sheets": sheets})


def _card(message, case) -> dict:
    """A card speaks its writer's language: the case's name and the writer's country as the message was written
    (a Polish message is signed "Kasia, Polska"), whatever language the coordinator who prints it reads."""
    language = message.language or settings.LANGUAGE_CODE
    with translation.override(language):
        return {
            "message": message,
            "language": language,
            "to": str(case.name),
            "country": str(message.country.name),
        }
