"""Business matching in Chromium: an exhibitor records a deal with a buyer after their
meeting, the buyer logs in and confirms it. Screenshots of the main pages are taken at phone
and desktop width along the way."""

import io
import os
import re
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import MinistryFactory
from events.models import EventStatus
from exhibitors.factories import CertificationFactory, ProductFactory, manager_of
from exhibitors.models import ExportExperience, Scale, Sector
from matching import services
from matching.factories import (
    MatchingSessionFactory,
    buyer_account,
    exhibiting_business,
    ledger_event,
    participating_buyer,
)
from matching.models import BuyerKind, Meeting, MeetingStatus, Transaction, TransactionStatus
from tests.browser import DESKTOP, PHONE

PASSWORD = "secret-pass-123"  # accounts.factories.UserFactory's
SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "shots")


def shoot(page, name: str) -> None:
    """The page at phone width and at desktop width; the test goes on at desktop width."""
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / f"matching-{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"matching-{name}-desktop.png"), full_page=True)


@pytest.fixture
def matching_world():
    event = ledger_event(name="Hari UMKM Nasional 2027", status=EventStatus.PUBLISHED)
    business = exhibiting_business(
        event,
        legal_name="CV Kopi Lereng Merapi",
        brand_name="Kopi Lereng Merapi",
        sector=Sector.KOPI_REMPAH,
        scale=Scale.KECIL,
        export_experience=ExportExperience.INDIRECT,
        description="Kopi arabika dan robusta dari lereng Merapi, disangrai di Boyolali.",
    )
    ProductFactory(business=business, name="Kopi arabika Merapi 250 g", unit="bungkus")
    ProductFactory(business=business, name="Gula aren cair", unit="botol")
    CertificationFactory(business=business)
    buyer = participating_buyer(
        event,
        name="PT Sarinah Niaga Nusantara",
        kind=BuyerKind.RETAIL_CHAIN,
        city="Jakarta Pusat",
        sectors=[Sector.KOPI_REMPAH, Sector.KULINER],
        seeks="Kopi arabika dan gula aren bersertifikat halal untuk 40 gerai.",
    )
    osaka = participating_buyer(
        event,
        name="Osaka Trading Co.",
        kind=BuyerKind.FOREIGN,
        country="JP",
        city="Osaka",
        trade_attache="ITPC Osaka",
        sectors=[Sector.KOPI_REMPAH],
        seeks="Specialty coffee, halal and BPOM certified, 2 tonnes a quarter.",
    )
    participating_buyer(
        event,
        name="Hotel Kusuma Sahid",
        kind=BuyerKind.HOTEL_RESTAURANT,
        city="Surakarta",
        sectors=[Sector.KULINER, Sector.KOPI_REMPAH],
        seeks="Kopi dan gula aren untuk restoran dan kamar tamu.",
    )
    other = exhibiting_business(event, brand_name="Batik Laweyan Asri", sector=Sector.FASHION)
    ProductFactory(business=other, name="Kain batik tulis")
    exhibiting_business(event, brand_name="Anyaman Pandan Bu Sri", sector=Sector.KRIYA)
    exhibitor = manager_of(business, email="siti@kopimerapi.test", full_name="Siti Rahayu")
    buyer_user = buyer_account(buyer, email="andi@sarinah.test", full_name="Andi Wijaya")
    ministry = MinistryFactory(acronym="KEMENKOP", name="Kementerian UMKM")
    reader = UserFactory(email="pembaca@kemenkop.test", full_name="Dewi Pembaca")
    role_grant(user=reader, role=Role.MINISTRY_READER, scope=ministry)

    # The two met: the buyer asked, the exhibitor accepted, the desk scheduled them.
    meeting = services.meeting_request(
        event=event,
        buyer=buyer,
        business=business,
        side="buyer",
        actor=buyer_user,
        message="Kami ingin kopi arabika untuk 40 gerai.",
    )
    services.meeting_respond(meeting=meeting, accept=True, actor=exhibitor, message="Siap.")
    session = MatchingSessionFactory(
        event=event, location="Pendopo Prangwedanan", name="Temu Bisnis Hari 1"
    )
    services.session_save(session=session, actor=None)
    services.session_schedule(session=session, actor=None)
    # A request for the exhibitor to answer, and one it is not party to.
    services.meeting_request(
        event=event,
        buyer=osaka,
        business=business,
        side="buyer",
        actor=None,
        message="We import specialty coffee to Osaka. Could we taste your arabica?",
    )
    services.meeting_request(
        event=event,
        buyer=buyer,
        business=other,
        side="buyer",
        actor=buyer_user,
        message="Batik tulis untuk seragam?",
    )
    return {
        "event": event,
        "business": business,
        "buyer": buyer,
        "exhibitor": exhibitor,
        "buyer_user": buyer_user,
        "reader": reader,
        "meeting": Meeting.objects.get(pk=meeting.pk),
    }


