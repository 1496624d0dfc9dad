import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.views.generic import ListView


class CachedCountPaginator(Paginator):
    """A paginator whose total is kept in the shared cache for `timeout` seconds under `cache_key`.

    A public list's result count is a COUNT over every matching row; with the count cached, paging through a
    list, or many visitors on the same filters, counts once a minute instead of on every page view.
    """

    def __init__(self, object_list, per_page, *, cache_key: str, timeout: int = 60, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cache_key = cache_key
        self.timeout = timeout

    @cached_property
    def count(self) -> int:
        count = cache.get(self.cache_key)
        if count is None:
            count = Paginator.count.func(self)
            cache.set(self.cache_key, count, self.timeout)
        return count


def query_cache_key(prefix: str, query) -> str:
    """A stable key for a set of GET parameters (order-insensitive), e.g. a filter combination."""
    items = sorted((key, value) for key in query for value in query.getlist(key))
    return f"{prefix}:{hashlib.sha256(repr(items).encode()).hexdigest()[:32]}"


class ForgivingListView(ListView):
    """A public list whose `?page=abc` shows the first page and `?page=99` the last, as the event list and the
    message wall do (Paginator.get_page), instead of ListView's 404 for a link typed or kept too long."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
