"""The Wagtail admin's page and image screens: reserved slugs, slugs across languages,
translations, upload limits."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from accounts.factories import UserFactory
from cms.models import ContactPage, FaqPage, NewsIndexPage, ProgrammePage, StandardPage
from tests.admin import admin_login
from tests.cms.test_seo import add, build_tree


@pytest.fixture
def tree(demo_event):
    return build_tree(demo_event)


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(email="editor@example.id", is_superuser=True, is_staff=True)
    return admin_login(client, user, language="en")


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def form_data(client, url, **values):
    """What the admin's page form would post: its own fields, the values given, empty
    StreamFields and inline panels (rendered by JavaScript, so not in the HTML)."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name in ("body", "agenda_items", "form_fields", "comments"):
        if name == "body":
            data.setdefault("body-count", "0")
        else:
            for key, value in {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            }.items():
                data.setdefault(f"{name}-{key}", value)
    for key, value in nested_form_data(values).items():
        data[key] = value
    return data


def post_page(client, model, parent, **values):
    url = add_url(model, parent)
    return client.post(url, form_data(client, url, **values))


# Reserved slugs ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["tiket", "akun", "angka", "admin", "portal", "temu-bisnis"])
def test_a_page_under_a_home_page_may_not_take_an_apps_address(admin_client, tree, slug):
    response = post_page(admin_client, StandardPage, tree.home, title="Tiket masuk", slug=slug)

    assert response.status_code == 200
    content = response.content.decode()
    assert f"The address “/{slug}/” already belongs to another part of the site." in content
    assert "The page could not be created due to validation errors" in content
    assert not Page.objects.filter(slug=slug).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("model", [ContactPage, NewsIndexPage, FaqPage])
def test_every_page_type_under_a_home_page_refuses_reserved_slugs(admin_client, tree, model):
    response = post_page(admin_client, model, tree.home, title="Bayar", slug="bayar")

    assert response.status_code == 200
    assert "The address “/bayar/” already belongs" in response.content.decode()
    assert not Page.objects.filter(slug="bayar").exists()

    response = post_page(admin_client, model, tree.home, title="Bayar", slug="pembayaran")

    assert response.status_code == 302
    assert model.objects.filter(slug="pembayaran").exists()


@pytest.mark.django_db
def test_the_english_home_refuses_reserved_slugs_too(admin_client, tree):
    response = post_page(admin_client, StandardPage, tree.home_en, title="Tickets", slug="tiket")

    assert response.status_code == 200
    assert "The address “/tiket/” already belongs" in response.content.decode()
    assert not Page.objects.filter(slug="tiket").exists()


@pytest.mark.django_db
def test_the_same_slug_under_an_event_page_is_fine(admin_client, tree):
    response = post_page(admin_client, ProgrammePage, tree.event_page, title="Tiket", slug="tiket")

    assert response.status_code == 302
    page = ProgrammePage.objects.get(slug="tiket")
    assert page.get_parent().pk == tree.event_page.pk


@pytest.mark.django_db
def test_renaming_a_page_to_a_reserved_slug_is_refused(admin_client, tree):
    page = add(tree.home, StandardPage(title="Tentang", slug="tentang"))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    response = admin_client.post(url, form_data(admin_client, url, slug="akun"))

    assert response.status_code == 200
    assert "The address “/akun/” already belongs" in response.content.decode()
    page.refresh_from_db()
    assert page.slug == "tentang"


# Slugs across languages --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_slug_under_both_home_pages_is_fine(admin_client, tree):
    first = post_page(admin_client, StandardPage, tree.home, title="Tentang", slug="tentang")
    second = post_page(admin_client, StandardPage, tree.home_en, title="About", slug="tentang")

    assert first.status_code == 302
    assert second.status_code == 302
    pages = StandardPage.objects.filter(slug="tentang").order_by("pk")
    assert [p.get_parent().pk for p in pages] == [tree.home.pk, tree.home_en.pk]


@pytest.mark.django_db
def test_translating_into_a_taken_slug_gives_the_copy_a_free_one(admin_client, tree):
    source = add(tree.home, StandardPage(title="Panduan", slug="panduan"))
    add(tree.home_en, StandardPage(title="Guide", slug="panduan"))  # not its translation
    url = reverse("simple_translation:submit_page_translation", args=[source.pk])

    response = admin_client.post(url, {"locales": [tree.en_locale.pk]})

    assert response.status_code == 302
    translated = StandardPage.objects.get(
        translation_key=source.translation_key, locale=tree.en_locale
    )
    assert translated.slug == "panduan-1"
    assert translated.get_parent().pk == tree.home_en.pk
    assert not translated.live  # a draft for the translator
    followed = admin_client.get(response["Location"])
    assert followed.status_code == 200


