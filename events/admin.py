"""The back office for events: the review queue, sign-ups per event, and report approval.

Statuses change only through actions that call events.services, so emails and the action ledger never drift
from what the admin shows.
"""

import datetime as dt

from django.contrib import admin, messages
from django.db.models import Count, Q, Sum
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext
from modeltranslation.admin import TranslationAdmin

from campaigns.admin_filters import CountryFilter
from campaigns.admin_history import PastVersionsAdmin
from campaigns.admin_scoping import GroupScopedAdminMixin, shown_as_name
from campaigns.fields import URL_FIELDS_ASSUME_HTTPS
from campaigns.permissions import sees_everything
from campaigns.templatetags.dates import short_datetime
from campaigns.text import folded

from . import services
from .exports import SensitiveExportRefused, check_signup_export, csv_download, registration_rows, report_rows
from .filters import matching_text
from .forms import EventAdminForm, RejectForm, ReportCountsAdminForm
from .models import Event, EventReport, PendingEvent, Registration, ReportCaseCount, ReportPhoto
from .zones import place_name


class EventTextSearch:
    """The back office's search also finds an event by its title or description in any of the site's languages,
    its venue or its city, typed without accents ("lodz" finds Łódź) or by its name in another of the site's
    languages ("Варшава" finds Warsaw), as the public search does (events.filters.matching_text).
    Django's own search (`search_fields`) reads only the title in the coordinator's language."""

    event_path = ""  # "event__" where the rows point at an event

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if folded(search_term).split():
            results = results | queryset.filter(matching_text(search_term, self.event_path))
        return results, may_have_duplicates


def _reject_with_reason(modeladmin, request, queryset, *, rejectable, why_not, reject, title, rejected):
    """An action with an intermediate page that asks for the reason, then rejects each row through `reject`;
    `rejected(n)` says how many were. `rejectable` narrows the selection to the rows `reject` accepts, so nobody
    is asked for a reason for rows that cannot take it: the others are named, with `why_not`, and left as they
    are."""
    chosen = rejectable(queryset)
    for obj in queryset.exclude(pk__in=chosen.values("pk")):
        modeladmin.message_user(request, f"{obj}: {why_not}", messages.WARNING)
    if not chosen.exists():
        return None
    if "apply" in request.POST:
        form = RejectForm(request.POST)
        if form.is_valid():
            done = 0
            for obj in chosen:
                try:
                    reject(obj, form.cleaned_data["reason"])
                    done += 1
                except services.EventError as error:  # changed since the page was opened
                    modeladmin.message_user(request, f"{obj}: {error}", messages.WARNING)
            if done:
                modeladmin.message_user(request, rejected(done), messages.SUCCESS)
            return None
    else:
        form = RejectForm()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title(chosen.count()),
        "objects": chosen,
        "form": form,
        "action": request.POST.get("action"),
        "opts": modeladmin.model._meta,
        "selected": [str(pk) for pk in chosen.values_list("pk", flat=True)],
    }
    return TemplateResponse(request, "events/admin/reject_reason.html", context)


class WhenFilter(admin.SimpleListFilter):
    """Upcoming or past events: the overview's "Upcoming events" opens the list on the events it counts."""

    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.past()
        return queryset


class SignedUpRecentlyFilter(admin.SimpleListFilter):
    """Sign-ups of the last 7 days that still stand: what the overview's figure counts."""

    title = _("signed up")
    parameter_name = "recent"

    def lookups(self, request, model_admin):
        return [("7d", _("In the last 7 days, not cancelled"))]

    def queryset(self, request, queryset):
        if self.value() == "7d":
            return queryset.standing_since(timezone.now() - dt.timedelta(days=7))
        return queryset


