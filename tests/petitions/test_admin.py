import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from campaigns.models import Action
from campaigns.permissions import COORDINATOR_GROUP
from petitions import services
from petitions.models import PaperSignatureBatch, Petition, Signature
from tests.factories import LocalGroupFactory, UserFactory, coordinator_of
from tests.petitions.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def asuncion():
    return LocalGroupFactory(name="Asunción group", country="PY", city="Asunción")


def login_coordinator(client, group):
    user = coordinator_of(group)
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    client.force_login(user)
    return user


def confirmed(petition, **fields):
    return SignatureFactory(
        petition=petition, status="confirmed", confirmed_at=dt.datetime(2012, 12, 10, tzinfo=dt.UTC), **fields
    )


def test_petition_change_page_shows_counts_by_country(client, staff, asuncion):
    petition = PetitionFactory()
    confirmed(petition, country="FI")
    confirmed(petition, country="FI")
    confirmed(petition, country="PY")
    PaperSignatureBatch.objects.create(
        petition=petition, group=asuncion, count=212, description="Rally", collected_on=dt.date(2012, 12, 9)
    )

    response = client.get(reverse("admin:petitions_petition_change", args=[petition.pk]))

    assert response.status_code == 200
    rows = [(r["name"], r["online"], r["paper"], r["total"]) for r in response.context["counts_by_country"]]
    assert rows == [("Paraguay", 1, 212, 213), ("Finland", 2, 0, 2)]
    html = response.content.decode()
    assert 'id="counts-by-country"' in html and "Export signatures (CSV)" in html


def test_countries_with_the_same_count_follow_the_readers_alphabet(client, staff):
    from django.utils import translation

    from petitions.exports import counts_by_country

    petition = PetitionFactory()
    for code in ("IT", "LV", "SE", "SK", "CH"):  # Włochy, Łotwa, Szwecja, Słowacja, Szwajcaria
        confirmed(petition, country=code)
    with translation.override("pl"):
        names = [row["name"] for row in counts_by_country(petition)]
    assert names == ["Łotwa", "Słowacja", "Szwajcaria", "Szwecja", "Włochy"]  # Ł after L; ł before z


def test_csv_export_streams_confirmed_signers_without_emails(client, staff):
    petition = PetitionFactory(slug="free-ales")
    confirmed(
        petition,
        first_name="Aino",
        last_name="Virtanen",
        country="FI",
        city="Helsinki",
        email="aino@example.org",
    )
    SignatureFactory(petition=petition, first_name="Pending")
    SignatureFactory(petition=petition, first_name="Invalid", status="invalidated")

    response = client.get(reverse("admin:petitions_export_csv", args=[petition.pk]))

    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="free-ales-signatures.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    from campaigns.models import ExportLog

    log = ExportLog.objects.get()
    assert (log.user, log.what, log.row_count) == (staff, "petition signatures (CSV)", 1)
    assert rows == [
        ["First name", "Last name", "City", "Country code", "Country", "Signed", "Confirmed (UTC)"],
        ["Aino", "Virtanen", "Helsinki", "FI", "Finland", "Online", "2012-12-10 00:00"],
    ]


def test_the_signers_export_speaks_the_readers_language_and_carries_no_formula(client, staff):
    """It had raw English headers and values beside French country names, and a name typed as a formula ran
    as one in the spreadsheet of whoever opened the export."""
    petition = PetitionFactory()
    confirmed(petition, first_name='=HYPERLINK("http://evil.example")', last_name="Dupont", country="CZ")
    client.cookies["django_language"] = "fr"

    response = client.get(reverse("admin:petitions_export_csv", args=[petition.pk]))
    header, row = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))

    assert header[:2] == ["Prénom", "Nom"]
    assert row[0] == '\'=HYPERLINK("http://evil.example")'
    assert row[4:6] == ["République tchèque", "En ligne"]


