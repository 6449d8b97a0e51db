"""Writes for business matching: buyers taking part, sessions and their slots, meetings,
and the deal ledger.

Every function checks ``actor`` through ``accounts.permissions`` (``actor=None`` is the
system: seed code) and validates before it writes; a refusal changes nothing.

The ledger is append-only. ``transaction_record`` writes a row; ``transaction_confirm``,
``transaction_verify`` and ``transaction_void`` move its status forward and nothing
else; ``transaction_correct`` voids a row and records its replacement in one database
transaction. Each of them keeps ``LedgerCell`` in step in the same transaction, so the
dashboards' totals are always the sum of the live rows.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from accounts.permissions import can, grants_of
from accounts.services import role_grant, user_create, user_password_reset_request
from events.models import Currency, Event, EventDay, ExchangeRate, Programme
from events.services import refuse
from exhibitors.models import QUOTA_STATUSES, Application, Business, Sector

from .countries import Country
from .models import (
    LIVE_MEETING_STATUSES,
    Buyer,
    BuyerParticipation,
    LedgerCell,
    LedgerParty,
    MatchingSession,
    Meeting,
    MeetingStatus,
    Side,
    Slot,
    Transaction,
    TransactionKind,
    TransactionStatus,
)
from .selectors import forget_ledger

M = MeetingStatus
T = TransactionStatus
K = TransactionKind

# Deals above this many rupiah are refused as typing mistakes (Rp 100 triliun).
MAX_DEAL_IDR = 10**14
MAX_QUANTITY = Decimal("1000000000")
# Currencies without a minor unit in practice: whole amounts only.
WHOLE_CURRENCIES = {Currency.IDR, Currency.JPY, Currency.KRW}
ABSURD_VALUE = gettext_lazy(
    "This value is beyond any deal of the exhibition: check the number and the currency."
)


def _zone(event: Event) -> ZoneInfo:
    return ZoneInfo(event.time_zone)


def _require(actor, perm: str, obj=None) -> None:
    if actor is not None and not can(actor, perm, obj):
        refuse()


# --- taking part -------------------------------------------------------------------------


def exhibitor_application(*, event: Event, business: Business) -> Application | None:
    """The application through which ``business`` exhibits at ``event``, if it does."""
    return (
        Application.objects.filter(event=event, business=business, status__in=QUOTA_STATUSES)
        .select_related("association")
        .first()
    )


def buyer_participation(*, event: Event, buyer: Buyer) -> BuyerParticipation | None:
    return BuyerParticipation.objects.filter(event=event, buyer=buyer).first()


def buyer_update(*, buyer: Buyer, actor) -> Buyer:
    """Save a buyer's profile (its own accounts, or organizers), validated first."""
    _require(actor, "matching.change_buyer", buyer)
    buyer.full_clean()
    buyer.save()
    return buyer


def buyer_join(*, buyer: Buyer, event: Event, actor, max_meetings: int = 12) -> BuyerParticipation:
    """Enrol a buyer in an edition's business matching (the desk does this)."""
    _require(actor, "matching.run_desk", event)
    participation = BuyerParticipation(buyer=buyer, event=event, max_meetings=max_meetings)
    participation.full_clean()
    participation.save()
    return participation


# --- buyer accounts ---------------------------------------------------------------------------


def _may_be_a_buyer(user: User) -> None:
    """An account that runs an edition or manages a business cannot also act for a buyer:
    it would confirm its own deals."""
    grants = grants_of(user)
    if user.is_superuser or grants.get(Role.ORGANIZER):
        raise ValidationError(
            {
                "email": _(
                    "This address belongs to an organizer's account. Give the buyer its own "
                    "address."
                )
            }
        )
    if grants.get(Role.EXHIBITOR):
        raise ValidationError(
            {
                "email": _(
                    "This address belongs to an exhibitor's account: an exhibitor cannot "
                    "also act for a buyer."
                )
            }
        )


