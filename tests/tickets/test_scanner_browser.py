"""The gate scanner in Chromium: a fake camera, the network gone, two gates at once.

Chromium plays a .y4m file as its camera (tests/tickets/scanner_video.py), so the
scanner reads a real QR code through qr-scanner. Offline is Playwright's
``context.set_offline``, which the page sees as ``navigator.onLine`` and failed fetches.
"""

import os
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import EventDayFactory, EventFactory
from events.models import EventStatus
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.tickets.scanner_video import qr_frame, write_y4m
from tickets.factories import GateFactory, PassTypeFactory, make_device, make_pass
from tickets.models import CheckIn, Pass, RefusalReason, ScanResult
from tickets.selectors import display_code, forget_memos, pass_token
from tickets.services import Scan, checkin_redeem, pass_reissue, pass_void

PASSWORD = "secret-pass-123"  # accounts.factories.UserFactory's
PHONE = {"width": 360, "height": 740}
TIMEOUT = 30_000  # a loaded two-core machine: generous
SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "shots")


# --- the edition ------------------------------------------------------------------------


@pytest.fixture
def gate_world():
    """An edition open today (in its time zone) and tomorrow, two gates, passes."""
    forget_memos()
    event = EventFactory(name="Hari UMKM Nasional Solo", status=EventStatus.PUBLISHED)
    today = datetime.now(ZoneInfo(event.time_zone)).date()
    day = EventDayFactory(event=event, date=today)
    tomorrow = EventDayFactory(event=event, date=today + timedelta(days=1))
    north = GateFactory(event=event, name="Gerbang Utara", code="utara")
    south = GateFactory(event=event, name="Gerbang Selatan", code="selatan")
    general = PassTypeFactory(
        event=event, name="Pengunjung Umum", name_en="General visitor", days=[day, tomorrow]
    )
    south_only = PassTypeFactory(
        event=event, name="Pembeli", name_en="Business buyer", days=[day], gates=[south]
    )
    staff = UserFactory(email="gerbang@example.test")
    role_grant(user=staff, role=Role.GATE_STAFF, scope=event)
    passes = {
        "sri": make_pass(pass_type=general, holder_name="Sri Wahyuni"),
        "budi": make_pass(pass_type=general, holder_name="Budi Santoso"),
        "dewi": make_pass(pass_type=general, holder_name="Dewi Lestari"),
        "void": make_pass(pass_type=general, holder_name="Agus Salim"),
        "tomorrow": make_pass(pass_type=general, days=[tomorrow], holder_name="Rina Tomorrow"),
        "buyer": make_pass(pass_type=south_only, holder_name="Hendra Buyer"),
        "reissued": make_pass(
            pass_type=general, holder_name="Wati Reissued", holder_email="wati@example.test"
        ),
    }
    tokens = {name: pass_token(visitor_pass) for name, visitor_pass in passes.items()}
    pass_void(visitor_pass=passes["void"], actor=None, reason="lost")
    pass_reissue(visitor_pass=passes["reissued"], actor=None)  # tokens["reissued"] is now old
    other = make_pass(holder_name="Other Edition")
    tokens["other_event"] = pass_token(other)
    yield {
        "event": event,
        "day": day,
        "north": north,
        "south": south,
        "staff": staff,
        "passes": passes,
        "tokens": tokens,
    }
    forget_memos()


# --- browsers ---------------------------------------------------------------------------


@pytest.fixture
def launch():
    """``launch(video=None)``: a Chromium of this test's own, optionally with a fake camera.

    The same executable and arguments as tests/browser.py; see its ``browser`` fixture
    for why DJANGO_ALLOW_ASYNC_UNSAFE is set while Playwright runs.
    """
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browsers = []

    def start(video: Path | None = None):
        args = list(CHROMIUM_ARGS)
        if video is not None:
            args += [
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        browsers.append(browser)
        return browser

    try:
        yield start
    finally:
        for browser in browsers:
            browser.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def phone(browser, **options):
    context = browser.new_context(viewport=PHONE, locale="en-US", **options)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "favicon" not in message.location.get("url", "")
            else None
        ),
    )
    page.errors = errors
    return context, page


