"""List filters the apps' back-office lists share."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class CountryFilter(admin.SimpleListFilter):
    """The countries that have rows in the coordinator's own list, by name (not all 250, not their codes)."""

    title = _("country")
    parameter_name = "country"
    country_path = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request).order_by().values_list(self.country_path, flat=True).distinct()
        )
        return sorted(((code, countries.name(code)) for code in codes if code), key=lambda item: item[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.country_path: self.value()})
        return queryset


class ExportKindFilter(admin.SimpleListFilter):
    """The kinds of export in the list, in the reader's language (they are stored in English)."""

    title = _("kind of export")
    parameter_name = "what"

    def lookups(self, request, model_admin):
        kinds = model_admin.get_queryset(request).order_by().values_list("what", flat=True).distinct()
        return sorted(((kind, gettext(kind)) for kind in kinds), key=lambda item: item[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(what=self.value())
        return queryset
