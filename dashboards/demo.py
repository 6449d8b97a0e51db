"""The demo's figures API token: a fixed, published key for the demo ministry, so
``make run`` can be tried with curl. Only ever made by ``seed_demo``."""

from __future__ import annotations

from events.models import Ministry

from .models import ApiToken
from .services import _digest

# Demo data only, like the demo password: printed by ``demo_logins``.
DEMO_API_KEY = "pmr_demo0001_pameran-demo-figures-key"
DEMO_MINISTRY = "KemenUMKM"  # the demo reader kemenkop@pameran.test reads for it


def seed_api_token() -> str:
    ministry = Ministry.objects.filter(acronym=DEMO_MINISTRY).first()
    if ministry is None:
        return "no ministry, no API token"
    ApiToken.objects.get_or_create(
        prefix="demo0001",
        defaults={
            "ministry": ministry,
            "name": "Demo",
            "key_hash": _digest(DEMO_API_KEY),
            "requests_per_minute": 120,
        },
    )
    return f"API token for {ministry.acronym}"