def buyer_account_grant(
    *, buyer: Buyer, email: str, full_name: str, language: str, actor, base_url: str | None
) -> tuple[User, bool]:
    """Let the buyer's contact log in to the buyer portal: the account with ``email`` (made
    when there is none, with no password) gets the buyer role over ``buyer``; a new account,
    or one without a password yet, is emailed the link that sets it. Returns the account
    and whether it was made."""
    _require(actor, "matching.change_buyer", buyer)
    email = User.objects.normalize_email(email or "").strip().lower()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        created = user is None
        if created:
            if not (full_name or "").strip():
                raise ValidationError(
                    {"full_name": _("No account uses this email yet: give the person's name.")}
                )
            user = user_create(
                email=email, full_name=full_name.strip(), preferred_language=language
            )
        elif not user.is_active:
            raise ValidationError({"email": _("The account with this email is deactivated.")})
        else:
            _may_be_a_buyer(user)
        role_grant(user=user, role=Role.BUYER, scope=buyer, granted_by=actor)
        if created or not user.has_usable_password():
            user_password_reset_request(email=user.email, base_url=base_url)
    return user, created


# --- sessions and slots --------------------------------------------------------------------


def session_save(*, session: MatchingSession, actor) -> MatchingSession:
    """Save a session and cut it into slots. Slots that already hold meetings are kept;
    a change that would drop one is refused."""
    _require(actor, "matching.run_desk", session.event)
    session.full_clean()
    with transaction.atomic():
        session.save()
        wanted = list(_slot_times(session))
        starts = {start for start, _end in wanted}
        stale = session.slots.exclude(starts_at__in=starts)
        if Meeting.objects.filter(slot__in=stale).exists():
            raise ValidationError(
                _("Meetings are already placed at times this change would remove.")
            )
        stale.delete()
        have = set(session.slots.values_list("starts_at", flat=True))
        Slot.objects.bulk_create(
            Slot(session=session, starts_at=start, ends_at=end)
            for start, end in wanted
            if start not in have
        )
    return session


def _slot_times(session: MatchingSession):
    zone = _zone(session.event)
    start = datetime.combine(session.day.date, session.starts_at, tzinfo=zone)
    end_of_session = datetime.combine(session.day.date, session.ends_at, tzinfo=zone)
    step = timedelta(minutes=session.slot_minutes)
    while start + step <= end_of_session:
        yield start, start + step
        start += step


# --- meetings -------------------------------------------------------------------------------


def _acts_for(actor, side: str, *, buyer: Buyer | None, business: Business | None, event):
    """Refuse unless ``actor`` may act for ``side`` of this pair."""
    if actor is None:
        return
    if side == Side.BUYER:
        allowed = buyer is not None and can(actor, "matching.act_for_buyer", buyer)
    elif side == Side.EXHIBITOR:
        allowed = business is not None and can(actor, "matching.act_for_business", business)
    else:
        allowed = can(actor, "matching.run_desk", event)
    if not allowed:
        refuse()


def _check_took_part(*, event: Event, business: Business, buyer: Buyer | None):
    application = exhibitor_application(event=event, business=business)
    if application is None:
        raise ValidationError(
            _("%(business)s does not exhibit at %(event)s.")
            % {"business": business.display_name, "event": event.name}
        )
    if buyer is not None and buyer_participation(event=event, buyer=buyer) is None:
        raise ValidationError(
            _("%(buyer)s does not take part in %(event)s.") % {"buyer": buyer.name, "event": event}
        )
    return application


def meeting_request(
    *, event: Event, buyer: Buyer, business: Business, side: str, actor, message: str = ""
) -> Meeting:
    """One side asks the other for a meeting; the desk may pair them directly (accepted)."""
    _acts_for(actor, side, buyer=buyer, business=business, event=event)
    _check_took_part(event=event, business=business, buyer=buyer)
    if len(message) > 1000:
        raise ValidationError(_("Keep the message under 1,000 characters."))
    meeting = Meeting(
        event=event,
        buyer=buyer,
        business=business,
        requested_by_side=side,
        requested_by=actor,
        message=message.strip(),
        status=M.ACCEPTED if side == Side.DESK else M.REQUESTED,
    )
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:
        raise ValidationError(_("These two already have a meeting request.")) from None
    return meeting


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("event").get(pk=meeting.pk)


def _other_side(meeting: Meeting) -> str:
    return Side.EXHIBITOR if meeting.requested_by_side == Side.BUYER else Side.BUYER


