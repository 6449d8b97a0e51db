"""`make test`: PostgreSQL and Redis started by tests/services.py (or given by env)."""

import os

from tests.services import ensure_services

ensure_services()  # before base.py reads DATABASE_URL and REDIS_URL

from .base import *  # noqa: E402, F401

SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
# Each xdist worker gets its own Redis database, so clearing the cache after a
# test never touches another worker's keys.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
if REDIS_URL:
    REDIS_URL = REDIS_URL.rsplit("/", 1)[0] + f"/{int(_worker.removeprefix('gw')) + 2}"
    CACHES["default"]["LOCATION"] = REDIS_URL
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/pameran-test-media"))  # noqa: S108
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Whitenoise serves collected files in production only.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]