def sign_in(page, live_server, user, gate, *, name="HP test", shot=None):
    """Log in through the real form, then sign the phone in at ``gate`` (English scanner)."""
    with translation.override("en"):
        login_url = reverse("accounts:login")
    page.goto(f"{live_server.url}{login_url}?next=/en/scan/")
    login = page.get_by_test_id("login-form")
    login.locator('input[name="username"]').fill(user.email)
    login.locator('input[name="password"]').fill(PASSWORD)
    login.locator('button[type="submit"]').click()
    page.wait_for_url("**/en/scan/")
    setup = page.get_by_test_id("setup-form")
    expect(setup).to_be_visible()
    setup.get_by_label(gate.name).check()
    setup.get_by_label("Name of this phone").fill(name)
    if shot:
        page.screenshot(path=SHOTS / shot, full_page=True)
    setup.get_by_role("button", name="Start scanning").click()
    expect(page.locator("[data-app]")).to_have_attribute("data-synced", "true")
    expect(page.locator("[data-gate-name]")).to_have_text(gate.name)


def enter(page, text):
    """Type (or paste) a code in the manual field and check it; wait for the verdict."""
    dismiss(page)
    count = page.get_by_test_id("history").locator("li").count()
    page.locator("[data-manual-code]").fill(text)
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_test_id("history").locator("li")).to_have_count(min(count + 1, 8))
    return verdict(page)


def verdict(page):
    """The verdict on screen now: (data-result, data-reason, its text)."""
    result = page.get_by_test_id("result")
    return (
        result.get_attribute("data-result"),
        result.get_attribute("data-reason"),
        result.inner_text(),
    )


def wait_verdict(page, kind):
    page.wait_for_selector(f'[data-testid="result"][data-result="{kind}"]:not([hidden])')
    return verdict(page)


def dismiss(page):
    """Close the verdict if it is still up (Escape, as a tap does; it may close itself)."""
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("result")).to_be_hidden()


def queue_badge(page):
    return page.get_by_test_id("queue")


# --- a: the camera ------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_qr_code_shown_to_the_camera_admits_once(live_server, gate_world, launch, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    sri = gate_world["passes"]["sri"]
    video = write_y4m(tmp_path / "pass.y4m", qr_frame(gate_world["tokens"]["sri"]))
    browser = launch(video)
    context, page = phone(browser, permissions=["camera"])
    sign_in(page, live_server, gate_world["staff"], gate_world["north"], shot="scanner-setup.png")
    page.screenshot(path=SHOTS / "scanner-ready.png")

    page.get_by_test_id("camera-start").click()
    kind, reason, text = wait_verdict(page, "admitted")
    page.screenshot(path=SHOTS / "scanner-admitted.png")
    assert reason == ""
    assert "Admitted" in text and "Sri Wahyuni" in text and "General visitor" in text
    checkin = CheckIn.objects.get(visitor_pass=sri)
    assert (checkin.result, checkin.gate, checkin.offline) == (
        ScanResult.ADMITTED,
        gate_world["north"],
        False,
    )
    assert checkin.device.name == "HP test"

    # Held in front of the camera, the same code is one scan, not twenty.
    dismiss(page)
    page.wait_for_timeout(1500)  # proving a negative: the camera keeps reading the same code
    assert CheckIn.objects.filter(visitor_pass=sri).count() == 1

    # Shown again (the attendant restarts the camera): already inside.
    page.get_by_test_id("camera-stop").click()
    page.get_by_test_id("camera-start").click()
    kind, reason, text = wait_verdict(page, "refused")
    page.screenshot(path=SHOTS / "scanner-refused.png")
    assert reason == RefusalReason.ALREADY_INSIDE
    assert "Already inside" in text and "Sri Wahyuni" in text
    assert list(
        CheckIn.objects.filter(visitor_pass=sri).order_by("pk").values_list("result", "reason")
    ) == [(ScanResult.ADMITTED, ""), (ScanResult.REFUSED, RefusalReason.ALREADY_INSIDE)]
    dismiss(page)
    page.screenshot(path=SHOTS / "scanner-camera-on.png")
    page.get_by_test_id("camera-stop").click()
    assert page.errors == []
    context.close()


