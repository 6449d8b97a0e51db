"""What payments can be for, registered by the rooms they serve.

Money never imports those rooms: ``booths`` registers the booth fee and ``tickets`` the
visitor order in their ``AppConfig.ready()``. Each purpose says what is due for a subject
(an application id, a registration id), who may pay it, and what happens when it is paid,
waived or refunded, through the same services its room's views use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Due:
    """What a subject owes now."""

    event: object  # events.Event
    amount: int  # rupiah
    description: str
    payer_name: str = ""
    payer_email: str = ""
    # A deadline of the purpose's own; payments otherwise get CARD_MINUTES or
    # TRANSFER_HOURS, and ``started`` keeps what they are for until then.
    pay_before: datetime | None = None


@dataclass(frozen=True)
class Purpose:
    key: str
    label: Callable[[], str]
    # The amount due for subject_id; raises ValidationError when it cannot be paid now.
    due: Callable[[int], Due]
    # May this user pay (or see the payment of) the subject?
    may_pay: Callable[[object, int], bool]
    # Paid in full or waived: confirm what was paid for. Raises ValidationError when that
    # is no longer possible (withdrawn meanwhile): the payment is kept and flagged.
    paid: Callable[[int, object], None]
    # A full refund was confirmed: undo what was paid for.
    refunded: Callable[[int, object], None]
    # A payment was started or ended unpaid: hold or release what it is for.
    started: Callable[[int, object], None] | None = None
    lapsed: Callable[[int, object], None] | None = None
    # Where the payer goes back to after paying (a URL), if anywhere.
    back_url: Callable[[int], str] | None = None
    # The subjects of an edition whose fee an organizer may waive (a queryset the user may
    # see), and how one is named in a list; purposes without waivers leave them out.
    waivable: Callable[[object, object], object] | None = None
    subject_label: Callable[[object], str] | None = None


_purposes: dict[str, Purpose] = {}


def register_purpose(purpose: Purpose) -> None:
    _purposes[purpose.key] = purpose


def purpose_for(key: str) -> Purpose:
    try:
        return _purposes[key]
    except KeyError:
        raise ValidationError(_("Unknown payment purpose.")) from None


def purpose_label(key: str) -> str:
    purpose = _purposes.get(key)
    return purpose.label() if purpose else key
