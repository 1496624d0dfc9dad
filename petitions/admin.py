"""The petitions back office: petitions with counts by country and delivery exports, signatures with abuse
filters and a bulk invalidation, paper signatures entered by name (formset or CSV) or as counted batches.

Every write goes through petitions.services; who may do what comes from campaigns.permissions.
"""

import csv
import datetime as dt
import io

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext, pgettext
from modeltranslation.admin import TranslationAdmin

from campaigns.admin_filters import CountryFilter
from campaigns.admin_history import PastVersionsAdmin
from campaigns.admin_scoping import GroupScopedAdminMixin, scoped_choices, shown_as_name
from campaigns.models import LocalGroup
from campaigns.permissions import can_enter_paper_signatures, can_export_signatures, can_invalidate_signatures
from campaigns.services import log_export, with_byte_order_mark

from . import services
from .exports import counts_by_country, render_delivery_pdf, stream_signers_csv
from .forms import InvalidateSignaturesForm, PaperEntryForm, PaperSignerFormSet, WithdrawBatchesForm
from .models import PaperSignatureBatch, Petition, Signature


@admin.register(Petition)
class PetitionAdmin(TranslationAdmin, PastVersionsAdmin):
    list_display = [
        "title",
        "case",
        "status",
        "signature_count",
        "paper_signature_count",
        "goal",
        "closes_at",
    ]
    list_filter = ["status", "campaign"]
    list_select_related = ["case"]
    search_fields = ["title", "slug", "target_name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["campaign", "case"]
    readonly_fields = ["signature_count", "paper_signature_count"]
    change_form_template = "admin/petitions/petition/change_form.html"
    fieldsets = [
        (
            None,
            {"fields": ["campaign", "case", "title", "slug", "target_name", "target_title", "text", "goal"]},
        ),
        (
            _("Dates and status"),
            {"fields": ["status", "opens_at", "closes_at", "delivered_on", "delivery_note"]},
        ),
        (_("Counters"), {"fields": ["signature_count", "paper_signature_count"]}),
    ]

    def get_urls(self):
        own = [
            path(
                "<int:pk>/export.csv",
                self.admin_site.admin_view(self.export_csv),
                name="petitions_export_csv",
            ),
            path(
                "<int:pk>/export.pdf",
                self.admin_site.admin_view(self.export_pdf),
                name="petitions_export_pdf",
            ),
            path(
                "<int:pk>/paper/", self.admin_site.admin_view(self.paper_entry), name="petitions_paper_entry"
            ),
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        petition = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if petition is not None:
            extra_context.update(
                counts_by_country=counts_by_country(petition),
                can_export=can_export_signatures(request.user),
                can_enter_paper=can_enter_paper_signatures(request.user),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _petition_for(self, request, pk, allowed: bool) -> Petition:
        if not allowed:
            raise PermissionDenied
        return get_object_or_404(Petition, pk=pk)

    def export_csv(self, request, pk):
        petition = self._petition_for(request, pk, can_export_signatures(request.user))
        self._log_export(request, petition, gettext_noop("petition signatures (CSV)"))
        response = StreamingHttpResponse(
            with_byte_order_mark(stream_signers_csv(petition)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{petition.slug}-signatures.csv"'
        return response

    def export_pdf(self, request, pk):
        petition = self._petition_for(request, pk, can_export_signatures(request.user))
        self._log_export(request, petition, gettext_noop("petition delivery PDF"))
        pdf = render_delivery_pdf(petition, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{petition.slug}-delivery.pdf"'
        return response

    @staticmethod
    def _log_export(request, petition: Petition, what: str) -> None:
        rows = Signature.objects.filter(petition=petition, status=Signature.Status.CONFIRMED).count()
        log_export(user=request.user, what=what, description=petition.title, rows=rows)

    def paper_entry(self, request, pk):
        """Named paper signatures: a fast formset of rows, or a CSV file with the same columns."""
        petition = self._petition_for(request, pk, can_enter_paper_signatures(request.user))
        groups = scoped_choices(self.admin_site, LocalGroup, request)
        groups = groups if groups is not None else LocalGroup.objects.active()
        posted = request.method == "POST"
        form = PaperEntryForm(request.POST or None, request.FILES or None, groups=groups, petition=petition)
        formset = PaperSignerFormSet(request.POST or None, prefix="signers")
        if posted and form.is_valid():
            signers, error = self._paper_signers(form, formset)
            if error is None and not signers:
                error = _("Enter at least one name or upload a CSV file.")
            if error is None:
                try:
                    result = services.add_paper_signatures(
                        petition=petition,
                        group=form.cleaned_data["group"],
                        signers=signers,
                        entered_by=request.user,
                        collected_at=timezone.make_aware(
                            dt.datetime.combine(form.cleaned_data["collected_on"], dt.time(12))
                        ),
                    )
                except services.PetitionError as exc:
                    error = getattr(exc, "row_errors", None) or exc.message
                else:
                    self._report_paper_result(request, result)
                    return redirect(reverse("admin:petitions_petition_change", args=[petition.pk]))
            if error:
                form.add_error(None, error)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Enter paper signatures"),
            "opts": self.model._meta,
            "original": petition,
            "petition": petition,
            "form": form,
            "formset": formset,
        }
        return TemplateResponse(request, "admin/petitions/petition/paper_entry.html", context)

    @staticmethod
    def _paper_signers(form, formset) -> tuple[list[services.Signer], str | None]:
        group = form.cleaned_data["group"]
        upload = form.cleaned_data.get("csv_file")
        if upload:
            return _signers_from_csv(upload, default_country=str(group.country))
        if not formset.is_valid():
            return [], _("Please correct the rows marked below.")
        signers = [
            services.Signer(
                first_name=row["first_name"],
                last_name=row["last_name"],
                email=row.get("email", ""),
                country=row.get("country") or str(group.country),
                city=row.get("city", ""),
                row=number,
            )
            for number, row in enumerate(formset.cleaned_data, start=1)
            if row
        ]
        return signers, None

    def _report_paper_result(self, request, result) -> None:
        created = len(result.created)
        self.message_user(
            request,
            ngettext("%(n)d paper signature added.", "%(n)d paper signatures added.", created)
            % {"n": created},
            messages.SUCCESS,
        )
        for row, reason in result.skipped:
            self.message_user(
                request,
                _("Row %(row)d skipped: %(reason)s.") % {"row": row, "reason": reason},
                messages.WARNING,
            )


def _signers_from_csv(upload, *, default_country: str) -> tuple[list[services.Signer], str | None]:
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], _("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")
    reader = csv.DictReader(io.StringIO(text))
    fields = {(name or "").strip().lower() for name in reader.fieldnames or []}
    if not {"first_name", "last_name"} <= fields:
        return [], _("The CSV file needs at least the columns first_name and last_name.")
    signers = []
    for row in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if not any(row.values()):
            continue
        signers.append(
            services.Signer(
                first_name=row.get("first_name", ""),
                last_name=row.get("last_name", ""),
                email=row.get("email", ""),
                country=row.get("country") or default_country,
                city=row.get("city", ""),
                row=reader.line_num,  # the spreadsheet's row: the header is row 1, blank lines count
            )
        )
    if len(signers) > 20000:
        return [], _("Upload at most 20,000 rows at a time.")
    return signers, None


# --- signatures -----------------------------------------------------------------------------------


class _TopValuesFilter(admin.SimpleListFilter):
    """The most frequent values of an indexed column, so bursts from one address or domain stand out."""

    field_name = ""

    def lookups(self, request, model_admin):
        rows = (
            model_admin.get_queryset(request)
            .values_list(self.field_name)
            .annotate(n=Count("id"))
            .exclude(**{self.field_name: ""})
            .order_by("-n")[:20]
        )
        choices = [(value, f"{self.label_for(value)} ({n})") for value, n in rows]
        current = self.value()
        if current and current not in {value for value, _label in choices}:
            choices.append((current, self.label_for(current)))
        return choices

    def label_for(self, value: str) -> str:
        return value

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field_name: self.value()})
        return queryset


class EmailDomainFilter(_TopValuesFilter):
    title = _("email domain")
    parameter_name = "email_domain"
    field_name = "email_domain"


class IPHashFilter(_TopValuesFilter):
    title = _("IP hash")
    parameter_name = "ip_hash"
    field_name = "ip_hash"

    def label_for(self, value: str) -> str:
        return f"{value[:10]}…"


class SignedWithinFilter(admin.SimpleListFilter):
    title = _("signed within")
    parameter_name = "within"
    windows = {"1h": dt.timedelta(hours=1), "24h": dt.timedelta(days=1), "7d": dt.timedelta(days=7)}

    def lookups(self, request, model_admin):
        return [("1h", _("the last hour")), ("24h", _("the last 24 hours")), ("7d", _("the last 7 days"))]

    def queryset(self, request, queryset):
        window = self.windows.get(self.value() or "")
        return queryset.filter(created_at__gte=timezone.now() - window) if window else queryset


@admin.register(Signature)
class SignatureAdmin(GroupScopedAdminMixin, admin.ModelAdmin):
    """Read-only: signatures change only through the services (confirm, invalidate)."""

    entered_by_name = shown_as_name(Signature, "entered_by")

    group_path = "group"
    list_display = [
        "__str__",
        "email",
        "country",
        "status",
        "source",
        "petition",
        "created_at",
        "ip_hash_short",
    ]
    list_filter = ["status", "source", SignedWithinFilter, EmailDomainFilter, IPHashFilter, "petition"]
    list_select_related = ["petition"]
    search_fields = ["email_normalised", "email", "first_name", "last_name", "=ip_hash"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ["invalidate_selected"]
    readonly_fields = [
        f"{f.name}_name" if f.name == "entered_by" else f.name
        for f in Signature._meta.fields
        if f.name != "id"
    ]

    @admin.display(description=_("IP hash"), ordering="ip_hash")
    def ip_hash_short(self, obj):
        return f"{obj.ip_hash[:10]}…" if obj.ip_hash else "—"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # invalidate instead: the record of why a signature stopped counting stays

    def has_invalidate_permission(self, request):
        return can_invalidate_signatures(request.user)

    @admin.action(description=_("Invalidate selected signatures…"), permissions=["invalidate"])
    def invalidate_selected(self, request, queryset):
        """An intermediate page asks for the reason; its POST (with CSRF) calls the service."""
        form = InvalidateSignaturesForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                changed = services.invalidate_signatures(
                    signatures=queryset.values_list("pk", flat=True), reason=form.cleaned_data["reason"]
                )
            except services.PetitionError as error:
                self.message_user(request, error.message, messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext("%(n)d signature invalidated.", "%(n)d signatures invalidated.", changed)
                % {"n": changed},
                messages.SUCCESS,
            )
            return None
        select_across = request.POST.get("select_across") == "1"
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invalidate signatures"),
            "opts": self.model._meta,
            "form": form,
            "count": queryset.count(),
            "sample": queryset.select_related("petition")[:20],
            "selected": [] if select_across else request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": select_across,
        }
        return TemplateResponse(request, "admin/petitions/signature/invalidate.html", context)


# --- counted paper batches ------------------------------------------------------------------------


class PaperSignatureBatchForm(forms.ModelForm):
    class Meta:
        model = PaperSignatureBatch
        fields = ["petition", "group", "event", "count", "description", "collected_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "count" in self.fields:  # one message for every number out of range, not Django's "≥ 0" first
            self.fields["count"].validators = []
            self.fields["count"].widget.attrs.update(min=1, max=services.MOST_SIGNATURES_IN_A_BATCH)
            self.fields["count"].help_text = _(
                "Check it before saving: a batch counts at once and is not edited afterwards. One entered by "
                "mistake is withdrawn from the list (its action asks why) and entered again."
            )

    def clean_count(self):
        count = self.cleaned_data["count"]
        try:
            services.check_paper_batch_size(count)
        except services.PetitionError as error:
            raise forms.ValidationError(error.message) from None
        return count

    def clean(self):
        cleaned = super().clean()
        event, group = cleaned.get("event"), cleaned.get("group")
        if event is not None and group is not None:
            try:
                services.check_collecting_event(event, group, cleaned.get("collected_on"))
            except services.PetitionError as error:
                self.add_error("event", error.message)
        petition = cleaned.get("petition")
        if petition is not None:
            try:
                services.refuse_paper_unless_published(petition)
            except services.PetitionError as error:
                raise forms.ValidationError(error.message) from None
            if cleaned.get("collected_on"):
                try:
                    services.check_collection_day(petition, cleaned["collected_on"])
                except services.PetitionError as error:
                    self.add_error("collected_on", error.message)
        return cleaned


class GroupCountryFilter(CountryFilter):
    """The countries of the groups in the list (a plain "group__country" filter offered all 250)."""

    parameter_name = "group__country"
    country_path = "group__country"


class WithdrawnFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "counted"

    def lookups(self, request, model_admin):
        return [("yes", _("Counted")), ("withdrawn", _("Withdrawn"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.counted()
        if self.value() == "withdrawn":
            return queryset.withdrawn()
        return queryset


@admin.register(PaperSignatureBatch)
class PaperSignatureBatchAdmin(GroupScopedAdminMixin, admin.ModelAdmin):
    """Batches are entered once through the service (which counts and records them) and not edited after; one
    entered by mistake is withdrawn (the action asks why) and entered again."""

    entered_by_name = shown_as_name(PaperSignatureBatch, "entered_by")
    withdrawn_by_name = shown_as_name(PaperSignatureBatch, "withdrawn_by")

    form = PaperSignatureBatchForm
    group_path = "group"
    list_display = [
        "description",
        "counted_signatures",
        "group",
        "event",
        "petition",
        "collected_on",
        "entered_by",
    ]
    list_filter = [WithdrawnFilter, "petition", GroupCountryFilter]
    actions = ["withdraw_selected"]
    list_select_related = ["group", "event", "petition", "entered_by"]
    search_fields = ["description", "group__name"]
    date_hierarchy = "collected_on"
    autocomplete_fields = ["group", "event"]  # both tables grow large; the choices stay scoped

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [
                "petition",
                "group",
                "event",
                "count",
                "description",
                "collected_on",
                "entered_by_name",
                "created_at",
                *(["withdrawn_at", "withdrawn_by_name", "withdrawal_reason"] if obj.withdrawn_at else []),
            ]
        return []

    def get_fields(self, request, obj=None):
        if obj is not None:
            return self.get_readonly_fields(request, obj)
        return super().get_fields(request, obj)

    @admin.display(description=_("number of signatures"), ordering="count")
    def counted_signatures(self, obj):
        if obj.withdrawn_at:
            return format_html(
                '<del>{}</del> <span class="quiet">{}</span>', obj.count, pgettext("paper batch", "withdrawn")
            )
        return obj.count

    def has_withdraw_permission(self, request):
        return self.has_add_permission(request)

    @admin.action(description=_("Withdraw selected batches (entered by mistake)…"), permissions=["withdraw"])
    def withdraw_selected(self, request, queryset):
        """An intermediate page asks why; its POST (with CSRF) withdraws each batch through the service."""
        form = WithdrawBatchesForm(request.POST if "apply" in request.POST else None)
        batches = list(queryset.counted().select_related("petition", "group"))
        if form.is_bound and form.is_valid():
            for batch in batches:
                services.withdraw_paper_batch(
                    batch=batch, by=request.user, reason=form.cleaned_data["reason"]
                )
            self.message_user(
                request,
                ngettext(
                    "%(n)d batch withdrawn: its signatures no longer count.",
                    "%(n)d batches withdrawn: their signatures no longer count.",
                    len(batches),
                )
                % {"n": len(batches)},
                messages.SUCCESS if batches else messages.WARNING,
            )
            return None
        select_across = request.POST.get("select_across") == "1"
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdraw paper signature batches"),
            "opts": self.model._meta,
            "form": form,
            "batches": batches,
            "total": sum(batch.count for batch in batches),
            "selected": [] if select_across else request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": select_across,
        }
        return TemplateResponse(request, "admin/petitions/papersignaturebatch/withdraw.html", context)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("collected_on", timezone.localdate())
        return initial

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Nothing of a batch is edited after it is saved: no "Save and continue editing".
        extra_context = {**(extra_context or {}), "show_save_and_continue": False}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        batch = services.add_paper_batch(
            petition=form.cleaned_data["petition"],
            group=form.cleaned_data["group"],
            count=form.cleaned_data["count"],
            description=form.cleaned_data["description"],
            collected_on=form.cleaned_data["collected_on"],
            entered_by=request.user,
            event=form.cleaned_data.get("event"),
        )
        obj.pk, obj.created_at, obj.entered_by = batch.pk, batch.created_at, batch.entered_by
