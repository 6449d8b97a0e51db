"""Business matching for buyers and exhibitors under /temu-bisnis/.

Buyers work under ``pembeli/``, exhibitors under ``usaha/``; the two sides mirror each
other (``buyer_<page>`` and ``exhibitor_<page>``).
"""

from django.urls import path

from . import views

app_name = "matching"


def _mirrored(side: str, prefix: str) -> list:
    """The pages both sides have."""

    def view(name):
        return getattr(views, f"{side}_{name}")

    return [
        path(f"{prefix}/", view("home"), name=f"{side}_home"),
        path(f"{prefix}/permintaan/", view("requests"), name=f"{side}_requests"),
        path(
            f"{prefix}/permintaan/<int:pk>/jawab/",
            view("meeting_respond"),
            name=f"{side}_meeting_respond",
        ),
        path(
            f"{prefix}/permintaan/<int:pk>/batal/",
            view("meeting_cancel"),
            name=f"{side}_meeting_cancel",
        ),
        path(f"{prefix}/jadwal/", view("schedule"), name=f"{side}_schedule"),
        path(f"{prefix}/jadwal/unduh.pdf", view("schedule_pdf"), name=f"{side}_schedule_pdf"),
        path(f"{prefix}/jadwal/kalender.ics", view("schedule_ics"), name=f"{side}_schedule_ics"),
        path(f"{prefix}/transaksi/", view("deals"), name=f"{side}_deals"),
        path(f"{prefix}/transaksi/baru/", view("deal_create"), name=f"{side}_deal_create"),
        path(f"{prefix}/transaksi/<int:pk>/", view("deal"), name=f"{side}_deal"),
        path(
            f"{prefix}/transaksi/<int:pk>/konfirmasi/",
            view("deal_confirm"),
            name=f"{side}_deal_confirm",
        ),
        path(f"{prefix}/transaksi/<int:pk>/batalkan/", view("deal_void"), name=f"{side}_deal_void"),
        path(
            f"{prefix}/transaksi/<int:pk>/koreksi/",
            view("deal_correct"),
            name=f"{side}_deal_correct",
        ),
    ]


urlpatterns = [
    path("", views.index, name="index"),
    *_mirrored("buyer", "pembeli"),
    path("pembeli/profil/", views.buyer_profile, name="buyer_profile"),
    path("pembeli/saran/", views.buyer_suggestions, name="buyer_suggestions"),
    path("pembeli/peserta/", views.buyer_exhibitors, name="buyer_exhibitors"),
    path(
        "pembeli/peserta/<int:pk>/minta-temu/",
        views.buyer_request_meeting,
        name="buyer_request_meeting",
    ),
    *_mirrored("exhibitor", "usaha"),
    path("usaha/pembeli/", views.exhibitor_buyers, name="exhibitor_buyers"),
    path(
        "usaha/pembeli/<int:pk>/minta-temu/",
        views.exhibitor_request_meeting,
        name="exhibitor_request_meeting",
    ),
]
