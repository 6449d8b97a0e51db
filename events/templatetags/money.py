from django import template

from events.money import format_rupiah, format_usd

register = template.Library()


@register.filter
def rupiah(amount):
    return format_rupiah(amount)


@register.filter
def usd(amount):
    return format_usd(amount)
