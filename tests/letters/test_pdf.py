import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from letters import services
from letters.models import PrintBatch
from letters.pdf import appeal_letter_pdf, print_batch_pdf

from .factories import SolidarityMessageFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("paper", "width_pt"), [("a4", 595), ("letter", 612)])
def test_appeal_letter_pdf_has_the_authority_s_address_and_the_supporter_s_name(case, paper, width_pt):
    data = appeal_letter_pdf(
        case=case,
        body="Dear Prosecutor General,\n\nPlease release him.\n\nYours sincerely,",
        name="Kasia Łukasiewicz",
        city="Poznań",
        country_name="Poland",
        paper=paper,
    )

    assert data.startswith(b"%PDF")
    pages, text = pdf_text(data)
    reader = PdfReader(io.BytesIO(data))
    assert pages == 1
    assert round(float(reader.pages[0].mediabox.width)) == width_pt
    text = squash(text)
    assert "Prosecutor General of the Republic" in text
    assert "vul. Internatsyanalnaya 22" in text
    assert "220030 Minsk" in text
    assert "Kasia Łukasiewicz" in text
    assert "Please release him." in text


def test_appeal_letter_pdf_escapes_markup_from_the_supporter(case):
    data = appeal_letter_pdf(
        case=case, body="<b>bold</b> <img src=x>", name="<script>", city="", country_name="Poland", paper="a4"
    )
    text = squash(pdf_text(data)[1])
    assert "<b>bold</b>" in text
    assert "<script>" in text


def test_print_batch_pdf_has_one_card_per_message_in_every_script(case, coordinator):
    bodies = ["Zażółć gęślą jaźń", "Вы не одни", "あなたは一人ではありません", "당신은 혼자가 아닙니다"]
    messages = [SolidarityMessageFactory(case=case, body=body) for body in bodies]
    services.approve_messages(messages=messages, moderator=coordinator)
    batch = services.create_print_batch(case=case, user=coordinator, layout=PrintBatch.Layout.CARDS)

    pages, text = pdf_text(print_batch_pdf(batch))

    assert pages == 4
    for body in bodies:
        assert body in squash(text)
    assert messages[0].first_name in text


def test_sheet_layout_puts_four_messages_on_each_a4_page(case, coordinator):
    messages = SolidarityMessageFactory.create_batch(5, case=case)
    services.approve_messages(messages=messages, moderator=coordinator)
    batch = services.create_print_batch(case=case, user=coordinator, layout=PrintBatch.Layout.SHEET)

    pages, _text = pdf_text(print_batch_pdf(batch))

    assert pages == 2


def embedded_font_names(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_emoji_in_a_solidarity_message_are_drawn_with_an_emoji_font(case, coordinator):
    message = SolidarityMessageFactory(case=case, body="Stay strong ✊ ❤️ 🕯️")
    services.approve_messages(messages=[message], moderator=coordinator)
    batch = services.create_print_batch(case=case, user=coordinator, layout=PrintBatch.Layout.CARDS)

    fonts = embedded_font_names(print_batch_pdf(batch))

    # Without an emoji font the signs come out as empty boxes on the printed card.
    assert any("Emoji" in name for name in fonts), fonts


def test_each_card_is_signed_in_the_language_its_message_was_written_in(case, coordinator):
    case.name_pl = "Aleś Bialacki"
    case.save()
    polish = SolidarityMessageFactory(case=case, body="Jesteśmy z Tobą", language="pl", country="PL")
    french = SolidarityMessageFactory(case=case, body="Courage", language="fr", country="DE")
    services.approve_messages(messages=[polish, french], moderator=coordinator)
    batch = services.create_print_batch(case=case, user=coordinator, layout=PrintBatch.Layout.CARDS)

    with translation.override("en"):  # the coordinator reads the back office in English
        pages = PdfReader(io.BytesIO(print_batch_pdf(batch))).pages

    polish_card, french_card = (squash(page.extract_text()) for page in pages)
    assert "Aleś Bialacki" in polish_card
    # The name is isolated (<bdi>), so text extraction may see a space before the comma that is not drawn.
    assert re.search(rf"{polish.first_name} ?, Polska", polish_card)
    assert re.search(rf"{french.first_name} ?, Allemagne", french_card)


def test_digits_of_the_address_and_date_are_not_drawn_as_emoji_keycaps(case):
    """Noto Color Emoji has glyphs for 0-9 (keycaps): named in the font stack, it drew "2 2 0 0 3 0 Minsk"."""
    data = appeal_letter_pdf(
        case=case, body="Please release him.", name="Claire", city="Lyon", country_name="France", paper="a4"
    )

    assert not any("Emoji" in name for name in embedded_font_names(data))
