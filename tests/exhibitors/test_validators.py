import pytest
from django.core.exceptions import ValidationError

from exhibitors.validators import (
    format_certificate_number,
    normalize_certificate_number,
    normalize_hs_code,
    normalize_nib,
    validate_hs_code,
    validate_marketplace_links,
    validate_nib,
)

pytestmark = pytest.mark.usefixtures("english")


def message(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- NIB -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("1234567890123", "1234567890123"), (" 1234 5678.90-123 ", "1234567890123"), (None, "")],
)
def test_normalize_nib_strips_separators(raw, stored):
    assert normalize_nib(raw) == stored


@pytest.mark.parametrize("value", ["9120001234567", "9120 0012 34567", "912.000.123-4567"])
def test_valid_nib_passes_with_or_without_separators(value):
    validate_nib(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "123456789012",
        "12345678901234",
        "12345678901a3",
        "1234/567890123",
        "+6212345678901",
    ],
)
def test_wrong_nib_is_refused_with_an_example(value):
    with pytest.raises(ValidationError) as caught:
        validate_nib(value)
    assert caught.value.code == "invalid"
    assert "exactly 13 digits, for example 1234567890123" in message(caught.value)


def test_non_ascii_digits_are_not_a_nib():
    with pytest.raises(ValidationError):
        validate_nib("١٢٣٤٥٦٧٨٩٠١٢٣")  # 13 Arabic-Indic digits match \d but are not a NIB


# --- Certificate numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "raw", "stored", "shown"),
    [
        ("pirt", "123456789012345", "123456789012345", "1234567890123-45"),
        ("pirt", "1234567890123-45", "123456789012345", "1234567890123-45"),
        ("pirt", "P-IRT No. 1234567890123-45", "123456789012345", "1234567890123-45"),
        ("pirt", "p-irt 1234.5678.9012.3-45", "123456789012345", "1234567890123-45"),
        ("bpom_md", "MD 123456789012", "123456789012", "MD 123456789012"),
        ("bpom_md", "BPOM RI MD 123456789012345", "123456789012345", "MD 123456789012345"),
        ("bpom_md", "123456789012", "123456789012", "MD 123456789012"),
        ("bpom_ml", "bpom ri ml 1234 5678 9012", "123456789012", "ML 123456789012"),
        ("halal", "ID35110000123450122", "ID35110000123450122", "ID35110000123450122"),
        ("halal", " id 3511 0000 1234 50122 ", "ID35110000123450122", "ID35110000123450122"),
        ("sni", "123/lspro-abc/2024", "123/LSPRO-ABC/2024", "123/LSPRO-ABC/2024"),
        ("sni", "QC  01.02   03", "QC 01.02 03", "QC 01.02 03"),
    ],
)
def test_certificate_numbers_are_stored_canonically_and_shown_as_printed(kind, raw, stored, shown):
    assert normalize_certificate_number(kind, raw) == stored
    assert format_certificate_number(kind, stored) == shown


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("pirt", "12345678901234", "P-IRT number as 15 digits"),
        ("pirt", "1234567890123456", "P-IRT number as 15 digits"),
        ("pirt", "P-IRT No. 12345678901AB-45", "P-IRT number as 15 digits"),
        ("pirt", "", "P-IRT number as 15 digits"),
        ("pirt", None, "P-IRT number as 15 digits"),
        ("bpom_md", "MD 1234567890", "BPOM MD number as 12 or 15 digits"),
        ("bpom_md", "MD 1234567890123", "BPOM MD number as 12 or 15 digits"),
        ("bpom_md", "MX 123456789012", "BPOM MD number as 12 or 15 digits"),
        ("bpom_md", "PIRT 123456789012", "BPOM MD number as 12 or 15 digits"),
        ("bpom_ml", "", "BPOM ML number as 12 or 15 digits"),
        ("halal", "35110000123450122", "ID followed by 10 to 20 digits"),
        ("halal", "ID123456789", "ID followed by 10 to 20 digits"),
        ("halal", "ID123456789012345678901", "ID followed by 10 to 20 digits"),
        ("halal", "ID-3511-0000-1234", "ID followed by 10 to 20 digits"),
        ("halal", None, "ID followed by 10 to 20 digits"),
        ("sni", "ABCDEFG", "at least one digit"),
        ("sni", "12", "5 to 40 characters"),
        ("sni", "1" * 41, "5 to 40 characters"),
        ("sni", "123<script>", "letters, digits, dots, slashes or dashes"),
        ("sni", "", "SPPT-SNI"),
    ],
)
def test_malformed_certificate_numbers_get_a_kind_specific_message(kind, raw, expected):
    with pytest.raises(ValidationError) as caught:
        normalize_certificate_number(kind, raw)
    assert caught.value.code == "invalid"
    assert expected in message(caught.value)
    assert "for example" in message(caught.value)


