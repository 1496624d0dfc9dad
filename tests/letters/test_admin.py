import threading

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Action
from letters import services
from letters.models import PrintBatch, SolidarityMessage
from tests.factories import UserFactory

from .factories import SolidarityMessageFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:letters_solidaritymessage_changelist"


def act(client, action, messages, query="", **extra):
    return client.post(
        reverse(CHANGELIST) + query,
        {"action": action, "_selected_action": [m.pk for m in messages], **extra},
    )


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("staff_with_permission", True),
        ("plain_staff", False),
        ("volunteer", False),
    ],
)
def test_only_coordinators_and_staff_moderate(client, coordinator, kind, allowed):
    users = {
        "coordinator": lambda: coordinator,
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
        "plain_staff": lambda: UserFactory(is_staff=True),
        "volunteer": lambda: UserFactory(),
    }
    if kind == "staff_with_permission":
        user = UserFactory(is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="moderate_solidaritymessage"))
    else:
        user = users[kind]()
    message = SolidarityMessageFactory()
    client.force_login(user)

    changelist = client.get(reverse(CHANGELIST))
    act(client, "approve_selected", [message])

    message.refresh_from_db()
    if allowed:
        assert changelist.status_code == 200
        assert message.status == "approved" and message.decided_by == user
    else:
        assert changelist.status_code in (302, 403)
        assert message.status == "pending"
    pdf = client.get(reverse("admin:letters_printbatch_add"))
    assert (pdf.status_code == 200) is allowed


def test_queue_opens_on_pending_messages_with_guidelines_beside_it(client, coordinator):
    pending = SolidarityMessageFactory(body="Waiting for a moderator")
    approved = SolidarityMessageFactory(body="Already approved")
    services.approve_messages(messages=[approved], moderator=coordinator)
    client.force_login(coordinator)

    html = client.get(reverse(CHANGELIST)).content.decode()

    assert "Waiting for a moderator" in html and "Already approved" not in html
    assert "Moderation guidelines" in html
    assert "1 message waiting." in html
    assert pending.first_name in html


def test_queue_query_count_is_the_same_for_one_and_many_messages(client, coordinator):
    def queries_for_queue():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(CHANGELIST)).status_code == 200
        return len(captured)

    client.force_login(coordinator)
    SolidarityMessageFactory()
    queries_for_queue()  # warm the session and permission caches
    one = queries_for_queue()
    SolidarityMessageFactory.create_batch(25)
    assert queries_for_queue() == one


def test_reject_asks_for_a_reason_on_an_intermediate_page_then_records_it(client, coordinator):
    messages = SolidarityMessageFactory.create_batch(2)
    client.force_login(coordinator)

    page = act(client, "reject_selected", messages)
    assert page.status_code == 200
    assert "Reject these messages" in page.content.decode()
    assert "Writers who left an email address are sent it" in page.content.decode()
    assert SolidarityMessage.objects.filter(status="pending").count() == 2

    no_reason = act(client, "reject_selected", messages, apply="1", reason="")
    assert "This field is required." in no_reason.content.decode()

    done = act(client, "reject_selected", messages, apply="1", reason="Talks about the trial")
    assert done.status_code == 302
    for message in messages:
        message.refresh_from_db()
        assert (message.status, message.rejection_reason, message.decided_by) == (
            "rejected",
            "Talks about the trial",
            coordinator,
        )
        assert message.decided_at is not None


def test_rejecting_one_message_speaks_of_one_and_its_page_names_its_language(client, coordinator):
    message = SolidarityMessageFactory(language="es")
    client.force_login(coordinator)

    page = act(client, "reject_selected", [message]).content.decode()
    assert "Reject a message" in page and "Reject this message" in page
    assert "Reject these messages" not in page

    detail = client.get(reverse("admin:letters_solidaritymessage_change", args=[message.pk])).content.decode()
    assert "Spanish" in detail


