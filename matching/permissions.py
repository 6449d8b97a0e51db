"""Who may see and act on buyers, sessions, meetings and the deal ledger.

The matching desk is the edition's organizers. A buyer's accounts act for the buyer, an
exhibitor's for its business; each sees its own meetings and deals. Who may confirm a
deal (the *other* party) and who may void it are rules of the deal's state as well as of
the person, so ``matching.services`` asks these rules and then checks the state.
"""

from accounts.models import Role
from accounts.permissions import AnyScope, Either, ScopedRole, register

R = Role

# Buyers exist across editions: organizers keep the register; a buyer keeps its profile;
# exhibitors read buyer profiles to ask for meetings (no personal data on a buyer).
register(
    "matching.view_buyer",
    Either((AnyScope((R.ORGANIZER, R.EXHIBITOR)), ScopedRole({R.BUYER: ""}))),
)
register("matching.change_buyer", Either((AnyScope((R.ORGANIZER,)), ScopedRole({R.BUYER: ""}))))
register("matching.add_buyer", AnyScope((R.ORGANIZER,)))
register("matching.delete_buyer", AnyScope((R.ORGANIZER,)))

for model in ("buyerparticipation", "matchingsession"):
    for verb in ("view", "add", "change", "delete"):
        register(f"matching.{verb}_{model}", ScopedRole({R.ORGANIZER: "event"}))
register("matching.view_slot", ScopedRole({R.ORGANIZER: "session__event"}))

# The matching desk of an edition: schedules, checks meetings in, verifies deals.
register("matching.run_desk", ScopedRole({R.ORGANIZER: ""}))

register(
    "matching.view_meeting",
    ScopedRole({R.ORGANIZER: "event", R.BUYER: "buyer", R.EXHIBITOR: "business"}),
)
register("matching.change_meeting", ScopedRole({R.ORGANIZER: "event"}))

register(
    "matching.view_transaction",
    ScopedRole({R.ORGANIZER: "event", R.BUYER: "buyer", R.EXHIBITOR: "business"}),
)
register("matching.verify_transaction", ScopedRole({R.ORGANIZER: "event"}))
# Acting for one side of a deal or a meeting.
register("matching.act_for_buyer", ScopedRole({R.BUYER: ""}))
register("matching.act_for_business", ScopedRole({R.EXHIBITOR: ""}))
