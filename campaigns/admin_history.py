"""Past versions in the back office (django-simple-history): shown, never restored, and written for people.

Restoring a version saves the whole row as it was, status and counts included, around the services that keep
the results ledger, the emails and the waiting lists right: a report reverted from approved to pending stayed
counted, and approving it again counted it twice. The library only hides the Revert button when told to
(`SIMPLE_HISTORY_REVERT_DISABLED`); its page still saved a posted form, so this admin refuses the POST too.

Its list of changes showed stored values ("pending → rejected"), "Deleted user (pk=None)" for an empty field
and people by their email address, linked to a user page a coordinator may not open; here a change reads as the
forms do: a choice by its label, an empty value as a dash, a person by their name.
"""

from django.contrib.auth import get_user_model
from django.http import HttpResponseNotAllowed
from django.utils.translation import gettext
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
        return super().prepare_delta_change_value(change, value)


class PastVersionsAdmin(SimpleHistoryAdmin):
    object_history_template = "simple_history/readable_history.html"
    object_history_list_template = "simple_history/readable_history_list.html"

    def revert_disabled(self, request, obj=None):
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(
                ["GET", "HEAD"], gettext("Past versions can be read, not restored.")
            )
        return super().history_form_view(request, object_id, version_id, extra_context)
