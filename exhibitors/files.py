"""Private uploads: permits, certificates and photos checked by their content, never their name.

``check_upload`` reads an upload within a size limit, recognises PDF, JPEG and PNG by their
magic bytes, refuses programs, archives and PDFs that carry scripts or attachments, and
re-encodes images so that no EXIF (GPS, camera serial) ever reaches storage. The result is
saved with ``PrivateStorage``, which lives outside MEDIA_ROOT and has no public URL: files are
served only by a view that checks permissions.
"""

import hashlib
import io
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MEGABYTE = 1024 * 1024
IMAGE_MAX_SIDE = 2400
# Decoding 50 megapixels takes ~150 MB of memory; bigger than any phone photo people send.
IMAGE_MAX_PIXELS = 50_000_000
JPEG_QUALITY = 85

_FORMAT_NAMES = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}
_CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
_EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}
_PROGRAM_OR_ARCHIVE = (b"MZ", b"\x7fELF", b"#!", b"PK\x03\x04", b"PK\x05\x06")


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, with no URL: serve them through a permission check.

    The root is read from settings on every use, so tests can point it elsewhere.
    """

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # FileSystemStorage.url() then raises ValueError

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a checked view.")


_private_storage = PrivateStorage()


def private_storage():
    """For ``FileField(storage=private_storage)``: migrations then record this function's
    name, not a path on some machine."""
    return _private_storage


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    extension: str  # "pdf", "jpg" or "png"
    size: int
    sha256: str
    original_name: str

    def as_django_file(self, stem: str) -> ContentFile:
        return ContentFile(self.content, name=f"{stem}.{self.extension}")


def check_upload(uploaded, *, allowed=("pdf", "jpeg", "png"), max_bytes=None) -> CheckedUpload:
    """Return the upload's checked (and for images, re-encoded) content or raise ValidationError."""
    if unknown := set(allowed) - set(_FORMAT_NAMES):
        raise ValueError(f"Unknown upload formats: {sorted(unknown)}")
    if max_bytes is None:
        max_bytes = getattr(settings, "EXHIBITOR_UPLOAD_MAX_BYTES", 10 * MEGABYTE)
    formats = "/".join(_FORMAT_NAMES[kind] for kind in allowed)

    data = _read_within(uploaded, max_bytes)
    kind = _sniff(data)
    if kind is None or kind not in allowed:
        if data.startswith(_PROGRAM_OR_ARCHIVE):
            raise ValidationError(
                _(
                    "This file is a program or an archive (such as .exe, .zip or .docx), not a "
                    "%(formats)s file. Save or export it as %(formats)s and upload that instead."
                ),
                code="not_a_document",
                params={"formats": formats},
            )
        raise ValidationError(
            _("This file is not a %(formats)s file. Save it as %(formats)s and upload it again."),
            code="unsupported_type",
            params={"formats": formats},
        )
    if kind == "pdf":
        _check_pdf(data)
    else:
        data = _reencode_image(data, kind)
    return CheckedUpload(
        content=data,
        content_type=_CONTENT_TYPES[kind],
        extension=_EXTENSIONS[kind],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        original_name=Path(getattr(uploaded, "name", "") or "").name[:255],
    )


def _megabytes(size, decimals):
    return number_format(size / MEGABYTE, decimals)


def _too_large(max_bytes, size=None):
    limit = _megabytes(max_bytes, 0 if max_bytes % MEGABYTE == 0 else 1)
    if size is None:  # the upload claimed a smaller size than it has
        return ValidationError(
            _("The file is larger than the limit of %(limit)s MB."),
            code="too_large",
            params={"limit": limit},
        )
    return ValidationError(
        _("The file is %(size)s MB; the limit is %(limit)s MB."),
        code="too_large",
        params={"size": _megabytes(size, 1), "limit": limit},
    )


def _read_within(uploaded, max_bytes) -> bytes:
    # Trust .size only to refuse early; count the bytes as they come in case it lies.
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_bytes:
        raise _too_large(max_bytes, size)
    if hasattr(uploaded, "chunks"):
        chunks = uploaded.chunks()
    else:
        chunks = iter(lambda: uploaded.read(64 * 1024), b"")
    data = bytearray()
    for chunk in chunks:
        data += chunk
        if len(data) > max_bytes:
            raise _too_large(max_bytes)
    if not data:
        raise ValidationError(
            _("The file is empty. Choose the file again and upload it."), code="empty"
        )
    return bytes(data)


