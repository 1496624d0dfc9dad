"""gunicorn's settings for Marathon: `gunicorn -c python:marathon.gunicorn_config marathon.wsgi:application`.

Every setting can still be given on the command line or in `GUNICORN_CMD_ARGS`, which win over this file.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# About two worker processes per core plus one; each with a few threads, since a request waits on PostgreSQL and
# Redis for part of its time. Each thread keeps a database connection (README "PostgreSQL connections").
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_tmp_dir = "/dev/shm"  # nosec B108 (gunicorn's advice: heartbeat files in memory, not on a slow disk)
keepalive = 5  # behind nginx, which keeps its own connections to the app server open
graceful_timeout = 5


def post_worker_init(worker) -> None:
    """Once the worker has loaded Django, load what its first requests would (marathon/warmup.py), then move
    everything loaded so far out of the garbage collector's sight.

    A loaded Django site is ~150,000 container objects (models, URL patterns, templates, translations) that
    live as long as the worker. Python's full collections walk them all: 80–120 ms, during which none of the
    worker's threads answers. Frozen, they are skipped (gc.freeze, as the Python docs advise for long-lived
    objects in forked servers): a full collection then walks what requests left behind.
    """
    from marathon.warmup import warm_up  # Django is set up by now: the worker has loaded the application

    warm_up()
    gc.collect()
    gc.freeze()
