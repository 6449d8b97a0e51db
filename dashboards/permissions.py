"""Who reads the figures.

Ministry readers read every published edition's totals (they fund the exhibition
nationally); an edition's organizers read their own. Figures of a ministry programme
alone belong to that programme's ministry: another ministry's reader or token is refused
them. API tokens are made and revoked by organizers.
"""

from accounts.models import Role
from accounts.permissions import AnyScope, Either, ScopedRole, register

R = Role

register(
    "dashboards.view_figures",
    Either((AnyScope((R.MINISTRY_READER,)), ScopedRole({R.ORGANIZER: ""}))),
)
register(
    "dashboards.view_programme_figures",
    Either((AnyScope((R.ORGANIZER,)), ScopedRole({R.MINISTRY_READER: "ministry"}))),
)
for verb in ("view", "add", "change"):
    register(f"dashboards.{verb}_apitoken", AnyScope((R.ORGANIZER,)))