def _sniff(data: bytes):
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if b"%PDF-" in data[:1024] and not data.startswith(_PROGRAM_OR_ARCHIVE):
        return "pdf"
    return None


# --- PDF -------------------------------------------------------------------------------------

_PDF_ACTIVE_NAMES = {b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles"}
_PDF_NAME = re.compile(rb"/((?:[^\s\x00()<>\[\]{}/%#]|#[0-9A-Fa-f]{2})+)")
_PDF_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_PDF_OBJECT = re.compile(rb"[0-9]+\s+[0-9]+\s+obj\b")
# How much an object stream may inflate to while looking inside it.
_PDF_INFLATE_BUDGET = 50 * MEGABYTE


def _check_pdf(data: bytes):
    if b"%%EOF" not in data[-1024:]:
        raise ValidationError(
            _("This PDF is incomplete or damaged. Save it again as PDF and upload it again."),
            code="damaged",
        )
    if any(_has_active_name(part) for part in _pdf_dictionaries(data)):
        raise ValidationError(
            _(
                "A PDF with scripts or attachments is not accepted. Print it to a new PDF "
                "(or scan the paper document) and upload that."
            ),
            code="pdf_active_content",
        )


def _pdf_dictionaries(data: bytes):
    """Yield the PDF's text outside streams, and the inflated content of its object streams.

    Stream bodies are skipped because compressed bytes contain "/JS" by chance, unless they
    hold objects: then a stray "stream" keyword (say in a comment) is hiding them. Object
    streams (/ObjStm) are inflated because modern PDFs keep dictionaries there.
    """
    position, budget = 0, _PDF_INFLATE_BUDGET
    for match in _PDF_STREAM.finditer(data):
        if match.start() < position:
            continue  # the word "stream" inside a body already skipped
        end = data.find(b"endstream", match.end())
        end = len(data) if end == -1 else end
        if _PDF_OBJECT.search(data, match.end(), end):
            continue
        outside = data[position : match.start()]
        yield outside
        dictionary = outside[outside.rfind(b" obj") :]
        if b"/ObjStm" in dictionary and b"/FlateDecode" in dictionary and budget > 0:
            try:
                inflated = zlib.decompressobj().decompress(data[match.end() : end], budget)
            except zlib.error:
                inflated = b""
            budget -= len(inflated)
            yield inflated
        position = end
    yield data[position:]


def _has_active_name(text: bytes) -> bool:
    for match in _PDF_NAME.finditer(text):
        # Names may hide letters as #xx escapes: /J#61vaScript is /JavaScript.
        name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda h: bytes([int(h[1], 16)]), match[1])
        if name in _PDF_ACTIVE_NAMES:
            return True
    return False


# --- Images ----------------------------------------------------------------------------------


def _image_too_large():
    return ValidationError(
        _(
            "This image has too many pixels (the limit is %(limit)s megapixels). "
            "Resize it and upload it again."
        ),
        code="image_too_large",
        params={"limit": number_format(IMAGE_MAX_PIXELS / 1e6, 0)},
    )


def _reencode_image(data: bytes, kind: str) -> bytes:
    """Decode, turn upright, shrink and re-encode, leaving every piece of metadata behind."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > IMAGE_MAX_PIXELS:
                raise _image_too_large()
            image.verify()  # checksums and structure; the image can't be used after this
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))  # JPEG: decode at a smaller scale
            image.load()
            icc_profile = image.info.get("icc_profile")  # kept so colours stay right
            image = ImageOps.exif_transpose(image)
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            image = image.convert("RGBA" if has_alpha else "L" if image.mode == "L" else "RGB")
            image.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE), Image.Resampling.LANCZOS)
            image.info = {}  # nothing from the original (EXIF, XMP, comments) is written back
            output = io.BytesIO()
            options = {"icc_profile": icc_profile} if icc_profile else {}
            if kind == "jpeg":
                options.update(quality=JPEG_QUALITY, progressive=True, optimize=True)
            else:
                options.update(optimize=True)
            image.save(output, kind.upper(), **options)
            return output.getvalue()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise _image_too_large() from None
    except Exception:  # a hostile file can make Pillow fail in many ways; all mean "damaged"
        raise ValidationError(
            _("This image is damaged or incomplete. Open it, save it again and upload it again."),
            code="damaged",
        ) from None
