from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from .admin_filters import CountryFilter, ExportKindFilter
from .admin_scoping import GroupScopedAdminMixin, ReadOnlyAdminMixin, shown_as_name
from .audience import case_audience
from .dashboard import figures, figures_by_group
from .forms import InviteCoordinatorForm
from .models import (
    Action,
    Campaign,
    Case,
    CaseUpdate,
    DataRequest,
    EmailOptOut,
    ExportLog,
    LocalGroup,
    Membership,
    User,
)
from .permissions import sees_everything
from .services import AlreadyEmailed, email_case_update, invite_coordinator

# Formatted when shown, so it follows the back office's language (a % at import fixed it in English).
admin.site.site_header = lazy(
    lambda: gettext("%(name)s back office") % {"name": settings.ORGANISATION_NAME}, str
)()
admin.site.site_title = _("Back office")
admin.site.index_title = _("Overview")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Campaign)
class CampaignAdmin(TranslationAdmin):
    list_display = ["name", "slogan", "starts_on", "ends_on", "actions_goal", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slogan"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "starts_on"


class CaseUpdateInline(TranslationStackedInline):
    model = CaseUpdate
    extra = 0
    fields = ["happened_on", "title", "body", "emailed_at", "emailed_count"]
    readonly_fields = ["emailed_at", "emailed_count"]


@admin.register(CaseUpdate)
class CaseUpdateAdmin(TranslationAdmin):
    list_display = ["happened_on", "title", "case", "emailed_at", "emailed_count"]
    list_filter = ["case"]
    list_select_related = ["case"]
    search_fields = ["title", "body", "case__name"]
    autocomplete_fields = ["case"]
    date_hierarchy = "happened_on"
    readonly_fields = ["emailed_at", "emailed_count"]
    actions = ["email_to_supporters"]

    @admin.action(description=_("Email to supporters who agreed to hear more"), permissions=["change"])
    def email_to_supporters(self, request, queryset):
        if "apply" not in request.POST:
            return self._confirm_emailing(request, queryset)
        sent, skipped = 0, 0
        for update in queryset:
            try:
                email_case_update(update=update)
                sent += 1
            except AlreadyEmailed:
                skipped += 1
        if sent:
            self.message_user(
                request, _("%(n)d update(s) queued for supporters.") % {"n": sent}, messages.SUCCESS
            )
        if skipped:
            self.message_user(
                request,
                _("%(n)d update(s) had already been emailed and were skipped.") % {"n": skipped},
                messages.WARNING,
            )

    def _confirm_emailing(self, request, queryset):
        """Who each update would reach, before anything is sent: a mass email cannot be called back."""
        rows = [
            {"update": update, "recipients": 0 if update.emailed_at else len(case_audience(update.case))}
            for update in queryset.select_related("case").order_by("happened_on", "pk")
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Email these updates?"),
            "opts": self.model._meta,
            "rows": rows,
            "to_send": sum(row["recipients"] for row in rows),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/campaigns/caseupdate/email_confirm.html", context)


@admin.register(Case)
class CaseAdmin(TranslationAdmin):
    list_display = ["name", "country", "status", "is_published", "is_sensitive"]
    list_filter = ["status", "is_published", "is_sensitive", "campaigns", CountryFilter]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["campaigns"]
    inlines = [CaseUpdateInline]
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "country", "status", "campaigns", "is_published", "is_sensitive"]},
        ),
        (_("Story"), {"fields": ["summary", "story", "photo", "photo_alt"]}),
        (
            _("Appeal letters"),
            {
                "fields": [
                    "authority_name",
                    "authority_title",
                    "authority_address",
                    "authority_salutation",
                    "postage_tips",
                    "sample_appeal_letter",
                ]
            },
        ),
        (
            _("Solidarity messages"),
            {"fields": ["message_route", "message_address", "sample_solidarity_message"]},
        ),
    ]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(LocalGroup)