def meeting_respond(*, meeting: Meeting, accept: bool, actor, message: str = "") -> Meeting:
    """The side that was asked accepts or declines."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        _acts_for(
            actor,
            _other_side(meeting),
            buyer=meeting.buyer,
            business=meeting.business,
            event=meeting.event,
        )
        if meeting.status != M.REQUESTED:
            raise ValidationError(_("This request has been answered already."))
        meeting.status = M.ACCEPTED if accept else M.DECLINED
        meeting.response_message = message.strip()[:1000]
        meeting.responded_at = meeting.status_changed_at = timezone.now()
        meeting.responded_by = actor
        meeting.save()
    return meeting


def meeting_cancel(*, meeting: Meeting, actor) -> Meeting:
    """Either side or the desk calls a meeting off before it is held; its place comes free."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if actor is not None and not (
            can(actor, "matching.run_desk", meeting.event)
            or can(actor, "matching.act_for_buyer", meeting.buyer)
            or can(actor, "matching.act_for_business", meeting.business)
        ):
            refuse()
        if meeting.status not in LIVE_MEETING_STATUSES:
            raise ValidationError(_("Only a meeting still to come can be cancelled."))
        meeting.status = M.CANCELLED
        meeting.status_changed_at = timezone.now()
        meeting.slot = None
        meeting.table = None
        meeting.save()
    return meeting


