"""A visitor registers in Chromium on a phone, opens the pass page, and its QR decodes."""

import io
from datetime import timedelta

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from tests.browser import PHONE
from tests.tickets.world import make_world
from tickets import forms as ticket_forms
from tickets import tokens
from tickets.models import Pass
from tickets.selectors import forget_memos, public_keys


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_visitor_registers_on_a_phone_and_the_pass_page_qr_decodes(
    live_server, monkeypatch, page
):
    forget_memos()
    world = make_world()
    now = timezone.now()
    world.event.visitor_registration_opens_at = now - timedelta(days=1)
    world.event.visitor_registration_closes_at = now + timedelta(days=30)
    world.event.save()
    # People take more than a few seconds; the test need not wait them out.
    monkeypatch.setattr(ticket_forms, "MIN_FILL_SECONDS", 0)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/tiket/{world.event.slug}/daftar/")
    form = page.get_by_test_id("registration-form")
    form.get_by_label("Pengunjung Umum").check()
    form.get_by_label("Kamis, 12 Agustus 2027").check()
    form.locator('input[name="contact_name"]').fill("Rina Kusumawati")
    form.locator('input[name="email"]').fill("rina@example.id")
    form.locator('input[name="phone"]').fill("0813 2222 3333")
    form.locator('select[name="province"]').select_option("34")
    form.locator('input[name="city"]').fill("Kota Yogyakarta")
    form.locator('select[name="category"]').select_option("umkm")
    form.locator('input[name="consent"]').check()
    form.get_by_test_id("register-submit").click()

    page.get_by_test_id("registered").wait_for()
    visitor_pass = Pass.objects.get(holder_email="rina@example.id")
    page.get_by_role("link", name="Buka tiket").click()
    page.get_by_test_id("pass-page").wait_for()
    assert page.get_by_test_id("pass-holder").inner_text() == "Rina Kusumawati"
    shot = page.get_by_test_id("pass-qr").screenshot()
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert len(decoded) == 1
    claims = tokens.verify(decoded[0].text, public_keys(world.event))
    assert claims.pass_id == visitor_pass.pk
    assert page.get_by_test_id("pass-code").inner_text().replace("-", "") == visitor_pass.code
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Once opened, the pass opens again with no network (the venue's network is the first
    # thing to go at peak hours).
    page.wait_for_selector("body[data-offline-ready=true]")
    page.context.set_offline(True)
    page.reload()
    assert page.get_by_test_id("pass-holder").inner_text() == "Rina Kusumawati"
    assert page.get_by_test_id("pass-qr").locator("svg").count() == 1
    page.context.set_offline(False)
    assert errors == []
