"""Past versions in the back office (django-simple-history): shown, never restored, and written for people.

Restoring a version saves the whole row as it was, status and counts included, around the services that keep
the results ledger, the emails and the waiting lists right: a report reverted from approved to pending stayed
counted, and approving it again counted it twice. The library only hides the Revert button when told to
(`SIMPLE_HISTORY_REVERT_DISABLED`); its page still saved a posted form, so this admin refuses the POST too.

Its list of changes showed stored values ("pending → rejected"), "Deleted user (pk=None)" for an empty field
and people by their email address, linked to a user page a coordinator may not open; here a change reads as the
forms do: a choice by its label, an empty value as a dash, a person by their name.
"""

import datetime as dt

from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "—"


class ReadableChanges(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "" or (isinstance(value, DeletedObject) and value.pk is None):
            return EMPTY
        if field.choices and not field.many_to_many:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, get_user_model()):
            return str(value)  # as `shown_as_name` shows a person, not a link to an account page
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if isinstance(
            value, dt.datetime
        ):  # "2026-12-10 17:00:00+00:00" read as 17:00 by a coordinator in Warsaw
            # A model's wall-clock times (an event's start and end) in the record's own zone, as on every other
            # page; other times in TIME_ZONE.
            own_zone = change.field in getattr(self.model, "WALL_CLOCK_FIELDS", ())
            zone = getattr(self.record, "timezone", None) if own_zone else None
            local = timezone.localtime(value, zone or timezone.get_current_timezone())
            return f"{date_format(local, 'SHORT_DATETIME_FORMAT')} ({local.tzname()})"
        if isinstance(value, dt.date):
            return date_format(value, "SHORT_DATE_FORMAT")
        return super().prepare_delta_change_value(change, value)


class PastVersionsAdmin(SimpleHistoryAdmin):
    object_history_template = "simple_history/readable_history.html"
    object_history_list_template = "simple_history/readable_history_list.html"
    object_history_form_template = "simple_history/readable_history_form.html"

    def revert_disabled(self, request, obj=None):
        return True

    # The library's titles ("View history: …") have no Polish, Spanish or Belarusian translation.
    def history_view_title(self, request, obj):
        return pgettext("history", "History of %(record)s") % {"record": obj}

    def history_form_view_title(self, request, obj):
        return pgettext("history", "%(record)s as it was saved then") % {"record": obj}

    def render_history_view(self, request, template, context, **kwargs):
        admin_form = context.get("adminform")
        if admin_form is not None:
            # A past version's page showed every field as an input (and the cases' picker with its buttons),
            # inviting edits that could not be saved: each field is shown as text instead.
            shown = flatten_fieldsets(admin_form.fieldsets)
            context["adminform"] = helpers.AdminForm(
                admin_form.form, list(admin_form.fieldsets), {}, readonly_fields=shown, model_admin=self
            )
            # A model's wall-clock times (an event's start and end) read in the version's own zone, as its
            # change form says ("in the event's time zone"); shown as text they came out in UTC.
            zone = getattr(context.get("original"), "timezone", None)
            if getattr(self.model, "WALL_CLOCK_FIELDS", ()) and zone:
                with timezone.override(zone):
                    return super().render_history_view(request, template, context, **kwargs)
        return super().render_history_view(request, template, context, **kwargs)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def _refuse_an_id_that_is_not_one(self, object_id, version_id=None) -> None:
        """ "38/change" (history typed after the change page's address) or a version "abc" reached the library's
        query: a 500."""
        try:
            self.model._meta.pk.to_python(unquote(object_id))
            if version_id is not None:
                self.model.history.model._meta.pk.to_python(unquote(str(version_id)))
        except ValidationError:
            raise Http404 from None

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_an_id_that_is_not_one(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._refuse_an_id_that_is_not_one(object_id, version_id)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(
                ["GET", "HEAD"], gettext("Past versions can be read, not restored.")
            )
        return super().history_form_view(request, object_id, version_id, extra_context)