class EventCountryFilter(CountryFilter):
    parameter_name = "event__country"
    country_path = "event__country"


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "phone", "status", "created_at", "reminder_sent_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class EventAdminBase(EventTextSearch, GroupScopedAdminMixin, TranslationAdmin):
    host_name = shown_as_name(Event, "host")  # for coordinators: only section staff pick a host

    form = EventAdminForm  # start and end in the event's own zone, as on the public form
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    group_path = "group"
    list_display = [
        "title",
        "kind",
        "group",  # its name says its city and country; the event's own place is on its page
        "local_start",
        "status",
        "confirmed",
        "waitlisted",
        "report_status",
    ]
    list_filter = ["status", WhenFilter, "kind", "campaign", CountryFilter]
    list_select_related = ["group", "report"]
    search_fields = ["title", "host__email", "group__name"]  # and EventTextSearch
    search_help_text = _(
        "Finds a title or description in any language, a venue, a city, a group or a host's email."
    )
    date_hierarchy = "starts_at"
    autocomplete_fields = ["host", "group"]
    filter_horizontal = ["cases"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "status",
        "rejection_reason",
        "cancellation_reason",
        "published_at",
        "created_at",
        "updated_at",
        "signup_links",
    ]
    inlines = [RegistrationInline]
    actions = ["approve_events", "reject_events", "export_signups"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "campaign", "cases", "group", "host", "description"]}),
        (
            _("When and where"),
            {
                "description": _("Start and end are in the event's own time zone, the one chosen below."),
                "fields": [
                    "starts_at",
                    "ends_at",
                    "timezone",
                    "venue_name",
                    "address",
                    "city",
                    "country",
                    "online_url",
                    "capacity",
                    "accessibility_notes",
                ],
            },
        ),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "cancellation_reason",
                    "published_at",
                    "created_at",
                    "updated_at",
                    "signup_links",
                ]
            },
        ),
    ]

    class Media:
        # Start and end are typed in the event's zone: no "N hours ahead of server time" note under them.
        js = ("js/admin/event-wall-clock.js",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _confirmed=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
                ),
                _waitlisted=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
                ),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        # Choosing a host means searching every account by email: section staff only. A coordinator's own
        # event is hosted by them (save_model).
        fields = list(super().get_readonly_fields(request, obj))
        return fields if sees_everything(request.user) else [*fields, "host", "host_name"]

    def get_fieldsets(self, request, obj=None):
        """The host by name where it is read-only (see campaigns.admin_scoping.shown_as_name)."""
        fieldsets = super().get_fieldsets(request, obj)
        if sees_everything(request.user):
            return fieldsets
        return [
            (name, {**options, "fields": ["host_name" if f == "host" else f for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def save_model(self, request, obj, form, change):
        if not obj.host_id:
            obj.host = request.user
        before = (
            Event.objects.filter(pk=obj.pk).values(*services.LOGISTICS_FIELDS).first() if change else None
        )
        super().save_model(request, obj, form, change)
        if before:
            # As when the host changes it: people signed up hear of a new time or place, freed places fill.
            # Compared by value: the form marks its times changed whenever it converts the zone's wall clock.
            changed = [
                name
                for name, value in before.items()
                if services.is_a_change(name, value, getattr(obj, name))
            ]
            services.event_changed_in_back_office(event=obj, changed=changed, before=before)

    @admin.display(description=_("where"), ordering="city")
    def place(self, obj):
        return f"{obj.city}, {obj.country.name}" if obj.city else obj.country.name

    @admin.display(description=_("starts (local time)"), ordering="starts_at")
    def local_start(self, obj):
        # The zone on a line of its own: the list has many columns to fit beside the menu and the filters.
        return format_html(
            '<span class="nowrap">{}</span><br><span class="quiet">{}</span>',
            short_datetime(obj.local_starts_at),
            place_name(obj.timezone),
        )

    @admin.display(description=_("confirmed"), ordering="_confirmed")
    def confirmed(self, obj):
        return obj._confirmed

    @admin.display(description=_("waiting list"), ordering="_waitlisted")
    def waitlisted(self, obj):
        return obj._waitlisted

    @admin.display(description=_("report"))
    def report_status(self, obj):
        report = getattr(obj, "report", None) if hasattr(obj, "report") else None
        if report is None:
            return "—"
        url = reverse("admin:events_eventreport_change", args=[report.pk])
        return format_html('<a href="{}">{}</a>', url, report.get_status_display())

    @admin.display(description=_("sign-ups"))
    def signup_links(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("events:signups", args=[obj.slug]),
            _("sign-up list"),
            reverse("events:signups-csv", args=[obj.slug]),
            _("CSV"),
        )

    @admin.action(description=_("Approve and publish (the host is emailed)"), permissions=["change"])
    def approve_events(self, request, queryset):
        done = 0
        for event in queryset:
            try:
                services.publish_event(event=event, by=request.user)
                done += 1
            except services.EventError as error:
                self.message_user(request, f"{event}: {error}", messages.WARNING)
        if done:  # each refusal has its own warning: no green "0 events published."
            self.message_user(
                request,
                ngettext("%d event published.", "%d events published.", done) % done,
                messages.SUCCESS,
            )

    @admin.action(description=_("Reject with a reason (the host is emailed)"), permissions=["change"])
    def reject_events(self, request, queryset):
        return _reject_with_reason(
            self,
            request,
            queryset,
            rejectable=lambda events: events.filter(status__in=services.REJECTABLE_EVENT_STATUSES),
            why_not=_(
                "Only a pending or draft event can be rejected. To call off a published one, cancel it on its "
                "page on the site: everyone signed up is told."
            ),
            reject=lambda event, reason: services.reject_event(event=event, reason=reason, by=request.user),
            title=lambda n: ngettext("Reject an event", "Reject %(n)d events", n) % {"n": n},
            rejected=lambda n: ngettext("%(n)d event rejected.", "%(n)d events rejected.", n) % {"n": n},
        )

    @admin.action(description=_("Export the sign-ups of the selected events (CSV)"), permissions=["view"])
    def export_signups(self, request, queryset):
        try:
            check_signup_export(request.user, queryset)
        except SensitiveExportRefused as refused:
            self.message_user(request, str(refused), level=messages.ERROR)
            return None
        events = list(queryset.select_related("group"))
        groups = {event.group for event in events}
        return csv_download(
            registration_rows(Registration.objects.filter(event__in=events).order_by("event", "created_at")),
            filename=f"signups-{timezone.localdate():%Y-%m-%d}.csv",
            user=request.user,
            what=gettext_noop("event sign-ups"),
            description=", ".join(event.title for event in events)[:300],
            group=groups.pop() if len(groups) == 1 else None,
        )


@admin.register(Event)
class EventAdmin(EventAdminBase, PastVersionsAdmin):
    pass


@admin.register(PendingEvent)
class PendingEventAdmin(EventAdminBase):
    """The review queue: only events waiting for a coordinator, oldest request first."""

    list_display = ["title", "kind", "group", "place", "local_start", "host", "created_at"]
    list_filter = ["kind", CountryFilter]
    list_select_related = ["group", "host"]
    ordering = ["created_at"]
    inlines = []

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Event.Status.PENDING)

    # A proxy has its own permission rows; the queue follows the Event permissions instead.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("events.view_event") and self.is_in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("events.change_event") and self.is_in_scope(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return request.user.has_module_perms("events")


@admin.register(Registration)
class RegistrationAdmin(EventTextSearch, GroupScopedAdminMixin, admin.ModelAdmin):
    event_path = "event__"
    group_path = "event__group"
    list_display = ["name", "email", "event", "status", "created_at", "reminder_sent_at"]
    list_filter = ["status", SignedUpRecentlyFilter]
    list_select_related = ["event"]
    search_fields = ["name", "email", "event__title"]  # and EventTextSearch
    search_help_text = _("Finds a name, an email, or the event's title in any language, venue or city.")
    readonly_fields = ["event", "status", "created_at", "cancelled_at", "promoted_at", "reminder_sent_at"]
    fields = [
        "event",
        "name",
        "email",
        "phone",
        "consent",
        "status",
        "created_at",
        "cancelled_at",
        "promoted_at",
        "reminder_sent_at",
    ]
    actions = ["cancel_registrations", "export_csv"]

    def has_add_permission(self, request):
        return False  # sign-ups go through the public form, which locks the event's places

    @admin.action(description=_("Export the selected sign-ups (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        try:
            check_signup_export(request.user, Event.objects.filter(registrations__in=queryset))
        except SensitiveExportRefused as refused:
            self.message_user(request, str(refused), level=messages.ERROR)
            return None
        return csv_download(
            registration_rows(queryset.order_by("event", "created_at")),
            filename=f"signups-{timezone.localdate():%Y-%m-%d}.csv",
            user=request.user,
            what=gettext_noop("event sign-ups"),
            description=_("%(n)d selected sign-ups") % {"n": queryset.count()},
        )

    @admin.action(
        description=_("Cancel… (each person is emailed; a freed place goes to the waiting list)"),
        permissions=["change"],
    )
    def cancel_registrations(self, request, queryset):
        """Asks first, as rejecting does: "Select all" is one click from cancelling every sign-up of a list."""
        chosen = queryset.exclude(status=Registration.Status.CANCELLED)
        if not chosen.exists():
            self.message_user(request, _("The selected sign-ups were already cancelled."), messages.WARNING)
            return None
        if "apply" in request.POST:
            done = not_told = 0
            for registration in chosen.select_related("event"):
                services.cancel_registration(registration=registration, by_organisers=True)
                done += 1
                not_told += registration.event.has_started  # the service emails only before the start
            self.message_user(
                request,
                ngettext(
                    "%(n)d sign-up cancelled: its person is emailed.",
                    "%(n)d sign-ups cancelled: each person is emailed.",
                    done,
                )
                % {"n": done}
                if not not_told
                else ngettext(
                    "%(n)d sign-up cancelled; nobody is emailed about an event that has already started.",
                    "%(n)d sign-ups cancelled; nobody is emailed about an event that has already started.",
                    done,
                )
                % {"n": done},
                messages.SUCCESS,
            )
            return None
        count = chosen.count()
        context = {
            **self.admin_site.each_context(request),
            "title": ngettext("Cancel a sign-up", "Cancel %(n)d sign-ups", count) % {"n": count},
            "objects": chosen.select_related("event"),
            "action": request.POST.get("action"),
            "opts": self.model._meta,
            "selected": [str(pk) for pk in chosen.values_list("pk", flat=True)],
        }
        return TemplateResponse(request, "events/admin/cancel_signups.html", context)


class ReportChildPermissions:
    """Inline rows follow the report's own permissions (coordinators hold those, not the child models')."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("events.view_eventreport")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("events.change_eventreport") and not (
            obj is not None and obj.status == EventReport.Status.APPROVED
        )

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class ReportCaseCountInline(ReportChildPermissions, admin.TabularInline):
    model = ReportCaseCount
    form = ReportCountsAdminForm
    extra = 0
    autocomplete_fields = ["case"]


class ReportPhotoInline(ReportChildPermissions, admin.TabularInline):
    """Read-only once the report is approved, like its counts: its photos (and the host's consent to publish
    them) are what was approved."""

    model = ReportPhoto
    extra = 0
    fields = ["preview", "image", "caption", "publish_consent"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        """The photo itself: approving a report publishes the photos its host agreed to, so the coordinator
        sees what they approve, not a file name."""
        if not photo.pk or not photo.image:
            return "—"
        return format_html(
            '<a href="{url}" target="_blank" rel="noopener"><img src="{url}" alt="{alt}" class="report-photo-preview"'
            ' loading="lazy"></a>',
            url=photo.image.url,
            alt=photo.caption,
        )


@admin.register(EventReport)
class EventReportAdmin(EventTextSearch, GroupScopedAdminMixin, PastVersionsAdmin):
    event_path = "event__"
    submitted_by_name = shown_as_name(EventReport, "submitted_by")
    reviewed_by_name = shown_as_name(EventReport, "reviewed_by")

    group_path = "event__group"
    list_display = [
        "event",
        "event_country",
        "status",
        "participants",
        "letters",
        "lanterns",
        "posters",
        "photos_taken",
        "updated_at",
    ]
    list_filter = ["status", "event__kind", EventCountryFilter]
    list_select_related = ["event"]
    search_fields = ["event__title"]  # and EventTextSearch
    search_help_text = _("Finds the event's title in any language, its venue or its city.")
    form = ReportCountsAdminForm
    inlines = [ReportCaseCountInline, ReportPhotoInline]
    actions = ["approve_reports", "reject_reports", "unapprove_reports", "export_csv"]
    COUNT_FIELDS = ["participants", "paper_signatures", "lanterns", "posters", "photos_taken"]
    fields = [
        "event",
        "submitted_by_name",
        *COUNT_FIELDS,
        "notes",
        "status",
        "rejection_reason",
        "reviewed_by_name",
        "reviewed_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        fixed = [
            "event",
            "submitted_by_name",
            "status",
            "rejection_reason",
            "reviewed_by_name",
            "reviewed_at",
        ]
        if obj is not None and obj.status == EventReport.Status.APPROVED:
            # An approved report is in the ledger; un-approve it before correcting its numbers.
            return [*fixed, *self.COUNT_FIELDS, "notes"]
        return fixed

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A coordinator's correction of the counts or photos (a report still in review) shows in its history too.
        report = form.instance
        before = (report.letters_by_case_record, report.photos_record)
        report.record_counts_and_photos()
        if (report.letters_by_case_record, report.photos_record) != before:
            report._history_user = request.user
            report.save(update_fields=["letters_by_case_record", "photos_record", "updated_at"])

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_letters=Sum("case_counts__letters"))

    @admin.display(description=_("country"), ordering="event__country")
    def event_country(self, obj):
        return obj.event.country.name

    @admin.display(description=_("letters"), ordering="_letters")
    def letters(self, obj):
        return obj._letters or 0

    @admin.action(description=_("Approve (counts go into the results)"), permissions=["change"])
    def approve_reports(self, request, queryset):
        self._change_each(
            request,
            queryset,
            to_change=queryset.exclude(status=EventReport.Status.APPROVED),
            change=services.approve_report,
            done=lambda n: ngettext(
                "%(n)d report approved: it counts in the results.",
                "%(n)d reports approved: they count in the results.",
                n,
            ),
            none=lambda n: ngettext(
                "The selected report was already approved.", "The selected reports were already approved.", n
            ),
        )

    @admin.action(description=_("Reject with a reason (the host is emailed)"), permissions=["change"])
    def reject_reports(self, request, queryset):
        return _reject_with_reason(
            self,
            request,
            queryset,
            rejectable=lambda reports: reports.exclude(status=EventReport.Status.REJECTED),
            why_not=_("This report is already rejected."),
            reject=lambda report, reason: services.reject_report(
                report=report, by=request.user, reason=reason
            ),
            title=lambda n: ngettext("Reject a report", "Reject %(n)d reports", n) % {"n": n},
            rejected=lambda n: ngettext("%(n)d report rejected.", "%(n)d reports rejected.", n) % {"n": n},
        )

    @admin.action(description=_("Export the selected reports (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        count = queryset.count()
        return csv_download(
            report_rows(queryset.order_by("event__starts_at")),
            filename=f"event-reports-{timezone.localdate():%Y-%m-%d}.csv",
            user=request.user,
            what=gettext_noop("event reports"),
            description=ngettext("%(n)d selected report", "%(n)d selected reports", count) % {"n": count},
        )

    @admin.action(description=_("Un-approve (back to review; counts are withdrawn)"), permissions=["change"])
    def unapprove_reports(self, request, queryset):
        self._change_each(
            request,
            queryset,
            to_change=queryset.filter(status=EventReport.Status.APPROVED),
            change=services.unapprove_report,
            done=lambda n: ngettext(
                "%(n)d report is back in review: its numbers no longer count until it is approved again.",
                "%(n)d reports are back in review: their numbers no longer count until they are approved again.",
                n,
            ),
            none=lambda n: ngettext(
                "The selected report was not approved.", "None of the selected reports was approved.", n
            ),
        )

    def _change_each(self, request, queryset, *, to_change, change, done, none):
        """Run `change` (a reports service) on each row it applies to, and say how many changed, or that none
        needed it: `done(n)` and `none(n)` give the messages."""
        changed = 0
        for report in to_change:
            change(report=report, by=request.user)
            changed += 1
        if changed:
            self.message_user(request, done(changed) % {"n": changed}, messages.SUCCESS)
        else:
            self.message_user(request, none(queryset.count()), messages.INFO)
