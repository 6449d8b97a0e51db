"""The gate scanner (a PWA) at /scan/: the app shell, its service worker and its manifest.

The shell is one page; the work happens in ``static/js/scanner/`` against the
check-in API (tickets.api). The page lists the gates the signed-in user may scan at
and carries every string the scanner shows, translated here, so the JavaScript holds
no text of its own. The service worker keeps the shell and its files, so the page
opens again with no network at the gate.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control, never_cache

from accounts.permissions import visible
from events.models import Event, EventStatus

from .models import Gate, PassType, RefusalReason

# Everything the shell loads, precached by the service worker (paths under STATIC_URL).
ASSETS = [
    "css/scanner.css",
    "js/scanner/app.js",
    "js/scanner/api.js",
    "js/scanner/camera.js",
    "js/scanner/feedback.js",
    "js/scanner/judge.js",
    "js/scanner/store.js",
    "js/scanner/token.js",
    "vendor/qr-scanner/qr-scanner.min.js",
    "vendor/qr-scanner/qr-scanner-worker.min.js",
    "vendor/noble-ed25519/index.js",
    "img/scanner/icon.svg",
    "img/scanner/icon-192.png",
    "img/scanner/icon-512.png",
]
SHELL_TEMPLATES = ["tickets/scanner.html", "tickets/scanner/sw.js"]
THEME_COLOUR = "#14171c"
HIDDEN_STATUSES = (EventStatus.ARCHIVED,)  # a draft edition may rehearse at its gates


def scanner_editions(user):
    """The editions whose gates ``user`` may operate, past (archived) ones left out."""
    return visible(user, "events.operate_gates", Event.objects.all()).exclude(
        status__in=HIDDEN_STATUSES
    )


def scanner_gates(user) -> list[dict]:
    """The open gates of the editions where ``user`` may operate gates, newest edition first."""
    editions = scanner_editions(user)
    gates = (
        Gate.objects.filter(event__in=editions, is_active=True)
        .select_related("event")
        .order_by("-event__year", "event__name", "name")
    )
    return [
        {
            "id": gate.pk,
            "code": gate.code,
            "name": gate.name,
            "hint": gate.hint,
            "event": gate.event_id,
            "event_name": gate.event.name,
        }
        for gate in gates
    ]


def scanner_pass_types(user) -> dict[int, str]:
    """Pass type id → name in the active language, for the editions in ``scanner_gates``.

    The check-in API answers in the default language (it is outside ``i18n_patterns``);
    the scanner shows these names instead where it knows the pass type.
    """
    editions = scanner_editions(user)
    return {
        pass_type.pk: pass_type.display_name
        for pass_type in PassType.objects.filter(event__in=editions).only("pk", "name", "name_en")
    }


def gate_staff_required(view):
    """Log in first; then only users who may operate some edition's gates pass."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        editions = visible(request.user, "events.operate_gates", Event.objects.all())
        if not editions.exists():
            return render(request, "tickets/scanner/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def plural(key: str, forms) -> dict[str, str]:
    """``key_one`` and ``key_other``: ``forms(n)`` (an ngettext) for 1 and for more, with
    ``{count}`` left in for the script, which picks by the number."""
    count = {"count": "{count}"}
    return {f"{key}_one": forms(1) % count, f"{key}_other": forms(2) % count}


def ui_strings() -> dict[str, str]:
    """Every text the scanner's JavaScript shows, in the active language.

    ``{count}``, ``{detail}`` and ``{time}`` are filled in by the script.
    """
    return {
        "admitted": _("Admitted"),
        "refused": _("Refused"),
        "exit_ok": _("Exit recorded"),
        "queued": _("Check by eye"),
        "queued_reason": _("A typed code cannot be checked offline"),
        "queued_hint": _(
            "Look at the pass and the holder. The scan is saved and the server checks it "
            "when the network is back."
        ),
        "name_when_online": _("Name shown when online"),
        "online": _("Online"),
        "offline": _("Offline"),
        "syncing": _("Uploading…"),
        **plural(
            "queued",
            lambda n: ngettext(
                "%(count)s scan waiting to upload", "%(count)s scans waiting to upload", n
            ),
        ),
        **plural(
            "conflicts",
            lambda n: ngettext(
                "%(count)s offline admission disagreed with the server (e.g. already let in "
                "at another gate).",
                "%(count)s offline admissions disagreed with the server (e.g. already let in "
                "at another gate).",
                n,
            ),
        ),
        **plural(
            "uploaded",
            lambda n: ngettext(
                "%(count)s offline scan uploaded.", "%(count)s offline scans uploaded.", n
            ),
        ),
        "camera_denied": _(
            "The camera could not be opened. Allow camera access for this site, or type "
            "the pass code below."
        ),
        "no_camera": _("This phone has no camera the browser can use. Type the pass code."),
        "sign_in_failed": _("Could not sign this phone in: %(detail)s") % {"detail": "{detail}"},
        "sign_in_offline": _("Signing in needs the network. Try again when online."),
        "signed_out_by_server": _(
            "This phone was signed out by the organizer (or its gate was closed). Sign in again."
        ),
        "config_missing": _(
            "The scanner has not loaded the edition's data yet; connect to the network once."
        ),
        "need_code": _("Type a pass code or paste a code."),
        "choose_gate": _("Choose the gate you are at."),
        "confirm_sign_out": _(
            "Sign this phone out? Scans waiting to upload are kept and sent after the next sign-in."
        ),
        **plural(
            "confirm_sign_out_queue",
            lambda n: ngettext(
                "%(count)s scan has not been uploaded yet. Sign out anyway? It is kept and "
                "sent after the next sign-in at this edition.",
                "%(count)s scans have not been uploaded yet. Sign out anyway? They are kept "
                "and sent after the next sign-in at this edition.",
                n,
            ),
        ),
        "sign_out_offline": _("Signing out needs the network, so the scans can be uploaded."),
        "last_sync": _("Lists updated %(time)s") % {"time": "{time}"},
        "never_synced": _("Lists not updated yet"),
        "unknown_pass_type": _("Unknown pass type"),
        "error": _("Something went wrong: %(detail)s") % {"detail": "{detail}"},
    }


def reason_strings() -> dict[str, str]:
    return {value: str(label) for value, label in RefusalReason.choices}


@never_cache
@gate_staff_required
def scanner(request):
    scope = reverse("scanner:scanner")
    context = {
        "gates": scanner_gates(request.user),
        "boot": {
            "api": reverse("api:config").rsplit("/", 1)[0],
            "scope": scope,
            "sw": reverse("scanner:service_worker"),
            "csrf": get_token(request),
            "user": request.user.email,
            "language": request.LANGUAGE_CODE,
            "strings": ui_strings(),
            "reasons": reason_strings(),
            "pass_types": scanner_pass_types(request.user),
        },
        "manifest": reverse("scanner:manifest"),
        "theme_colour": THEME_COLOUR,
    }
    return render(request, "tickets/scanner.html", context)


def _asset_version(paths: list[str]) -> str:
    """A digest of the shell's files, so a new deployment installs a new service worker.

    Read again only when a file's size or time changes (``os.stat`` per request).
    """
    sources = [finders.find(path) for path in paths]
    sources += [get_template(name).origin.name for name in SHELL_TEMPLATES]
    stamp = [settings.STATIC_URL]
    for source in sources:
        info = os.stat(source) if source else None
        stamp.append((source, info.st_size, info.st_mtime_ns) if info else None)
    if _versions.get("stamp") != stamp:
        digest = hashlib.sha256(settings.STATIC_URL.encode())
        for path, source in zip(paths + SHELL_TEMPLATES, sources, strict=True):
            digest.update(path.encode())
            if source:
                with open(source, "rb") as handle:
                    digest.update(handle.read())
        _versions.update(stamp=stamp, version=digest.hexdigest()[:16])
    return _versions["version"]


_versions: dict = {}


@never_cache
def service_worker(request):
    """The scanner's service worker, served from the scanner's own path so its scope is /scan/."""
    scope = reverse("scanner:scanner")
    assets = [static(path) for path in ASSETS]
    body = render_to_string(
        "tickets/scanner/sw.js",
        {
            "version": _asset_version(ASSETS),
            "scope": json.dumps(scope),
            "shell": json.dumps(scope),
            "manifest": json.dumps(reverse("scanner:manifest")),
            "assets": json.dumps(assets),
            "static_prefix": json.dumps(settings.STATIC_URL),
        },
    )
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = scope
    return response


@cache_control(max_age=3600)
def manifest(request):
    scope = reverse("scanner:scanner")
    body = {
        "name": _("Pameran gate scanner"),
        "short_name": _("Scanner"),
        "description": _("Scan visitors' passes at the gates, online or offline."),
        "lang": request.LANGUAGE_CODE,
        "start_url": scope,
        "scope": scope,
        "id": scope,
        "display": "standalone",
        "orientation": "portrait",
        "background_color": THEME_COLOUR,
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static("img/scanner/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("img/scanner/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/scanner/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )
