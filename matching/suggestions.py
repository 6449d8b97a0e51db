"""Who should meet whom: exhibitors suggested to a buyer, buyers suggested to an exhibitor.

The score of a pair is transparent: it is the points the pair earns out of the points
that apply to it, on a scale of 0 to 100, and every part comes back as a ``Reason`` with
the points it earned out of the points it could earn. The parts:

============== ====== ==================================================================
part           points applies when
============== ====== ==================================================================
sector         35     always: the business's sector is one of the buyer's sectors of
                      interest
seeks          30     always: words of what the buyer seeks (10 points a word, three
                      words at most) found in the business's products and description;
                      common English product words count as their Indonesian ones
certificates   15     the buyer asks for halal, BPOM, SNI or P-IRT in what it seeks: the
                      share of those the business holds, valid on the day of reference
export         10     the buyer is foreign or an exporter: direct export experience 10,
                      through an aggregator 6, none 0
scale          10     always: buyers that need volume (industry, retail chains, exporters,
                      BUMN, foreign buyers) score medium 10, small 7, micro 4; the others
                      take any scale, 10
============== ====== ==================================================================

A buyer who has not said what it seeks scores low everywhere: the pages invite it to
complete its profile. Pairs scoring under ``MIN_SCORE`` are not suggested (a caller may
lower it to score everyone, as the exhibitor's list of buyers does). Pairs that already
have a live meeting (requested, accepted or scheduled) are not suggested again. The result
is deterministic: the same data gives the same list in the same order (score, then name,
then id). Reads are batched: businesses with their products and certificates, or buyers,
in a handful of queries whatever their number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from exhibitors.models import (
    QUOTA_STATUSES,
    Application,
    Business,
    Certification,
    CertificationKind,
    ExportExperience,
    Product,
    Scale,
)

from .countries import Country
from .models import LIVE_MEETING_STATUSES, Buyer, BuyerKind, BuyerParticipation, Meeting

SECTOR_POINTS = 35
SEEKS_POINTS = 30
SEEKS_POINTS_PER_WORD = 10
CERTIFICATE_POINTS = 15
EXPORT_POINTS = 10
SCALE_POINTS = 10

VOLUME_BUYERS = frozenset(
    {
        BuyerKind.LARGE_INDUSTRY,
        BuyerKind.RETAIL_CHAIN,
        BuyerKind.EXPORTER,
        BuyerKind.BUMN,
        BuyerKind.FOREIGN,
    }
)
VOLUME_SCALE_POINTS = {Scale.MENENGAH: 10, Scale.KECIL: 7, Scale.MIKRO: 4}
EXPORT_EXPERIENCE_POINTS = {
    ExportExperience.DIRECT: 10,
    ExportExperience.INDIRECT: 6,
    ExportExperience.NONE: 0,
}

# What a buyer may ask for in "seeks", and the certificates that satisfy each ask.
CERTIFICATE_ASKS = (
    ("halal", re.compile(r"\bhalal\b", re.I), (CertificationKind.HALAL,)),
    (
        "bpom",
        re.compile(r"\bbpom\b", re.I),
        (CertificationKind.BPOM_MD, CertificationKind.BPOM_ML),
    ),
    ("sni", re.compile(r"\bsni\b", re.I), (CertificationKind.SNI,)),
    ("pirt", re.compile(r"\bp-?irt\b", re.I), (CertificationKind.PIRT,)),
)
CERTIFICATE_NAMES = {"halal": "Halal", "bpom": "BPOM", "sni": "SNI", "pirt": "P-IRT"}

# Words that say nothing about a product, in Indonesian and English.
_STOPWORD_TEXT = """
    dan atau untuk yang dengan dari dalam pada oleh bagi serta juga akan ada ini itu
    kami kita saya anda mereka para per tiap setiap secara seperti lebih sangat dapat
    bisa harus sudah belum tidak bukan banyak sedikit besar kecil baru lama mulai hingga
    sampai antara atas bawah produk barang jenis macam kualitas bagus baik tinggi rendah
    volume jumlah minimal maksimal bulan tahun hari minggu kirim pengiriman harga murah
    gerai toko modern usaha umkm butuh dibutuhkan cari mencari sertifikat bersertifikat
    the and for with from into onto that this these those our your their products product
    goods items quality high low good best volume volumes monthly weekly yearly month
    year need needs needed seek seeks looking supply supplier suppliers certificate
    certified certificates other others all any some each per
    halal bpom sni pirt irt
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# English words of foreign buyers, read as the Indonesian words exhibitors write.
SYNONYMS = {
    "coffee": "kopi",
    "tea": "teh",
    "spice": "rempah",
    "spices": "rempah",
    "sugar": "gula",
    "cocoa": "kakao",
    "cacao": "kakao",
    "chocolate": "cokelat",
    "coklat": "cokelat",
    "rice": "beras",
    "fish": "ikan",
    "shrimp": "udang",
    "prawn": "udang",
    "honey": "madu",
    "snack": "camilan",
    "snacks": "camilan",
    "chips": "keripik",
    "crackers": "kerupuk",
    "bag": "tas",
    "bags": "tas",
    "woven": "anyaman",
    "rattan": "rotan",
    "bamboo": "bambu",
    "wood": "kayu",
    "wooden": "kayu",
    "furniture": "mebel",
    "furnitur": "mebel",
    "fabric": "kain",
    "cloth": "kain",
    "textile": "kain",
    "cosmetics": "kosmetik",
    "soap": "sabun",
    "vanilla": "vanili",
    "pepper": "lada",
    "clove": "cengkeh",
    "cloves": "cengkeh",
    "nutmeg": "pala",
    "ginger": "jahe",
    "cashew": "mete",
    "coconut": "kelapa",
    "silver": "perak",
    "ceramics": "keramik",
    "pottery": "gerabah",
}
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Two words match when equal, or when one starts with the other and the shorter has at
# least this many letters ("spice"/"spices", "rempah"/"rempahnya").
PREFIX_MATCH_LENGTH = 5
MAX_SEEK_WORDS = 3
# Pairs scoring below this are not suggested (their scores are still computed on request).
MIN_SCORE = 20


