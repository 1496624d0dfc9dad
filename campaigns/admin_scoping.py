"""Admin rows scoped to the coordinator's own groups — one mixin for every back-office model.

A model admin names the ORM path from its model to a LocalGroup in `group_path`; the queryset, object
permissions, foreign-key choices, autocomplete and actions then all follow `campaigns.permissions.scope_to_groups`.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404

from .models import LocalGroup
from .permissions import coordinated_group_ids, scope_to_countries, scope_to_groups, sees_everything


def shown_as_name(model, field: str):
    """A read-only person (reviewed by, printed by, entered by…) shown by name. Django links a read-only foreign
    key to the related object's page without asking whether the reader may open it, and only staff may open
    an account's page: for a coordinator every such name led to "403 Forbidden". Set as the model admin's
    attribute of the same name, which Django's admin uses before the model's field."""

    @admin.display(description=model._meta.get_field(field).verbose_name, ordering=field)
    def display(model_admin, obj):
        person = getattr(obj, field)
        return str(person) if person is not None else model_admin.get_empty_value_display()

    return display


class ReadOnlyAdminMixin:
    """A record the back office shows but never adds, edits or deletes (logs, opt-outs, the ledger)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GroupScopedAdminMixin:
    group_path: str = "group"

    def scope(self, queryset, user):
        return scope_to_groups(queryset, user, self.group_path)

    def get_queryset(self, request):
        return self.scope(super().get_queryset(request), request.user)

    def is_in_scope(self, request, obj) -> bool:
        if obj is None or sees_everything(request.user):
            return True
        return self.scope(self.model._default_manager.filter(pk=obj.pk), request.user).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.is_in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.is_in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.is_in_scope(request, obj)

    def _refuse_out_of_scope(self, request, object_id):
        """Guessing another group's id in the URL gets a 404, the same as an id that does not exist; so does an id
        that is not one ("38/change", from an address typed after the change page's): `get_object` reads it as
        Django's admin does, where a filter on it raised a ValueError, a 500."""
        if (
            object_id
            and not sees_everything(request.user)
            and self.get_object(request, unquote(object_id)) is None
        ):
            raise Http404

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._refuse_out_of_scope(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._refuse_out_of_scope(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_out_of_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history's page for one past version: the same scope as the object itself."""
        self._refuse_out_of_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scoped = scoped_choices(self.admin_site, db_field.related_model, request)
        if scoped is not None:
            kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        scoped = scoped_choices(self.admin_site, db_field.related_model, request)
        if scoped is not None:
            kwargs["queryset"] = scoped
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def scoped_choices(admin_site, related_model, request):
    """The rows a user may pick for a relation: their groups, or what a scoped admin of that model shows."""
    if sees_everything(request.user):
        return None
    if related_model is LocalGroup:
        return LocalGroup.objects.filter(pk__in=coordinated_group_ids(request.user))
    related_admin = admin_site._registry.get(related_model)
    if isinstance(related_admin, GroupScopedAdminMixin):
        return related_admin.get_queryset(request)
    return None


class CountryScopedAdminMixin(GroupScopedAdminMixin):
    """For rows tied to a country, not a group: coordinators see those from their groups' countries."""

    country_path: str = "country"

    def scope(self, queryset, user):
        return scope_to_countries(queryset, user, self.country_path)
