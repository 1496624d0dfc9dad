"""The benchmark's baseline: the cheapest useful request this stack serves, measured in the same run as the
real pages so their throughput can be given as a ratio to it (`make bench`, README "Performance").

Routed only when the BENCHMARK setting is on; the table is created by `create_baseline_table()` (the bench
does it), so no model or migration exists for it.
"""

from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

TABLE = "bench_baseline"


def create_baseline_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (created_at TIMESTAMP WITH TIME ZONE NOT NULL)")


@csrf_exempt  # a benchmark probe without a form; it is never routed in production
@require_POST
def baseline(request):
    """One INSERT and a two-byte answer, through the same middleware as every page."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (created_at) VALUES (%s)", [timezone.now()])  # nosec B608
    return HttpResponse("ok", content_type="text/plain")
