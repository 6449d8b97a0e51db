import pytest
from django.core.cache import cache

from tests.browser import browser, page  # noqa: F401 — Playwright fixtures for every test


@pytest.fixture(autouse=True)
def _clear_cache():
    yield
    cache.clear()  # flushes this worker's own Redis database only (see config/settings/test.py)
