"""Amounts on pages follow the page's language: Indonesian separators on Indonesian pages."""

from decimal import Decimal

from django.utils import translation

from events.templatetags.money import amount, rupiah, rupiah_short, thousands, usd


def test_indonesian_pages_write_amounts_the_indonesian_way():
    with translation.override("id"):
        assert usd(Decimal("9340502.62")) == "USD 9.340.502,62"
        assert amount(Decimal("100"), "SGD") == "SGD 100,00"
        assert amount(Decimal("1500000"), "IDR") == "Rp 1.500.000"
        assert rupiah(151_783_169_361) == "Rp 151.783.169.361"
        assert rupiah_short(151_783_169_361) == "Rp 151,8 miliar"
        assert thousands(19489) == "19.489"


def test_english_pages_write_them_the_english_way():
    with translation.override("en"):
        assert usd(Decimal("9340502.62")) == "USD 9,340,502.62"
        assert amount(Decimal("100"), "SGD") == "SGD 100.00"
        assert thousands(19489) == "19,489"
    assert usd(None) == "" and amount("", "USD") == ""
