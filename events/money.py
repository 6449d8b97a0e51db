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
