"""Past versions in the back office (django-simple-history): shown, never restored.

Restoring a version saves the whole row as it was, status and counts included, around the services that keep
the results ledger, the emails and the waiting lists right: a report reverted from approved to pending stayed
counted, and approving it again counted it twice. The library only hides the Revert button when told to
(`SIMPLE_HISTORY_REVERT_DISABLED`); its page still saved a posted form, so this admin refuses the POST too.
"""

from django.http import HttpResponseNotAllowed
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin


class PastVersionsAdmin(SimpleHistoryAdmin):
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(
                ["GET", "HEAD"], gettext("Past versions can be read, not restored.")
            )
        return super().history_form_view(request, object_id, version_id, extra_context)
