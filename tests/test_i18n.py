"""Languages: URL negotiation, the language links, translated pages, emails and content, catalogue completeness."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from petitions.models import Signature
from tests.events.factories import EventFactory
from tests.events.test_views import signup_data
from tests.factories import CaseFactory
from tests.petitions.factories import PetitionFactory

LOCALE = Path(settings.BASE_DIR) / "locale"

# Every language the site offers has a complete catalogue: no untranslated and no fuzzy entry.
TRANSLATED_LANGUAGES = ["be", "es", "fr", "pl", "ru"]


@pytest.fixture(scope="module", autouse=True)
def _compiled_catalogues():
    """The .mo files are built, not committed: compile them if `make` has not (a bare `pytest` run)."""
    call_command("compilemessages", "--ignore=.venv", verbosity=0)
    translation.trans_real._translations = {}
    translation.trans_real._default = None


def catalogue(code: str, domain: str = "django") -> polib.POFile:
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / f"{domain}.po"))


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(code):
    po = catalogue(code)
    entries = [e for e in po if not e.obsolete and e.msgid]
    missing = [e.msgid for e in entries if not e.translated()]

    assert len(entries) > 1000
    assert missing == []


def test_every_supported_language_has_a_catalogue():
    codes = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}

    assert codes == set(TRANSLATED_LANGUAGES)


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_translations_keep_every_placeholder(code):
    """A lost or renamed %(name)s or {{ var }} would crash or garble the page: msgfmt --check-format plus this."""
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|%[sd]")
    for entry in catalogue(code).translated_entries():
        expected = sorted(pattern.findall(entry.msgid))
        if entry.msgid_plural:
            for form in entry.msgstr_plural.values():
                assert set(pattern.findall(form)) <= set(pattern.findall(entry.msgid_plural)) | set(
                    expected
                ), entry.msgid
        else:
            # A name said twice in English may be said once in a translation; none may go missing or appear.
            assert set(pattern.findall(entry.msgstr)) == set(expected), entry.msgid


@pytest.mark.django_db
def test_a_page_under_pl_is_polish(client):
    response = client.get("/pl/")

    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pl"' in body
    assert "Przejdź do treści" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/cases/", "/events/", "/petitions/", "/groups/", "/privacy/", "/results/"]
)
def test_unprefixed_english_urls_still_serve_english(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_accept_language_sends_a_first_visit_to_the_prefixed_page(client):
    response = client.get("/cases/", HTTP_ACCEPT_LANGUAGE="pl,en;q=0.8")

    assert response.status_code == 302
    assert response["Location"] == "/pl/cases/"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_an_english_browser_stays_on_the_unprefixed_page(client):
    response = client.get("/cases/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_language_is_remembered_and_english_can_be_chosen_back(client):
    polish = client.get("/pl/cases/")
    assert polish.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"

    assert client.get("/cases/")["Location"] == "/pl/cases/"

    english = client.get("/cases/?lang=en", HTTP_ACCEPT_LANGUAGE="pl")
    assert english.status_code == 200
    assert english.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/cases/", HTTP_ACCEPT_LANGUAGE="pl").status_code == 200


@pytest.mark.django_db
def test_an_english_prefix_leads_to_the_english_page_instead_of_not_found(client):
    """English has no prefix; /en/… is what people type, or build from a /pl/… link."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"

    events = client.get("/en/events/?country=PL")
    followed = client.get(events["Location"])

    assert events.status_code == 301
    assert events["Location"] == "/events/?country=PL&lang=en"
    assert followed.status_code == 200  # English chosen, so the Polish cookie does not send it on to /pl/
    assert client.get("/en/")["Location"] == "/?lang=en"
    assert client.get("/en/no-such-page/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/api/v1/campaigns/"])
