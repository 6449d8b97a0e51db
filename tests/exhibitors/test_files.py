import hashlib
import io
import os
import struct
import zlib

import pytest
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import models
from django.db.migrations.writer import MigrationWriter
from PIL import ExifTags, Image
from reportlab.pdfgen import canvas

from exhibitors.files import PrivateStorage, check_upload, private_storage

MB = 1024 * 1024
PHOTOS = ("jpeg", "png")

pytestmark = pytest.mark.usefixtures("english")


def refusal(uploaded, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(uploaded, **kwargs)
    return caught.value


def upload(name, content, content_type="application/octet-stream"):
    # The browser's content type is deliberately wrong or vague: only the bytes count.
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- Building test files ---------------------------------------------------------------------


def reportlab_pdf(text="Sertifikat Halal") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def handmade_pdf(*extra_objects: bytes, catalog_extra: bytes = b"") -> bytes:
    """A valid PDF whose objects 4, 5, … are ``extra_objects``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
        *extra_objects,
    ]
    out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, dictionary: bytes = b"") -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def jpeg(size=(40, 20), exif=None, **options) -> bytes:
    # Left half red, right half blue, so a rotation shows.
    image = Image.new("RGB", size, "blue")
    image.paste("red", (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif or Image.Exif(), **options)
    return buffer.getvalue()


def noisy_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((300, 300), 80).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def phone_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone held upright
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.BodySerialNumber] = "SN-123456"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 12.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 49.0, 0.0)
    return exif


def png_header(width, height) -> bytes:
    """A PNG that claims huge dimensions in a few bytes: a decompression bomb's fuse."""

    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


# --- PDFs ------------------------------------------------------------------------------------


def test_a_real_pdf_is_kept_byte_for_byte():
    content = reportlab_pdf()
    checked = check_upload(upload("../../Sertifikat Halal.PDF", content, "image/png"))
    assert checked.content == content
    assert (checked.content_type, checked.extension) == ("application/pdf", "pdf")
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.original_name == "Sertifikat Halal.PDF"
    django_file = checked.as_django_file("7f3a")
    assert django_file.name == "7f3a.pdf"
    assert django_file.read() == content


def test_a_pdf_with_binary_streams_is_not_mistaken_for_scripts():
    # Compressed image data contains "/JS" by chance; only dictionaries count.
    noise = os.urandom(4000) + b"/JS /JavaScript /Launch" + os.urandom(4000)
    content = handmade_pdf(stream(noise, b"/Filter /DCTDecode"))
    assert check_upload(upload("scan.pdf", content)).content == content


@pytest.mark.parametrize(
    "pdf",
    [
        pytest.param(
            handmade_pdf(
                b"<< /S /JavaScript /JS (app.alert(1)) >>", catalog_extra=b"/OpenAction 4 0 R"
            ),
            id="javascript",
        ),
        pytest.param(
            handmade_pdf(
                b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>", catalog_extra=b"/AA 4 0 R"
            ),
            id="hex-escaped-javascript",
        ),
        pytest.param(
            handmade_pdf(b"<< /S /Launch /F (cmd.exe) >>", catalog_extra=b"/OpenAction 4 0 R"),
            id="launch",
        ),
        pytest.param(
            handmade_pdf(
                b"<< /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
                b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>",
                stream(b"MZ\x90\x00", b"/Type /EmbeddedFile"),
                catalog_extra=b"/Names 4 0 R",
            ),
            id="attachment",
        ),
        pytest.param(
            handmade_pdf(
                stream(
                    zlib.compress(b"5 0 << /S /JavaScript /JS (app.alert(1)) >>"),
                    b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
                ),
                catalog_extra=b"/OpenAction 5 0 R",
            ),
            id="javascript-inside-a-compressed-object-stream",
        ),
        pytest.param(
            handmade_pdf(
                b"<< /S /JavaScript /JS (app.alert(1)) >>", catalog_extra=b"/OpenAction 4 0 R"
            )
            .replace(b"4 0 obj", b"% stream\n4 0 obj")
            .replace(b"endobj\nxref", b"endobj\n% endstream\nxref"),
            id="javascript-hidden-behind-a-stream-keyword-in-a-comment",
        ),
    ],
)
def test_a_pdf_with_scripts_or_attachments_is_refused(pdf):
    error = refusal(upload("certificate.pdf", pdf, "application/pdf"))
    assert error.code == "pdf_active_content"
    assert error.messages[0].startswith("A PDF with scripts or attachments is not accepted.")


def test_a_truncated_pdf_is_refused():
    error = refusal(upload("half.pdf", reportlab_pdf()[:700]))
    assert error.code == "damaged"
    assert "This PDF is incomplete or damaged." in error.messages[0]


# --- Things that are not documents -----------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03" + b"\x00" * 200 + b"%PDF-1.4",
        b"\x7fELF\x02\x01\x01" + b"\x00" * 100,
        b"#!/bin/sh\nrm -rf ~\n%PDF-1.4\n%%EOF\n",
        b"PK\x03\x04\x14\x00" + b"\x00" * 100 + b"word/document.xml",
    ],
    ids=["windows-exe", "linux-elf", "shell-script", "zip-or-docx"],
)
def test_a_program_or_archive_renamed_pdf_is_refused(content):
    error = refusal(upload("x.pdf", content, "application/pdf"))
    assert error.code == "not_a_document"
    assert error.messages[0].startswith(
        "This file is a program or an archive (such as .exe, .zip or .docx), "
        "not a PDF/JPEG/PNG file."
    )


