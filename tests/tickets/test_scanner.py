"""The scanner's pages: the app shell at /scan/, its service worker and its manifest."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import role_grant
from events.factories import EventFactory
from events.models import EventStatus
from tickets.factories import GateFactory
from tickets.models import RefusalReason

pytestmark = pytest.mark.django_db


def boot_of(response) -> dict:
    return response.context["boot"]


@pytest.fixture
def two_editions():
    a = EventFactory(name="Hari UMKM Nasional Solo", status=EventStatus.PUBLISHED)
    b = EventFactory(name="Hari UMKM Nasional Makassar", status=EventStatus.PUBLISHED)
    north = GateFactory(event=a, name="Gerbang Utara", code="utara")
    south = GateFactory(event=a, name="Gerbang Selatan", code="selatan")
    closed = GateFactory(event=a, name="Gerbang Timur", code="timur", is_active=False)
    other = GateFactory(event=b, name="Gerbang Losari", code="losari")
    past = EventFactory(name="Hari UMKM Nasional 2020", status=EventStatus.ARCHIVED)
    GateFactory(event=past, name="Gerbang Lama", code="lama")
    staff = UserFactory()
    role_grant(user=staff, role=Role.GATE_STAFF, scope=a)
    role_grant(user=staff, role=Role.GATE_STAFF, scope=past)
    return {
        "a": a,
        "b": b,
        "north": north,
        "south": south,
        "closed": closed,
        "other": other,
        "staff": staff,
    }


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/scan/")
    login = reverse("accounts:login")
    assert response.status_code == 302
    assert response["Location"] == f"{login}?next=/scan/"


def test_the_english_scanner_logs_in_in_english(client):
    response = client.get("/en/scan/")
    assert response.status_code == 302
    with translation.override("en"):
        login = reverse("accounts:login")
    assert response["Location"] == f"{login}?next=/en/scan/"


def test_gate_staff_see_the_open_gates_of_their_edition_only(client, two_editions):
    client.force_login(two_editions["staff"])
    response = client.get("/scan/")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    gates = response.context["gates"]
    assert [gate["name"] for gate in gates] == ["Gerbang Selatan", "Gerbang Utara"]
    assert {gate["event"] for gate in gates} == {two_editions["a"].pk}
    html = response.content.decode()
    assert "Gerbang Utara" in html and "Gerbang Selatan" in html
    assert "Gerbang Losari" not in html  # another edition's
    assert "Gerbang Timur" not in html  # closed
    assert "Gerbang Lama" not in html  # an archived edition's
    # What the script needs, as JSON in the page.
    assert 'id="scanner-boot"' in html
    boot = boot_of(response)
    assert boot["api"] == "/api/v1/checkin"
    assert boot["scope"] == "/scan/"
    assert boot["sw"] == "/scan/sw.js"
    assert boot["csrf"]
    assert set(boot["reasons"]) == {value for value, _label in RefusalReason.choices}
    assert set(boot["strings"]) >= {"admitted", "refused", "queued", "queued_one", "offline"}


def test_organizers_scan_at_their_edition(client, two_editions):
    organizer = UserFactory()
    role_grant(user=organizer, role=Role.ORGANIZER, scope=two_editions["b"])
    client.force_login(organizer)
    response = client.get("/scan/")
    assert response.status_code == 200
    assert [gate["name"] for gate in response.context["gates"]] == ["Gerbang Losari"]


def test_the_page_speaks_english_under_en(client, two_editions):
    client.force_login(two_editions["staff"])
    response = client.get("/en/scan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Sign this phone in at a gate" in html
    boot = boot_of(response)
    assert boot["language"] == "en"
    assert boot["scope"] == "/en/scan/"
    assert boot["sw"] == "/en/scan/sw.js"
    assert boot["strings"]["admitted"] == "Admitted"
    assert boot["reasons"]["already_inside"] == "Already inside"


def test_a_user_without_the_role_is_refused_with_a_clear_page(client, two_editions):
    client.force_login(UserFactory(email="budi@example.test"))
    response = client.get("/en/scan/")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'data-testid="forbidden"' in html
    assert "The scanner is for gate staff" in html
    assert "budi@example.test" in html


def test_the_service_worker_may_control_the_scanner(client):
    response = client.get("/scan/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/scan/"
    body = response.content.decode()
    assert "/static/js/scanner/app.js" in body
    assert "/static/vendor/qr-scanner/qr-scanner-worker.min.js" in body
    assert "/static/vendor/noble-ed25519/index.js" in body
    assert "{{" not in body and "{%" not in body

    english = client.get("/en/scan/sw.js")
    assert english["Service-Worker-Allowed"] == "/en/scan/"
    assert '"/en/scan/"' in english.content.decode()


def test_the_service_worker_changes_with_the_files_it_caches(client, settings, tmp_path):
    first = client.get("/scan/sw.js").content
    assert client.get("/scan/sw.js").content == first
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "scanner.css").write_text("body { color: red; }")
    settings.STATICFILES_DIRS = [static, *settings.STATICFILES_DIRS]  # found first
    assert client.get("/scan/sw.js").content != first


def test_the_manifest_describes_an_installable_app(client, settings):
    response = client.get("/scan/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/scan/"
    assert manifest["scope"] == "/scan/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"].startswith("#")
    assert manifest["name"] and manifest["short_name"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL)), icon["src"]

    english = json.loads(client.get("/en/scan/manifest.webmanifest").content)
    assert english["start_url"] == "/en/scan/"
    assert english["name"] == "Pameran gate scanner"
