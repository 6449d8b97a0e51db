"""Who may do what to events, venues, associations, participations, ministries, programmes."""

from accounts.models import Role
from accounts.permissions import AnyScope, Either, ScopedRole, register

R = Role

# An edition: its organizers run it; gate staff see it and scan at its gates.
register("events.view_event", ScopedRole({R.ORGANIZER: "", R.GATE_STAFF: ""}))
register("events.change_event", ScopedRole({R.ORGANIZER: ""}))
register("events.operate_gates", ScopedRole({R.ORGANIZER: "", R.GATE_STAFF: ""}))
# Creating and deleting editions is for platform superusers (no rule).

for verb in ("view", "add", "change", "delete"):
    register(f"events.{verb}_eventday", ScopedRole({R.ORGANIZER: "event"}))

# Participations: the edition's organizers set quotas; association admins read theirs.
register(
    "events.view_participation",
    ScopedRole({R.ORGANIZER: "event", R.ASSOCIATION_ADMIN: "association"}),
)
for verb in ("add", "change", "delete"):
    register(f"events.{verb}_participation", ScopedRole({R.ORGANIZER: "event"}))

# Associations exist across editions; organizers of any edition keep the register,
# an association admin keeps its own contact details.
register(
    "events.view_association",
    Either((AnyScope((R.ORGANIZER,)), ScopedRole({R.ASSOCIATION_ADMIN: ""}))),
)
register(
    "events.change_association",
    Either((AnyScope((R.ORGANIZER,)), ScopedRole({R.ASSOCIATION_ADMIN: ""}))),
)
register("events.add_association", AnyScope((R.ORGANIZER,)))

# Venues are shared reference data for organizers.
for verb in ("view", "add", "change"):
    register(f"events.{verb}_venue", AnyScope((R.ORGANIZER,)))

# Ministries and programmes: organizers keep them; a ministry reader sees its own.
register(
    "events.view_ministry",
    Either((AnyScope((R.ORGANIZER,)), ScopedRole({R.MINISTRY_READER: ""}))),
)
register(
    "events.view_programme",
    Either((AnyScope((R.ORGANIZER,)), ScopedRole({R.MINISTRY_READER: "ministry"}))),
)
for verb in ("add", "change"):
    register(f"events.{verb}_ministry", AnyScope((R.ORGANIZER,)))
    register(f"events.{verb}_programme", AnyScope((R.ORGANIZER,)))
