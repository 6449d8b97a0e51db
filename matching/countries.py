"""Countries a buyer comes from or a deal is exported to (ISO 3166-1 alpha-2).

Indonesia's main export markets and the countries of its trade attachés; an unknown
code is refused rather than stored.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    ID = "ID", _("Indonesia")
    AE = "AE", _("United Arab Emirates")
    AU = "AU", _("Australia")
    BD = "BD", _("Bangladesh")
    BE = "BE", _("Belgium")
    BN = "BN", _("Brunei")
    CA = "CA", _("Canada")
    CH = "CH", _("Switzerland")
    CN = "CN", _("China")
    DE = "DE", _("Germany")
    EG = "EG", _("Egypt")
    ES = "ES", _("Spain")
    FR = "FR", _("France")
    GB = "GB", _("United Kingdom")
    HK = "HK", _("Hong Kong")
    IN = "IN", _("India")
    IT = "IT", _("Italy")
    JP = "JP", _("Japan")
    KR = "KR", _("South Korea")
    KW = "KW", _("Kuwait")
    MY = "MY", _("Malaysia")
    NL = "NL", _("Netherlands")
    NZ = "NZ", _("New Zealand")
    PH = "PH", _("Philippines")
    PK = "PK", _("Pakistan")
    QA = "QA", _("Qatar")
    SA = "SA", _("Saudi Arabia")
    SG = "SG", _("Singapore")
    TH = "TH", _("Thailand")
    TL = "TL", _("Timor-Leste")
    TR = "TR", _("Turkey")
    TW = "TW", _("Taiwan")
    US = "US", _("United States")
    VN = "VN", _("Vietnam")
    ZA = "ZA", _("South Africa")