def test_an_ml_number_under_bpom_md_says_which_type_it_is():
    with pytest.raises(ValidationError) as caught:
        normalize_certificate_number("bpom_md", "BPOM RI ML 123456789012")
    assert caught.value.code == "invalid"
    assert message(caught.value) == (
        "This is a BPOM ML number, but the certificate type is BPOM MD. "
        "Choose BPOM ML as the type, or check the number."
    )
    with pytest.raises(
        ValidationError, match="BPOM MD number, but the certificate type is BPOM ML"
    ):
        normalize_certificate_number("bpom_ml", "md 123456789012345")


@pytest.mark.parametrize("kind", ["", None, "iso9001"])
def test_an_unknown_certificate_kind_is_a_validation_error_not_a_crash(kind):
    with pytest.raises(ValidationError, match="Choose the type of certificate first"):
        normalize_certificate_number(kind, "123456789012345")


def test_formatting_an_empty_number_shows_nothing():
    assert format_certificate_number("bpom_md", "") == ""
    assert format_certificate_number("pirt", None) == ""


# --- HS code ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("0901", "0901"),
        ("0901.21", "090121"),
        ("0901.21.10", "09012110"),
        ("0901 21 10 00", "0901211000"),
    ],
)
def test_hs_codes_of_4_6_8_or_10_digits_pass_and_are_stored_as_digits(raw, stored):
    validate_hs_code(raw)
    assert normalize_hs_code(raw) == stored


@pytest.mark.parametrize("value", ["", None, "  "])
def test_hs_code_is_optional(value):
    validate_hs_code(value)
    assert normalize_hs_code(value) == ""


@pytest.mark.parametrize(
    "value", ["090", "09012", "0901.2", "09012110001", "09O1", "0901-21", "abcd"]
)
def test_wrong_hs_codes_are_refused(value):
    with pytest.raises(ValidationError) as caught:
        validate_hs_code(value)
    assert caught.value.code == "invalid"
    assert "4, 6, 8 or 10 digits, for example 0901" in message(caught.value)


# --- Marketplace links -----------------------------------------------------------------------


def test_marketplace_links_one_per_line_pass():
    validate_marketplace_links(
        "https://www.tokopedia.com/kopi-gayo\n\nhttps://shopee.co.id/kopigayo\r\n"
        "http://instagram.com/kopigayo\n"
    )
    validate_marketplace_links("")
    validate_marketplace_links(None)


def test_more_than_five_links_are_refused():
    text = "\n".join(f"https://shop{n}.example.com" for n in range(6))
    with pytest.raises(ValidationError) as caught:
        validate_marketplace_links(text)
    assert caught.value.code == "too_many"
    assert message(caught.value) == "Enter at most 5 marketplace links, one per line."


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("https://tokopedia.com/a\ntokopedia com/kopi", "Line 2 (“tokopedia com/kopi”)"),
        ("javascript:alert(1)", "Line 1 (“javascript:alert(1)”)"),
        ("ftp://files.example.com/x", "Line 1 (“ftp://files.example.com/x”)"),
        ("https://a.example.com https://b.example.com", "Line 1"),
    ],
)
def test_a_bad_link_is_named_by_its_line(text, line):
    with pytest.raises(ValidationError) as caught:
        validate_marketplace_links(text)
    assert caught.value.code == "invalid"
    assert message(caught.value).startswith(line)
    assert "one link per line, starting with https://" in message(caught.value)
