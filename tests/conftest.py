import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.browser import browser, page  # noqa: F401 — Playwright fixtures for every test


@pytest.fixture(autouse=True)
def _default_language():
    # Every test starts in Indonesian, the default, whatever an earlier request activated.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english():
    """Run the test with English active, for assertions on English messages."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    from cms.remembered import forget_remembered
    from tickets.selectors import forget_memos

    forget_memos()  # editions, pass types and devices remembered by an earlier test's ids
    forget_remembered()  # and the public site's reads, in whichever cache a test uses
    yield
    forget_memos()
    cache.clear()  # flushes this worker's own Redis database only (see config/settings/test.py)
