"""The check-in API for gate scanners (django-ninja, in the OpenAPI schema).

A phone signs in once with the gate staff's session (``POST /devices``) and gets a
bearer token for its gate; every other call carries that token. A revoked device is
refused at once. Scans carry a client nonce, so a scan sent twice — a retry after a
timeout, or an offline batch uploaded again — is applied once and answered the same.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import HttpBearer, SessionAuth

from accounts.permissions import can

from .models import Direction, Gate, GateDevice
from .selectors import (
    active_device,
    admitted_since,
    gate_now,
    revocations_since,
    scanner_config,
    today_of,
)
from .services import (
    Scan,
    ScanOutcome,
    checkin_redeem,
    checkin_upload,
    gate_device_register,
    gate_device_revoke,
    token_digest,
)

LAST_SEEN_EVERY = 60  # seconds: a device's last_seen_at is written at most this often
MAX_BATCH = 500


class DeviceAuth(HttpBearer):
    """A scanner device's bearer token, looked up by its digest; revoked devices are refused."""

    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        if not token or len(token) > 100:
            return None
        device = active_device(token_digest(token))
        if device is None:
            return None
        now = timezone.now()
        if (
            device.last_seen_at is None
            or (now - device.last_seen_at).total_seconds() > LAST_SEEN_EVERY
        ):
            GateDevice.objects.filter(pk=device.pk).update(last_seen_at=now)
            device.last_seen_at = now  # and on the remembered one, or every scan would write
        request.device = device
        return device


device_auth = DeviceAuth()
router = Router(tags=["check-in"])


class Problem(Schema):
    detail: str


class DeviceIn(Schema):
    gate: int = Field(..., description="Id of the gate this phone scans at.")
    name: str = Field("", max_length=100, description="What the staff calls this phone.")


class GateOut(Schema):
    id: int
    code: str
    name: str


class DeviceOut(Schema):
    id: int
    token: str = Field(..., description="Bearer token for the other calls; shown once.")
    gate: GateOut
    event: int


class ScanIn(Schema):
    nonce: str = Field(..., min_length=8, max_length=64, description="Unique per scan.")
    code: str = Field(..., max_length=200, description="The QR token, or a pass code typed in.")
    direction: Direction = Direction.IN
    scanned_at: datetime | None = Field(None, description="When the scan happened (offline).")


class OfflineScanIn(ScanIn):
    device_result: str = Field("", description="What the device decided: admitted or refused.")
    device_reason: str = Field("", max_length=16)


class ScanOut(Schema):
    result: str
    reason: str
    reason_text: str
    nonce: str
    direction: str
    pass_id: int | None
    holder_name: str
    pass_type: str
    category: str
    code: str
    replayed: bool = Field(..., description="True when this nonce had been applied before.")
    conflict: bool = Field(..., description="Admitted offline though the server would refuse.")
    checkin_id: int | None


class BatchIn(Schema):
    scans: list[OfflineScanIn] = Field(..., max_length=MAX_BATCH)


class BatchOut(Schema):
    results: list[ScanOut]
    conflicts: int


class ListItem(Schema):
    p: int
    s: int | None = None
    d: str | None = None
    t: int | None = None


class ListOut(Schema):
    items: list[ListItem]
    cursor: int
    more: bool


def _out(outcome: ScanOutcome) -> dict:
    return {
        "result": outcome.result,
        "reason": outcome.reason,
        "reason_text": outcome.reason_text,
        "nonce": outcome.nonce,
        "direction": outcome.direction,
        "pass_id": outcome.pass_id,
        "holder_name": outcome.holder_name,
        "pass_type": outcome.pass_type,
        "category": outcome.category,
        "code": outcome.code,
        "replayed": outcome.replayed,
        "conflict": outcome.conflict,
        "checkin_id": outcome.checkin_id,
    }


def _scan(data: ScanIn) -> Scan:
    return Scan(
        nonce=data.nonce,
        text=data.code,
        direction=data.direction.value,
        scanned_at=data.scanned_at,
        device_result=getattr(data, "device_result", ""),
        device_reason=getattr(data, "device_reason", ""),
    )


@router.post(
    "/devices",
    auth=SessionAuth(),
    response={201: DeviceOut, 400: Problem, 403: Problem, 404: Problem},
    summary="Sign a phone in at a gate",
)
def device_register(request, data: DeviceIn):
    gate = Gate.objects.select_related("event").filter(pk=data.gate).first()
    if gate is None or not can(request.user, "events.operate_gates", gate.event):
        return Status(404, {"detail": _("No such gate.")})
    device, token = gate_device_register(gate=gate, name=data.name, actor=request.user)
    return Status(
        201,
        {
            "id": device.pk,
            "token": token,
            "gate": {"id": gate.pk, "code": gate.code, "name": gate.name},
            "event": gate.event_id,
        },
    )


@router.delete("/devices/me", auth=device_auth, response={204: None}, summary="Sign out")
def device_sign_out(request):
    gate_device_revoke(device=request.device, actor=None)
    return Status(204, None)


@router.get("/config", auth=device_auth, summary="What a scanner needs to judge offline")
def config(request):
    device = request.device
    today = today_of(device.event)
    return {
        **scanner_config(device.event),
        "device": {"id": device.pk, "name": device.name, "gate": device.gate_id},
        "today": today.date.isoformat() if today else None,
        "server_time": gate_now().isoformat(),
    }


@router.post(
    "/redeem", auth=device_auth, response={200: ScanOut, 400: Problem}, summary="Judge one scan"
)
def redeem(request, data: ScanIn):
    outcome = checkin_redeem(device=request.device, scan=_scan(data), now=gate_now())
    return Status(200, _out(outcome))


@router.post(
    "/batch",
    auth=device_auth,
    response={200: BatchOut, 400: Problem},
    summary="Upload scans made offline",
)
def batch(request, data: BatchIn):
    outcomes = checkin_upload(
        device=request.device, scans=[_scan(scan) for scan in data.scans], now=gate_now()
    )
    return Status(
        200,
        {
            "results": [_out(outcome) for outcome in outcomes],
            "conflicts": sum(
                1 for outcome in outcomes if outcome.conflict and not outcome.replayed
            ),
        },
    )


def _cursor(since: int) -> int:
    if since < 0:
        raise ValidationError(_("The cursor must be 0 or more."))
    return since


@router.get("/revocations", auth=device_auth, response=ListOut, summary="Passes revoked since")
def revocations(request, since: int = 0):
    items, cursor = revocations_since(request.device.event, _cursor(since))
    return {"items": items, "cursor": cursor, "more": len(items) >= 5000}


@router.get("/admitted", auth=device_auth, response=ListOut, summary="Admitted today since")
def admitted(request, since: int = 0):
    event = request.device.event
    items, cursor = admitted_since(event, _cursor(since), day=today_of(event))
    return {"items": items, "cursor": cursor, "more": len(items) >= 5000}