def test_a_text_file_named_png_is_refused():
    error = refusal(upload("photo.png", b"just some text\n", "image/png"), allowed=PHOTOS)
    assert error.code == "unsupported_type"
    assert error.messages == [
        "This file is not a JPEG/PNG file. Save it as JPEG/PNG and upload it again."
    ]


def test_a_pdf_is_refused_where_only_photos_are_allowed():
    error = refusal(upload("logo.png", reportlab_pdf(), "image/png"), allowed=PHOTOS)
    assert error.code == "unsupported_type"


def test_an_empty_file_is_refused():
    error = refusal(upload("empty.pdf", b""))
    assert error.code == "empty"
    assert error.messages == ["The file is empty. Choose the file again and upload it."]


# --- Size ------------------------------------------------------------------------------------


def test_a_50_mb_upload_is_refused_without_reading_it():
    big = TemporaryUploadedFile("big.pdf", "application/pdf", 50 * MB, None)
    try:
        big.write(b"%PDF-1.4\n")
        big.file.truncate(50 * MB)  # sparse: takes no disk space
        never = lambda *args, **kwargs: pytest.fail("the file was read")  # noqa: E731
        big.chunks = big.file.read = never
        error = refusal(big)
    finally:
        big.close()
    assert error.code == "too_large"
    assert error.messages == ["The file is 50.0 MB; the limit is 10 MB."]


def test_the_limit_comes_from_settings(settings):
    settings.EXHIBITOR_UPLOAD_MAX_BYTES = 2 * MB
    error = refusal(upload("scan.pdf", b"%PDF-1.4\n" + b"0" * (3 * MB)))
    assert error.messages == ["The file is 3.0 MB; the limit is 2 MB."]


def test_an_upload_whose_size_lies_is_stopped_while_reading():
    liar = upload("scan.pdf", b"%PDF-1.4\n" + b"0" * (2 * MB) + b"%%EOF\n")
    liar.size = 100
    error = refusal(liar, max_bytes=1 * MB)
    assert error.code == "too_large"
    assert error.messages == ["The file is larger than the limit of 1 MB."]


# --- Images ----------------------------------------------------------------------------------


def test_a_phone_photo_comes_back_upright_without_exif_or_location():
    original = jpeg(exif=phone_exif(), comment=b"secret comment")
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # sanity

    checked = check_upload(upload("IMG_0001.JPG", original, "application/pdf"), allowed=PHOTOS)

    assert (checked.content_type, checked.extension) == ("image/jpeg", "jpg")
    assert checked.sha256 == hashlib.sha256(checked.content).hexdigest()
    assert checked.as_django_file("p1").name == "p1.jpg"
    image = Image.open(io.BytesIO(checked.content))
    assert image.format == "JPEG"
    assert image.size == (20, 40)  # turned upright
    red, blue = image.getpixel((10, 5)), image.getpixel((10, 35))
    assert red[0] > 200 and red[2] < 60  # the left (red) half is now on top
    assert blue[2] > 200 and blue[0] < 60
    assert not image.getexif()
    assert "comment" not in image.info
    for leak in (b"Exif", b"PhoneCo", b"SN-123456", b"secret comment"):
        assert leak not in checked.content
    assert image.info.get("progressive") or image.info.get("progression")


