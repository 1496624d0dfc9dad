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


def _database_settings(**extra) -> list[str]:
    code = (
        "from django.conf import settings; db = settings.DATABASES['default']; "
        "print(db['ENGINE'], db['CONN_MAX_AGE'], db.get('CONN_HEALTH_CHECKS'), sorted(db['OPTIONS'].get('pool', {})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            **os.environ,
            **PRODUCTION,
            "DATABASE_URL": "postgres://u@db.example.org:5432/marathon",
            "DJANGO_SETTINGS_MODULE": "marathon.settings",
            **extra,
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_database_url_selects_postgresql_with_checked_persistent_connections():
    assert _database_settings() == ["django.db.backends.postgresql", "60", "True", "[]"]


def test_database_pool_selects_the_native_pool_that_checks_connections():
    assert _database_settings(DATABASE_POOL="1") == [
        "django.db.backends.postgresql",
        "0",
        "False",
        "['check',",
        "'max_size',",
        "'min_size',",
        "'timeout']",
    ]
