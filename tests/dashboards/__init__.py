"""A small ledger the export and report tests read back, and the sums they compare with:
computed here from the Transaction rows, apart from the selectors and LedgerCell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from accounts.factories import UserFactory
from events.factories import AssociationFactory, ProgrammeFactory, VenueFactory
from events.models import ExchangeRate
from events.regions import Province
from exhibitors.factories import manager_of
from exhibitors.models import Scale, Sector
from matching.factories import exhibiting_business, ledger_event, participating_buyer
from matching.models import BuyerKind, Transaction, TransactionStatus
from matching.services import transaction_correct, transaction_record, transaction_void

DAY1, DAY2 = date(2027, 8, 12), date(2027, 8, 13)
BEFORE = date(2027, 8, 5)  # a deal closed at a pre-event meeting
# Written out here rather than read from matching.models: an independent check.
GROUP_OF = {
    "retail_sale": "retail",
    "purchase_order": "orders",
    "contract": "orders",
    "mou": "mou",
    "potential": "potential",
}
GROUPS = ("retail", "orders", "mou", "potential")
MANAGER_EMAIL = "siti.rahayu@batik-sekar.test"
MANAGER_NAME = "Siti Rahayu Wulandari"
BUYER_CONTACT = ("Budi Santoso Pratama", "budi.santoso@ritel-nusantara.test", "+6281298765432")
BUSINESS_CONTACT = ("pemilik@batik-sekar.test", "+6281377788899")


@dataclass
class Ledger:
    event: object
    admin: object
    manager: object
    associations: list
    businesses: list
    buyers: list
    voided: list  # the rows voided (one by hand, one by a correction)
    replacement: Transaction
    formula_row: Transaction


def build_ledger() -> Ledger:
    admin = UserFactory(is_superuser=True, is_staff=True)  # also the system recorder
    event = ledger_event(
        name="Hari UMKM Nasional 2027, Solo",
        venue=VenueFactory(name="Pamedan Pura Mangkunegaran"),
    )
    ExchangeRate.objects.create(
        event=event, currency="SGD", idr_per_unit="12000", rate_date=DAY1, source="BI JISDOR"
    )
    programme = ProgrammeFactory(name="UMKM BISA Ekspor")
    event.programmes.add(programme)
    event.save()
    asephi = AssociationFactory(
        acronym="ASEPHI", name="Asosiasi Eksportir dan Produsen Handicraft Indonesia"
    )
    iwapi = AssociationFactory(acronym="IWAPI", name="Ikatan Wanita Pengusaha Indonesia")
    batik = exhibiting_business(
        event,
        association=asephi,
        legal_name="CV Batik Laweyan Sejahtera",
        brand_name="Batik Sekar",
        email=BUSINESS_CONTACT[0],
        whatsapp=BUSINESS_CONTACT[1],
    )
    kopi = exhibiting_business(
        event,
        association=iwapi,
        legal_name="PT Kopi Gayo Lestari",
        brand_name="",
        sector=Sector.KOPI_REMPAH,
        scale=Scale.KECIL,
        province=Province.ACEH,
    )
    manager = manager_of(batik, email=MANAGER_EMAIL, full_name=MANAGER_NAME)
    ritel = participating_buyer(
        event,
        name="PT Ritel Nusantara",
        kind=BuyerKind.RETAIL_CHAIN,
        contact_name=BUYER_CONTACT[0],
        contact_email=BUYER_CONTACT[1],
        contact_phone=BUYER_CONTACT[2],
    )
    osaka = participating_buyer(event, name="Osaka Trading Co.", kind=BuyerKind.FOREIGN)

    def batik_deal(**fields):
        values = {"business": batik, "side": "exhibitor", "actor": manager, "currency": "IDR"}
        return transaction_record(event=event, **{**values, **fields})

    def kopi_deal(**fields):  # recorded at the matching desk by the system
        values = {"business": kopi, "side": "desk", "actor": None, "currency": "IDR"}
        return transaction_record(event=event, **{**values, **fields})

    batik_deal(kind="retail_sale", value="250000", deal_date=DAY1)
    batik_deal(kind="retail_sale", value="1750000", deal_date=DAY2)
    formula_row = batik_deal(
        kind="retail_sale", value="100000", deal_date=DAY2, product_name="=1+1"
    )
    batik_deal(
        kind="purchase_order",
        buyer=ritel,
        value="15000000",
        deal_date=DAY1,
        product_name="Kain batik tulis",
        quantity="50",
        unit="lembar",
    )
    batik_deal(kind="potential", buyer=ritel, value="5000000000", deal_date=DAY1)
    kopi_deal(
        kind="contract",
        buyer=osaka,
        currency="USD",
        value="1250.50",
        deal_date=DAY2,
        destination_country="JP",
        programme=programme,
        product_name="Kopi arabika Gayo",
        quantity="250.5",
        unit="kg",
    )
    kopi_deal(kind="mou", buyer=osaka, value="1234567890", deal_date=DAY2, destination_country="JP")
    kopi_deal(kind="purchase_order", buyer=ritel, currency="SGD", value="100", deal_date=DAY1)
    kopi_deal(kind="purchase_order", buyer=ritel, value="8000000", deal_date=BEFORE)
    typo = batik_deal(kind="purchase_order", buyer=ritel, value="999000000", deal_date=DAY1)
    transaction_void(transaction_row=typo, actor=admin, reason="typed three zeros too many")
    wrong = kopi_deal(kind="potential", buyer=osaka, value="2000000000", deal_date=DAY2)
    replacement = transaction_correct(
        transaction_row=wrong, actor=admin, reason="buyer said 1,5 miliar", value="1500000000"
    )
    wrong.refresh_from_db()
    typo.refresh_from_db()
    return Ledger(
        event=event,
        admin=admin,
        manager=manager,
        associations=[asephi, iwapi],
        businesses=[batik, kopi],
        buyers=[ritel, osaka],
        voided=[typo, wrong],
        replacement=replacement,
        formula_row=formula_row,
    )


def live_rows(event, **filters):
    return list(
        Transaction.objects.filter(event=event, **filters).exclude(status=TransactionStatus.VOID)
    )


def sums(rows) -> dict[str, dict]:
    """Per report group: deals, rupiah, dollars, UMKM and buyers, from the rows themselves."""
    out = {}
    for group in GROUPS:
        mine = [row for row in rows if GROUP_OF[row.kind] == group]
        out[group] = {
            "rows": len(mine),
            "value_idr": sum(row.value_idr for row in mine),
            "value_usd": sum((row.value_usd for row in mine), Decimal("0.00")),
            "businesses": len({row.business_id for row in mine}),
            "buyers": len({row.buyer_id for row in mine if row.buyer_id}),
        }
    return out
