"""What screen readers and keyboards get from the events pages: the list before its filters, a bad filter said as
an alert, photos named by their captions, and a sign-up refused for a reason of its own said once."""

import base64
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import EventReport, ReportPhoto

from .factories import EventFactory, EventReportFactory

pytestmark = pytest.mark.django_db

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def add_photo(report, caption: str, *, consent: bool = True) -> ReportPhoto:
    return ReportPhoto.objects.create(
        report=report,
        image=SimpleUploadedFile("p.gif", PIXEL, content_type="image/gif"),
        caption=caption,
        publish_consent=consent,
    )


def test_the_list_comes_before_its_filters_in_the_page_and_the_filters_go_left_on_wide_screens(client):
    EventFactory()

    html = client.get(reverse("events:list")).content.decode()

    results = html.index('<section class="col-lg-9 order-lg-2" aria-labelledby="results-title">')
    filters = html.index('<aside class="col-lg-3 order-lg-1" id="filters" aria-labelledby="filter-title">')
    jump = html.index('href="#filters">Filter events</a>')
    assert results < jump < filters
    assert "order-1 " not in html and "order-2 " not in html  # no reordering on a phone


def test_a_filter_that_could_not_be_used_is_said_as_an_alert(client):
    html = client.get(reverse("events:list"), {"date_from": "notadate"}).content.decode()

    assert (
        '<p class="alert alert-warning" role="alert">Some filters could not be used, so the list leaves them out.'
        in html
    )


def test_each_remove_box_of_the_report_form_is_named_by_its_photos_caption_or_place(client):
    report = EventReportFactory(status=EventReport.Status.PENDING)
    lanterns = add_photo(report, "Lanterns on the table")
    untitled = add_photo(report, "")
    client.force_login(report.event.host)

    html = client.get(reverse("events:report", args=[report.event.slug])).content.decode()

    assert (
        f'<label class="form-check-label" for="remove-photo-{lanterns.pk}">Remove this photo'
        '<span class="visually-hidden">: Lanterns on the table</span></label>'
    ) in html
    assert (
        f'<label class="form-check-label" for="remove-photo-{untitled.pk}">Remove this photo'
        '<span class="visually-hidden">: Photo 2</span></label>'
    ) in html


def test_a_reported_events_photos_are_named_by_their_captions_alone(client):
    report = EventReportFactory(status=EventReport.Status.APPROVED)
    photo = add_photo(report, "Lanterns on the river")

    html = client.get(report.event.get_absolute_url()).content.decode()

    assert (
        f'<img class="img-fluid report-photo" src="{photo.image.url}" alt="" loading="lazy">'
        '<figcaption class="small">Lanterns on the river</figcaption>'
    ) in html


def test_a_sign_up_sent_too_fast_is_said_once_at_the_top(client, settings):
    settings.FORM_MINIMUM_SECONDS = 60
    event = EventFactory()
    data = {
        "name": "Ala Kowalska",
        "email": "ala@example.org",
        "consent": "on",
        "website": "",
        "rendered_at": signing.dumps(time.time(), salt="form-rendered-at"),
    }

    html = client.post(event.get_absolute_url(), data).content.decode()

    assert html.count("That was quick!") == 1
    assert html.count('role="alert"') == 1
    assert '<div class="alert alert-danger error-summary" role="alert" data-for="signup-form">' in html
    assert 'name="rendered_at"' in html and 'id="id_email"' in html  # the fields are all there