def test_machine_endpoints_never_redirect(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")

    assert response.status_code != 302


@pytest.mark.django_db
def test_counter_json_and_embed_answer_unprefixed_for_a_polish_browser(client):
    petition = PetitionFactory()

    counter = client.get(
        reverse("petitions:count-json", kwargs={"slug": petition.slug}), HTTP_ACCEPT_LANGUAGE="pl"
    )
    embed = client.get(reverse("petitions:embed", kwargs={"slug": petition.slug}), HTTP_ACCEPT_LANGUAGE="pl")

    assert (counter.status_code, embed.status_code) == (200, 200)


@pytest.mark.django_db
def test_language_links_point_to_the_same_page_in_each_language(client):
    case = CaseFactory(is_published=True)

    body = client.get(f"/pl/cases/{case.slug}/").content.decode()

    assert f'href="/cases/{case.slug}/?lang=en" hreflang="en" lang="en"' in body
    for code in ("pl", "ru", "be", "fr", "es"):
        assert f'href="/{code}/cases/{case.slug}/" hreflang="{code}" lang="{code}"' in body
    assert f'href="/pl/cases/{case.slug}/" hreflang="pl" lang="pl" aria-current="true"' in body
    assert "csrfmiddlewaretoken" not in body


@pytest.mark.django_db
def test_the_language_switcher_sets_no_csrf_cookie(client):
    """The old POST switcher put a CSRF token, and so a csrftoken cookie and Vary: Cookie, on every page."""
    response = client.get("/pl/cases/")

    assert settings.CSRF_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_a_petition_signed_under_pl_sends_the_confirmation_in_polish(client, monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
    petition = PetitionFactory()
    page = client.get(f"/pl/petitions/{petition.slug}/")
    data = {
        "first_name": "Anna",
        "last_name": "Kowalska",
        "email": "anna@example.org",
        "country": "PL",
        "city": "Poznań",
        "rendered_at": re.search(r'name="rendered_at" value="([^"]+)"', page.content.decode()).group(1),
        "website": "",
    }

    response = client.post(f"/pl/petitions/{petition.slug}/sign/", data)

    assert response.status_code == 302
    assert Signature.objects.get().language == "pl"
    assert mail.outbox[0].subject == f"Potwierdź swój podpis: {petition.title}"
    assert f"/pl/petitions/{petition.slug}/confirm/" in mail.outbox[0].body


@pytest.mark.django_db
def test_an_event_signup_under_pl_sends_the_email_in_polish(client, django_capture_on_commit_callbacks):
    event = EventFactory(venue_name="Dom Kultury", address="ul. Dobra 1", city="Warsaw", country="PL")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pl/events/{event.slug}/", signup_data())

    assert mail.outbox[0].subject == f"Zapisano Cię: {event.title}"
    # The city as Polish writes it, in the email and in the calendar file's place.
    assert "Gdzie: Dom Kultury, ul. Dobra 1, Warszawa, Polska" in mail.outbox[0].body
    calendar = next(a for a in mail.outbox[0].attachments if a[0].endswith(".ics"))[1]
    assert "LOCATION:Dom Kultury\\, ul. Dobra 1\\, Warszawa\\, Polska" in calendar.replace("\r\n ", "")


@pytest.mark.django_db
def test_a_polish_signup_gets_its_reminder_in_polish_whoever_sends_it(
    client, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from events.services import send_event_reminders

    now = timezone.now()
    event = EventFactory(starts_at=now + dt.timedelta(hours=20), ends_at=now + dt.timedelta(hours=22))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pl/events/{event.slug}/", signup_data(email="kasia@example.org"))
    translation.activate("en")  # the hourly job runs in the server's language
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        send_event_reminders(now=now)

    reminder = mail.outbox[0]
    assert reminder.to == ["kasia@example.org"]
    assert reminder.subject == f"Przypomnienie: {event.title} już wkrótce"
    assert "/pl/events/signups/cancel/" in reminder.body


@pytest.mark.django_db
def test_the_appeal_page_offers_the_sample_letter_in_the_active_language(client):
    case = CaseFactory(
        is_published=True,
        sample_appeal_letter="Dear Prosecutor General, release him.",
        sample_appeal_letter_pl="Szanowny Panie Prokuratorze Generalny, proszę go uwolnić.",
    )

    polish = client.get(f"/pl/cases/{case.slug}/appeal/")
    french = client.get(f"/fr/cases/{case.slug}/appeal/")
    english = client.get(f"/cases/{case.slug}/appeal/")

    assert (
        polish.context["letter_form"]["body"].initial
        == "Szanowny Panie Prokuratorze Generalny, proszę go uwolnić."
    )
    assert french.context["letter_form"]["body"].initial == "Dear Prosecutor General, release him."
    assert english.context["letter_form"]["body"].initial == "Dear Prosecutor General, release him."


@pytest.mark.django_db
def test_translated_content_falls_back_to_english_and_keeps_it_in_the_original_column():
    case = CaseFactory(summary="Jailed for his work.")
    case.summary_pl = "Uwięziony za swoją pracę."
    case.save()

    with translation.override("pl"):
        assert case.summary == "Uwięziony za swoją pracę."
    with translation.override("ru"):
        assert case.summary == "Jailed for his work."
    case.refresh_from_db()
    assert case.summary_en == "Jailed for his work."


@pytest.mark.django_db
def test_the_demo_case_writes_its_letter_and_timeline_in_every_language():
    """French and Spanish supporters started from the English letter, salutation, postage tip and timeline; Polish
    and Russian ones read his story in English."""
    from campaigns.demo import seed_core

    case = seed_core()["case"]

    assert case.sample_appeal_letter_pl.startswith("Szanowny Panie Prezydencie")
    assert case.sample_appeal_letter_ru.startswith("Уважаемый господин Президент")
    assert case.sample_appeal_letter_be.startswith("Паважаны спадар Прэзідэнт")
    assert case.sample_appeal_letter_fr.startswith("Monsieur le Président,")
    assert case.sample_appeal_letter_es.startswith("Señor Presidente:")
    for code in ("pl", "ru", "be", "fr", "es"):
        for field in ("summary", "authority_salutation", "postage_tips", "sample_solidarity_message"):
            assert getattr(case, f"{field}_{code}"), (field, code)
        story = getattr(case, f"story_{code}")
        assert story.count("\n\n") == case.story_en.count("\n\n"), code  # the same paragraphs
        assert "2011" in story and "894" in story and "36" in story, code  # and the same facts
        assert all(getattr(update, f"title_{code}") for update in case.updates.all()), code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "campaign_name", "case_summary"),
    [
        ("/be", "Марафон лістоў 2012", "Старшыня Праваабарончага цэнтра"),
        ("/fr", "Écrire pour les droits 2012", "Président du Centre de défense des droits humains"),
        ("/es", "Escribe por los Derechos 2012", "Director del Centro de Derechos Humanos"),
    ],
)
def test_the_demo_home_page_reads_in_every_language(client, prefix, campaign_name, case_summary):
    from django.utils.html import escape

    from campaigns.demo import seed_core

    seed_core()

    body = client.get(f"{prefix}/").content.decode()

    assert escape(campaign_name) in body or campaign_name in body
    assert case_summary in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "title", "addressee", "opening"),
    [
        ("/pl", "Uwolnić Alesia Bialackiego", "Prezydent Republiki Białorusi", "Szanowny Panie Prezydencie"),
        ("/ru", "Свободу Алесю Беляцкому", "Президент Республики Беларусь", "Господин Президент"),
        ("/be", "Свабоду Алесю Бяляцкаму", "Прэзідэнт Рэспублікі Беларусь", "Спадар Прэзідэнт"),
        ("/fr", "Libérez Ales Bialiatski", "Président de la République du Bélarus", "Monsieur le Président"),
        (
            "/es",
            "Libertad para Ales Bialiatski",
            "Presidente de la República de Bielorrusia",
            "Señor Presidente",
        ),
    ],
)
def test_the_demo_petition_reads_in_the_visitors_language(client, prefix, title, addressee, opening):
    from campaigns.demo import seed_core
    from petitions import demo

    demo.seed(core=seed_core(), scale=1)

    body = client.get(f"{prefix}/petitions/{demo.SLUG}/").content.decode()

    assert title in body and addressee in body and opening in body
    assert "Mr President" not in body and "President of the Republic of Belarus" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "fields"),
    [
        ("admin:campaigns_case_change", ["summary", "story", "sample_appeal_letter", "message_address"]),
        ("admin:petitions_petition_change", ["title", "target_title", "text"]),
        ("admin:events_event_change", ["title", "description"]),
    ],
)
def test_the_admin_offers_a_field_per_language(client, url_name, fields):
    from tests.factories import UserFactory

    objects = {
        "admin:campaigns_case_change": lambda: CaseFactory(),
        "admin:petitions_petition_change": lambda: PetitionFactory(),
        "admin:events_event_change": lambda: EventFactory(),
    }
    obj = objects[url_name]()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    body = client.get(reverse(url_name, args=[obj.pk])).content.decode()

    for field in fields:
        for code, _name in settings.LANGUAGES:
            assert f'name="{field}_{code}"' in body, f"{field}_{code}"