def meeting_check_in(*, meeting: Meeting, actor) -> Meeting:
    """The desk saw both at the table."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        _require(actor, "matching.run_desk", meeting.event)
        if meeting.status not in (M.SCHEDULED, M.NO_SHOW):
            raise ValidationError(_("Only a scheduled meeting can be checked in."))
        meeting.status = M.HELD
        meeting.no_show_side = ""
        meeting.checked_in_at = meeting.status_changed_at = timezone.now()
        meeting.checked_in_by = actor
        meeting.save()
    return meeting


def meeting_mark_no_show(*, meeting: Meeting, side: str, actor) -> Meeting:
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        _require(actor, "matching.run_desk", meeting.event)
        if meeting.status != M.SCHEDULED:
            raise ValidationError(_("Only a scheduled meeting can be marked a no-show."))
        if side not in Side.values:
            raise ValidationError(_("Say who did not come."))
        meeting.status = M.NO_SHOW
        meeting.no_show_side = side
        meeting.status_changed_at = timezone.now()
        meeting.save()
    return meeting


def session_schedule(*, session: MatchingSession, actor):
    """Place the edition's accepted meetings into this session's free slots and tables.

    Returns the scheduler's plan (what was placed, what was not and why). Runs under a
    lock on the session so two desks pressing the button place nothing twice.
    """
    from .scheduling import Placed, SlotTime, Wanted, plan_session

    _require(actor, "matching.run_desk", session.event)
    with transaction.atomic():
        session = (
            MatchingSession.objects.select_for_update().select_related("event").get(pk=session.pk)
        )
        slots = list(session.slots.order_by("starts_at"))
        if not slots:
            raise ValidationError(_("This session has no slots: check its hours."))
        placed_here = list(
            Meeting.objects.filter(
                slot__session=session, status__in=(M.SCHEDULED, M.HELD, M.NO_SHOW)
            )
        )
        wanted = list(
            Meeting.objects.select_for_update()
            .filter(event=session.event, status=M.ACCEPTED)
            .order_by("requested_at", "pk")
        )
        people_buyers = {m.buyer_id for m in wanted}
        people_businesses = {m.business_id for m in wanted}
        elsewhere = (
            Meeting.objects.filter(event=session.event, status__in=(M.SCHEDULED, M.HELD, M.NO_SHOW))
            .exclude(slot__session=session)
            .select_related("slot")
        )
        busy_buyers: dict[int, list] = {}
        busy_businesses: dict[int, list] = {}
        used_by_buyer: dict[int, int] = {}
        for other in elsewhere:
            used_by_buyer[other.buyer_id] = used_by_buyer.get(other.buyer_id, 0) + 1
            interval = (other.slot.starts_at, other.slot.ends_at)
            if other.buyer_id in people_buyers:
                busy_buyers.setdefault(other.buyer_id, []).append(interval)
            if other.business_id in people_businesses:
                busy_businesses.setdefault(other.business_id, []).append(interval)
        limits = dict(
            BuyerParticipation.objects.filter(event=session.event).values_list(
                "buyer_id", "max_meetings"
            )
        )
        for here in placed_here:  # the scheduler wants what is left after everything placed
            used_by_buyer[here.buyer_id] = used_by_buyer.get(here.buyer_id, 0) + 1
        remaining = {
            buyer_id: max(0, limit - used_by_buyer.get(buyer_id, 0))
            for buyer_id, limit in limits.items()
        }
        plan = plan_session(
            slots=[SlotTime(s.pk, s.starts_at, s.ends_at) for s in slots],
            tables=session.table_count,
            wanted=[Wanted(m.pk, m.buyer_id, m.business_id) for m in wanted],
            already=[
                Placed(m.pk, m.buyer_id, m.business_id, m.slot_id, m.table) for m in placed_here
            ],
            max_per_buyer=session.max_per_buyer,
            max_per_exhibitor=session.max_per_exhibitor,
            buyer_remaining=remaining,
            busy_buyers=busy_buyers,
            busy_businesses=busy_businesses,
        )
        by_id = {m.pk: m for m in wanted}
        now = timezone.now()
        for placement in plan.placed:
            meeting = by_id.get(placement.meeting_id)
            if meeting is None:
                continue
            meeting.slot_id = placement.slot_id
            meeting.table = placement.table
            meeting.status = M.SCHEDULED
            meeting.status_changed_at = now
            meeting.save(update_fields=["slot", "table", "status", "status_changed_at"])
    return plan


# --- the deal ledger ---------------------------------------------------------------------------


def rate_for(event: Event, currency: str) -> tuple[Decimal, Decimal, date | None]:
    """(rupiah per unit of ``currency``, rupiah per dollar, rate date) at the edition's
    recorded rates; a clear refusal when a rate is missing."""
    if event.usd_idr_rate is None:
        raise ValidationError(
            _(
                "The organizer has not recorded this edition's dollar rate yet, so deals "
                "cannot be recorded."
            )
        )
    usd = Decimal(event.usd_idr_rate)
    if currency == Currency.IDR:
        return Decimal(1), usd, event.usd_idr_rate_date
    if currency == Currency.USD:
        return usd, usd, event.usd_idr_rate_date
    if currency not in Currency.values:
        raise ValidationError({"currency": _("Choose a currency from the list.")})
    rate = ExchangeRate.objects.filter(event=event, currency=currency).first()
    if rate is None:
        raise ValidationError(
            {
                "currency": _(
                    "This edition has no recorded rate for %(currency)s: record the deal in "
                    "rupiah or dollars, or ask the organizer to add the rate."
                )
                % {"currency": currency}
            }
        )
    return Decimal(rate.idr_per_unit), usd, rate.rate_date


def _decimal(value, *, field: str, message: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: message}) from None
    if not number.is_finite():
        raise ValidationError({field: message})
    return number


def convert(value: Decimal, idr_per_unit: Decimal, usd_idr_rate: Decimal) -> tuple[int, Decimal]:
    """The value in whole rupiah and in dollars (cents), rounded half up."""
    value_idr = int((value * idr_per_unit).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    value_usd = (Decimal(value_idr) / usd_idr_rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return value_idr, value_usd


def transaction_record(
    *,
    event: Event,
    business: Business,
    kind: str,
    currency: str,
    value,
    deal_date: date,
    side: str,
    actor,
    buyer: Buyer | None = None,
    meeting: Meeting | None = None,
    quantity=None,
    unit: str = "",
    product_name: str = "",
    sector: str = "",
    destination_country: str = "",
    programme: Programme | None = None,
    notes: str = "",
    replaces: Transaction | None = None,
    recorded_at: datetime | None = None,
) -> Transaction:
    """Write a deal into the ledger at the edition's recorded rates."""
    if side not in Side.values:
        raise ValidationError(_("Say who records the deal."))
    _acts_for(actor, side, buyer=buyer, business=business, event=event)
    errors: dict[str, str] = {}
    if kind not in K.values:
        errors["kind"] = _("Choose the kind of deal from the list.")
    if buyer is None and kind != K.RETAIL_SALE:
        errors["buyer"] = _("Name the buyer: only a retail sale may be recorded without one.")
    if currency not in Currency.values:
        errors["currency"] = _("Choose a currency from the list.")
    if sector and sector not in Sector.values:
        errors["sector"] = _("Choose a sector from the list.")
    if destination_country:
        if destination_country not in Country.values:
            errors["destination_country"] = _("Choose the destination country from the list.")
        elif destination_country == Country.ID:
            errors["destination_country"] = _(
                "An export goes abroad: leave the destination empty for a domestic deal."
            )
    amount = _decimal(value, field="value", message=_("Enter the value as a number."))
    if amount <= 0:
        errors["value"] = _("The value must be more than zero.")
    elif amount.adjusted() > 15:
        errors["value"] = ABSURD_VALUE
    elif amount.as_tuple().exponent < -2 or (
        currency in WHOLE_CURRENCIES and amount != amount.to_integral_value()
    ):
        errors["value"] = _("Enter the value in whole units of the currency (cents at most).")
    count = None
    if quantity not in (None, ""):
        count = _decimal(quantity, field="quantity", message=_("Enter the quantity as a number."))
        if count <= 0 or count > MAX_QUANTITY or count.as_tuple().exponent < -3:
            errors["quantity"] = _("Enter a quantity above zero, with at most three decimals.")
        elif not unit.strip():
            errors["unit"] = _("Give the unit of the quantity (pcs, kg, box …).")
    today = timezone.localdate(timezone=_zone(event))
    days = EventDay.objects.filter(event=event).aggregate(first=Min("date"), last=Max("date"))
    latest = max(today, days["last"]) if days["last"] else today
    if not isinstance(deal_date, date):
        errors["deal_date"] = _("Enter the date of the deal.")
    elif deal_date > latest:
        errors["deal_date"] = _("The deal date cannot be in the future.")
    elif days["first"] and deal_date < days["first"] - timedelta(days=30):
        errors["deal_date"] = _("The deal date is long before this edition.")
    if (
        programme is not None
        and not Programme.objects.filter(pk=programme.pk, events=event).exists()
    ):
        errors["programme"] = _("Choose a programme that supports this edition.")
    if meeting is not None and (
        meeting.event_id != event.pk
        or meeting.business_id != business.pk
        or meeting.buyer_id != (buyer.pk if buyer else None)
    ):
        errors["meeting"] = _("That meeting was between other parties.")
    if len(notes) > 2000:
        errors["notes"] = _("Keep the notes under 2,000 characters.")
    if errors:
        raise ValidationError(errors)

    application = _check_took_part(event=event, business=business, buyer=buyer)
    idr_per_unit, usd_idr_rate, rate_date = rate_for(event, currency)
    value_idr, value_usd = convert(amount, idr_per_unit, usd_idr_rate)
    if value_idr > MAX_DEAL_IDR:
        raise ValidationError({"value": ABSURD_VALUE})
    if value_idr < 1:
        raise ValidationError({"value": _("The value must be at least Rp 1.")})

    row = Transaction(
        event=event,
        business=business,
        buyer=buyer,
        meeting=meeting,
        kind=kind,
        currency=currency,
        value=amount,
        idr_per_unit=idr_per_unit,
        usd_idr_rate=usd_idr_rate,
        rate_date=rate_date,
        value_idr=value_idr,
        value_usd=value_usd,
        quantity=count,
        unit=unit.strip() if count is not None else "",
        product_name=product_name.strip()[:150],
        sector=sector or business.sector,
        destination_country=destination_country or "",
        programme=programme,
        deal_date=deal_date,
        notes=notes.strip(),
        association_id=application.association_id,
        province=business.province,
        scale=business.scale,
        buyer_kind=buyer.kind if buyer else "",
        recorded_as=side,
        recorded_by=actor if actor is not None else _system_user(),
        recorded_at=recorded_at or timezone.now(),
        replaces=replaces,
    )
    with transaction.atomic():
        row.save()
        _ledger_add(row, row.status, +1)
    return row


