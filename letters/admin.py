"""The back office for letters: the moderation queue, print batches and the letters log.

Only coordinators and staff (campaigns.permissions.can_moderate_messages) see any of it.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from campaigns.admin_filters import CountryFilter
from campaigns.admin_history import PastVersionsAdmin
from campaigns.admin_scoping import CountryScopedAdminMixin, shown_as_name
from campaigns.models import Case
from campaigns.permissions import (
    can_export_supporters,
    can_moderate_messages,
    coordinated_countries,
    scope_to_countries,
    sees_everything,
)
from campaigns.services import log_export

from . import services
from .models import AppealLetter, PrintBatch, SolidarityMessage
from .pdf import print_batch_pdf


class ModeratorOnlyMixin:
    """Every view of these models is for coordinators and staff; nobody adds rows by hand."""

    def has_module_permission(self, request):
        return can_moderate_messages(request.user)

    def has_view_permission(self, request, obj=None):
        return can_moderate_messages(request.user)

    def has_change_permission(self, request, obj=None):
        return can_moderate_messages(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WritersEmailForStaffMixin:
    """A writer's email is for the site's own emails to them, and the form says "We never show it": coordinators
    moderate and read the log without it (and cannot search by it); section staff, who answer people's requests
    about their data, see it."""

    def _without_email(self, request, names):
        return list(names) if sees_everything(request.user) else [name for name in names if name != "email"]

    def get_fields(self, request, obj=None):
        return self._without_email(request, super().get_fields(request, obj))

    def get_readonly_fields(self, request, obj=None):
        return self._without_email(request, super().get_readonly_fields(request, obj))

    def get_search_fields(self, request):
        return self._without_email(request, super().get_search_fields(request))

    def lookup_allowed(self, lookup, value, request=None):
        # Nor filter by it in the address (`?email__startswith=a` would read it a letter at a time).
        if lookup.split(LOOKUP_SEP)[0] == "email" and not (request and sees_everything(request.user)):
            return False
        return super().lookup_allowed(lookup, value, request)


READ_ONLY_PAGE = {
    "show_save": False,
    "show_save_and_continue": False,
    "show_save_and_add_another": False,
    "show_delete": False,
}


class StatusFilter(admin.SimpleListFilter):
    """Opens on the queue (pending messages); the other statuses are one click away."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*SolidarityMessage.Status.choices, ("all", _("All"))]

    def choices(self, changelist):
        value = self.value() or SolidarityMessage.Status.PENDING
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or SolidarityMessage.Status.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


