"""Who may see and change businesses, their files, and their applications.

A business's managers hold the exhibitor role over it. Association admins see the
businesses that applied through their association once the application is submitted
(drafts stay private), and act on those applications; organizers see and decide the
applications to the editions they run.
"""

from django.db.models import Q

from accounts.models import Role
from accounts.permissions import ScopedRole, register

from .models import ApplicationStatus

R = Role
# Positive filters on purpose: a negated filter across a reverse relation would mean
# "has no draft anywhere", not "through an application that is not a draft".
SUBMITTED_STATUSES = [s for s in ApplicationStatus.values if s != ApplicationStatus.DRAFT]


def _reviewers(to_business: str) -> ScopedRole:
    """The business's managers, plus the reviewers of its submitted applications."""
    applications = f"{to_business}__applications" if to_business else "applications"
    return ScopedRole(
        {
            R.EXHIBITOR: to_business,
            R.ASSOCIATION_ADMIN: f"{applications}__association",
            R.ORGANIZER: f"{applications}__event",
        },
        where={R.ASSOCIATION_ADMIN: Q(**{f"{applications}__status__in": SUBMITTED_STATUSES})},
    )


# The profile: its managers edit it; reviewers of its applications read it.
register("exhibitors.view_business", _reviewers(""))
register("exhibitors.change_business", ScopedRole({R.EXHIBITOR: ""}))
register("exhibitors.manage_business_managers", ScopedRole({R.EXHIBITOR: ""}))

for model in ("product", "certification", "document"):
    register(f"exhibitors.view_{model}", _reviewers("business"))
    for verb in ("add", "change", "delete"):
        register(f"exhibitors.{verb}_{model}", ScopedRole({R.EXHIBITOR: "business"}))

# Applications.
register(
    "exhibitors.view_application",
    ScopedRole(
        {R.EXHIBITOR: "business", R.ASSOCIATION_ADMIN: "association", R.ORGANIZER: "event"},
        where={R.ASSOCIATION_ADMIN: Q(status__in=SUBMITTED_STATUSES)},
    ),
)
for verb in ("add", "change", "submit", "withdraw"):
    register(f"exhibitors.{verb}_application", ScopedRole({R.EXHIBITOR: "business"}))
# The association vouches for its members; the organizer decides.
register(
    "exhibitors.verify_application",
    ScopedRole(
        {R.ASSOCIATION_ADMIN: "association"},
        where={R.ASSOCIATION_ADMIN: Q(status__in=SUBMITTED_STATUSES)},
    ),
)
register("exhibitors.decide_application", ScopedRole({R.ORGANIZER: "event"}))