def test_a_big_photo_is_scaled_down_to_2400_pixels():
    checked = check_upload(upload("big.jpg", jpeg(size=(3000, 1200))), allowed=PHOTOS)
    assert Image.open(io.BytesIO(checked.content)).size == (2400, 960)


def test_a_png_with_transparency_stays_a_transparent_png():
    logo = Image.new("RGBA", (30, 30), (0, 0, 0, 0))
    logo.paste((200, 30, 30, 255), (10, 10, 20, 20))
    buffer = io.BytesIO()
    logo.save(buffer, "PNG")
    checked = check_upload(upload("logo.png", buffer.getvalue()), allowed=PHOTOS)
    assert (checked.content_type, checked.extension) == ("image/png", "png")
    image = Image.open(io.BytesIO(checked.content))
    assert (image.format, image.mode) == ("PNG", "RGBA")
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((15, 15)) == (200, 30, 30, 255)


def test_a_palette_png_with_a_transparent_colour_keeps_its_transparency():
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 255, 255, 0, 128, 0])
    image.paste(1, (5, 0, 10, 10))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)
    checked = check_upload(upload("logo.png", buffer.getvalue()), allowed=PHOTOS)
    result = Image.open(io.BytesIO(checked.content))
    assert result.mode == "RGBA"
    assert result.getpixel((0, 0))[3] == 0
    assert result.getpixel((7, 5)) == (0, 128, 0, 255)


def test_a_truncated_jpeg_is_refused():
    error = refusal(upload("cut.jpg", noisy_jpeg()[:5000]), allowed=PHOTOS)
    assert error.code == "damaged"
    assert error.messages == [
        "This image is damaged or incomplete. Open it, save it again and upload it again."
    ]


def test_a_png_with_a_broken_checksum_is_refused():
    buffer = io.BytesIO()
    Image.effect_noise((50, 50), 80).save(buffer, "PNG")
    broken = bytearray(buffer.getvalue())
    broken[60] ^= 0xFF  # inside the image data
    assert refusal(upload("x.png", bytes(broken)), allowed=PHOTOS).code == "damaged"


@pytest.mark.parametrize("side", [8000, 40000], ids=["over-our-limit", "over-pillows-limit"])
def test_a_decompression_bomb_is_refused_before_decoding(side):
    error = refusal(upload("bomb.png", png_header(side, side)), allowed=PHOTOS)
    assert error.code == "image_too_large"
    assert error.messages == [
        "This image has too many pixels (the limit is 50 megapixels). "
        "Resize it and upload it again."
    ]


def test_unknown_allowed_formats_are_a_programming_error():
    with pytest.raises(ValueError, match="gif"):
        check_upload(upload("x.gif", b"GIF89a"), allowed=("gif",))


# --- Private storage -------------------------------------------------------------------------


def test_private_storage_saves_under_private_media_root_and_has_no_url(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = private_storage()
    assert isinstance(storage, PrivateStorage)
    assert private_storage() is storage

    name = storage.save("certificates/halal.pdf", ContentFile(b"%PDF-1.4 data"))

    assert (tmp_path / "private" / name).read_bytes() == b"%PDF-1.4 data"
    assert os.path.realpath(storage.path(name)).startswith(str(tmp_path / "private"))
    with pytest.raises(ValueError, match="no public URL"):
        storage.url(name)
    with pytest.raises(SuspiciousFileOperation):
        storage.save("../escape.pdf", ContentFile(b"x"))
    assert not (tmp_path / "escape.pdf").exists()


def test_migrations_name_the_storage_function_not_a_path(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "secret-place"
    field = models.FileField(storage=private_storage)
    assert field.deconstruct()[3]["storage"] is private_storage
    serialized, imports = MigrationWriter.serialize(field)
    assert "exhibitors.files.private_storage" in serialized
    assert "secret-place" not in serialized
    assert PrivateStorage().deconstruct() == ("exhibitors.files.PrivateStorage", (), {})