def _system_user():
    """Seed code records deals as the first superuser (a row always names a person)."""
    from accounts.models import User

    user = User.objects.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        raise ValidationError("No superuser to record system deals as.")
    return user


def _locked_row(row: Transaction) -> Transaction:
    return Transaction.objects.select_for_update().select_related("event").get(pk=row.pk)


def _may_confirm(actor, row: Transaction) -> bool:
    if row.recorded_as == Side.EXHIBITOR:
        return row.buyer is not None and can(actor, "matching.act_for_buyer", row.buyer)
    if row.recorded_as == Side.BUYER:
        return can(actor, "matching.act_for_business", row.business)
    return (row.buyer is not None and can(actor, "matching.act_for_buyer", row.buyer)) or can(
        actor, "matching.act_for_business", row.business
    )


def transaction_confirm(*, transaction_row: Transaction, actor) -> Transaction:
    """The other party says the deal happened as recorded."""
    with transaction.atomic():
        row = _locked_row(transaction_row)
        if actor is not None and not _may_confirm(actor, row):
            raise PermissionDenied(_("Only the other party of the deal can confirm it."))
        if row.status != T.RECORDED:
            raise ValidationError(
                _("Only a deal that is recorded and not yet confirmed can be confirmed.")
            )
        _move(row, T.CONFIRMED, actor, confirmed_by=actor or _system_user())
    return row


