import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    yield
    cache.clear()