@dataclass(frozen=True)
class Reason:
    code: str  # sector, seeks, certificates, export, scale
    label: str
    points: int
    of: int

    @property
    def met(self) -> bool:
        return self.points > 0


@dataclass(frozen=True)
class Suggestion:
    """A pair worth meeting; ``buyer`` and ``business`` are both set."""

    buyer: Buyer
    business: Business
    score: int
    reasons: tuple[Reason, ...]

    @property
    def earned(self) -> int:
        return sum(r.points for r in self.reasons)

    @property
    def possible(self) -> int:
        return sum(r.of for r in self.reasons)


def words(text: str) -> list[str]:
    """The meaningful words of ``text``, lower case, in order, each once; common English
    product words are read as their Indonesian counterparts ("coffee" is "kopi")."""
    seen: dict[str, None] = {}
    for word in _WORD.findall((text or "").lower()):
        if word not in STOPWORDS:
            seen.setdefault(SYNONYMS.get(word, word), None)
    return list(seen)


def _matches(wanted: str, have: set[str]) -> bool:
    if wanted in have:
        return True
    for word in have:
        shorter, longer = sorted((wanted, word), key=len)
        if len(shorter) >= PREFIX_MATCH_LENGTH and longer.startswith(shorter):
            return True
    return False


def _business_words(business: Business) -> set[str]:
    texts = [business.description or ""]
    for product in business.products.all():
        texts.append(product.name)
        texts.append(product.description or "")
    return set(words(" ".join(texts)))


def _valid_kinds(business: Business, on: date) -> set[str]:
    return {c.kind for c in business.certifications.all() if not c.is_expired(on)}


def asked_certificates(seeks: str) -> list[str]:
    return [key for key, pattern, _kinds in CERTIFICATE_ASKS if pattern.search(seeks or "")]


def is_foreign_or_exporter(buyer: Buyer) -> bool:
    return buyer.kind in (BuyerKind.FOREIGN, BuyerKind.EXPORTER) or (
        bool(buyer.country) and buyer.country != Country.ID
    )


