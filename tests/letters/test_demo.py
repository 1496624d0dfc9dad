import pytest
from django.db.models import Sum

from campaigns.demo import GROUPS_2012, seed_core
from campaigns.ledger import ledger_totals
from letters import demo
from letters.models import AppealLetter, PrintBatch, SolidarityMessage
from letters.recount import recount_appeal_letters, recount_solidarity_messages

pytestmark = pytest.mark.django_db


def letters_ledger(campaign):
    return {
        k: v for k, v in ledger_totals(campaign).items() if k[0] in ("appeal_letter", "solidarity_message")
    }


def letters_recount(campaign):
    return +(recount_appeal_letters(campaign) + recount_solidarity_messages(campaign))


def test_demo_letters_cover_the_36_countries_messages_in_many_languages_and_one_batch():
    core = seed_core()
    demo.seed(core=core, scale=1)

    countries = set(AppealLetter.objects.values_list("country", flat=True))
    assert {code for code, _city in GROUPS_2012} <= countries
    togo = AppealLetter.objects.filter(country="TG", source="offline")
    assert togo.count() == 3 and togo.aggregate(n=Sum("count"))["n"] == 104
    statuses = set(SolidarityMessage.objects.values_list("status", flat=True))
    assert statuses == {"pending", "approved", "rejected"}
    assert {"en", "pl", "ru", "be", "ja", "ko", "es", "fr"} <= set(
        SolidarityMessage.objects.values_list("language", flat=True)
    )
    batch = PrintBatch.objects.get()
    assert batch.message_count == batch.messages.count() == 5
    assert SolidarityMessage.objects.awaiting_print().exists()  # some wait for the next batch
    assert letters_ledger(core["campaign"]) == letters_recount(core["campaign"])
    decided = SolidarityMessage.objects.exclude(decided_at=None)
    assert all(m.created_at < m.decided_at for m in decided)  # read after it was written
    assert all(m.decided_at < batch.created_at for m in batch.messages.all())


def test_demo_is_idempotent_and_scale_adds_rows_in_bulk(django_assert_max_num_queries):
    core = seed_core()
    demo.seed(core=core, scale=1)
    counts = (AppealLetter.objects.count(), SolidarityMessage.objects.count(), PrintBatch.objects.count())
    demo.seed(core=core, scale=1)
    assert (
        AppealLetter.objects.count(),
        SolidarityMessage.objects.count(),
        PrintBatch.objects.count(),
    ) == counts

    with django_assert_max_num_queries(25):  # bulk inserts, not one query per row
        demo.seed(core=core, scale=10)
    demo.seed(core=core, scale=10)

    groups = len(core["groups"])
    assert AppealLetter.objects.count() == counts[0] + 9 * groups
    assert SolidarityMessage.objects.count() == counts[1] + 9 * groups
    assert letters_ledger(core["campaign"]) == letters_recount(core["campaign"])