def log_in(page, base, email):
    page.goto(base + reverse("accounts:login"))
    login = page.get_by_test_id("login-form")
    login.locator('input[name="username"]').fill(email)
    login.locator('input[name="password"]').fill(PASSWORD)
    login.locator('button[type="submit"]').click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_deal_recorded_and_confirmed_reaches_the_ministry_dashboard_and_its_exports(
    live_server, matching_world, page
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    world = matching_world
    base = live_server.url
    assert world["meeting"].status == MeetingStatus.SCHEDULED

    # The exhibitor reaches business matching from the exhibitor portal.
    log_in(page, base, world["exhibitor"].email)
    page.wait_for_url(base + reverse("exhibitors:home"))
    page.get_by_test_id("nav-matching").click()
    page.wait_for_url(base + reverse("matching:exhibitor_home"))
    expect(page.get_by_test_id("count-meetings")).to_contain_text("1")
    expect(page.get_by_test_id("count-requests")).to_contain_text("1")
    shoot(page, "exhibitor-home")
    page.goto(base + reverse("matching:exhibitor_buyers"))
    # The buyer already met is not suggested again; it is listed with its meeting.
    expect(page.get_by_test_id("suggestion").first).to_contain_text("Hotel Kusuma Sahid")
    listed = page.locator(f"[data-testid=buyer][data-buyer='{world['buyer'].pk}']")
    expect(listed.get_by_test_id("meeting-status")).to_have_attribute("data-status", "scheduled")
    shoot(page, "exhibitor-buyers")
    page.goto(base + reverse("matching:exhibitor_schedule"))
    meeting_row = page.get_by_test_id("scheduled-meeting")
    expect(meeting_row.get_by_test_id("counterpart")).to_have_text("PT Sarinah Niaga Nusantara")
    expect(meeting_row.get_by_test_id("location")).to_have_text("Pendopo Prangwedanan")
    shoot(page, "exhibitor-schedule")
    # The downloads, with the browser's session.
    pdf = page.context.request.get(base + reverse("matching:exhibitor_schedule_pdf"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    (SHOTS / "matching-exhibitor-schedule.pdf").write_bytes(pdf.body())
    ics = page.context.request.get(base + reverse("matching:exhibitor_schedule_ics"))
    assert ics.ok and "PT Sarinah Niaga Nusantara" in ics.text().replace("\r\n ", "")

    # Record the deal from the meeting: the buyer and the meeting come filled in.
    meeting_row.get_by_test_id("record-deal").click()
    form = page.get_by_test_id("deal-form")
    expect(form.locator("[name=counterpart]")).to_have_value(str(world["buyer"].pk))
    expect(form.locator("[name=meeting]")).to_have_value(str(world["meeting"].pk))
    form.locator("[name=kind]").select_option("purchase_order")
    form.locator("[name=value]").fill("-15.000.000")  # a typo first
    form.locator("[name=product_name]").fill("Kopi arabika Merapi 250 g")
    form.locator("[name=quantity]").fill("2.000")
    form.locator("[name=unit]").fill("bungkus")
    form.locator("[name=notes]").fill("PO pertama untuk 40 gerai.")
    form.get_by_test_id("save").click()
    expect(page.locator("#id_value_error")).to_be_visible()
    expect(form.locator("[name=notes]")).to_have_value("PO pertama untuk 40 gerai.")
    assert not Transaction.objects.exists()
    shoot(page, "exhibitor-deal-form-error")
    form.locator("[name=value]").fill("15.000.000")
    form.get_by_test_id("save").click()
    page.wait_for_url(re.compile(r".*/temu-bisnis/usaha/transaksi/\d+/$"))
    row = Transaction.objects.get()
    assert page.url == base + reverse("matching:exhibitor_deal", args=[row.pk])
    expect(page.get_by_test_id("deal-status")).to_have_attribute("data-status", "recorded")
    expect(page.get_by_test_id("deal-value")).to_have_text("Rp 15.000.000")
    shoot(page, "exhibitor-deal")
    page.goto(base + reverse("matching:exhibitor_deals"))
    shoot(page, "exhibitor-deals")
    page.goto(base + reverse("matching:exhibitor_requests"))
    expect(page.get_by_test_id("request-received")).to_contain_text("Osaka Trading Co.")
    shoot(page, "exhibitor-requests")
    page.get_by_test_id("nav-logout").click()
    page.wait_for_load_state()

    # The buyer logs in, sees the deal waiting, and confirms it.
    log_in(page, base, world["buyer_user"].email)
    page.wait_for_url(base + reverse("matching:buyer_home"))
    expect(page.get_by_test_id("deals-to-confirm")).to_be_visible()
    shoot(page, "buyer-home")
    deals_url = reverse("matching:buyer_deals")
    page.get_by_test_id("matching-nav").locator(f"a[href='{deals_url}']").click()
    deal = page.locator(f"[data-testid=deal][data-deal='{row.pk}']")
    expect(deal.get_by_test_id("awaits-me")).to_be_visible()
    shoot(page, "buyer-deals")
    deal.click()
    shoot(page, "buyer-deal-to-confirm")
    page.get_by_test_id("confirm-deal").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("deal-status")).to_have_attribute("data-status", "confirmed")
    row.refresh_from_db()
    assert row.status == TransactionStatus.CONFIRMED
    assert row.confirmed_by == world["buyer_user"]
    shoot(page, "buyer-deal-confirmed")

    # The rest of the buyer's pages, for the screenshots.
    for name in ("buyer_suggestions", "buyer_exhibitors", "buyer_requests", "buyer_schedule"):
        page.goto(base + reverse(f"matching:{name}"))
        shoot(page, name.replace("_", "-"))
    page.goto(base + reverse("matching:buyer_profile"))
    shoot(page, "buyer-profile")
    page.goto(base + reverse("matching:buyer_deal_create"))
    shoot(page, "buyer-deal-form")

    page.get_by_test_id("nav-logout").click()
    page.wait_for_load_state()

    # The ministry reader logs in and finds the confirmed deal among the verified-or-confirmed
    # figures, traces it to its row, and downloads the XLSX and the PDF report.
    log_in(page, base, world["reader"].email)
    page.wait_for_url(base + reverse("dashboards:home"))
    page.locator("label[for=trust-confirmed]").click()
    page.wait_for_url(re.compile(r".*trust=confirmed.*"))
    expect(page.get_by_test_id("group-orders-idr")).to_have_text("Rp 15.000.000")
    expect(page.get_by_test_id("group-orders-usd")).to_have_text("USD 937,50")
    expect(page.get_by_test_id("group-mou-idr")).to_have_text("Rp 0")
    page.wait_for_function("() => !!document.querySelector('#chart-breakdown') && !!window.Chart")
    shoot(page, "ministry-dashboard")
    page.get_by_test_id("group-orders-rows").click()
    rows = page.get_by_test_id("rows-table")
    expect(rows).to_contain_text("Kopi Lereng Merapi")
    expect(rows).to_contain_text("PT Sarinah Niaga Nusantara")
    expect(rows).not_to_contain_text("Siti Rahayu")
    shoot(page, "ministry-rows")
    query = f"?edition={world['event'].slug}&trust=confirmed"
    xlsx = page.context.request.get(base + reverse("dashboards:export_rows", args=["xlsx"]) + query)
    assert xlsx.ok
    cells = [c.value for r in load_workbook(io.BytesIO(xlsx.body())).active.iter_rows() for c in r]
    assert "Kopi Lereng Merapi" in " ".join(str(c) for c in cells)
    assert 15_000_000 in cells
    pdf = page.context.request.get(base + reverse("dashboards:report_pdf") + query)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    (SHOTS / "ministry-report.pdf").write_bytes(pdf.body())
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "15.000.000" in text and "Hari UMKM Nasional 2027" in text
