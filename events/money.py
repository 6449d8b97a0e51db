"""Money the Indonesian way: rupiah as integers, shown as ``Rp 1.500.000``."""

from decimal import Decimal


def format_rupiah(amount) -> str:
    if amount is None or amount == "":
        return ""
    value = int(Decimal(amount).to_integral_value())
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,}".replace(",", ".")


def format_usd(amount) -> str:
    if amount is None or amount == "":
        return ""
    return f"USD {Decimal(amount):,.2f}"


# Short forms for headlines: the unit a reader says aloud, with one decimal at most.
_HALF_UP = "ROUND_HALF_UP"  # decimal.ROUND_HALF_UP, without touching the imports
_SHORT_UNITS = {
    "id": ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta")),
    "en": ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")),
}


def _language_code(language: str | None) -> str:
    if not language:
        from django.utils import translation

        language = translation.get_language() or "id"
    return "en" if language.startswith("en") else "id"


def _short(amount, prefix: str, code: str) -> str:
    if amount is None or amount == "":
        return ""
    value = Decimal(amount)
    sign, value = ("-" if value < 0 else ""), abs(value)
    thousands, point = (",", ".") if code == "en" else (".", ",")
    units = _SHORT_UNITS[code]
    for index, (size, unit) in enumerate(units):
        scaled = (value / size).quantize(Decimal("0.1"), rounding=_HALF_UP)
        if scaled < 1:
            continue
        if scaled >= 1000 and index:  # 999,96 juta reads as 1 miliar
            size, unit = units[index - 1]
            scaled = (value / size).quantize(Decimal("0.1"), rounding=_HALF_UP)
        whole, _dot, tenth = f"{scaled:,.1f}".partition(".")
        number = whole.replace(",", thousands) + ("" if tenth == "0" else point + tenth)
        return f"{sign}{prefix} {number} {unit}"
    exact = int(value.to_integral_value(rounding=_HALF_UP))
    return f"{sign}{prefix} {exact:,}".replace(",", thousands)


def format_rupiah_short(amount, language: str | None = None) -> str:
    """``Rp 1,2 miliar``, ``Rp 350 juta``, ``Rp 3,4 triliun``; below a million the exact
    ``Rp 250.000``. In English (active, or ``language``): ``IDR 1.2 billion``."""
    code = _language_code(language)
    return _short(amount, "IDR" if code == "en" else "Rp", code)


def format_usd_short(amount, language: str | None = None) -> str:
    """``USD 1,2 juta`` in Indonesian, ``USD 1.2 million`` in English; whole dollars below."""
    return _short(amount, "USD", _language_code(language))
