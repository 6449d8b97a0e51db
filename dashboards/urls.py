"""The figures under /angka/ (Indonesian) and /en/angka/: the ministry dashboard, the rows
behind each figure, exports, and the website's live-figures block."""

from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("transaksi/", views.rows, name="rows"),
    path("unduh/angka.<str:format>", views.export_figures, name="export_figures"),
    path("unduh/laporan.pdf", views.report_pdf, name="report_pdf"),
    path("unduh/laporan/siapkan/", views.export_report_background, name="report_background"),
    path("unduh/transaksi.<str:format>", views.export_rows, name="export_rows"),
    path("unduhan/<int:pk>/", views.export_job, name="export_job"),
    path("unduhan/<int:pk>/berkas/", views.export_download, name="export_download"),
    path("langsung/<slug:slug>/", views.live, name="live"),
]
