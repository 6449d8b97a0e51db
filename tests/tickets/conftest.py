from tests.tickets.world import ticket_world  # noqa: F401 — the small edition most tests use