@pytest.mark.django_db
def test_history_records_the_translated_texts_of_events_and_petitions():
    event = EventFactory()
    petition = PetitionFactory()

    event.title_pl = "Wieczór pisania listów"
    event.save()
    petition.title_ru = "Свободу узнику совести"
    petition.save()

    assert event.history.latest().title_pl == "Wieczór pisania listów"
    assert petition.history.latest().title_ru == "Свободу узнику совести"


@pytest.mark.django_db
def test_form_help_text_follows_the_visitors_language(client):
    from tests.factories import CaseFactory

    case = CaseFactory(slug="ales-bialiatski-help")
    html = client.get(f"/pl/cases/{case.slug}/message/").content.decode()
    assert "Tylko zwykły tekst." in html
    assert "Plain text only." not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "expected", "place"),
    [
        ("", "Tuesday, 10 December 2030, 18:00", "Warsaw"),
        ("/pl", "Wtorek, 10 grudnia 2030 18:00", "Warszawa"),
        ("/ru", "Вторник, 10 декабря 2030\u202fг., 18:00", "Варшава"),
        ("/be", "Аўторак, 10 снежня 2030\u202fг., 18:00", "Варшава"),  # official spelling, not сьнежня
        ("/fr", "Mardi 10 décembre 2030, 18:00", "Varsovie"),
        ("/es", "Martes, 10 de diciembre de 2030, 18:00", "Varsovia"),
        # Mid-line, after the start's dash, the weekday keeps the language's own case:
        ("/fr", " – mercredi 11 décembre 2030, 02:00", "Varsovie"),
        ("/es", " – miércoles, 11 de diciembre de 2030, 2:00", "Varsovia"),
        ("", " – Wednesday, 11 December 2030, 02:00", "Warsaw"),
    ],
)
def test_event_times_are_written_the_way_each_language_writes_them_in_the_events_zone(
    client, prefix, expected, place
):
    import datetime as dt
    from zoneinfo import ZoneInfo

    warsaw = ZoneInfo("Europe/Warsaw")
    event = EventFactory(
        starts_at=dt.datetime(2030, 12, 10, 18, 0, tzinfo=warsaw),
        ends_at=dt.datetime(2030, 12, 11, 2, 0, tzinfo=warsaw),
        timezone=warsaw,
    )

    body = client.get(f"{prefix}/events/{event.slug}/").content.decode()

    assert expected in body
    assert (
        f"{place}, UTC+01:00" in body
    )  # the zone by its place in the reader's language, not "Europe/Warsaw"
    assert "Europe/Warsaw" not in body