# --- b: offline ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_offline_scans_are_judged_on_the_phone_and_uploaded_later(live_server, gate_world, launch):
    SHOTS.mkdir(parents=True, exist_ok=True)
    tokens, passes = gate_world["tokens"], gate_world["passes"]
    browser = launch()
    context, page = phone(browser)
    sign_in(page, live_server, gate_world["staff"], gate_world["north"])
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")

    context.set_offline(True)
    status = page.get_by_test_id("net-status")
    expect(status).to_have_text("Offline")

    kind, reason, text = enter(page, tokens["sri"])
    assert (kind, reason) == ("admitted", "")
    assert "Admitted" in text and "Offline — uploaded later" in text
    assert "General visitor" in text and "Name shown when online" in text
    assert "Sri Wahyuni" not in text  # tokens carry no names
    expect(queue_badge(page)).to_have_attribute("data-count", "1")
    expect(queue_badge(page)).to_have_text("1 scan waiting to upload")

    kind, reason, text = enter(page, tokens["sri"])  # the phone remembers who came in
    assert (kind, reason) == ("refused", RefusalReason.ALREADY_INSIDE)

    assert enter(page, tokens["budi"])[:2] == ("admitted", "")
    page.screenshot(path=SHOTS / "scanner-offline-admitted.png")
    kind, reason, text = enter(page, tokens["void"])
    assert (kind, reason) == ("refused", RefusalReason.VOID)
    assert "Pass is void" in text
    page.screenshot(path=SHOTS / "scanner-offline-refused.png")

    # A typed code cannot be checked offline: amber, and queued for the server to judge.
    kind, reason, text = enter(page, display_code(passes["dewi"].code))
    assert kind == "unverified"
    page.screenshot(path=SHOTS / "scanner-offline-unverified.png")
    dismiss(page)
    expect(queue_badge(page)).to_have_attribute("data-count", "5")
    page.screenshot(path=SHOTS / "scanner-offline-queue.png")
    assert not CheckIn.objects.exists()

    # The page opens again with no network, from the service worker, queue intact.
    response = page.reload()
    assert response.headers.get("x-scanner-shell") == "cache"
    expect(page.locator("[data-gate-name]")).to_have_text("Gerbang Utara")
    expect(queue_badge(page)).to_have_attribute("data-count", "5")
    expect(status).to_have_text("Offline")
    assert enter(page, tokens["tomorrow"])[:2] == ("refused", RefusalReason.WRONG_DAY)
    expect(queue_badge(page)).to_have_attribute("data-count", "6")

    context.set_offline(False)
    expect(queue_badge(page)).to_be_hidden()
    expect(queue_badge(page)).to_have_attribute("data-count", "0")
    expect(status).to_have_text("Online")
    expect(page.get_by_test_id("toast")).to_contain_text("6 offline scans uploaded.")

    scans = CheckIn.objects.filter(event=gate_world["event"])
    assert scans.count() == 6
    assert set(scans.values_list("offline", flat=True)) == {True}
    by_pass = {
        (checkin.visitor_pass.holder_name, checkin.result, checkin.reason)
        for checkin in scans.select_related("visitor_pass")
    }
    assert by_pass == {
        ("Sri Wahyuni", ScanResult.ADMITTED, ""),
        ("Sri Wahyuni", ScanResult.REFUSED, RefusalReason.ALREADY_INSIDE),
        ("Budi Santoso", ScanResult.ADMITTED, ""),
        ("Agus Salim", ScanResult.REFUSED, RefusalReason.VOID),
        ("Dewi Lestari", ScanResult.ADMITTED, ""),  # the server judged the typed code
        ("Rina Tomorrow", ScanResult.REFUSED, RefusalReason.WRONG_DAY),
    }
    assert not scans.filter(conflict=True).exists()
    assert Pass.objects.get(pk=passes["sri"].pk).inside_day == gate_world["day"]
    # An uploaded scan shows the holder's name in the list of last scans.
    expect(page.get_by_test_id("history").locator("li").first).to_contain_text(
        "Rina Tomorrow · General visitor"
    )
    assert page.errors == []
    context.close()


