"""A letter writer who gave an email address was told it is "only to thank you and tell you about news of this
case": the case's updates reach them, in the language of the page they wrote from."""

import pytest
from django.core import mail
from django.utils import translation

from campaigns.audience import case_audience, opt_out
from campaigns.personal_data import erase_personal_data
from campaigns.services import deliver_case_update
from letters import services
from tests.factories import CaseFactory, CaseUpdateFactory

pytestmark = pytest.mark.django_db


def test_letter_writers_who_gave_an_email_hear_the_case_s_news_in_their_language(case):
    with translation.override("fr"):
        services.log_appeal_letter(case=case, country="FR", email="Claire@example.net")
    services.log_appeal_letter(case=case, country="PL")  # no address: nobody to tell
    services.log_letters_written(case=case, count=3, country="PL")
    services.log_appeal_letter(case=CaseFactory(), country="FI", email="other-case@example.net")

    assert case_audience(case) == [("claire@example.net", "fr")]


def test_an_update_reaches_a_letter_writer_once_even_when_they_wrote_twice(
    case, django_capture_on_commit_callbacks
):
    with translation.override("fr"):
        services.log_appeal_letter(case=case, country="FR", email="claire@example.net")
        services.log_appeal_letter(case=case, country="FR", email="claire@example.net")
    update = CaseUpdateFactory(case=case, title_fr="Ales a reçu vos lettres")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert deliver_case_update(update_id=update.pk) == 1

    assert [m.to for m in mail.outbox] == [["claire@example.net"]]
    assert "Ales a reçu vos lettres" in mail.outbox[0].subject + mail.outbox[0].body


def test_a_letter_writer_who_opted_out_or_was_erased_hears_nothing(case):
    services.log_appeal_letter(case=case, country="FR", email="claire@example.net")
    services.log_appeal_letter(case=case, country="PL", email="kasia@example.net")

    opt_out("claire@example.net")
    erase_personal_data("kasia@example.net")

    assert case_audience(case) == []
