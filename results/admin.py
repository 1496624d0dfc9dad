from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ReportedTally
from .services import TallyError, check_tally, record_tally, withdraw_tally


class ReportedTallyForm(forms.ModelForm):
    class Meta:
        model = ReportedTally
        fields = ["campaign", "case", "country", "group", "kind", "count", "occurred_at", "note"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not self.errors:
            # The service's own rules, so a bad tally re-renders the form with the reason.
            try:
                check_tally(**{name: cleaned.get(name) for name in self.RULE_FIELDS})
            except TallyError as error:
                raise ValidationError(str(error)) from error
        return cleaned

    RULE_FIELDS = ["campaign", "case", "country", "kind", "count", "occurred_at", "group"]


@admin.register(ReportedTally)
class ReportedTallyAdmin(admin.ModelAdmin):
    """Sections enter offline actions (paper letters, lanterns, participants…) as tallies.

    New tallies go through `record_tally` (ledger row in the same transaction); a saved tally's numbers
    cannot be edited, only withdrawn (which retracts it) and entered again.
    """

    form = ReportedTallyForm
    fieldsets = [
        (
            None,
            {
                "fields": ["campaign", "case", "country", "group", "kind", "count", "occurred_at", "note"],
                "description": _(
                    "Enter only actions no other form records: approved event reports, paper-signature batches "
                    "and letters logged online are already counted. A saved tally cannot be edited; withdraw it "
                    "and enter it again."
                ),
            },
        ),
        (_("Record"), {"fields": ["withdrawn_at", "entered_by"]}),
    ]
    list_display = [
        "occurred_at",
        "country",
        "group",
        "kind",
        "count",
        "case",
        "campaign",
        "is_counted",
        "entered_by",
    ]
    list_filter = ["campaign", "kind", "country", ("withdrawn_at", admin.EmptyFieldListFilter)]
    list_select_related = ["campaign", "case", "group", "entered_by"]
    search_fields = ["note", "group__name", "group__city"]
    autocomplete_fields = ["group"]
    date_hierarchy = "occurred_at"
    actions = ["withdraw"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["withdrawn_at", "entered_by"]
        return [
            "campaign",
            "case",
            "country",
            "group",
            "kind",
            "count",
            "occurred_at",
            "withdrawn_at",
            "entered_by",
        ]

    @admin.display(boolean=True, description=_("counted"))
    def is_counted(self, obj: ReportedTally) -> bool:
        return obj.is_counted

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["note"])
            return
        try:
            saved = record_tally(
                campaign=obj.campaign,
                case=obj.case,
                country=obj.country,
                group=obj.group,
                kind=obj.kind,
                count=obj.count,
                occurred_at=obj.occurred_at,
                note=obj.note,
                entered_by=request.user,
            )
        except TallyError as error:
            # The form already checked these rules; this is the last line, never a 500.
            self.message_user(request, str(error), messages.ERROR)
            return
        obj.pk = saved.pk
        obj.entered_by = saved.entered_by

    def has_delete_permission(self, request, obj=None):
        return False  # withdraw instead, so the ledger keeps its history

    @admin.action(description=_("Withdraw the selected tallies (they stop counting)"))
    def withdraw(self, request, queryset):
        withdrawn = 0
        for tally in queryset.filter(withdrawn_at__isnull=True):
            withdraw_tally(tally=tally)
            withdrawn += 1
        self.message_user(
            request,
            ngettext("%d tally withdrawn.", "%d tallies withdrawn.", withdrawn) % withdrawn,
            messages.SUCCESS,
        )
