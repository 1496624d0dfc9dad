"""The rollup job as a task, enqueued (at most once per delay window) after each ledger write commits."""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from .rollup import update_rollups

PENDING_KEY = "results:rollup-pending"


@task()
def update_results() -> int:
    # Forget the "pending" mark before reading: a write that commits after this line schedules another run.
    cache.delete(PENDING_KEY)
    return update_rollups()


def schedule_rollup() -> None:
    """Enqueue the rollup job to run `RESULTS_ROLLUP_DELAY_SECONDS` from now, unless one is already due.

    The delay is the bound the README states: a committed action shows on the pages within that many seconds
    (plus the worker's polling interval). `manage.py update_results` from cron is the safety net.
    """
    delay = settings.RESULTS_ROLLUP_DELAY_SECONDS
    if delay and not cache.add(PENDING_KEY, True, timeout=delay):
        return
    job = update_results
    if delay and job.get_backend().supports_defer:
        job = job.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    job.enqueue()


def schedule_rollup_on_commit(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save receiver for `campaigns.Action` (connected in ResultsConfig.ready)."""
    if not created or raw:
        return
    if any(callback is schedule_rollup for _sids, callback, _robust in connection.run_on_commit):
        return  # one run per transaction, however many actions it records
    transaction.on_commit(schedule_rollup)
