"""The exhibitor portal under /portal/ (Indonesian slugs; /en/portal/ in English)."""

from django.urls import path

from ..views import portal as views

urlpatterns = [
    path("", views.home, name="home"),
    path("usaha/baru/", views.business_create, name="business_create"),
    path("usaha/", views.business_edit, name="business_edit"),
    path("usaha/pengelola/", views.managers, name="managers"),
    path("usaha/pengelola/<int:user_id>/hapus/", views.manager_remove, name="manager_remove"),
    path("produk/", views.products, name="products"),
    path("produk/baru/", views.product_create, name="product_create"),
    path("produk/<int:pk>/", views.product_edit, name="product_edit"),
    path("produk/<int:pk>/hapus/", views.product_delete, name="product_delete"),
    path("sertifikat/", views.certifications, name="certifications"),
    path("sertifikat/<int:pk>/hapus/", views.certification_delete, name="certification_delete"),
    path("dokumen-usaha/", views.documents, name="documents"),
    path(
        "dokumen-usaha/<int:pk>/hapus/",
        views.document_delete,
        name="business_document_delete",
    ),
    path(
        "pendaftaran/baru/<slug:event_slug>/",
        views.application_create,
        name="application_create",
    ),
    path("pendaftaran/<int:pk>/", views.application, name="application"),
    path("pendaftaran/<int:pk>/ubah/", views.application_edit, name="application_edit"),
    path("pendaftaran/<int:pk>/kirim/", views.application_submit, name="application_submit"),
    path("pendaftaran/<int:pk>/tarik/", views.application_withdraw, name="application_withdraw"),
]