def test_pdf_export_has_the_text_total_countries_and_signers(client, staff, asuncion):
    petition = PetitionFactory(title="Free Ales Bialiatski", text="Release him now.", signature_count=2)
    confirmed(petition, first_name="Aino", last_name="Virtanen", country="FI")
    confirmed(petition, first_name="Yuki", last_name="Tanaka", country="JP")
    PaperSignatureBatch.objects.create(
        petition=petition, group=asuncion, count=212, description="Rally", collected_on=dt.date(2012, 12, 9)
    )
    Petition.objects.filter(pk=petition.pk).update(paper_signature_count=212)

    response = client.get(reverse("admin:petitions_export_pdf", args=[petition.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in [
        "Free Ales Bialiatski",
        "Release him now.",
        "Signatures: 214",
        "Paraguay",
        "Finland",
        "Japan",
        "Aino Virtanen",
        "Yuki Tanaka",
    ]:
        assert expected in text


def test_a_coordinator_may_not_export_signers(client, asuncion):
    login_coordinator(client, asuncion)
    petition = PetitionFactory()
    refused = client.get(reverse("admin:petitions_export_csv", args=[petition.pk]))
    assert refused.status_code == 403
    assert client.get(reverse("admin:petitions_export_pdf", args=[petition.pk])).status_code == 403
    # The refusal is a page that says why, and the petition's page says who can export instead.
    assert "Not open to your account" in refused.content.decode()
    assert 'href="/admin/">Back to the back office' in refused.content.decode()  # not the public home page
    page = client.get(reverse("admin:petitions_petition_change", args=[petition.pk])).content.decode()
    assert "leave the system only through section staff" in page and "export.csv" not in page


def test_signature_changelist_filters_by_ip_hash_domain_and_window(client, staff):
    petition = PetitionFactory()
    for n in range(3):
        SignatureFactory(petition=petition, ip_hash="a" * 32, email=f"x{n}@spam.example")
    SignatureFactory(
        petition=petition,
        ip_hash="b" * 32,
        email="ok@example.org",
        created_at=dt.datetime(2012, 12, 10, tzinfo=dt.UTC),
    )
    url = reverse("admin:petitions_signature_changelist")

    by_ip = client.get(url, {"ip_hash": "a" * 32})
    by_domain = client.get(url, {"email_domain": "example.org"})
    recent = client.get(url, {"within": "24h"})

    assert by_ip.context["cl"].result_count == 3
    assert by_domain.context["cl"].result_count == 1
    assert recent.context["cl"].result_count == 3
    assert "spam.example (3)" in client.get(url).content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_signature_changelist_query_count_does_not_grow(client, staff, django_assert_max_num_queries, rows):
    petition = PetitionFactory()
    SignatureFactory.create_batch(rows, petition=petition)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("admin:petitions_signature_changelist"))
    assert response.status_code == 200


def test_invalidate_action_asks_for_a_reason_then_calls_the_service(client, staff):
    petition = PetitionFactory(signature_count=2)
    first, second = confirmed(petition), confirmed(petition)
    url = reverse("admin:petitions_signature_changelist")
    selection = {"action": "invalidate_selected", "index": "0", "_selected_action": [first.pk, second.pk]}

    page = client.post(url, selection)
    assert page.status_code == 200
    assert "You are about to invalidate 2 signatures" in page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert Signature.objects.filter(status="invalidated").count() == 0

    no_reason = client.post(url, {**selection, "apply": "1", "reason": ""})
    assert "This field is required." in no_reason.content.decode()
    assert Signature.objects.filter(status="invalidated").count() == 0

    done = client.post(
        url, {**selection, "apply": "1", "reason": "400 signatures from one address"}, follow=True
    )
    assert "2 signatures invalidated." in done.content.decode()
    petition.refresh_from_db()
    assert petition.signature_count == 0
    assert set(Signature.objects.values_list("invalidation_reason", flat=True)) == {
        "400 signatures from one address"
    }


def test_signatures_are_not_added_or_deleted_in_the_admin(client, staff):
    signature = SignatureFactory()
    assert client.get(reverse("admin:petitions_signature_add")).status_code == 403
    assert client.get(reverse("admin:petitions_signature_delete", args=[signature.pk])).status_code == 403


def test_a_coordinator_sees_only_their_groups_paper_signatures(client, asuncion):
    petition = PetitionFactory()
    mine = SignatureFactory(
        petition=petition, source="paper", group=asuncion, status="confirmed", email="", email_normalised=""
    )
    SignatureFactory(petition=petition, first_name="Online")
    login_coordinator(client, asuncion)
    response = client.get(reverse("admin:petitions_signature_changelist"))
    assert list(response.context["cl"].result_list) == [mine]


def paper_post(group, rows, **extra):
    data = {
        "group": group.pk,
        "collected_on": "2012-12-09",
        "signers-TOTAL_FORMS": str(len(rows)),
        "signers-INITIAL_FORMS": "0",
        "signers-MIN_NUM_FORMS": "0",
        "signers-MAX_NUM_FORMS": "500",
        **extra,
    }
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"signers-{n}-{key}"] = value
    return data


def test_paper_entry_formset_adds_named_signatures(client, asuncion):
    login_coordinator(client, asuncion)
    petition = PetitionFactory()
    rows = [
        {"first_name": "María", "last_name": "Benítez", "country": "", "city": "Asunción", "email": ""},
        {"first_name": "José", "last_name": "Ortiz", "country": "AR", "city": "", "email": ""},
        {"first_name": "", "last_name": "", "country": "", "city": "", "email": ""},
    ]
    response = client.post(
        reverse("admin:petitions_paper_entry", args=[petition.pk]), paper_post(asuncion, rows), follow=True
    )

    assert "2 paper signatures added." in response.content.decode()
    stored = list(
        Signature.objects.order_by("pk").values_list("first_name", "country", "source", "status", "group")
    )
    assert stored == [
        ("María", "PY", "paper", "confirmed", asuncion.pk),
        ("José", "AR", "paper", "confirmed", asuncion.pk),
    ]
    petition.refresh_from_db()
    assert petition.paper_signature_count == 2
    assert Action.objects.filter(kind="paper_signature").count() == 2


def test_paper_entry_refuses_a_day_still_to_come_next_to_the_day_and_keeps_the_names(client, asuncion):
    import re

    login_coordinator(client, asuncion)
    petition = PetitionFactory()
    url = reverse("admin:petitions_paper_entry", args=[petition.pk])
    rows = [{"first_name": "María", "last_name": "Benítez", "country": "", "city": "", "email": ""}]

    blank = client.get(url).content.decode()
    response = client.post(url, paper_post(asuncion, rows, collected_on="2999-01-01"))

    assert f'value="{timezone.localdate().isoformat()}"' in blank  # the day starts at today
    html = response.content.decode()
    assert "Please correct the errors below." in html
    day_row = re.search(
        r'<div class="form-row errors"><label for="id_collected_on"[^>]*>.*?</div>', html, re.S
    )
    assert day_row and "That day is still to come." in day_row.group(0)
    assert 'value="María"' in html
    assert not Signature.objects.exists()


def test_paper_entry_by_csv_upload(client, staff, asuncion):
    petition = PetitionFactory()
    upload = SimpleUploadedFile(
        "sheet.csv",
        "first_name,last_name,country,city,email\nAna,Gómez,PY,Luque,\nLuis,Rojas,,,luis@example.org\n".encode(),
    )
    response = client.post(
        reverse("admin:petitions_paper_entry", args=[petition.pk]),
        paper_post(asuncion, [], csv_file=upload),
        follow=True,
    )
    assert "2 paper signatures added." in response.content.decode()
    assert list(
        Signature.objects.order_by("pk").values_list("first_name", "country", "email_normalised")
    ) == [
        ("Ana", "PY", ""),
        ("Luis", "PY", "luis@example.org"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name\nAna\n", "needs at least the columns first_name and last_name"),
        ("first_name,last_name\nAna,<b>x</b>\n", "Row 2:"),  # the spreadsheet's row, under the header
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_a_bad_csv_gets_a_message_and_stores_nothing(client, staff, asuncion, content, message):
    petition = PetitionFactory()
    raw = content if isinstance(content, bytes) else content.encode()
    response = client.post(
        reverse("admin:petitions_paper_entry", args=[petition.pk]),
        paper_post(asuncion, [], csv_file=SimpleUploadedFile("s.csv", raw)),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Signature.objects.exists()


def test_every_bad_row_of_a_csv_is_named_by_its_spreadsheet_row_at_once(client, staff, asuncion):
    petition = PetitionFactory()
    content = "first_name,last_name\nAna,Benítez\n\n=HYPERLINK(1),Ruiz\nLuis,<b>x</b>\n"
    response = client.post(
        reverse("admin:petitions_paper_entry", args=[petition.pk]),
        paper_post(asuncion, [], csv_file=SimpleUploadedFile("s.csv", content.encode())),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 4:" in page and "Row 5:" in page
    assert "Row 2:" not in page and "Row 3:" not in page
    assert not Signature.objects.exists()


def test_a_coordinator_cannot_enter_paper_for_another_group(client, asuncion):
    login_coordinator(client, asuncion)
    other = LocalGroupFactory(country="FI")
    petition = PetitionFactory()
    rows = [{"first_name": "Aino", "last_name": "V", "country": "", "city": "", "email": ""}]
    response = client.post(
        reverse("admin:petitions_paper_entry", args=[petition.pk]), paper_post(other, rows)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Signature.objects.exists()


def test_counted_batch_is_entered_through_the_service(client, asuncion):
    user = login_coordinator(client, asuncion)
    petition = PetitionFactory()
    response = client.post(
        reverse("admin:petitions_papersignaturebatch_add"),
        {
            "petition": petition.pk,
            "group": asuncion.pk,
            "count": "212",
            "description": "Asunción bike rally",
            "collected_on": "2012-12-09",
        },
    )
    assert response.status_code == 302
    batch = PaperSignatureBatch.objects.get()
    assert (batch.count, batch.entered_by) == (212, user)
    petition.refresh_from_db()
    assert petition.paper_signature_count == 212
    assert Action.objects.get().count == 212


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"count": "0"}, "Enter a number from 1 to 100,000. Enter a larger collection as several batches."),
        ({"count": "-25"}, "Enter a number from 1 to 100,000. Enter a larger collection as several batches."),
        ({"count": "99999999999"}, "Enter a number from 1 to 100,000."),  # would go straight into the results
        ({"count": "abc"}, "Enter a whole number."),
        ({"status": Petition.Status.DRAFT}, "not been published"),
        ({"collected_on": "2999-01-01"}, "That day is still to come."),
        ({"collected_on": "1999-01-01"}, "The campaign began on 7 December 2012; enter a day from then on."),
    ],
)
def test_a_bad_batch_is_refused_on_the_form(client, staff, asuncion, fields, message):
    from tests.factories import CampaignFactory

    campaign = CampaignFactory(starts_on=dt.date(2012, 12, 7))
    petition = PetitionFactory(status=fields.get("status", Petition.Status.OPEN), campaign=campaign)
    data = {
        "petition": petition.pk,
        "group": asuncion.pk,
        "count": fields.get("count", "5"),
        "description": "Rally",
        "collected_on": fields.get("collected_on", "2012-12-09"),
    }
    response = client.post(reverse("admin:petitions_papersignaturebatch_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PaperSignatureBatch.objects.exists()


def test_a_batch_may_name_the_event_it_came_from_but_only_of_its_group(client, staff, asuncion):
    from events.models import Event
    from tests.factories import CampaignFactory

    petition = PetitionFactory()
    rally = Event.objects.create(
        title="Bike rally for Ales",
        kind=Event.Kind.BIKE_RALLY,
        campaign=CampaignFactory(),
        group=asuncion,
        host=staff,
        starts_at=dt.datetime(2012, 12, 9, 14, tzinfo=dt.UTC),
        ends_at=dt.datetime(2012, 12, 9, 18, tzinfo=dt.UTC),
        city="Asunción",
        status=Event.Status.PUBLISHED,
    )
    refused = Event.objects.create(
        **{
            f: getattr(rally, f)
            for f in ("kind", "campaign", "group", "host", "starts_at", "ends_at", "city")
        },
        title="Refused rally",
        slug="refused-rally",
        status=Event.Status.REJECTED,
    )
    data = {
        "petition": petition.pk,
        "count": "212",
        "description": "Rally sheets",
        "collected_on": "2012-12-09",
        "event": rally.pk,
    }
    add = reverse("admin:petitions_papersignaturebatch_add")

    wrong = client.post(add, {**data, "group": LocalGroupFactory().pk})
    not_held = client.post(add, {**data, "group": asuncion.pk, "event": refused.pk})
    right = client.post(add, {**data, "group": asuncion.pk})

    assert "This event was hosted by another group." in wrong.content.decode()
    assert not_held.status_code == 200 and "Select a valid choice" in not_held.content.decode()  # not offered
    assert right.status_code == 302
    assert PaperSignatureBatch.objects.get().event == rally


def test_a_batch_names_an_event_that_took_place_and_the_day_it_did(client, staff, asuncion):
    from django.utils import timezone

    from tests.events.factories import EventFactory

    petition = PetitionFactory()
    rally = EventFactory(
        group=asuncion,
        timezone="America/Asuncion",
        starts_at=dt.datetime(2012, 12, 9, 14, tzinfo=dt.UTC),
        ends_at=dt.datetime(2012, 12, 9, 18, tzinfo=dt.UTC),
    )
    coming = EventFactory(group=asuncion, starts_at=timezone.now() + dt.timedelta(days=20))
    data = {"petition": petition.pk, "group": asuncion.pk, "count": "10", "description": "Rally sheets"}
    add = reverse("admin:petitions_papersignaturebatch_add")

    future = client.post(add, data | {"event": coming.pk, "collected_on": "2012-12-10"})
    other_day = client.post(add, data | {"event": rally.pk, "collected_on": "2012-12-10"})

    assert "This event has not taken place yet." in future.content.decode()
    assert "so the day is the event&#x27;s: 9 December 2012." in other_day.content.decode()
    assert not PaperSignatureBatch.objects.exists()
    assert client.post(add, data | {"event": rally.pk, "collected_on": "2012-12-09"}).status_code == 302


def test_a_batch_entered_by_mistake_is_withdrawn_with_a_reason_and_stops_counting(client, asuncion):
    user = login_coordinator(client, asuncion)
    petition = PetitionFactory()
    batch = services.add_paper_batch(
        petition=petition, group=asuncion, count=250, description="Rally", collected_on=dt.date(2012, 12, 9)
    )
    other_group = services.add_paper_batch(
        petition=petition,
        group=LocalGroupFactory(),
        count=7,
        description="Not ours",
        collected_on=dt.date(2012, 12, 9),
    )
    changelist = reverse("admin:petitions_papersignaturebatch_changelist")
    chosen = {"action": "withdraw_selected", "_selected_action": [batch.pk, other_group.pk]}

    asked = client.post(changelist, chosen)
    assert asked.status_code == 200
    assert "You are about to withdraw 1 batch of 250 signatures." in asked.content.decode()
    assert "Not ours" not in asked.content.decode()  # another group's batch is out of the coordinator's list

    empty = client.post(changelist, {**chosen, "apply": "1", "reason": "  "})
    assert empty.status_code == 200 and not PaperSignatureBatch.objects.withdrawn().exists()

    done = client.post(changelist, {**chosen, "apply": "1", "reason": "typed 250 for 25"})
    assert done.status_code == 302
    batch.refresh_from_db()
    other_group.refresh_from_db()
    assert (batch.withdrawn_by, batch.withdrawal_reason) == (user, "typed 250 for 25")
    assert other_group.withdrawn_at is None
    petition.refresh_from_db()
    assert petition.paper_signature_count == 7
    listing = client.get(changelist).content.decode()
    assert "<del>250</del>" in listing
    page = client.get(reverse("admin:petitions_papersignaturebatch_change", args=[batch.pk])).content.decode()
    assert "typed 250 for 25" in page and 'name="_continue"' not in page


def test_the_paper_batch_list_filters_by_the_countries_it_has(client, asuncion):
    from tests.petitions.factories import PaperSignatureBatchFactory

    PaperSignatureBatchFactory(group=asuncion)
    login_coordinator(client, asuncion)

    html = client.get(reverse("admin:petitions_papersignaturebatch_changelist")).content.decode()
    filters = html.split('id="changelist-filter"', 1)[1]

    assert "?group__country=PY" in filters and ">Paraguay<" in filters
    assert "?group__country=AF" not in filters  # not all 250 countries
