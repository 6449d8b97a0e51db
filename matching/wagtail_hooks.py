"""The matching room in the Wagtail admin: one "Business matching" (Temu bisnis) menu with
buyers, matching sessions, meetings and the deal ledger (matching/viewsets.py)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.policies import RolePermissionPolicy

from .models import Buyer, BuyerParticipation, MatchingSession, Meeting, Slot, Transaction

# Policies first: Wagtail resolves a model's policy when its viewset registers.
for _model in (Buyer, BuyerParticipation, MatchingSession, Slot, Meeting, Transaction):
    register_permission_policy(_model, RolePermissionPolicy(_model))


@hooks.register("register_admin_viewset")
def register_matching_viewsets():
    from .viewsets import MatchingViewSetGroup

    return MatchingViewSetGroup()