class LocalGroupAdmin(GroupScopedAdminMixin, admin.ModelAdmin):
    group_path = "id"

    def get_urls(self):
        figures_view = self.admin_site.admin_view(self.figures_view)
        return [path("figures/", figures_view, name="campaigns_localgroup_figures"), *super().get_urls()]

    def figures_view(self, request):
        """Every group's figures side by side (staff), 50 groups a page, one query per figure."""
        if not sees_everything(request.user):
            raise PermissionDenied
        page = Paginator(LocalGroup.objects.active().order_by("country", "city", "name"), 50).get_page(
            request.GET.get("page")
        )
        group_ids = {group.pk for group in page}
        by_group = figures_by_group(group_ids)
        rows = [(group, [by_group[f.key].get(group.pk, 0) for f in figures()]) for group in page]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Groups side by side"),
            "figures": figures(),
            "rows": rows,
            "page_obj": page,
        }
        return TemplateResponse(request, "admin/campaigns/localgroup/figures.html", context)

    list_display = ["name", "city", "country", "contact_email", "is_active"]
    list_filter = ["is_active", CountryFilter]
    search_fields = ["name", "city", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    # Which countries' messages a coordinator reads and which group they answer for follow from these fields:
    # only staff change them.
    FIELDS_ONLY_STAFF_CHANGE = ("country", "slug", "is_active")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not sees_everything(request.user):
            readonly += [name for name in self.FIELDS_ONLY_STAFF_CHANGE if name not in readonly]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and not sees_everything(request.user):
            return {}
        return super().get_prepopulated_fields(request, obj)


@admin.register(Membership)
class MembershipAdmin(GroupScopedAdminMixin, admin.ModelAdmin):
    change_list_template = "admin/campaigns/membership/change_list.html"

    def get_urls(self):
        invite = self.admin_site.admin_view(self.invite_view)
        return [path("invite/", invite, name="campaigns_membership_invite"), *super().get_urls()]

    def invite_view(self, request):
        """Staff invite a coordinator by email: account, role and membership in one step."""
        if not sees_everything(request.user):
            raise PermissionDenied
        form = InviteCoordinatorForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            membership = invite_coordinator(
                email=form.cleaned_data["email"], group=form.cleaned_data["group"], invited_by=request.user
            )
            self.message_user(
                request,
                _("%(email)s is now a coordinator of %(group)s; an invitation is on its way.")
                % {"email": membership.user.email, "group": membership.group},
                messages.SUCCESS,
            )
            return redirect("admin:campaigns_membership_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("Invite a coordinator"),
        }
        return TemplateResponse(request, "admin/campaigns/membership/invite.html", context)

    list_display = ["user", "group", "role", "joined_at"]
    list_filter = ["role"]
    list_select_related = ["user", "group"]
    search_fields = ["user__email", "user__full_name", "group__name"]
    autocomplete_fields = ["user", "group"]


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdminMixin, GroupScopedAdminMixin, admin.ModelAdmin):
    """Read-only: the trail of who exported personal data. Coordinators see their groups' entries and their own."""

    user_name = shown_as_name(ExportLog, "user")
    fields = ["created_at", "user_name", "kind_of_export", "description", "group", "row_count"]
    readonly_fields = fields

    list_display = ["created_at", "user", "kind_of_export", "description", "group", "row_count"]
    list_filter = [ExportKindFilter]
    list_select_related = ["user", "group"]
    search_fields = ["user__email", "what", "description"]
    date_hierarchy = "created_at"

    @admin.display(description=_("kind of export"), ordering="what")
    def kind_of_export(self, obj):
        return gettext(obj.what)  # stored in English, marked for translation where each export logs itself

    def scope(self, queryset, user):
        """Their groups' entries and every export they made themselves: one that spans several of their
        groups belongs to none of them, and the person who downloaded it still sees its record."""
        return super().scope(queryset, user) | queryset.filter(user=user)


@admin.register(EmailOptOut)
class EmailOptOutAdmin(admin.ModelAdmin):
    list_display = ["email_hash", "created_at"]
    search_fields = ["email_hash"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(ReadOnlyAdminMixin, GroupScopedAdminMixin, admin.ModelAdmin):
    """The ledger is append-only: the admin shows it but never edits it."""

    # The campaign is a filter rather than a column, so the group and the source fit beside the rest at 1280 px.
    list_display = ["occurred_at", "kind", "count", "country", "case", "group", "source"]
    list_filter = ["kind", "campaign"]
    list_select_related = ["campaign", "case", "group"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False

    @admin.display(description=_("source"), ordering="source_type")
    def source(self, obj):
        """What the row was recorded from, by its name ("event report 12"), not its table ("events.eventreport")."""
        try:
            model = apps.get_model(obj.source_type)
        except (LookupError, ValueError):
            return f"{obj.source_type} {obj.source_id}"
        return f"{model._meta.verbose_name} {obj.source_id}"


@admin.register(DataRequest)
class DataRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The record of supporters' copy and erasure requests: when, what, how many rows. Never the address."""

    list_display = ["requested_at", "kind", "completed_at", "rows_changed", "language"]
    list_filter = ["kind", ("completed_at", admin.EmptyFieldListFilter)]
    fields = ["kind", "requested_at", "completed_at", "rows_changed", "language"]
    date_hierarchy = "requested_at"
