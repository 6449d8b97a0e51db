"""Checks and canonical forms for the numbers Indonesian businesses carry.

Normalizers turn what people type ("P-IRT No. 1234567890123-45") into the stored form
("123456789012345"); formatters turn the stored form back into what people recognise.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Patterns say [0-9], not \d, which also matches Arabic-Indic and other digits.
# Separators people put inside numbers when copying them from paper.
_SEPARATORS = re.compile(r"[\s.\-]+")


def _text(value) -> str:
    return "" if value is None else str(value).strip()


# --- NIB -------------------------------------------------------------------------------------


def normalize_nib(value) -> str:
    return _SEPARATORS.sub("", _text(value))


def validate_nib(value):
    """Separators are tolerated here, as in validate_hs_code; store ``normalize_nib(value)``."""
    if not re.fullmatch(r"[0-9]{13}", normalize_nib(value)):
        raise ValidationError(
            _(
                "Enter the NIB (Nomor Induk Berusaha) as exactly 13 digits, "
                "for example 1234567890123."
            ),
            code="invalid",
        )


# --- Certificates ----------------------------------------------------------------------------

PIRT, BPOM_MD, BPOM_ML, HALAL, SNI = "pirt", "bpom_md", "bpom_ml", "halal", "sni"

_CERTIFICATE_MESSAGES = {
    PIRT: _(
        "Enter the P-IRT number as 15 digits, for example 1234567890123-45 "
        "or P-IRT No. 1234567890123-45."
    ),
    BPOM_MD: _(
        "Enter the BPOM MD number as 12 or 15 digits, for example MD 123456789012 "
        "or BPOM RI MD 123456789012345."
    ),
    BPOM_ML: _(
        "Enter the BPOM ML number as 12 or 15 digits, for example ML 123456789012 "
        "or BPOM RI ML 123456789012345."
    ),
    HALAL: _(
        "Enter the halal certificate number as ID followed by 10 to 20 digits, "
        "for example ID35110000123450122."
    ),
    SNI: _(
        "Enter the SPPT-SNI certificate number using letters, digits, dots, slashes or dashes "
        "(5 to 40 characters, with at least one digit), for example 123/LSPro-ABC/2024."
    ),
}
_BPOM_LETTERS = {BPOM_MD: "MD", BPOM_ML: "ML"}

_PIRT = re.compile(r"(?:P\s*-?\s*IRT\s*)?(?:NO\s*\.?\s*:?\s*)?([0-9\s.\-]+)", re.IGNORECASE)
_BPOM = re.compile(r"(?:BPOM\s*(?:RI\s*)?)?(?:(MD|ML)\s*)?([0-9\s.\-]+)", re.IGNORECASE)
_HALAL = re.compile(r"ID[0-9]{10,20}")
_SNI = re.compile(r"[A-Z0-9./\- ]{5,40}")


def _invalid(kind):
    return ValidationError(_CERTIFICATE_MESSAGES[kind], code="invalid")


def normalize_certificate_number(kind: str, raw) -> str:
    """Return the stored form of a certificate number, or raise ValidationError."""
    if kind not in _CERTIFICATE_MESSAGES:
        raise ValidationError(_("Choose the type of certificate first."), code="invalid")
    text = _text(raw)
    if kind == PIRT:
        match = _PIRT.fullmatch(text)
        digits = _SEPARATORS.sub("", match[1]) if match else ""
        if len(digits) != 15:
            raise _invalid(kind)
        return digits
    if kind in _BPOM_LETTERS:
        match = _BPOM.fullmatch(text)
        if not match:
            raise _invalid(kind)
        letters, digits = (match[1] or "").upper(), _SEPARATORS.sub("", match[2])
        if letters and letters != _BPOM_LETTERS[kind]:
            raise ValidationError(
                _(
                    "This is a BPOM %(given)s number, but the certificate type is BPOM "
                    "%(expected)s. Choose BPOM %(given)s as the type, or check the number."
                ),
                code="invalid",
                params={"given": letters, "expected": _BPOM_LETTERS[kind]},
            )
        if len(digits) not in (12, 15):
            raise _invalid(kind)
        return digits
    if kind == HALAL:
        number = re.sub(r"\s+", "", text).upper()
        if not _HALAL.fullmatch(number):
            raise _invalid(kind)
        return number
    number = re.sub(r"\s+", " ", text).upper()  # SNI
    if not _SNI.fullmatch(number) or not re.search(r"[0-9]", number):
        raise _invalid(kind)
    return number


def format_certificate_number(kind: str, stored) -> str:
    """Show a stored certificate number the way it is printed on the certificate."""
    stored = _text(stored)
    if not stored:
        return ""
    if kind == PIRT and len(stored) == 15:
        return f"{stored[:13]}-{stored[13:]}"
    if kind in _BPOM_LETTERS:
        return f"{_BPOM_LETTERS[kind]} {stored}"
    return stored


# --- HS code ---------------------------------------------------------------------------------


def normalize_hs_code(value) -> str:
    return re.sub(r"[\s.]+", "", _text(value))


def validate_hs_code(value):
    """An HS code is optional; when given it has 4, 6, 8 or 10 digits ("0901.21" is fine)."""
    code = normalize_hs_code(value)
    if code and not re.fullmatch(r"[0-9]{4}(?:[0-9]{2}){0,3}", code):
        raise ValidationError(
            _("Enter the HS code as 4, 6, 8 or 10 digits, for example 0901 or 0901.21."),
            code="invalid",
        )


# --- Marketplace links -----------------------------------------------------------------------

MAX_MARKETPLACE_LINKS = 5
_web_address = URLValidator(schemes=["http", "https"])


def validate_marketplace_links(text):
    """One http(s) link per line, at most five; blank lines are ignored."""
    lines = [(number, line.strip()) for number, line in enumerate(_text(text).splitlines(), 1)]
    links = [(number, line) for number, line in lines if line]
    if len(links) > MAX_MARKETPLACE_LINKS:
        raise ValidationError(
            _("Enter at most %(limit)d marketplace links, one per line."),
            code="too_many",
            params={"limit": MAX_MARKETPLACE_LINKS},
        )
    for number, line in links:
        try:
            _web_address(line)
        except ValidationError:
            raise ValidationError(
                _(
                    "Line %(number)d (“%(line)s”) is not a web address. Put one link per line, "
                    "starting with https://, for example https://www.tokopedia.com/yourshop."
                ),
                code="invalid",
                params={"number": number, "line": line[:80]},
            ) from None
