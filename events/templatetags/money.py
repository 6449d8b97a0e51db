from decimal import Decimal

from django import template

from events.money import format_rupiah, format_usd

register = template.Library()


@register.filter
def rupiah(amount):
    return format_rupiah(amount)


@register.filter
def usd(amount):
    return format_usd(amount)


@register.filter
def amount(value, currency):
    """A value in its own currency: ``Rp 1.500.000``, ``USD 1,250.50``, ``SGD 100.00``."""
    if value is None or value == "":
        return ""
    if currency == "IDR":
        return format_rupiah(value)
    if currency == "USD":
        return format_usd(value)
    return f"{currency} {Decimal(value):,.2f}"