@pytest.mark.django_db
def test_a_zone_behind_utc_is_written_with_a_minus_sign_that_keeps_the_offset_on_one_line(client):
    from zoneinfo import ZoneInfo

    event = EventFactory(timezone=ZoneInfo("America/Asuncion"), city="Asunción", country="PY")

    body = client.get(f"/es/events/{event.slug}/").content.decode()

    assert "Asunción, UTC\u221203:00" in body and "UTC-03:00" not in body


@pytest.mark.django_db
def test_numbers_use_the_languages_thousands_separator(client):
    from django.template import Context, Template

    template = Template("{% load humanize %}{{ n|intcomma }}")
    with translation.override("pl"):
        polish = template.render(Context({"n": 104731}))
    with translation.override("en"):
        english = template.render(Context({"n": 104731}))
    with translation.override("be"):  # Django has no Belarusian formats: marathon/formats/be/ does
        belarusian = template.render(Context({"n": 104731}))
    with translation.override("es"):  # as the browser writes the live counters and the charts' axes
        spanish = template.render(Context({"n": 104731}))

    assert (english, polish, belarusian, spanish) == ("104,731", "104\xa0731", "104\xa0731", "104.731")


def test_short_polish_dates_are_written_with_dots():
    """Django's Polish short format is 10-12-2012 with two spaces before the time; Polish writes 10.12.2012."""
    import datetime as dt

    from campaigns.templatetags.dates import short_date, short_datetime

    moment = dt.datetime(2012, 12, 10, 18, 0, tzinfo=dt.UTC)
    with translation.override("pl"):
        assert (short_date(moment.date()), short_datetime(moment)) == (
            "Pon 10.12.2012",
            "Pon 10.12.2012 18:00",
        )


def test_belarusian_months_are_spelt_officially_and_in_the_right_case():
    """Django's Belarusian gives "10 сакавік" (nominative in a date), "сьнежня 2026" (genitive for a month
    heading) and the classical spelling; the site's Belarusian is official throughout."""
    import datetime as dt

    from django.utils.formats import date_format

    with translation.override("be"):
        in_dates = [date_format(dt.date(2026, month, 10), "j E") for month in (3, 5, 9, 12)]
        headings = [date_format(dt.date(2026, month, 1), "F Y") for month in (3, 12)]
        thursday = date_format(dt.date(2026, 12, 3), "l")
    with translation.override("pl"):  # the other languages keep Django's words
        polish = date_format(dt.date(2026, 12, 10), "j E, F")

    assert in_dates == ["10 сакавіка", "10 мая", "10 верасня", "10 снежня"]
    assert headings == ["Сакавік 2026", "Снежань 2026"]
    assert thursday == "Чацвер"
    assert polish == "10 grudnia, Grudzień"


@pytest.mark.django_db
def test_country_names_in_public_forms_are_in_the_visitors_language(client):
    from django.test import Client

    petition = PetitionFactory()
    case = CaseFactory(is_published=True)

    petition_page = client.get(f"/pl/petitions/{petition.slug}/").content.decode()
    message_page = client.get(f"/ru/cases/{case.slug}/message/").content.decode()
    english = Client().get(f"/petitions/{petition.slug}/").content.decode()  # no language remembered

    assert '<option value="DE">Niemcy</option>' in petition_page
    assert '<option value="DE">Германия</option>' in message_page
    assert '<option value="DE">Germany</option>' in english


@pytest.mark.django_db
def test_texts_shown_in_their_english_original_are_marked_as_english(client):
    case = CaseFactory(
        is_published=True, summary="Jailed for his human rights work.", story="The English story."
    )
    case.summary_pl = "Uwięziony za pracę na rzecz praw człowieka."
    case.save()

    polish = client.get(f"/pl/cases/{case.slug}/").content.decode()
    english = client.get(f"/cases/{case.slug}/?lang=en").content.decode()

    assert '<p class="lead">Uwięziony za pracę' in polish
    assert '<div lang="en"><p>The English story.</p></div>' in polish
    assert 'lang="en"><p>The English story.' not in english


