"""Who may run passes and gates: an edition's organizers; gate staff scan at its gates."""

from accounts.models import Role
from accounts.permissions import ScopedRole, register

R = Role

# Pass types, gates, passes and the waiting list of an edition are its organizers'.
for verb in ("view", "add", "change", "delete"):
    register(f"tickets.{verb}_passtype", ScopedRole({R.ORGANIZER: "event"}))
    register(f"tickets.{verb}_gate", ScopedRole({R.ORGANIZER: "event"}))
    register(f"tickets.{verb}_waitlistentry", ScopedRole({R.ORGANIZER: "event"}))
for verb in ("view", "add", "change"):
    register(f"tickets.{verb}_pass", ScopedRole({R.ORGANIZER: "event"}))
register("tickets.view_registration", ScopedRole({R.ORGANIZER: "event"}))
register("tickets.view_passdelivery", ScopedRole({R.ORGANIZER: "visitor_pass__event"}))
register("tickets.add_badgesheetjob", ScopedRole({R.ORGANIZER: "event"}))
register("tickets.view_badgesheetjob", ScopedRole({R.ORGANIZER: "event"}))

# Scans: organizers read them all; the live figures are asked on an events.Event.
register("tickets.view_checkin", ScopedRole({R.ORGANIZER: "event"}))
register("tickets.view_live_figures", ScopedRole({R.ORGANIZER: ""}))
register("tickets.manage_signing_keys", ScopedRole({R.ORGANIZER: ""}))

# Scanner devices: gate staff sign their phone in (events.operate_gates); organizers
# see every device of the edition and revoke any.
register("tickets.view_gatedevice", ScopedRole({R.ORGANIZER: "event"}))
register("tickets.change_gatedevice", ScopedRole({R.ORGANIZER: "event"}))
