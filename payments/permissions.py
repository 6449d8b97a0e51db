"""Who handles money: an edition's organizers see its payments, record transfers, waive
fees and refund. Payers see their own payments through the purpose they pay for."""

from accounts.models import Role
from accounts.permissions import ScopedRole, register

R = Role

for verb in ("view", "change"):
    register(f"payments.{verb}_payment", ScopedRole({R.ORGANIZER: "event"}))
register("payments.receive_payment", ScopedRole({R.ORGANIZER: "event"}))
register("payments.refund_payment", ScopedRole({R.ORGANIZER: "event"}))
register("payments.view_refund", ScopedRole({R.ORGANIZER: "payment__event"}))
for verb in ("view", "add"):
    register(f"payments.{verb}_waiver", ScopedRole({R.ORGANIZER: "event"}))
for verb in ("view", "add", "change", "delete"):
    register(f"payments.{verb}_bankaccount", ScopedRole({R.ORGANIZER: "event"}))
register("payments.view_stripeevent", ScopedRole({R.ORGANIZER: "payment__event"}))
register("payments.reconcile", ScopedRole({R.ORGANIZER: ""}))  # checked on an events.Event