def score_pair(
    buyer: Buyer,
    business: Business,
    *,
    on: date,
    business_words: set[str] | None = None,
    valid_kinds: set[str] | None = None,
) -> tuple[int, tuple[Reason, ...]]:
    """The pair's score (0–100) and its reasons. ``business``'s products and certificates
    should be prefetched; the two sets may be passed when computed already."""
    if business_words is None:
        business_words = _business_words(business)
    if valid_kinds is None:
        valid_kinds = _valid_kinds(business, on)
    reasons: list[Reason] = []

    sectors = list(buyer.sectors or [])
    if business.sector in sectors:
        label = _("Sector of interest: %(sector)s") % {"sector": business.get_sector_display()}
        reasons.append(Reason("sector", label, SECTOR_POINTS, SECTOR_POINTS))
    elif sectors:
        label = _("%(sector)s is not among the sectors of interest") % {
            "sector": business.get_sector_display()
        }
        reasons.append(Reason("sector", label, 0, SECTOR_POINTS))
    else:
        reasons.append(Reason("sector", _("No sectors of interest given"), 0, SECTOR_POINTS))

    wanted = words(buyer.seeks)
    found = [w for w in wanted if _matches(w, business_words)][:MAX_SEEK_WORDS]
    if found:
        label = _("Offers what is sought: %(words)s") % {"words": ", ".join(found)}
        points = min(SEEKS_POINTS, SEEKS_POINTS_PER_WORD * len(found))
        reasons.append(Reason("seeks", label, points, SEEKS_POINTS))
    elif wanted:
        reasons.append(Reason("seeks", _("No product matches what is sought"), 0, SEEKS_POINTS))
    else:
        reasons.append(Reason("seeks", _("Nothing sought given yet"), 0, SEEKS_POINTS))

    asked = asked_certificates(buyer.seeks)
    if asked:
        kinds_of = {key: kinds for key, _pattern, kinds in CERTIFICATE_ASKS}
        held = [key for key in asked if set(kinds_of[key]) & valid_kinds]
        missing = [key for key in asked if key not in held]
        points = round(CERTIFICATE_POINTS * len(held) / len(asked))
        if held and not missing:
            label = _("Holds the certificates asked for: %(names)s")
        elif held:
            label = _("Holds some of the certificates asked for: %(names)s; lacks %(missing)s")
        else:
            label = _("Lacks the certificates asked for: %(missing)s")
        label = label % {
            "names": ", ".join(CERTIFICATE_NAMES[k] for k in held),
            "missing": ", ".join(CERTIFICATE_NAMES[k] for k in missing),
        }
        reasons.append(Reason("certificates", label, points, CERTIFICATE_POINTS))

    if is_foreign_or_exporter(buyer):
        points = EXPORT_EXPERIENCE_POINTS.get(business.export_experience, 0)
        if business.export_experience == ExportExperience.DIRECT:
            label = _("Exports directly")
        elif business.export_experience == ExportExperience.INDIRECT:
            label = _("Exports through an aggregator or exporter")
        else:
            label = _("No export experience yet")
        reasons.append(Reason("export", label, points, EXPORT_POINTS))

    if buyer.kind in VOLUME_BUYERS:
        points = VOLUME_SCALE_POINTS.get(business.scale, 0)
        label = _("Scale %(scale)s for a buyer that needs volume") % {
            "scale": business.get_scale_display()
        }
    else:
        points = SCALE_POINTS
        label = _("Scale %(scale)s suits this buyer") % {"scale": business.get_scale_display()}
    reasons.append(Reason("scale", label, points, SCALE_POINTS))

    earned = sum(r.points for r in reasons)
    possible = sum(r.of for r in reasons)
    score = round(100 * earned / possible) if possible else 0
    return score, tuple(reasons)


# --- reads ---------------------------------------------------------------------------------


def exhibiting_businesses(event: Event):
    """The businesses exhibiting at ``event``, with what scoring reads prefetched."""
    return Business.objects.filter(
        pk__in=Application.objects.filter(event=event, status__in=QUOTA_STATUSES).values(
            "business_id"
        )
    ).prefetch_related(
        Prefetch(
            "products",
            queryset=Product.objects.only("id", "business_id", "name", "description"),
        ),
        Prefetch(
            "certifications",
            queryset=Certification.objects.only("id", "business_id", "kind", "expires_on"),
        ),
    )


def _ranked(items: list[Suggestion], limit: int | None, name, min_score: int) -> list[Suggestion]:
    items = [s for s in items if s.score >= max(min_score, 1)]
    items.sort(key=lambda s: (-s.score, name(s).lower(), name(s), _pk(s)))
    return items if limit is None else items[:limit]


def _pk(suggestion: Suggestion) -> tuple[int, int]:
    return (suggestion.business.pk, suggestion.buyer.pk)


def suggest_exhibitors(
    buyer: Buyer,
    event: Event,
    limit: int | None = 20,
    *,
    on: date | None = None,
    min_score: int = MIN_SCORE,
) -> list[Suggestion]:
    """Exhibitors of ``event`` worth meeting for ``buyer``, best first."""
    on = on or timezone.localdate()
    met = Meeting.objects.filter(event=event, buyer=buyer, status__in=LIVE_MEETING_STATUSES).values(
        "business_id"
    )
    items = []
    for business in exhibiting_businesses(event).exclude(pk__in=met):
        score, reasons = score_pair(buyer, business, on=on)
        items.append(Suggestion(buyer=buyer, business=business, score=score, reasons=reasons))
    return _ranked(items, limit, lambda s: s.business.display_name, min_score)


def suggest_buyers(
    business: Business,
    event: Event,
    limit: int | None = 20,
    *,
    on: date | None = None,
    min_score: int = MIN_SCORE,
) -> list[Suggestion]:
    """Buyers taking part in ``event`` worth meeting for ``business``, best first."""
    on = on or timezone.localdate()
    business = exhibiting_businesses(event).filter(pk=business.pk).first()
    if business is None:
        return []  # not exhibiting at this edition: nobody to suggest
    business_words = _business_words(business)
    valid_kinds = _valid_kinds(business, on)
    met = Meeting.objects.filter(
        event=event, business=business, status__in=LIVE_MEETING_STATUSES
    ).values("buyer_id")
    buyers = Buyer.objects.filter(
        pk__in=BuyerParticipation.objects.filter(event=event).values("buyer_id")
    ).exclude(pk__in=met)
    items = []
    for buyer in buyers:
        score, reasons = score_pair(
            buyer, business, on=on, business_words=business_words, valid_kinds=valid_kinds
        )
        items.append(Suggestion(buyer=buyer, business=business, score=score, reasons=reasons))
    return _ranked(items, limit, lambda s: s.buyer.name, min_score)
