"""Delivery exports: counts by country, the streamed CSV of signers and the printable PDF.

Emails never leave in an export: the target receives names, cities and countries only.
"""

import csv
import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from campaigns.services import safe_cell
from campaigns.text import alphabetical

from .models import PaperSignatureBatch, Petition, Signature


def counts_by_country(petition: Petition) -> list[dict]:
    """[{country, name, online, paper, total}] from the rows, largest first (one GROUP BY per table)."""
    rows: dict[str, dict] = defaultdict(lambda: {"online": 0, "paper": 0})
    signatures = (
        Signature.objects.filter(petition=petition, status=Signature.Status.CONFIRMED)
        .values_list("country", "source")
        .annotate(n=Count("id"))
        .order_by()
    )
    for country, source, n in signatures:
        rows[country]["online" if source == Signature.Source.ONLINE else "paper"] += n
    batches = (
        PaperSignatureBatch.objects.counted()
        .filter(petition=petition)
        .values_list("group__country")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for country, n in batches:
        rows[country]["paper"] += n
    result = [
        {"country": code, "name": countries.name(code) or code, **row, "total": row["online"] + row["paper"]}
        for code, row in rows.items()
    ]
    return sorted(result, key=lambda r: (-r["total"], alphabetical(r["name"])))  # ties in the reader's order


class _Echo:
    def write(self, value):
        return value


def signer_rows(petition: Petition):
    return (
        Signature.objects.filter(petition=petition, status=Signature.Status.CONFIRMED)
        .order_by("pk")
        .values_list("first_name", "last_name", "city", "country", "source", "confirmed_at")
    )


def stream_signers_csv(petition: Petition):
    """Yield CSV lines one by one, reading the rows with a server-side cursor (never all in memory).

    Headed and worded in the reader's language, as the sign-up export is; the country code stays beside its name
    for whoever matches the rows by machine. Names and cities typed by the public cannot become formulas.
    """
    writer = csv.writer(_Echo())
    yield writer.writerow(
        [
            _("First name"),
            _("Last name"),
            _("City"),
            _("Country code"),
            _("Country"),
            _("Signed"),
            _("Confirmed (UTC)"),
        ]
    )
    names = dict(countries)
    sources = dict(Signature.Source.choices)
    for first, last, city, country, source, signed_at in signer_rows(petition).iterator(chunk_size=2000):
        yield writer.writerow(
            [
                safe_cell(first),
                safe_cell(last),
                safe_cell(city),
                country,
                names.get(country, country),
                sources.get(source, source),
                signed_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M") if signed_at else "",
            ]
        )


def render_delivery_pdf(petition: Petition, *, base_url: str = "") -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs time no other request should pay

    limit = settings.PETITION_PDF_MAX_SIGNERS
    signers = list(signer_rows(petition)[:limit])
    names = dict(countries)
    context = {
        "petition": petition,
        "by_country": counts_by_country(petition),
        "signers": [
            {"name": f"{first} {last}", "city": city, "country": names.get(country, country)}
            for first, last, city, country, _source, _at in signers
        ],
        "unlisted": max(0, petition.signature_count + _paper_named(petition) - len(signers)),
        "generated_at": timezone.now(),
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
    }
    html = render_to_string("petitions/delivery_pdf.html", context)
    return HTML(string=html, base_url=base_url).write_pdf()


def _paper_named(petition: Petition) -> int:
    return Signature.objects.filter(
        petition=petition, status=Signature.Status.CONFIRMED, source=Signature.Source.PAPER
    ).count()
