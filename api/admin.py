"""The back office for integrations: API tokens (secret shown once), webhooks with their deliveries, and the
"Widgets for your website" page with copy-paste snippets. A coordinator sees only their groups' rows."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from campaigns.admin_scoping import GroupScopedAdminMixin, ReadOnlyAdminMixin
from campaigns.fields import URL_FIELDS_ASSUME_HTTPS
from campaigns.language import country_language
from campaigns.models import Campaign, LocalGroup
from campaigns.permissions import coordinated_group_ids, sees_everything
from petitions.models import Petition

from .models import GroupToken, Webhook, WebhookDelivery, WidgetCatalogue


@admin.register(GroupToken)
class GroupTokenAdmin(GroupScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "group", "prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at", ("group", admin.RelatedOnlyFieldListFilter)]  # the groups in the list
    list_select_related = ["group", "created_by"]
    autocomplete_fields = ["group"]
    search_fields = ["name", "prefix", "group__name"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return ["group", "name"] if obj is None else ["group", "name", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is None else ["group", *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead, so the record of who had access stays

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj._plain_token = obj.set_new_secret()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """The only time the secret is ever shown: on this page, right after it was created."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("Copy your new API token"),
            "token": obj,
            "secret": obj._plain_token,
            "opts": self.model._meta,
            "api_docs_url": reverse("api:docs"),
        }
        response = TemplateResponse(request, "api/admin/token_created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        done = (
            self.get_queryset(request)
            .filter(pk__in=queryset, revoked_at__isnull=True)
            .update(revoked_at=timezone.now())
        )
        self.message_user(
            request, ngettext("%d token revoked.", "%d tokens revoked.", done) % done, messages.SUCCESS
        )


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    fields = ["topic", "status", "attempts", "log", "next_attempt_at", "delivered_at", "created_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False
    ordering = ["-created_at", "-id"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Webhook)
class WebhookAdmin(GroupScopedAdminMixin, admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["url", "group", "active", "created_at"]
    list_filter = ["active", ("group", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["group"]
    search_fields = ["url", "group__name"]
    autocomplete_fields = ["group"]
    readonly_fields = ["secret", "created_by", "created_at"]
    inlines = [WebhookDeliveryInline]

    def get_fields(self, request, obj=None):
        return (
            ["group", "url", "active"] if obj is None else ["group", "url", "active", *self.readonly_fields]
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        url_field = form.base_fields.get("url")
        if url_field is not None:
            url_field.validators = [*url_field.validators, validate_webhook_url]
            url_field.help_text = _(
                "Where we POST signed JSON notifications of new sign-ups and approved reports."
            )
        return form


def validate_webhook_url(value: str) -> None:
    if not value.lower().startswith("https://") and not settings.API_WEBHOOK_ALLOW_HTTP:
        raise ValidationError(_("Webhook addresses must start with https://."))
    host = (urlsplit(value).hostname or "").lower()
    try:
        inside = not ipaddress.ip_address(host).is_global
    except ValueError:  # a name: the well-known local ones are refused here, the rest on each delivery
        inside = host == "localhost" or host.endswith((".localhost", ".local", ".internal"))
    if inside and not settings.API_WEBHOOK_ALLOW_PRIVATE:
        # Checked again on every delivery, on the connected address, whatever the name resolves to then.
        raise ValidationError(_("Webhook addresses must be on the public internet, not inside this network."))


# --- widgets ----------------------------------------------------------------------------------------------


# Frame heights (CSS px) that show each widget whole on a 320 px wide phone: the petition widget holds the
# counter, the progress bar and its sign button (tests/browser/test_phones.py measures them).
# Room for a two-line title and the longest translation of "Pause live updates" on a 320 px phone.
EMBED_HEIGHTS = {"campaign": 240, "petition": 340, "events": 360}


def widget_language(country_code: str) -> str:
    """The language an events widget for a country speaks: the country's own where the site has it (Paraguay's
    Spanish, Poland's Polish), else the coordinator's. The visitor can still switch on the pages it links to."""
    return country_language(country_code) or translation.get_language()


def iframe_snippet(url: str, *, title: str, height: int) -> str:
    """The HTML a section pastes; the address and the title escaped as attribute values ("&" → "&amp;")."""
    url, title = escape(url), escape(title)
    return (
        f'<iframe src="{url}" title="{title}" width="100%" height="{height}" '
        f'style="border:0;max-width:480px" loading="lazy"></iframe>'
    )


@admin.register(WidgetCatalogue)
class WidgetCatalogueAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """One page of copy-paste snippets; nothing here is secret, so every back-office user may see it."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def changelist_view(self, request, extra_context=None):
        site = settings.SITE_URL
        campaigns = [
            {
                "object": campaign,
                "url": site + reverse("results:campaign-embed", args=[campaign.slug]),
                "title": campaign.name,
            }
            for campaign in Campaign.objects.order_by("-is_active", "-starts_on")
        ]
        petitions = [
            {
                "object": petition,
                "url": site + reverse("petitions:embed", args=[petition.slug]),
                "title": petition.title,
            }
            for petition in Petition.objects.public().order_by("-opens_at", "-id")
        ]
        groups = LocalGroup.objects.active()
        if not sees_everything(request.user):
            groups = groups.filter(pk__in=coordinated_group_ids(request.user))
        codes = sorted({str(code) for code in groups.values_list("country", flat=True)})
        events = [
            {
                "code": code,
                "name": countries.name(code),
                "url": f"{site}{reverse('api:events-embed')}?country={code}&language={widget_language(code)}",
                "title": str(_("Upcoming events in %(country)s") % {"country": countries.name(code)}),
            }
            for code in codes
        ]
        for kind, rows in (("campaign", campaigns), ("petition", petitions), ("events", events)):
            for row in rows:
                row["snippet"] = iframe_snippet(row["url"], title=row["title"], height=EMBED_HEIGHTS[kind])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Widgets for your website"),
            "opts": self.model._meta,
            "campaigns": campaigns,
            "petitions": petitions,
            "events": events,
            "api_docs_url": reverse("api:docs"),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "api/admin/widgets.html", context)
