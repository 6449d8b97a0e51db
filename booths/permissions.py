"""Who may see and change floor plans and who stands where."""

from accounts.models import Role
from accounts.permissions import ScopedRole, register

R = Role

# The plan of an edition is its organizers' to draw.
for verb in ("view", "add", "change", "delete"):
    register(f"booths.{verb}_hall", ScopedRole({R.ORGANIZER: "event"}))
    register(f"booths.{verb}_boothtype", ScopedRole({R.ORGANIZER: "event"}))
    register(f"booths.{verb}_zone", ScopedRole({R.ORGANIZER: "hall__event"}))
    register(f"booths.{verb}_booth", ScopedRole({R.ORGANIZER: "hall__event"}))

# Allocations: organizers place and move; an exhibitor sees its own and holds for itself.
register(
    "booths.view_allocation",
    ScopedRole({R.ORGANIZER: "booth__hall__event", R.EXHIBITOR: "application__business"}),
)
register("booths.allocate", ScopedRole({R.ORGANIZER: "booth__hall__event"}))
register("booths.hold_booth", ScopedRole({R.EXHIBITOR: "application__business"}))
for verb in ("view", "add", "change"):
    register(f"booths.{verb}_allocationproposal", ScopedRole({R.ORGANIZER: "event"}))

# Self-selection windows and the reports of an edition are its organizers' too.
for verb in ("view", "add", "change", "delete"):
    register(f"booths.{verb}_selectionwindow", ScopedRole({R.ORGANIZER: "event"}))
register("booths.view_reports", ScopedRole({R.ORGANIZER: ""}))  # checked on an events.Event