# --- c: two gates offline, one pass -------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_pass_admitted_offline_at_two_gates_is_one_conflict(live_server, gate_world, launch):
    token = gate_world["tokens"]["sri"]
    browser = launch()
    north_context, north = phone(browser)
    south_context, south = phone(browser)
    sign_in(north, live_server, gate_world["staff"], gate_world["north"], name="HP utara")
    sign_in(south, live_server, gate_world["staff"], gate_world["south"], name="HP selatan")
    north_context.set_offline(True)
    south_context.set_offline(True)
    assert enter(north, token)[:2] == ("admitted", "")
    assert enter(south, token)[:2] == ("admitted", "")

    north_context.set_offline(False)
    expect(queue_badge(north)).to_have_attribute("data-count", "0")
    south_context.set_offline(False)
    expect(queue_badge(south)).to_have_attribute("data-count", "0")
    expect(south.get_by_test_id("toast")).to_have_attribute("data-conflicts", "1")

    scans = CheckIn.objects.filter(visitor_pass=gate_world["passes"]["sri"]).order_by("pk")
    assert [(c.gate.code, c.result, c.offline, c.conflict) for c in scans] == [
        ("utara", ScanResult.ADMITTED, True, False),
        ("selatan", ScanResult.ADMITTED, True, True),
    ]
    assert scans[1].reason == RefusalReason.ALREADY_INSIDE
    assert north.errors == [] and south.errors == []
    north_context.close()
    south_context.close()


# --- d: the offline rules are the server's ------------------------------------------------

JUDGE_IN_PAGE = """
async (tokens) => {
  const judge = await import("/static/js/scanner/judge.js");
  const token = await import("/static/js/scanner/token.js");
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("pameran-scanner");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const get = (key) => new Promise((resolve) => {
    const request = db.transaction("kv").objectStore("kv").get(key);
    request.onsuccess = () => resolve(request.result);
  });
  const device = JSON.parse(localStorage.getItem("pameran.scanner.device"));
  const config = await get(`config:${device.event}`);
  const revocations = await get(`revocations:${device.event}`);
  const keys = new Map(config.keys.map((k) => [k.kid, token.base64Decode(k.public_key)]));
  const out = {};
  for (const [name, text] of Object.entries(tokens)) {
    const state = {
      config, keys, gateId: device.gate.id,
      revocations: new Map(revocations.items), presence: new Map(),
    };
    const verdict = await judge.judgeOffline(text, "in", new Date(), state);
    out[name] = [verdict.result, verdict.reason];
  }
  // Both Ed25519 engines agree on a good and a forged signature.
  const { body, signature } = token.readClaims(tokens.sri);
  const key = keys.get(token.readClaims(tokens.sri).claims.kid);
  const forged = signature.slice(); forged[5] ^= 1;
  out.engines = {};
  for (const engine of ["subtle", "noble"]) {
    out.engines[engine] = [
      await token.verifySignature(key, body, signature, { engine }),
      await token.verifySignature(key, body, forged, { engine }),
    ];
  }
  return out;
}
"""


def tamper(text: str) -> str:
    """The token with one character of its signature changed."""
    position = 100
    swapped = "A" if text[position] != "A" else "B"
    return text[:position] + swapped + text[position + 1 :]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_phone_judges_offline_as_the_server_does(live_server, gate_world, launch):
    tokens = dict(gate_world["tokens"])
    tokens["forged"] = tamper(tokens["budi"])
    tokens["garbage"] = "HELLO WORLD " * 11
    browser = launch()
    context, page = phone(browser)
    sign_in(page, live_server, gate_world["staff"], gate_world["north"])
    on_phone = page.evaluate(JUDGE_IN_PAGE, tokens)
    assert on_phone.pop("engines") == {"subtle": [True, False], "noble": [True, False]}

    device, _token = make_device(gate=gate_world["north"], name="server check")
    on_server = {}
    for name, text in tokens.items():
        outcome = checkin_redeem(
            device=device, scan=Scan(nonce=f"check-{name}", text=text), now=timezone.now()
        )
        on_server[name] = [outcome.result, outcome.reason]
    assert on_phone == on_server
    # And the table is not trivial: each rule is met once.
    assert on_server["sri"] == ["admitted", ""]
    assert on_server["void"] == ["refused", "void"]
    assert on_server["reissued"] == ["refused", "revoked"]
    assert on_server["tomorrow"] == ["refused", "wrong_day"]
    assert on_server["buyer"] == ["refused", "wrong_gate"]
    assert on_server["other_event"] == ["refused", "other_event"]
    assert on_server["forged"] == ["refused", "unknown"]
    assert on_server["garbage"] == ["refused", "unknown"]
    assert page.errors == []
    context.close()