class PrintedFilter(admin.SimpleListFilter):
    title = _("printed")
    parameter_name = "printed"

    def lookups(self, request, model_admin):
        return [("no", _("Not yet printed")), ("yes", _("Printed"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            # What is still to print, as the print batch and the guidelines' count see it: an erased message has
            # no words left to print, and would otherwise wait in this list for good.
            return queryset.filter(print_batch__isnull=True, anonymised_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(print_batch__isnull=False)
        return queryset


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_(
            "Kept with each message and never shown publicly. Writers who left an email address are sent it, "
            "with their message and an invitation to write a new one."
        ),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),  # no cols: it fits a phone, as the event one does
    )


@admin.register(SolidarityMessage)
class SolidarityMessageAdmin(
    WritersEmailForStaffMixin, ModeratorOnlyMixin, CountryScopedAdminMixin, PastVersionsAdmin
):
    """Coordinators moderate the messages written from their groups' countries; section staff and staff given
    the moderation permission, all of them."""

    decided_by_name = shown_as_name(SolidarityMessage, "decided_by")

    def scope(self, queryset, user):
        return queryset if moderates_every_country(user) else super().scope(queryset, user)

    change_list_template = "letters/admin/solidaritymessage_change_list.html"
    list_display = [
        "excerpt",
        "first_name",
        "country",
        "case",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
    ]
    list_filter = [StatusFilter, PrintedFilter, "case", CountryFilter]
    list_select_related = ["case", "decided_by"]
    search_fields = ["first_name", "body"]
    date_hierarchy = "created_at"
    actions = ["approve_selected", "reject_selected", "print_selected"]
    readonly_fields = [
        "case",
        "campaign",
        "first_name",
        "country",
        "body",
        "language_name",
        "email",
        "status",
        "rejection_reason",
        "decided_by_name",
        "decided_at",
        "print_batch",
        "created_at",
    ]
    fields = readonly_fields

    class Media:
        css = {"all": ["css/letters-admin.css"]}

    @admin.display(description=_("language"))
    def language_name(self, obj):
        """The language the message was written on the site in, by its name in the reader's ("Spanish", not "es")."""
        if not obj.language:
            return self.get_empty_value_display()
        try:
            return translation.get_language_info(obj.language)["name_translated"]
        except KeyError:
            return obj.language

    @admin.display(description=_("message"))
    def excerpt(self, obj):
        return Truncator(obj.body).chars(120)

    @admin.action(description=_("Approve selected messages"), permissions=["change"])
    def approve_selected(self, request, queryset):
        count = services.approve_messages(messages=list(queryset), moderator=request.user)
        self.message_user(
            request,
            ngettext("%(n)d message approved.", "%(n)d messages approved.", count) % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject selected messages (with a reason)…"), permissions=["change"])
    def reject_selected(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = services.reject_messages(
                messages=list(queryset), moderator=request.user, reason=form.cleaned_data["reason"]
            )
            self.message_user(
                request,
                ngettext("%(n)d message rejected.", "%(n)d messages rejected.", count) % {"n": count},
                messages.SUCCESS,
            )
            skipped = queryset.count() - count
            if skipped:
                self.message_user(
                    request,
                    _("%(n)d already printed or rejected messages were left unchanged.") % {"n": skipped},
                    messages.WARNING,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": ngettext("Reject a message", "Reject %(n)d messages", queryset.count())
            % {"n": queryset.count()},
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset.select_related("case"),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "letters/admin/reject_messages.html", context)

    @admin.action(description=_("Print selected approved messages as a new batch"), permissions=["change"])
    def print_selected(self, request, queryset):
        case_ids = set(queryset.values_list("case_id", flat=True))
        if len(case_ids) != 1:
            self.message_user(request, _("Choose messages for one case at a time."), messages.ERROR)
            return None
        case = Case.objects.get(pk=case_ids.pop())
        try:
            batch = services.create_print_batch(case=case, user=request.user, messages=list(queryset))
        except services.LettersError as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        self.message_user(request, _("Print batch created: download its PDF below."), messages.SUCCESS)
        return redirect("admin:letters_printbatch_change", batch.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Every field is read-only: decisions are taken with the actions, so the page has no save buttons."""
        extra_context = {**(extra_context or {}), **READ_ONLY_PAGE}
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "pending_count": self.scope(SolidarityMessage.objects.pending(), request.user).count(),
            "awaiting_print_count": self.scope(
                SolidarityMessage.objects.awaiting_print(), request.user
            ).count(),
        }
        return super().changelist_view(request, extra_context)


class PrintBatchForm(forms.Form):
    case = forms.ModelChoiceField(label=_("Case"), queryset=Case.objects.none())
    layout = forms.ChoiceField(label=_("Layout"), choices=PrintBatch.Layout.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # What this user's batch would take: approved, unprinted, and (for a coordinator) from their countries.
        ready = scope_to_countries(
            SolidarityMessage.objects.filter(status="approved", print_batch__isnull=True), user, "country"
        )
        waiting = Count("solidarity_messages", filter=Q(solidarity_messages__in=ready))
        self.fields["case"].queryset = Case.objects.annotate(waiting=waiting).filter(waiting__gt=0)
        self.fields["case"].label_from_instance = lambda case: f"{case.name} ({case.waiting})"


class BatchMessageInline(admin.TabularInline):
    model = SolidarityMessage
    decided_by_name = shown_as_name(SolidarityMessage, "decided_by")
    fields = ["id", "first_name", "country", "body", "decided_by_name", "decided_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return can_moderate_messages(request.user)


def moderates_every_country(user) -> bool:
    return sees_everything(user) or user.has_perm("letters.moderate_solidaritymessage")


def visible_batches(queryset, user):
    """A coordinator sees the batches holding only messages from their groups' countries."""
    if moderates_every_country(user):
        return queryset
    foreign = SolidarityMessage.objects.exclude(country__in=coordinated_countries(user))
    return queryset.exclude(messages__in=foreign)


@admin.register(PrintBatch)
class PrintBatchAdmin(ModeratorOnlyMixin, admin.ModelAdmin):
    created_by_name = shown_as_name(PrintBatch, "created_by")

    list_display = ["__str__", "case", "layout", "message_count", "created_by", "created_at", "pdf_link"]
    list_filter = ["case", "layout"]
    list_select_related = ["case", "created_by"]
    readonly_fields = ["case", "layout", "message_count", "created_by_name", "created_at", "pdf_link"]
    fields = readonly_fields
    inlines = [BatchMessageInline]

    def has_add_permission(self, request):
        return can_moderate_messages(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # a batch is a record of what was printed: it is never edited

    def get_queryset(self, request):
        return visible_batches(super().get_queryset(request), request.user)

    def has_view_permission(self, request, obj=None):
        in_scope = obj is None or visible_batches(PrintBatch.objects.filter(pk=obj.pk), request.user).exists()
        return super().has_view_permission(request, obj) and in_scope

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj):
        url = reverse("admin:letters_printbatch_pdf", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download PDF"))

    def get_urls(self):
        return [
            path("<int:pk>/pdf/", self.admin_site.admin_view(self.pdf_view), name="letters_printbatch_pdf"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """A new batch takes every approved, not yet printed message of the chosen case."""
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        form = PrintBatchForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                case = form.cleaned_data["case"]
                # Coordinators print only the messages from their groups' countries; staff print them all.
                mine = (
                    None
                    if sees_everything(request.user)
                    else list(
                        scope_to_countries(
                            SolidarityMessage.objects.filter(case=case), request.user, "country"
                        )
                    )
                )
                batch = services.create_print_batch(
                    case=case, layout=form.cleaned_data["layout"], user=request.user, messages=mine
                )
            except services.LettersError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    ngettext(
                        "Print batch created with %(n)d message.",
                        "Print batch created with %(n)d messages.",
                        batch.message_count,
                    )
                    % {"n": batch.message_count},
                )
                return redirect("admin:letters_printbatch_change", batch.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("New print batch"),
            "opts": self.model._meta,
            "form": form,
            "every_country": sees_everything(request.user),
        }
        return TemplateResponse(request, "letters/admin/printbatch_add.html", context)

    def pdf_view(self, request, pk):
        if not can_moderate_messages(request.user):
            return HttpResponse(status=403)
        batch = get_object_or_404(
            visible_batches(PrintBatch.objects.select_related("case"), request.user), pk=pk
        )
        if not can_export_supporters(request.user, sensitive=batch.case.is_sensitive):
            return HttpResponse(
                _("Messages for a sensitive case are printed by section staff only."), status=403
            )
        log_export(
            user=request.user,
            what=gettext_noop("print batch"),
            description=str(batch),
            rows=batch.message_count,
        )
        response = HttpResponse(print_batch_pdf(batch), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="messages-batch-{batch.pk}.pdf"'
        return response


@admin.register(AppealLetter)
class AppealLetterAdmin(
    WritersEmailForStaffMixin, ModeratorOnlyMixin, CountryScopedAdminMixin, admin.ModelAdmin
):
    """The letters log: a coordinator sees the letters sent from their groups' countries (names, cities and
    addresses are personal data), staff see them all."""

    list_display = ["created_at", "case", "source", "count", "name", "city", "country", "campaign"]
    list_filter = ["source", "case", "campaign", CountryFilter]
    list_select_related = ["case", "campaign"]
    search_fields = ["name", "city", "email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "case",
        "campaign",
        "source",
        "count",
        "name",
        "city",
        "country",
        "email",
        "created_at",
    ]
    fields = readonly_fields
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return False
