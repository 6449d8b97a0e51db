"""`make run`: SQLite, Celery eager, mail printed to the console. Zero setup."""

from .base import *  # noqa: F401

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Whitenoise serves collected files in production only.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]
# The demo edition takes place in August 2027: its gates act as on its first day, so a
# pass can be admitted at /scan/ today (tickets.selectors.gate_now). Empty: real dates.
TICKETS_REHEARSAL_DATE = env("TICKETS_REHEARSAL_DATE", "2027-08-12")
