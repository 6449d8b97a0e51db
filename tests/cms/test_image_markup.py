"""{% picture %} and {% image %} from cms_images: Wagtail's markup, remembered."""

import io

import pytest
from django.core.files.images import ImageFile
from django.template import Context, Template
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

PICTURE = "{% picture photo format-{webp,jpeg} fill-{200x100,400x200} alt=alt sizes='100vw' %}"


def photo_file(colour=(200, 120, 40)) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), colour).save(buffer, "PNG")
    return ImageFile(buffer, name="stan.png")


@pytest.fixture
def photo():
    return get_image_model().objects.create(title="Stan kopi", file=photo_file())


def render(library: str, tag: str, **context) -> str:
    return Template("{% load " + library + " %}" + tag).render(Context(context))


@pytest.mark.parametrize(
    "tag",
    [
        PICTURE,
        "{% image photo height-80 format-webp class='logo' alt=alt %}",
        "{% srcset_image photo width-{100,200} sizes='50vw' alt=alt %}",
    ],
)
def test_the_markup_is_wagtails_own(photo, tag):
    ours = render("cms_images", tag, photo=photo, alt="Stan kopi & teh")
    assert ours == render("wagtailimages_tags", tag, photo=photo, alt="Stan kopi & teh")
    assert "Stan kopi &amp; teh" in ours


def test_a_second_render_reads_nothing(photo, django_assert_num_queries):
    first = render("cms_images", PICTURE, photo=photo, alt="")
    with django_assert_num_queries(0):
        assert render("cms_images", PICTURE, photo=photo, alt="") == first


def test_another_alt_text_or_focal_point_makes_new_markup(photo):
    first = render("cms_images", PICTURE, photo=photo, alt="Stan")
    assert 'alt="Booth"' in render("cms_images", PICTURE, photo=photo, alt="Booth")

    photo.focal_point_x, photo.focal_point_y = 700, 500
    photo.focal_point_width, photo.focal_point_height = 50, 50
    photo.save()
    moved = render("cms_images", PICTURE, photo=photo, alt="Stan")
    assert moved != first  # renditions cropped around the new focal point
    assert moved == render("wagtailimages_tags", PICTURE, photo=photo, alt="Stan")


def test_a_replaced_file_makes_new_markup(photo):
    first = render("cms_images", PICTURE, photo=photo, alt="")
    # As the admin's edit view does: a new file, its hash, the old renditions deleted.
    photo.file = photo_file((10, 90, 160))
    photo._set_file_hash()
    photo.save()
    photo.renditions.all().delete()
    replaced = render("cms_images", PICTURE, photo=photo, alt="")
    assert replaced != first
    assert replaced == render("wagtailimages_tags", PICTURE, photo=photo, alt="")


def test_no_image_renders_nothing_and_as_assigns_as_wagtail_does(photo):
    assert render("cms_images", PICTURE, photo=None, alt="") == ""
    tag = "{% image photo width-100 as small %}{{ small.width }}"
    assert render("cms_images", tag, photo=photo) == "100"
