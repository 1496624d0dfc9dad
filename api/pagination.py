from django.conf import settings
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


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
