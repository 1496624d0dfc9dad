"""The production app server's settings (marathon/gunicorn_config.py), which the README's deployment guide and the
benchmark start gunicorn with."""

import gc
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from marathon.gunicorn_config import post_worker_init

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def test_a_worker_takes_what_it_loaded_out_of_the_garbage_collectors_walks():
    gc.unfreeze()
    try:
        post_worker_init(worker=None)
        # Django, the apps, their models and URL patterns: tens of thousands of long-lived objects.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this environment")
def test_gunicorn_serves_the_site_with_these_settings(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marathon.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
    }
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "python:marathon.gunicorn_config", "marathon.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                # The privacy page needs no database: it shows that a worker started and answers.
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/privacy/", timeout=5) as answer:  # nosec B310
                    assert answer.status == 200
                    assert b"<html" in answer.read()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-3000:]
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=20)
