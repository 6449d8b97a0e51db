import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from events.factories import AssociationFactory, EventFactory, ParticipationFactory
from exhibitors.models import Application, ApplicationStatus, Business
from tests.browser import DESKTOP, PHONE

SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "shots")


def scanned_permit(path: Path) -> Path:
    """A small real PDF, as a scanner or a phone app makes one."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 760, "SERTIFIKAT PRODUKSI PANGAN INDUSTRI RUMAH TANGGA")
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 730, "Nomor P-IRT: 1234567890123-45")
    pdf.showPage()
    pdf.save()
    return path


def shoot(page, name: str) -> None:
    """The page at phone width and at desktop width; the test goes on at desktop width."""
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / f"portal-{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"portal-{name}-desktop.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_exhibitor_builds_a_profile_and_submits_an_application(
    live_server, tmp_path, settings, page
):
    """Sign up, confirm the email, register the business, add a product, a permit and the
    NIB, apply, submit."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    SHOTS.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    event = EventFactory(
        name="Hari UMKM Nasional 2027",
        exhibitor_registration_opens_at=now - timedelta(days=5),
        exhibitor_registration_closes_at=now + timedelta(days=20),
    )
    association = AssociationFactory(acronym="IWAPI", name="Ikatan Wanita Pengusaha Indonesia")
    ParticipationFactory(event=event, association=association)
    permit = scanned_permit(tmp_path / "pirt.pdf")
    base = live_server.url

    # Sign up and confirm the address from the emailed link: that logs the person in.
    page.goto(base + "/akun/daftar/")
    signup = page.locator("[data-testid=signup-form]")
    signup.locator("[name=full_name]").fill("Siti Rahayu")
    signup.locator("[name=email]").fill("siti@warung.test")
    signup.locator("[name=phone]").fill("0812 3456 7890")
    signup.locator("[name=password1]").fill("Sambal-Solo-2027")
    signup.locator("[name=password2]").fill("Sambal-Solo-2027")
    signup.locator("[name=consent]").check()
    signup.locator("button[type=submit]").click()
    page.wait_for_url(base + "/akun/daftar/cek-email/")
    (message,) = mail.outbox  # the live server sends into this process's locmem outbox
    page.goto(re.search(r"https?://\S+", message.body).group(0))
    page.wait_for_url(base + "/portal/")
    shoot(page, "welcome")

    # The business profile.
    page.locator("[data-testid=register-business]").click()
    page.wait_for_url(base + "/portal/usaha/baru/")
    shoot(page, "business-create")
    form = page.locator("[data-testid=business-form]")
    form.locator("[name=legal_name]").fill("CV Dapur Siti")
    form.locator("[name=brand_name]").fill("Sambal Bu Siti")
    form.locator("[name=nib]").fill("9120 0012 345")  # two digits short
    form.locator("[name=legal_form]").select_option("cv")
    form.locator("[name=scale][value=mikro]").check()
    form.locator("[name=sector]").select_option("kuliner")
    form.locator("[name=province]").select_option("33")
    form.locator("[name=city]").fill("Kota Surakarta")
    form.locator("[name=address]").fill("Jl. Slamet Riyadi No. 12")
    form.locator("[name=whatsapp]").fill("0812 3456 7890")
    form.locator("[data-testid=save]").click()
    # Refused, with what was typed still there.
    assert page.locator("#id_nib_error").is_visible()
    assert form.locator("[name=legal_name]").input_value() == "CV Dapur Siti"
    assert not Business.objects.exists()
    shoot(page, "business-create-error")
    form.locator("[name=nib]").fill("9120 0012 3456 7")
    form.locator("[data-testid=save]").click()
    page.wait_for_url(base + "/portal/")
    assert Business.objects.get().nib == "9120001234567"
    assert page.locator("[data-key=food_permit][data-done=false]").count() == 1
    shoot(page, "home-new")

    # A product.
    page.locator("[data-testid=portal-nav] a[href='/portal/produk/']").click()
    shoot(page, "products-empty")
    page.locator("[data-testid=add-product]").click()
    form = page.locator("[data-testid=product-form]")
    form.locator("[name=name]").fill("Sambal bawang 200 g")
    form.locator("[name=price_min]").fill("25.000")
    form.locator("[name=price_max]").fill("1.500.000")
    form.locator("[name=unit]").fill("botol")
    shoot(page, "product-form")
    form.locator("[data-testid=save]").click()
    page.wait_for_url(base + "/portal/produk/")
    assert "Rp 25.000 – Rp 1.500.000" in page.locator("[data-testid=price]").inner_text()
    shoot(page, "products")

    # The food permit, with its scan.
    page.locator("[data-testid=portal-nav] a[href='/portal/sertifikat/']").click()
    form = page.locator("[data-testid=certification-form]")
    form.locator("[name=kind]").select_option("pirt")
    form.locator("[name=number]").fill("P-IRT No. 1234567890123-45")
    form.locator("[name=issued_on]").fill("2024-03-01")
    form.locator("[name=expires_on]").fill("2029-03-01")
    form.locator("[name=document]").set_input_files(str(permit))
    form.locator("[data-testid=save]").click()
    page.wait_for_url(base + "/portal/sertifikat/")
    assert "1234567890123-45" in page.locator("[data-testid=certificate-number]").inner_text()
    shoot(page, "certifications")

    # The NIB certificate from OSS.
    page.locator("[data-testid=portal-nav] a[href='/portal/dokumen-usaha/']").click()
    form = page.locator("[data-testid=document-form]")
    form.locator("[name=kind]").select_option("nib")
    form.locator("[name=file]").set_input_files(str(permit))
    form.locator("[data-testid=save]").click()
    page.wait_for_url(base + "/portal/dokumen-usaha/")
    assert page.locator("[data-testid=document]").count() == 2  # the permit's scan and the NIB
    shoot(page, "documents")

    page.locator("[data-testid=portal-nav] a[href='/portal/usaha/pengelola/']").click()
    shoot(page, "managers")

    # Apply through the association, then submit.
    page.locator("[data-testid=portal-nav] a[href='/portal/']").click()
    assert (
        page.locator("[data-testid=checklist-item][data-done=false] [data-testid=blocking]").count()
        == 0
    )
    page.locator("[data-testid=apply]").click()
    form = page.locator("[data-testid=application-form]")
    form.locator("[name=association]").select_option(
        label="IWAPI — Ikatan Wanita Pengusaha Indonesia"
    )
    form.locator("[name=booth_size]").select_option("culinary")
    form.locator("[name=products]").first.check()
    form.locator("[name=needs_power]").check()
    form.locator("[name=power_watts]").fill("900")
    form.locator("[name=needs_water]").check()
    shoot(page, "application-form")
    form.locator("[data-testid=save]").click()
    page.wait_for_url(f"{base}/portal/pendaftaran/{Application.objects.get().pk}/")
    assert page.locator("[data-testid=status]").get_attribute("data-status") == "draft"
    shoot(page, "application-draft")

    page.locator("[data-testid=submit]").click()
    page.wait_for_load_state()
    status = page.locator("[data-testid=status]")
    assert status.get_attribute("data-status") == "submitted"
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED
    shoot(page, "application-submitted")

    page.locator("[data-testid=withdraw]").click()
    shoot(page, "withdraw-confirm")
    page.locator("[data-testid=portal-nav] a[href='/portal/']").click()
    shoot(page, "home-applied")
