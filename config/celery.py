"""Celery application. Tasks take ids and are queued in transaction.on_commit."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("pameran")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