@pytest.mark.django_db
def test_copy_for_translation_also_finds_a_free_slug(tree):
    source = add(tree.home, StandardPage(title="Lokasi", slug="lokasi"))
    add(tree.home_en, StandardPage(title="Location", slug="lokasi"))
    add(tree.home_en, StandardPage(title="Location 1", slug="lokasi-1"))

    translated = source.copy_for_translation(tree.en_locale)

    assert translated.slug == "lokasi-2"
    assert translated.get_parent().pk == tree.home_en.pk


@pytest.mark.django_db
def test_taking_a_siblings_slug_on_the_english_page_is_refused(admin_client, tree):
    add(tree.home_en, StandardPage(title="About", slug="about"))
    other = add(tree.home_en, StandardPage(title="Contact", slug="contact"))
    url = reverse("wagtailadmin_pages:edit", args=[other.pk])

    response = admin_client.post(url, form_data(admin_client, url, slug="about"))

    assert response.status_code == 200
    assert "The slug &#x27;about&#x27; is already in use within the parent page." in (
        response.content.decode()
    )
    other.refresh_from_db()
    assert other.slug == "contact"


# Upload limits -----------------------------------------------------------------------------------


def image_bytes(fmt="PNG", size=(64, 64), noise=False):
    image = PILImage.new("RGB", size, (200, 120, 40))
    if noise:
        image = PILImage.effect_noise(size, 80).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def upload(client, name, content, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Foto", "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


@pytest.mark.django_db
def test_a_small_image_is_accepted(admin_client):
    response = upload(admin_client, "foto.png", image_bytes())

    assert response.status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.django_db
def test_an_avif_image_is_accepted(admin_client):
    response = upload(admin_client, "foto.avif", image_bytes("AVIF"), "image/avif")

    assert response.status_code == 302
    image = Image.objects.get()
    rendition = image.get_rendition("width-32")
    assert rendition.file.name.endswith(".avif")  # AVIF stays AVIF
    assert Image.objects.count() == 1


@pytest.mark.django_db
def test_png_renditions_are_webp(admin_client):
    upload(admin_client, "foto.png", image_bytes())

    assert Image.objects.get().get_rendition("width-32").file.name.endswith(".webp")


@pytest.mark.django_db
def test_an_oversized_image_is_refused_with_a_message(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20_000
    content = image_bytes(size=(400, 400), noise=True)
    assert len(content) > 20_000

    response = upload(admin_client, "besar.png", content)

    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert Image.objects.count() == 0


@pytest.mark.django_db
def test_an_image_with_too_many_pixels_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100

    response = upload(admin_client, "lebar.png", image_bytes(size=(200, 100)))

    assert response.status_code == 200
    assert "This file has too many pixels" in response.content.decode()
    assert Image.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 200, "Upload a valid image"),
        ("foto.exe", image_bytes("PNG"), "Not a supported image format"),
        ("foto.gif", image_bytes("GIF"), "Not a supported image format"),
        ("foto.jpg", b"just some text, not a photo\n" * 20, "Upload a valid image"),
        ("foto.jpg", image_bytes("PNG"), "The extension does not match the file format"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused(admin_client, name, content, message):
    response = upload(admin_client, name, content, "image/jpeg")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Image.objects.count() == 0


def test_the_upload_limits_are_the_projects(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILIMAGES_EXTENSIONS == ["jpg", "jpeg", "png", "webp", "avif"]


# Gaps: moving or copying a page straight under a home page skips the page's clean() --------------


@pytest.mark.django_db
def test_moving_a_page_with_a_reserved_slug_under_a_home_page_is_refused(admin_client, tree):
    about = add(tree.home, StandardPage(title="Tentang", slug="tentang"))
    account = add(about, StandardPage(title="Akun", slug="akun"))  # fine down here
    url = reverse("wagtailadmin_pages:move_confirm", args=[account.pk, tree.home.pk])

    admin_client.post(url)

    account.refresh_from_db()
    assert account.get_parent().pk == about.pk


@pytest.mark.django_db
def test_copying_a_page_with_a_reserved_slug_under_a_home_page_is_refused(admin_client, tree):
    about = add(tree.home, StandardPage(title="Tentang", slug="tentang"))
    account = add(about, StandardPage(title="Akun", slug="akun"))
    url = reverse("wagtailadmin_pages:copy", args=[account.pk])

    admin_client.post(
        url,
        {
            "new_title": "Akun",
            "new_slug": "akun",
            "new_parent_page": tree.home.pk,
            "copy_subpages": "",
            "publish_copies": "on",
        },
    )

    assert not StandardPage.objects.filter(slug="akun", depth=tree.home.depth + 1).exists()
