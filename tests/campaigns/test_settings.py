"""Settings are read from the environment; these run Django in a fresh process to see what it does."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "MARATHON_TESTING": "0",
    "SECRET_KEY": "x9!prod-like-" + "k" * 50,
    "ALLOWED_HOSTS": "marathon.example.org",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_refuses_to_start_without_a_secret_key_when_not_debugging():
    result = run_manage("check", env={"DEBUG": "0", "MARATHON_TESTING": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_runs_with_the_development_secret():
    result = run_manage("check", env={"DEBUG": "1", "MARATHON_TESTING": "0"})
    assert result.returncode == 0, result.stderr


def test_check_deploy_reports_nothing_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_url_selects_postgresql_with_the_native_pool():
    code = (
        "from django.conf import settings; db = settings.DATABASES['default']; "
        "print(db['ENGINE'], db['CONN_MAX_AGE'], sorted(db['OPTIONS']['pool']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            **os.environ,
            **PRODUCTION,
            "DATABASE_URL": "postgres://u@db.example.org:5432/marathon",
            "DJANGO_SETTINGS_MODULE": "marathon.settings",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "0",
        "['max_size',",
        "'min_size',",
        "'timeout']",
    ]
