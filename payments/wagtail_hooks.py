"""The payments room in the Wagtail admin: payments, fee waivers, waiving a booth fee, bank
accounts and the reconciliation with Stripe, listed in the events room's "Exhibition" menu
(each viewset's ``menu_hook``, and the menu items below)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.policies import RolePermissionPolicy

from .models import BankAccount, Payment, Refund, StripeEvent, Waiver

# Policies first: Wagtail resolves a model's policy when its viewset registers.
for _model in (Payment, Refund, StripeEvent, Waiver, BankAccount):
    register_permission_policy(_model, RolePermissionPolicy(_model))

from .viewsets import BankAccountViewSet, PaymentViewSet, WaiverViewSet  # noqa: E402

payments_viewsets = (
    PaymentViewSet("payments_payment", url_prefix="exhibition/payments"),
    WaiverViewSet("payments_waiver", url_prefix="exhibition/fee-waivers"),
    BankAccountViewSet("payments_bankaccount", url_prefix="exhibition/bank-accounts"),
)


@hooks.register("register_admin_viewset")
def register_payments_viewsets():
    return list(payments_viewsets)


# Waiving a booth fee and the reconciliation: one edition at a time.
from .admin_urls import urlpatterns as payments_urlpatterns  # noqa: E402
from .admin_views import reconciliation_menu_item, waive_menu_item  # noqa: E402


@hooks.register("register_admin_urls")
def register_payments_urls():
    return payments_urlpatterns


hooks.register("register_exhibition_menu_item", waive_menu_item)
hooks.register("register_exhibition_menu_item", reconciliation_menu_item)
