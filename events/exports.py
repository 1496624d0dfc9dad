"""CSV exports of sign-ups and reports, streamed row by row and recorded in the export log.

The host page and the admin actions share these, so every export has the same columns and the same trail.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _

from campaigns.models import ExportLog
from campaigns.permissions import can_export_supporters
from campaigns.services import log_export, safe_cell, with_byte_order_mark


class _Echo:
    def write(self, value):
        return value


def _stamp(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def registration_rows(registrations):
    writer = csv.writer(_Echo())
    yield writer.writerow(
        [
            _("Event"),
            _("Event starts (its own time)"),
            _("Group"),
            _("Name"),
            _("Email"),
            _("Phone"),
            _("Status"),
            _("Signed up (UTC)"),
            _("Cancelled (UTC)"),
        ]
    )
    for r in registrations.select_related("event__group").iterator(chunk_size=2000):
        yield writer.writerow(
            [
                safe_cell(r.event.title),
                _stamp(r.event.local_starts_at),
                safe_cell(r.event.group.name),
                safe_cell(r.name),
                safe_cell(r.email),
                safe_cell(r.phone),
                r.get_status_display(),
                _stamp(r.created_at),
                _stamp(r.cancelled_at),
            ]
        )


def report_rows(reports):
    writer = csv.writer(_Echo())
    yield writer.writerow(
        [
            _("Event"),
            _("Country"),
            _("City"),
            _("Date"),
            _("Status"),
            _("Participants"),
            _("Letters"),
            _("Paper signatures"),
            _("Lanterns"),
            _("Posters"),
            _("Photos"),
            _("Notes"),
        ]
    )
    for report in reports.select_related("event").prefetch_related("case_counts").iterator(chunk_size=500):
        event = report.event
        yield writer.writerow(
            [
                safe_cell(event.title),
                event.country.name,  # in the exporter's language, as the headings
                safe_cell(event.city),
                event.local_starts_at.date().isoformat(),  # the day it was where it took place
                report.get_status_display(),
                report.participants,
                sum(count.letters for count in report.case_counts.all()),
                report.paper_signatures,
                report.lanterns,
                report.posters,
                report.photos_taken,
                safe_cell(report.notes),
            ]
        )


class SensitiveExportRefused(PermissionDenied):
    pass


def check_signup_export(user, events) -> None:
    """Sign-ups of an event featuring a sensitive case are exported by section staff only."""
    if not can_export_supporters(user, sensitive=events.featuring_a_sensitive_case().exists()):
        raise SensitiveExportRefused(
            _("Sign-ups of events for a sensitive case can be exported by section staff only.")
        )


def _counted(rows, entry):
    """Stream `rows` (a header line, then one line a person) and write their number into the log entry once
    the last one is sent; a download broken off midway keeps no count."""
    lines = 0
    for line in rows:
        lines += 1
        yield line
    ExportLog.objects.filter(pk=entry.pk).update(row_count=max(lines - 1, 0))


def csv_download(rows, *, filename: str, user, what: str, description: str = "", group=None):
    """Log the export, then stream it."""
    entry = log_export(user=user, what=what, description=description, group=group)
    response = StreamingHttpResponse(
        with_byte_order_mark(_counted(rows, entry)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