@pytest.mark.django_db
def test_the_case_timeline_reads_in_the_page_language_or_is_marked_as_english(client):
    from campaigns.models import CaseUpdate

    case = CaseFactory(is_published=True)
    CaseUpdate.objects.create(
        case=case, happened_on="2011-08-04", title="Arrested in Minsk", title_pl="Aresztowany w Mińsku"
    )
    CaseUpdate.objects.create(case=case, happened_on="2012-01-24", title="Sentence upheld on appeal")

    polish = client.get(f"/pl/cases/{case.slug}/").content.decode()
    english = client.get(f"/cases/{case.slug}/?lang=en").content.decode()

    assert '<h3 class="h6 mb-1">Aresztowany w Mińsku</h3>' in polish
    assert '<h3 class="h6 mb-1" lang="en">Sentence upheld on appeal</h3>' in polish
    assert '<h3 class="h6 mb-1">Arrested in Minsk</h3>' in english


@pytest.mark.django_db
def test_an_addressee_title_without_a_translation_is_marked_as_english(client):
    from tests.petitions.factories import PetitionFactory

    petition = PetitionFactory(target_name="Alexander Lukashenko", target_title="President of Belarus")
    petition.target_title_fr = "Président du Bélarus"
    petition.save()

    url = petition.get_absolute_url()
    polish = client.get(f"/pl{url}").content.decode()
    french = client.get(f"/fr{url}").content.decode()

    assert '<span lang="en">President of Belarus</span>' in polish
    assert "<span>Président du Bélarus</span>" in french


@pytest.mark.parametrize(
    ("language", "code", "name"),
    [
        ("ru", "LR", "Либерия"),  # django-countries: "Либерии", a genitive
        ("ru", "NC", "Новая Каледония"),
        ("ru", "SM", "Сан-Марино"),  # "Сан - Марино"
        ("es", "TT", "Trinidad y Tobago"),  # "Trinidad yTobago"
        ("fr", "BY", "Bélarus"),  # "Biélorussie", beside the case's "Président de la République du Bélarus"
    ],
)
def test_country_names_that_django_countries_misspells_are_corrected(language, code, name):
    from django_countries import countries

    with translation.override(language):
        assert countries.name(code) == name


@pytest.mark.django_db
def test_the_sign_form_lists_countries_in_belarusian_on_the_belarusian_site(client):
    """django-countries has no Belarusian names: locale-countries/ carries them (scripts/country_names.py)."""
    petition = PetitionFactory()

    body = client.get(f"/be/petitions/{petition.slug}/").content.decode()

    assert '<option value="PL">Польшча</option>' in body
    assert '<option value="BY">Беларусь</option>' in body
    assert ">Poland<" not in body


@pytest.mark.parametrize(
    ("code", "in_order"),
    [
        # Cyrillic names sort by their own alphabet, not by an ASCII transliteration of nothing.
        ("ru", ["Буркина-Фасо", "Бурунди", "Камбоджа", "Канада", "Чад", "Чили"]),
        ("be", ["Беларусь", "Польшча", "Украіна", "Японія"]),
        ("pl", ["Albania", "Czechy", "Litwa", "Zambia", "Zjednoczone Emiraty Arabskie"]),
    ],
)
def test_country_lists_follow_the_alphabet_of_the_language(code, in_order):
    from django_countries import countries

    with translation.override(code):
        names = [name for _code, name in countries]

    positions = [names.index(name) for name in in_order]
    assert positions == sorted(positions)
    assert not any(name.isascii() for name in names) or code == "pl"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/pl"])
def test_the_menu_marks_the_section_of_the_page_in_every_language(client, prefix):
    from tests.events.factories import EventFactory as Event

    event = Event()

    html = client.get(f"{prefix}/events/{event.slug}/").content.decode()
    page = client.get(f"{prefix}/events/").content.decode()

    menu = html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'class="nav-link active" href="{prefix}/events/"' in menu  # under Events, not the list itself
    assert f'class="nav-link active" aria-current="page" href="{prefix}/events/"' in page
    assert f'class="nav-link" href="{prefix}/petitions/"' in menu

    # My events has its own item: there, it alone is marked.
    client.force_login(event.host)
    mine = client.get(f"{prefix}/events/mine/").content.decode()
    assert f'class="nav-link active" aria-current="page" href="{prefix}/events/mine/"' in mine
    assert f'class="nav-link" href="{prefix}/events/"' in mine


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_no_two_countries_read_the_same_in_any_language(code):
    """Polish named both Congos "Kongo": a supporter from Kinshasa could not tell which to pick."""
    from django_countries import countries

    with translation.override(code):
        names = [name for _, name in countries]
    assert len(names) == len(set(names)), sorted({name for name in names if names.count(name) > 1})


@pytest.mark.django_db
def test_django_form_messages_speak_to_spanish_visitors_as_tu(client):
    """Django's Spanish says usted ("Introduzca…"); the Spanish site says tú throughout."""
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    html = client.post("/es/events/new/", {"starts_at": "mañana", "online_url": "no es web"}).content.decode()

    assert "Escribe una fecha y hora válidas." in html
    assert "Escribe una dirección web válida." in html
    assert "Introduzca" not in html
    # Django REST framework's catalogue, read before Django's, said "Este campo es requerido."
    assert "Este campo es obligatorio." in html
    assert "requerido" not in html