def transaction_verify(*, transaction_row: Transaction, actor) -> Transaction:
    """The organizer checked the deal (a purchase order seen, a contract signed)."""
    with transaction.atomic():
        row = _locked_row(transaction_row)
        _require(actor, "matching.verify_transaction", row)
        if row.status not in (T.RECORDED, T.CONFIRMED):
            raise ValidationError(_("Only a live deal that is not yet verified can be verified."))
        _move(row, T.VERIFIED, actor, verified_by=actor or _system_user())
    return row


def may_void(actor, row: Transaction) -> bool:
    """The organizer may void any live row; whoever recorded it, while nobody has vouched
    for it yet."""
    if actor is None:
        return True
    if can(actor, "matching.verify_transaction", row):
        return row.status in (T.RECORDED, T.CONFIRMED, T.VERIFIED)
    return row.status == T.RECORDED and row.recorded_by_id == actor.pk


def transaction_void(*, transaction_row: Transaction, actor, reason: str) -> Transaction:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the deal is void.")})
    with transaction.atomic():
        row = _locked_row(transaction_row)
        if row.status == T.VOID:
            raise ValidationError(_("This deal is void already."))
        if not may_void(actor, row):
            raise PermissionDenied(
                _("A confirmed or verified deal can only be voided by the organizer.")
            )
        _move(row, T.VOID, actor, voided_by=actor or _system_user(), void_reason=reason)
    return row


# What a correction may change; the parties and the edition stay.
CORRECTABLE = (
    "kind",
    "currency",
    "value",
    "deal_date",
    "quantity",
    "unit",
    "product_name",
    "sector",
    "destination_country",
    "programme",
    "notes",
    "meeting",
)


def transaction_correct(
    *, transaction_row: Transaction, actor, reason: str, **changes
) -> Transaction:
    """Void a row and record its replacement, linked to it, in one database transaction.

    The replacement is a new recorded row: whoever vouched for the old one vouches again.
    """
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(
            _("These cannot be corrected: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        old = transaction_void(transaction_row=transaction_row, actor=actor, reason=reason)
        fields = {name: getattr(old, name) for name in CORRECTABLE}
        fields.update(changes)
        if actor is None or can(actor, "matching.verify_transaction", old):
            side = old.recorded_as if actor is None else Side.DESK
        else:
            side = old.recorded_as
        return transaction_record(
            event=old.event,
            business=old.business,
            buyer=old.buyer,
            side=side,
            actor=actor,
            replaces=old,
            **fields,
        )


def _move(row: Transaction, status: str, actor, **fields) -> None:
    now = timezone.now()
    before = row.status
    row.status = status
    stamp = {T.CONFIRMED: "confirmed_at", T.VERIFIED: "verified_at", T.VOID: "voided_at"}[status]
    setattr(row, stamp, now)
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=["status", stamp, *fields])
    _ledger_add(row, before, -1)
    if status != T.VOID:
        _ledger_add(row, status, +1)


# --- the rollup -------------------------------------------------------------------------------

_GRAIN = (
    "event_id",
    "status",
    "kind",
    "currency",
    "deal_date",
    "association_id",
    "sector",
    "province",
    "scale",
    "buyer_kind",
    "country",
    "programme_id",
    "business_id",
    "buyer_id",
)
_SUMS = ("rows", "value", "value_idr", "value_usd")


def _cell_key(row: Transaction, status: str) -> tuple:
    return (
        row.event_id,
        status,
        row.kind,
        row.currency,
        row.deal_date,
        row.association_id,
        row.sector,
        row.province,
        row.scale,
        row.buyer_kind or "",
        row.destination_country or "",
        row.programme_id or 0,
        row.business_id,
        row.buyer_id or 0,
    )


@functools.cache
def _upsert_sql() -> str:
    table = LedgerCell._meta.db_table
    columns = ", ".join((*_GRAIN, *_SUMS))
    marks = ", ".join(["%s"] * (len(_GRAIN) + len(_SUMS)))
    grain = ", ".join(_GRAIN)
    sums = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in _SUMS)
    # Built from the constant column names above, never from input.
    return (
        f"INSERT INTO {table} ({columns}) VALUES ({marks}) "  # noqa: S608
        f"ON CONFLICT ({grain}) DO UPDATE SET {sums}"
    )


