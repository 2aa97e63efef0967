import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start_django(**env_overrides) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_overrides}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={k: v for k, v in env.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a boolean"),
        ("DB_CONN_MAX_AGE", "ten", "DB_CONN_MAX_AGE='ten' is not a whole number"),
        ("DATABASE_URL", "mysql://db/saphire", "DATABASE_URL='mysql://db/saphire' is not a valid URL"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL='localhost:6379' is not a valid URL"),
        ("EMAIL_USE_TLS", "sometimes", "EMAIL_USE_TLS='sometimes' is not a boolean"),
        ("CELERY_WORKER_NICE", "-5", "CELERY_WORKER_NICE=-5 is not a nice increment from 0 to 19"),
    ],
)
def test_bad_environment_value_stops_startup_naming_the_variable(variable, value, expected):
    result = start_django(**{variable: value})

    assert result.returncode != 0
    assert expected in result.stderr


def test_production_without_secret_key_refuses_to_start():
    result = start_django(SAPHIRE_TESTING="false", DEBUG="false", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_cache_and_broker_on_one_redis_are_refused():
    result = start_django(REDIS_URL="redis://127.0.0.1:6399/0", CACHE_REDIS_URL="redis://127.0.0.1:6399/0")

    assert result.returncode != 0
    assert "CACHE_REDIS_URL and REDIS_URL name the same Redis" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    # Only what production sets: nothing inherited from the developer's environment.
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "false",
        "SAPHIRE_TESTING": "false",
        "SECRET_KEY": "a-production-secret-that-is-long-and-random-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c",
        "ALLOWED_HOSTS": "portal.example.eu",
        "DATABASE_URL": "postgresql://saphire@db.invalid:5432/saphire",
        "REDIS_URL": "redis://redis.invalid:6379/0",
        "CACHE_REDIS_URL": "redis://cache.invalid:6379/0",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