@pytest.mark.django_db
def test_a_too_long_message_and_the_log_in_page_speak_to_spanish_visitors_as_tu(client):
    """The length message (Django's said usted, "Asegúrese…") and allauth's log-in words ("¿Ha olvidado su
    contraseña?") speak as tú; the counts are written as Spanish writes them."""
    from tests.factories import CaseFactory

    case = CaseFactory()
    message = client.post(
        f"/es/cases/{case.slug}/message/", {"first_name": "Lucía", "country": "ES", "body": "a" * 1100}
    ).content.decode()
    login = client.post(
        "/es/accounts/login/", {"login": "nadie@example.org", "password": "x"}
    ).content.decode()

    assert "Este texto tiene 100 caracteres de más: puede tener como máximo 1.000." in message
    assert "Hasta 1.000 caracteres." in message
    assert "¿Olvidaste tu contraseña?" in login
    assert "El correo electrónico o la contraseña que has indicado no son correctos." in login
    assert "Asegúrese" not in message and "su contraseña" not in login


@pytest.mark.django_db
def test_a_volunteers_account_pages_and_emails_speak_belarusian(client, django_capture_on_commit_callbacks):
    """allauth has no Belarusian catalogue: its sign-up field, messages, pages and the confirmation email were
    English on /be/ (campaigns/catalogue_words.py carries them)."""
    from django.core import mail

    signup = client.get("/be/accounts/signup/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            "/be/accounts/signup/",
            {
                "email": "alesia@example.org",
                "password1": "lanterns-for-ales-2012",
                "password2": "lanterns-for-ales-2012",
            },
            follow=True,
        ).content.decode()
    reset = client.get("/be/accounts/password/reset/").content.decode()

    assert "Пароль (яшчэ раз)" in signup and "Password (again)" not in signup
    assert "Пацвердзіце свой адрас электроннай пошты" in sent
    assert "Ліст з пацвярджэннем адпраўлены на alesia@example.org." in sent
    assert "Забылі пароль? Увядзіце свой адрас электроннай пошты" in reset
    assert "Скід пароля" in reset and "Password Reset" not in reset
    assert "Пароль не можа складацца толькі з лічбаў." in signup and "ня можа" not in signup
    assert "To confirm this is correct" not in mail.outbox[-1].body
    assert "Пацвердзіце адрас электроннай пошты, каб адкрыць уліковы запіс" in mail.outbox[-1].body


@pytest.mark.django_db
def test_spanish_account_pages_say_tu(client):
    reset = client.get("/es/accounts/password/reset/").content.decode()

    assert "¿Has olvidado tu contraseña? Escribe tu dirección de correo electrónico" in reset
    assert "Introduzca" not in reset


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "asked_again", "already"),
    [
        ("be", "Каб абараніць ваш уліковы запіс, увядзіце пароль яшчэ раз.", "Вы ўжо ўвайшлі як"),
        ("es", "Para proteger tu cuenta, vuelve a escribir tu contraseña.", "Ya has iniciado sesión como"),
    ],
)
def test_the_password_asked_again_and_a_reset_while_logged_in_speak_the_language(
    client, language, asked_again, already
):
    """Belarusian showed "Confirm Access" and "Note: You are already logged in as…"; Spanish said usted there."""
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    again = client.get(f"/{language}/accounts/reauthenticate/").content.decode()
    reset = client.get(f"/{language}/accounts/password/reset/").content.decode()

    assert asked_again in again
    assert "Confirm Access" not in again and "Alternative options" not in again and "vuelva" not in again
    assert already in reset and "Note" not in reset and "Ya ha iniciado" not in reset


@pytest.mark.django_db
def test_a_changed_password_page_leads_to_the_log_in(client):
    html = client.get("/be/accounts/password/reset/key/done/").content.decode()

    assert "<h1>Пароль зменены</h1>" in html or "Пароль зменены</h1>" in html
    assert 'href="/be/accounts/login/"' in html


@pytest.mark.django_db
def test_polish_back_office_titles_keep_the_models_name_in_the_nominative(client):
    """Django's Polish "Wybierz %s do zmiany" put the name where the accusative belongs ("Wybierz wiadomość
    solidarnościowa do zmiany"); with a colon it reads correctly."""
    from django.conf import settings

    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"

    html = client.get("/admin/letters/solidaritymessage/").content.decode()
    add = client.get("/admin/petitions/papersignaturebatch/add/").content.decode()

    assert "<h1>Wybierz do zmiany: wiadomość solidarnościowa</h1>" in html
    assert "Dodaj: partia podpisów papierowych" in add


