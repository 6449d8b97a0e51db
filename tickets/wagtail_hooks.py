"""The tickets room in the Wagtail admin: pass types, gates, passes, pass emails, scanner
devices, the waiting list, badge sheets, the gates' live figures and the signing keys,
listed in the events room's "Exhibition" menu (each viewset's ``menu_hook``, and the
menu items below)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.policies import RolePermissionPolicy

from .models import (
    BadgeSheetJob,
    CheckIn,
    Gate,
    GateDevice,
    Pass,
    PassDelivery,
    PassType,
    Registration,
    WaitlistEntry,
)

# Policies first: Wagtail resolves a model's policy when its viewset registers.
for _model in (
    PassType,
    Gate,
    Pass,
    PassDelivery,
    GateDevice,
    WaitlistEntry,
    Registration,
    CheckIn,
    BadgeSheetJob,
):
    register_permission_policy(_model, RolePermissionPolicy(_model))

from .viewsets import (  # noqa: E402
    GateDeviceViewSet,
    GateViewSet,
    PassDeliveryViewSet,
    PassTypeViewSet,
    PassViewSet,
    WaitlistEntryViewSet,
)

tickets_viewsets = (
    PassViewSet("tickets_pass", url_prefix="exhibition/passes"),
    PassTypeViewSet("tickets_passtype", url_prefix="exhibition/pass-types"),
    PassDeliveryViewSet("tickets_passdelivery", url_prefix="exhibition/pass-emails"),
    WaitlistEntryViewSet("tickets_waitlistentry", url_prefix="exhibition/waiting-list"),
    GateViewSet("tickets_gate", url_prefix="exhibition/gates"),
    GateDeviceViewSet("tickets_gatedevice", url_prefix="exhibition/scanner-devices"),
)


@hooks.register("register_admin_viewset")
def register_tickets_viewsets():
    return list(tickets_viewsets)


# Badge sheets, the gates' live figures and the signing keys: one edition at a time.
from .admin_urls import urlpatterns as tickets_urlpatterns  # noqa: E402
from .admin_views import badges_menu_item, live_menu_item, security_menu_item  # noqa: E402


@hooks.register("register_admin_urls")
def register_tickets_urls():
    return tickets_urlpatterns


hooks.register("register_exhibition_menu_item", badges_menu_item)
hooks.register("register_exhibition_menu_item", live_menu_item)
hooks.register("register_exhibition_menu_item", security_menu_item)
