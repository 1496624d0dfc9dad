import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytest.importorskip("events.models", reason="the gallery shows the events app's report photos")

from events.models import Event, EventReport, ReportPhoto  # noqa: E402
from tests.events.factories import EventReportFactory  # noqa: E402
from tests.factories import CampaignFactory, LocalGroupFactory  # noqa: E402

pytestmark = pytest.mark.django_db

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def photo(
    campaign,
    *,
    caption,
    city="Luxembourg",
    country="LU",
    kind=Event.Kind.LANTERN_WORKSHOP,
    status=EventReport.Status.APPROVED,
    consent=True,
):
    group = LocalGroupFactory(country=country, city=city)
    report = EventReportFactory(
        event__campaign=campaign,
        event__group=group,
        event__city=city,
        event__country=country,
        event__kind=kind,
        status=status,
    )
    return ReportPhoto.objects.create(
        report=report,
        image=SimpleUploadedFile("p.gif", PIXEL, content_type="image/gif"),
        caption=caption,
        publish_consent=consent,
    )


def test_gallery_shows_published_photos_with_country_city_and_kind(client):
    campaign = CampaignFactory()
    shown = photo(campaign, caption="Lanterns on the river")
    photo(campaign, caption="Bike rally", city="Asunción", country="PY", kind=Event.Kind.BIKE_RALLY)
    photo(campaign, caption="No consent", consent=False)
    photo(campaign, caption="Pending report", status=EventReport.Status.PENDING)
    photo(CampaignFactory(), caption="Another marathon")

    html = client.get(reverse("results:campaign-gallery", args=[campaign.slug])).content.decode()

    assert f'<img src="{shown.image.url}" alt="" loading="lazy">' in html  # the caption below says it
    assert '<span class="fw-bold d-block">Lanterns on the river</span>' in html
    assert "Luxembourg, Luxembourg · " in html
    assert ">Lantern workshop</a>" in html
    assert "Asunción, Paraguay · " in html and ">Bike rally</a>" in html
    for hidden in ["No consent", "Pending report", "Another marathon"]:
        assert hidden not in html


def test_gallery_without_photos_has_an_empty_state(client):
    campaign = CampaignFactory()
    html = client.get(reverse("results:campaign-gallery", args=[campaign.slug])).content.decode()
    assert "No photos have been published for this marathon yet." in html


@pytest.mark.parametrize("photos", [1, 12])
def test_gallery_query_count_is_constant(client, django_assert_num_queries, photos):
    campaign = CampaignFactory()
    for n in range(photos):
        photo(campaign, caption=f"Photo {n}")
    with django_assert_num_queries(3):  # campaign, count, page of photos with their events
        client.get(reverse("results:campaign-gallery", args=[campaign.slug]))
