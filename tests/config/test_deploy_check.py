"""Production settings pass Django's deployment checklist and refuse to start half-configured."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Variables of the test process that must not leak into the production run.
_LEAKY = ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")


def production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in _LEAKY}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
            "ALLOWED_HOSTS": "pameran.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://pameran.example.org",
            "WAGTAILADMIN_BASE_URL": "https://pameran.example.org",
        }
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output


def test_check_deploy_fails_on_a_weak_secret_key():
    # The same command does fail when a setting is wrong, so the test above means something.
    env = production_env(SECRET_KEY="short-and-guessable")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_check_deploy_fails_when_ssl_redirect_is_switched_off():
    env = production_env(SECURE_SSL_REDIRECT="false")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without_a_required_variable(missing):
    result = manage("check", env=production_env(**{missing: None}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set in production." in result.stderr


def test_an_empty_secret_key_counts_as_missing():
    result = manage("check", env=production_env(SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production." in result.stderr
