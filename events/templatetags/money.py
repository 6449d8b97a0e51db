from decimal import Decimal

from django import template
from django.utils import translation

from events.money import format_rupiah, format_rupiah_short, format_usd_short

register = template.Library()


@register.filter
def rupiah(amount):
    return format_rupiah(amount)


@register.filter
def usd(amount):
    """``USD 1.250,50`` on an Indonesian page, ``USD 1,250.50`` on an English one."""
    return _in_currency(amount, "USD")


@register.filter
def amount(value, currency):
    """A value in its own currency: ``Rp 1.500.000``, ``USD 1.250,50``, ``SGD 100,00``
    (the separators of the page's language)."""
    if value is None or value == "":
        return ""
    if currency == "IDR":
        return format_rupiah(value)
    return _in_currency(value, currency)


def _in_currency(value, currency: str) -> str:
    if value is None or value == "":
        return ""
    text = f"{Decimal(value):,.2f}"
    if translation.get_language() != "en":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{currency} {text}"


@register.filter
def rupiah_short(amount):
    """``Rp 151,8 miliar``: for figures too long to read at a glance."""
    return format_rupiah_short(amount)


@register.filter
def usd_short(amount):
    return format_usd_short(amount)


@register.filter
def thousands(number):
    """``19.489`` in Indonesian, ``19,489`` in English."""
    if number is None or number == "":
        return ""
    text = f"{int(number):,}"
    return text if translation.get_language() == "en" else text.replace(",", ".")