def test_print_batch_add_view_claims_waiting_messages_and_serves_the_pdf(client, coordinator, case):
    messages = SolidarityMessageFactory.create_batch(3, case=case)
    services.approve_messages(messages=messages, moderator=coordinator)
    client.force_login(coordinator)

    response = client.post(reverse("admin:letters_printbatch_add"), {"case": case.pk, "layout": "sheet"})

    batch = PrintBatch.objects.get()
    assert response.status_code == 302
    assert (batch.message_count, batch.created_by, batch.layout) == (3, coordinator, "sheet")
    pdf = client.get(reverse("admin:letters_printbatch_pdf", args=[batch.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    page = client.get(reverse("admin:letters_printbatch_change", args=[batch.pk])).content.decode()
    assert (
        str(coordinator) in page
    )  # who approved each message: a name, not a link to a page they cannot open
    assert reverse("admin:campaigns_user_change", args=[coordinator.pk]) not in page
    again = client.post(reverse("admin:letters_printbatch_add"), {"case": case.pk, "layout": "sheet"})
    assert again.status_code == 200  # the case has nothing waiting any more: it is no longer a choice
    assert PrintBatch.objects.count() == 1


def test_print_batch_pdf_is_refused_to_non_moderators(client, coordinator, case):
    message = SolidarityMessageFactory(case=case)
    services.approve_messages(messages=[message], moderator=coordinator)
    batch = services.create_print_batch(case=case, user=coordinator)
    client.force_login(UserFactory(is_staff=True))

    assert client.get(reverse("admin:letters_printbatch_pdf", args=[batch.pk])).status_code == 403


def test_a_message_its_author_erased_leaves_the_list_of_messages_to_print(client, coordinator, case):
    """It has no words left, so no batch takes it: it waited in "not yet printed" for good, one more than the
    guidelines' count of messages to print."""
    from django.utils import timezone

    kept, erased = SolidarityMessageFactory(case=case), SolidarityMessageFactory(case=case)
    services.approve_messages(messages=[kept, erased], moderator=coordinator)
    SolidarityMessage.objects.filter(pk=erased.pk).update(
        first_name="", body="", anonymised_at=timezone.now()
    )
    client.force_login(coordinator)

    listed = (
        client.get(reverse(CHANGELIST), {"status": "approved", "printed": "no"}).context["cl"].result_list
    )

    assert list(listed) == [kept]
    assert list(listed) == list(SolidarityMessage.objects.awaiting_print())


def test_print_selected_action_batches_only_approved_messages(client, coordinator, case):
    approved = SolidarityMessageFactory(case=case)
    pending = SolidarityMessageFactory(case=case)
    services.approve_messages(messages=[approved], moderator=coordinator)
    client.force_login(coordinator)

    response = act(client, "print_selected", [approved, pending], query="?status=all")

    batch = PrintBatch.objects.get()
    assert response.status_code == 302
    assert list(batch.messages.all()) == [approved]


def test_printing_only_pending_messages_says_to_approve_them_first(client, coordinator, case):
    other = SolidarityMessageFactory(case=case)
    services.approve_messages(messages=[other], moderator=coordinator)  # the case has one waiting, not chosen
    pending = SolidarityMessageFactory(case=case)
    client.force_login(coordinator)

    act(client, "print_selected", [pending], query="?status=all")

    assert [str(m) for m in client.get(reverse(CHANGELIST)).context["messages"]] == [
        "None of the selected messages can be printed: a batch takes approved messages not printed yet. "
        "Approve them first, or choose others."
    ]
    assert not PrintBatch.objects.exists()


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_printing_at_once_never_share_a_message(coordinator, case):
    other = UserFactory(is_staff=True, is_superuser=True)
    messages = SolidarityMessageFactory.create_batch(20, case=case)
    services.approve_messages(messages=messages, moderator=coordinator)
    barrier, results = threading.Barrier(2), []

    def print_batch(user):
        try:
            barrier.wait()
            results.append(services.create_print_batch(case=case, user=user).message_count)
        except services.NothingToPrint:
            results.append(0)
        finally:
            connection.close()

    threads = [threading.Thread(target=print_batch, args=(user,)) for user in (coordinator, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results)[1] >= 1 and sum(results) == 20
    assert SolidarityMessage.objects.filter(print_batch__isnull=True).count() == 0
    assert Action.objects.filter(kind="solidarity_message").count() == 0  # no campaign on factory messages


@pytest.mark.parametrize(
    "changelist", ["admin:letters_appealletter_changelist", "admin:letters_printbatch_changelist"]
)
def test_letters_and_batches_changelists_have_constant_query_counts(client, coordinator, case, changelist):
    def make_rows(n):
        for _ in range(n):
            services.log_appeal_letter(case=case, country="PL")
            message = SolidarityMessageFactory(case=case)
            services.approve_messages(messages=[message], moderator=coordinator)
            services.create_print_batch(case=case, user=coordinator)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(changelist)).status_code == 200
        return len(captured)

    client.force_login(coordinator)
    make_rows(1)
    queries()
    one = queries()
    make_rows(10)
    assert queries() == one


def test_a_coordinator_moderates_only_messages_from_their_groups_countries(client):
    from django.contrib.auth.models import Group

    from campaigns.permissions import COORDINATOR_GROUP
    from tests.factories import LocalGroupFactory, coordinator_of

    coordinator = coordinator_of(LocalGroupFactory(country="FI", city="Helsinki"))
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    finnish = SolidarityMessageFactory(country="FI", body="Terveisiä Helsingistä")
    polish = SolidarityMessageFactory(country="PL", body="Pozdrowienia z Poznania")
    client.force_login(coordinator)

    queue = client.get(reverse(CHANGELIST)).content.decode()
    guessed = client.get(reverse("admin:letters_solidaritymessage_change", args=[polish.pk]))
    act(client, "approve_selected", [finnish, polish])

    assert "Terveisiä Helsingistä" in queue and "Pozdrowienia z Poznania" not in queue
    assert guessed.status_code == 404
    finnish.refresh_from_db()
    polish.refresh_from_db()
    assert (finnish.status, polish.status) == ("approved", "pending")


def test_the_country_filter_names_the_coordinators_countries_only(client):
    from django.contrib.auth.models import Group

    from campaigns.permissions import COORDINATOR_GROUP
    from tests.factories import LocalGroupFactory, coordinator_of

    coordinator = coordinator_of(LocalGroupFactory(country="FI", city="Helsinki"))
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    SolidarityMessageFactory(country="FI")
    SolidarityMessageFactory(country="PL")
    client.force_login(coordinator)

    queue = client.get(reverse(CHANGELIST)).content.decode()
    finnish_only = client.get(reverse(CHANGELIST), {"country": "FI"}).context["cl"].result_count

    assert "?country=FI" in queue and ">Finland<" in queue
    assert "?country=PL" not in queue and ">FI<" not in queue
    assert finnish_only == 1


def test_a_coordinators_print_batch_takes_only_their_countries_messages(client):
    from django.contrib.auth.models import Group

    from campaigns.permissions import COORDINATOR_GROUP
    from tests.factories import CaseFactory, LocalGroupFactory, coordinator_of

    case = CaseFactory()
    coordinator = coordinator_of(LocalGroupFactory(country="FI"))
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    finnish = SolidarityMessageFactory(case=case, country="FI")
    polish = SolidarityMessageFactory(case=case, country="PL")
    staff = UserFactory(is_staff=True, is_superuser=True)
    services.approve_messages(messages=[finnish, polish], moderator=staff)
    client.force_login(coordinator)

    client.post(reverse("admin:letters_printbatch_add"), {"case": case.pk, "layout": "cards"})

    batch = PrintBatch.objects.get()
    assert list(batch.messages.all()) == [finnish]
    polish.refresh_from_db()
    assert polish.print_batch is None


def test_moderation_decisions_are_kept_in_the_message_history(client, coordinator):
    message = SolidarityMessageFactory(body="You are not alone")
    client.force_login(coordinator)

    act(client, "approve_selected", [message])

    statuses = list(message.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-1] == "approved"
    page = client.get(reverse("admin:letters_solidaritymessage_history", args=[message.pk]))
    assert page.status_code == 200


def test_a_coordinator_sees_only_the_appeal_letters_from_their_groups_countries(client):
    from django.contrib.auth.models import Group

    from campaigns.permissions import COORDINATOR_GROUP
    from tests.factories import LocalGroupFactory, coordinator_of

    from .factories import AppealLetterFactory

    coordinator = coordinator_of(LocalGroupFactory(country="FI", city="Helsinki"))
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    AppealLetterFactory(country="FI", name="Aino Virtanen")
    japanese = AppealLetterFactory(country="JP", name="Yuki Tanaka")
    client.force_login(coordinator)

    log = client.get(reverse("admin:letters_appealletter_changelist")).content.decode()
    guessed = client.get(reverse("admin:letters_appealletter_change", args=[japanese.pk]))

    assert "Aino Virtanen" in log and "Yuki Tanaka" not in log
    assert guessed.status_code == 404


def test_the_print_batch_form_counts_only_the_messages_the_coordinators_batch_would_take(client):
    from django.contrib.auth.models import Group

    from campaigns.permissions import COORDINATOR_GROUP
    from tests.factories import CaseFactory, LocalGroupFactory, coordinator_of

    case = CaseFactory(name="Ales Bialiatski")
    coordinator = coordinator_of(LocalGroupFactory(country="FI"))
    coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    staff = UserFactory(is_staff=True, is_superuser=True)
    approved = [SolidarityMessageFactory(case=case, country=code) for code in ("FI", "PL", "PL")]
    services.approve_messages(messages=approved, moderator=staff)

    client.force_login(coordinator)
    mine = client.get(reverse("admin:letters_printbatch_add")).content.decode()
    client.force_login(staff)
    everyone = client.get(reverse("admin:letters_printbatch_add")).content.decode()

    assert "Ales Bialiatski (1)" in mine and "from your groups' countries" in mine
    assert "Ales Bialiatski (3)" in everyone


def test_a_waiting_messages_own_page_approves_or_asks_for_the_reason_to_reject(client, coordinator):
    """On a phone, going back to the queue to use the action menu was the only way."""
    import re

    waiting, other = SolidarityMessageFactory(), SolidarityMessageFactory()
    client.force_login(coordinator)
    page = client.get(reverse("admin:letters_solidaritymessage_change", args=[waiting.pk])).content.decode()
    forms = re.findall(
        r'<form method="post" action="([^"]+)">.*?name="action" value="(\w+)".*?</form>', page, re.S
    )
    assert [action for _, action in forms] == ["approve_selected", "reject_selected"]
    assert f'name="_selected_action" value="{waiting.pk}"' in page

    reject = client.post(
        forms[1][0],
        {"action": "reject_selected", "_selected_action": waiting.pk, "index": 0, "select_across": 0},
    )
    assert "reason" in reject.content.decode().lower()  # the reason step, nothing rejected yet
    client.post(
        forms[0][0],
        {"action": "approve_selected", "_selected_action": waiting.pk, "index": 0, "select_across": 0},
    )
    waiting.refresh_from_db()
    other.refresh_from_db()
    assert (waiting.status, other.status) == ("approved", "pending")
    decided = client.get(
        reverse("admin:letters_solidaritymessage_change", args=[waiting.pk])
    ).content.decode()
    assert 'value="approve_selected"' not in decided  # nothing to review any more


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_a_writers_email_is_shown_to_section_staff_and_not_to_coordinators(client, coordinator, who):
    """The message and letter forms say of the email "We never show it": moderating does not need it."""
    from .factories import AppealLetterFactory

    message = SolidarityMessageFactory(body="You are not alone", email="writer@example.org")
    letter = AppealLetterFactory(name="Aino Virtanen", email="aino@example.org")
    client.force_login(coordinator if who == "coordinator" else UserFactory(is_staff=True, is_superuser=True))
    staff = who == "superuser"

    message_page = client.get(reverse("admin:letters_solidaritymessage_change", args=[message.pk])).content
    letter_page = client.get(reverse("admin:letters_appealletter_change", args=[letter.pk])).content.decode()
    history = message.history.latest()
    history_page = client.get(
        reverse("admin:letters_solidaritymessage_simple_history", args=[message.pk, history.history_id])
    ).content
    letters_found = client.get(reverse("admin:letters_appealletter_changelist"), {"q": "aino@example.org"})

    assert b"You are not alone" in message_page and "Aino Virtanen" in letter_page
    assert (b"writer@example.org" in message_page) == staff
    assert (b"writer@example.org" in history_page) == staff
    assert ("aino@example.org" in letter_page) == staff
    assert ("Aino Virtanen" in letters_found.content.decode()) == staff  # no searching by it either
    # Nor filtering by it in the address, where "?email__startswith=w" read it a letter at a time.
    for url, lookup in (
        (reverse("admin:letters_solidaritymessage_changelist"), {"status": "all", "email__startswith": "w"}),
        (reverse("admin:letters_appealletter_changelist"), {"email": "aino@example.org"}),
    ):
        assert client.get(url, lookup).status_code == (200 if staff else 400)
