from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class ApiPagination(PageNumberPagination):
    """`?page=N&per_page=M`, OSDI's names for them, with totals beside the results."""

    page_query_param = "page"
    page_size_query_param = "per_page"

    @property
    def page_size(self):
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        """`page` and `per_page` are whole numbers from 1 (`page=last` too): anything else is a 400 naming the
        parameter, not DRF's 404 "Invalid page" or a silent default. A page past the last stays a 404."""
        errors = {}
        for name in (self.page_query_param, self.page_size_query_param):
            raw = request.query_params.get(name)
            if raw is None or (name == self.page_query_param and raw in self.last_page_strings):
                continue
            if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
                errors[name] = [f"A whole number from 1 is expected, not {raw[:20]!r}."]
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def _with_actual_page_size(self, url):
        """A capped `per_page` (500 → 200) is written into the links as the size actually served."""
        if url and self.page_size_query_param in self.request.query_params:
            url = replace_query_param(url, self.page_size_query_param, self.page.paginator.per_page)
        return url

    def get_next_link(self):
        return self._with_actual_page_size(super().get_next_link())

    def get_previous_link(self):
        return self._with_actual_page_size(super().get_previous_link())

    def get_paginated_response(self, data):
        return Response(
            {
                "total_records": self.page.paginator.count,
                "total_pages": self.page.paginator.num_pages,
                "page": self.page.number,
                "per_page": self.page.paginator.per_page,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        nullable_uri = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["total_records", "total_pages", "page", "per_page", "next", "previous", "results"],
            "properties": {
                "total_records": {"type": "integer"},
                "total_pages": {"type": "integer"},
                "page": {"type": "integer"},
                "per_page": {"type": "integer"},
                "next": nullable_uri,
                "previous": nullable_uri,
                "results": schema,
            },
        }