@pytest.mark.django_db
def test_export_records_name_each_kind_of_export_in_the_readers_language(client):
    """Stored in English ("event sign-ups"); a Polish coordinator read English in the list and its filter."""
    from django.conf import settings

    from campaigns.services import log_export
    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True, is_superuser=True)
    log_export(user=staff, what="event sign-ups", description="Lantern workshop", rows=12)
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"

    html = client.get("/admin/campaigns/exportlog/").content.decode()
    filtered = client.get("/admin/campaigns/exportlog/", {"what": "event sign-ups"}).content.decode()

    assert '<td class="field-kind_of_export">zapisy na wydarzenia</td>' in html
    assert '<a href="?what=event+sign-ups">zapisy na wydarzenia</a>' in html  # the filter's choice
    assert "Lantern workshop" in filtered


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "in_order"),
    [("/be", ["Аўстрыя", "Ірландыя", "Італія"]), ("/es", ["Austria", "Bélgica", "Bulgaria"])],
)
def test_the_results_list_countries_in_the_order_of_the_pages_alphabet(
    client, django_capture_on_commit_callbacks, prefix, in_order
):
    import datetime as dt

    from results.services import record_tally
    from tests.factories import CampaignFactory, CaseFactory

    campaign = CampaignFactory()
    case = CaseFactory(campaigns=[campaign])
    at = dt.datetime.combine(campaign.starts_on, dt.time(12), tzinfo=dt.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        for country in ("IT", "IE", "AT", "BG", "BE"):
            record_tally(
                campaign=campaign, case=case, country=country, kind="event_letter", count=3, occurred_at=at
            )

    page = client.get(f"{prefix}/results/{campaign.slug}/").content.decode()
    where = page.split('class="results-country-list', 1)[1].split("</ul>", 1)[0]

    positions = [where.index(f">{name}<") for name in in_order]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_back_office_counts_and_titles_read_correctly_in_russian(client):
    """Russian declines a noun after a number and after a verb: "10 подписи", "Добавить партия" were wrong."""
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    html = client.get(reverse("admin:campaigns_localgroup_changelist")).content.decode()
    add = client.get(reverse("admin:petitions_papersignaturebatch_add")).content.decode()

    assert "Местные группы: 0" in html
    assert "Добавить: " in add and "Добавить партия" not in add


@pytest.mark.django_db
def test_the_ledgers_columns_are_named_in_the_readers_language(client):
    """The case and group columns of the results ledger were headed "CASE" and "GROUP" in every language."""
    from django.conf import settings

    from tests.factories import UserFactory
    from tests.results.factories import campaign_with_case, record

    campaign, case = campaign_with_case()
    record(campaign, case=case, country="PL", kind="photo", count=3)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"

    html = client.get("/admin/campaigns/action/").content.decode()

    assert ">Sprawa</a>" in html and ">Grupa lokalna</a>" in html
    assert ">Case</a>" not in html and ">Group</a>" not in html


@pytest.mark.django_db
def test_french_puts_a_space_before_its_colons_in_form_summaries_and_email_footers(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.factories import CaseFactory

    case = CaseFactory()
    refused = client.post(
        f"/fr/cases/{case.slug}/message/", {"first_name": "", "country": "FR", "body": "Courage"}
    )
    from django.utils import translation

    from petitions import services
    from tests.petitions.factories import PetitionFactory

    with django_capture_on_commit_callbacks(execute=True), translation.override("fr"):
        services.sign_petition(
            petition=PetitionFactory(),
            signer=services.Signer(
                first_name="Camille", last_name="M", email="camille@example.org", country="FR"
            ),
        )

    summary = refused.content.decode().split('class="alert alert-danger error-summary"')[1].split("</div>")[0]
    # A non-breaking space, so the colon never starts a line of its own.
    assert "\u00a0: " in summary and not [
        line for line in summary.splitlines() if "</a></li>" in line and "\u00a0: " not in line
    ]
    assert "Confidentialité\u00a0: http" in mail.outbox[-1].body.split("\n-- \n")[1]


@pytest.mark.django_db
def test_a_sign_ups_status_agrees_with_sign_up_and_an_event_is_an_event(client):
    """One "Cancelled" served events and sign-ups ("Cancelado" for an inscripción); Polish called events
    "zdarzenie", the word of the webhook's event, in the back office."""
    from django.conf import settings

    from events.models import Registration
    from tests.events.factories import EventFactory, RegistrationFactory
    from tests.factories import UserFactory

    event = EventFactory()
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    client.force_login(event.host)
    signups = client.get(f"/es/events/{event.slug}/signups/").content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    change = client.get(f"/admin/events/event/{event.pk}/change/").content.decode()

    assert ">Cancelada</td>" in signups
    assert "Zmień: wydarzenie" in change and "zdarzenie" not in change


@pytest.mark.django_db
def test_the_spanish_back_office_says_tu_as_the_site_does(client):
    from django.conf import settings

    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True, first_name="Kasia"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    index = client.get("/admin/").content.decode()
    refused = client.post("/admin/campaigns/localgroup/add/", {"name": ""}).content.decode()

    assert "Hola," in index and "Bienvenidos" not in index
    assert "Empieza a escribir para filtrar…" in refused and "Empiece" not in refused  # the side menu
    assert "Corrige " in refused and "Por favor, corrija" not in refused

    event_form = client.get("/admin/events/event/add/").content.decode()
    assert "Mantén pulsado" in event_form and "Mantenga presionado" not in event_form


@pytest.mark.django_db
def test_language_links_keep_the_filters_of_a_list(client):
    body = client.get("/pl/events/?country=PL&q=latarnie&page=2").content.decode()

    assert 'href="/fr/events/?country=PL&amp;q=latarnie&amp;page=2" hreflang="fr"' in body
    assert 'href="/events/?country=PL&amp;q=latarnie&amp;page=2&amp;lang=en" hreflang="en"' in body


@pytest.mark.django_db
def test_the_english_link_names_the_choice_once(client):
    body = client.get("/events/?lang=en&kind=vigil").content.decode()

    assert 'href="/events/?kind=vigil&amp;lang=en" hreflang="en"' in body
    assert 'href="/pl/events/?kind=vigil" hreflang="pl"' in body


def test_belarusian_forms_read_dates_as_belarusian_pages_write_them():
    import datetime

    from django import forms

    with translation.override("be"):
        assert forms.DateField().clean("19.12.2026") == datetime.date(2026, 12, 19)
        assert forms.DateField().clean("2026-12-19") == datetime.date(2026, 12, 19)


def test_russian_day_and_month_take_the_genitive():
    import datetime

    from django.utils import formats

    with translation.override("ru"):
        assert formats.date_format(datetime.date(2026, 12, 27), "MONTH_DAY_FORMAT") == "27 декабря"


def test_polish_statuses_agree_with_the_noun_they_describe():
    """One "Approved" for events, reports and messages read "Zatwierdzony" next to "Odrzucone"."""
    from events.models import Event, EventReport
    from letters.models import SolidarityMessage

    with translation.override("pl"):
        assert [
            str(SolidarityMessage.Status.APPROVED.label),
            str(SolidarityMessage.Status.REJECTED.label),
        ] == [
            "Zatwierdzona",
            "Odrzucona",
        ]
        assert [str(EventReport.Status.APPROVED.label), str(EventReport.Status.REJECTED.label)] == [
            "Zatwierdzony",
            "Odrzucony",
        ]
        assert str(Event.Status.REJECTED.label) == "Odrzucone"


@pytest.mark.django_db
def test_the_back_office_has_its_own_language_switch(client):
    """/admin/ has no language prefix: a coordinator changed its language only by visiting the public site."""
    from tests.factories import UserFactory

    coordinator = UserFactory(is_staff=True, is_superuser=True, language="pl")
    client.force_login(coordinator)
    index = client.get("/admin/").content.decode()
    assert 'action="/i18n/setlang/"' in index and '<option value="es" lang="es">Español</option>' in index

    response = client.post("/i18n/setlang/", {"language": "es", "next": "/admin/events/event/"})

    assert response.status_code == 302 and response["Location"] == "/admin/events/event/"
    assert 'lang="es"' in client.get("/admin/events/event/").content.decode()[:300]
    coordinator.refresh_from_db()
    assert coordinator.language == "es"  # their emails follow the language they chose


@pytest.mark.django_db
def test_french_back_office_titles_need_no_elision(client):
    """Django's "Modification de %s" read "Modification de événement"."""
    from django.conf import settings

    from tests.events.factories import EventFactory
    from tests.factories import UserFactory

    event = EventFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert "Modifier\u00a0: événement" in html and "Modification de événement" not in html


def test_a_persons_name_and_a_things_name_are_told_apart_in_russian_and_belarusian():
    """One msgid "name" labelled a sign-up's person "имя / название" in Russian and "назва" (a thing's title) in
    Belarusian."""
    from django.utils import translation

    from campaigns.models import Case, LocalGroup
    from events.models import Registration
    from letters.models import AppealLetter

    for language, person, thing in (("ru", "имя", "название"), ("be", "імя", "назва")):
        with translation.override(language):
            for model in (Registration, AppealLetter, Case):
                assert str(model._meta.get_field("name").verbose_name) == person, model
            assert str(LocalGroup._meta.get_field("name").verbose_name) == thing


def test_the_back_office_frame_speaks_official_belarusian_and_names_a_saved_object_after_a_colon():
    """Django's Belarusian frame was in the classical spelling ("Зьмяніць пароль", "Дзеяньне:"), and its Polish
    and Russian saved messages guessed the object's gender ("Партия … был успешно добавлен")."""
    from django.utils import translation

    with translation.override("be"):
        assert [translation.gettext(word) for word in ("Change password", "Action:", "Filter")] == [
            "Змяніць пароль",
            "Дзеянне:",
            "Фільтр",
        ]
    saved = "The {name} “{obj}” was added successfully."
    for language, said in (("ru", "Добавлено: партия «21»."), ("pl", "Dodano: partia „21”.")):
        with translation.override(language):
            assert (
                translation.gettext(saved).format(name="партия" if language == "ru" else "partia", obj="21")
                == said
            )