def _ledger_add(row: Transaction, status: str, sign: int) -> None:
    """Add (or take away) one row's figures in its cell: one upsert, atomic per cell on
    both databases. Cells that fall to zero rows are ignored by every read."""
    params = [
        *_cell_key(row, status),
        sign,
        sign * Decimal(row.value),
        sign * int(row.value_idr),
        sign * Decimal(row.value_usd),
    ]
    figures = [sign, sign * int(row.value_idr), sign * Decimal(row.value_usd)]
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), params)
        party = [row.event_id, status, row.kind]
        cursor.execute(_PARTY_UPSERT_SQL, [*party, LedgerParty.BUSINESS, row.business_id, *figures])
        if row.buyer_id:
            cursor.execute(_PARTY_UPSERT_SQL, [*party, LedgerParty.BUYER, row.buyer_id, *figures])
    _ledger_changed(row.event_id)


def _ledger_changed(event_id: int) -> None:
    """Remembered figures of the edition are stale: now for this connection's next read, and
    again once the write commits, for a read that raced it."""
    forget_ledger(event_id)
    transaction.on_commit(lambda: forget_ledger(event_id))


_PARTY_UPSERT_SQL = """
INSERT INTO matching_ledgerparty
    (event_id, status, kind, side, party_id, rows, value_idr, value_usd)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (event_id, status, kind, side, party_id) DO UPDATE SET
    rows = matching_ledgerparty.rows + excluded.rows,
    value_idr = matching_ledgerparty.value_idr + excluded.value_idr,
    value_usd = matching_ledgerparty.value_usd + excluded.value_usd
"""

_REBUILD_PARTIES_SQL = """
INSERT INTO matching_ledgerparty
    (event_id, status, kind, side, party_id, rows, value_idr, value_usd)
SELECT event_id, status, kind, 'b', business_id, COUNT(*), SUM(value_idr), SUM(value_usd)
FROM matching_transaction WHERE event_id = %s AND status <> 'void'
GROUP BY event_id, status, kind, business_id
UNION ALL
SELECT event_id, status, kind, 'u', buyer_id, COUNT(*), SUM(value_idr), SUM(value_usd)
FROM matching_transaction WHERE event_id = %s AND status <> 'void' AND buyer_id IS NOT NULL
GROUP BY event_id, status, kind, buyer_id
"""

_REBUILD_SQL = """
INSERT INTO matching_ledgercell (
    event_id, status, kind, currency, deal_date, association_id, sector, province, scale,
    buyer_kind, country, programme_id, business_id, buyer_id, rows, value, value_idr, value_usd
)
SELECT event_id, status, kind, currency, deal_date, association_id, sector, province, scale,
       buyer_kind, destination_country, COALESCE(programme_id, 0), business_id,
       COALESCE(buyer_id, 0), COUNT(*), SUM(value), SUM(value_idr), SUM(value_usd)
FROM matching_transaction
WHERE event_id = %s AND status <> 'void'
GROUP BY event_id, status, kind, currency, deal_date, association_id, sector, province,
         scale, buyer_kind, destination_country, COALESCE(programme_id, 0), business_id,
         COALESCE(buyer_id, 0)
"""


def ledger_rebuild(*, event: Event) -> int:
    """Recompute the event's cells from its rows in one statement on the server (after a
    bulk load, or to repair). Returns how many cells there are.

    On PostgreSQL the ledger is locked against writes (SHARE mode waits for writes in
    flight and holds new ones) until the new cells are committed, so no write is counted
    twice or lost; SQLite has one writer anyway."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("LOCK TABLE matching_transaction IN SHARE MODE")
            LedgerCell.objects.filter(event_id=event.pk).delete()
            LedgerParty.objects.filter(event_id=event.pk).delete()
            cursor.execute(_REBUILD_SQL, [event.pk])
            cursor.execute(_REBUILD_PARTIES_SQL, [event.pk, event.pk])
        _ledger_changed(event.pk)
        return LedgerCell.objects.filter(event_id=event.pk).count()
