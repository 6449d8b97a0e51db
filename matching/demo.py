"""Demo business matching for an edition: buyers, sessions, meetings and ~5,000 deals.

``seed_matching`` gives the demo edition about 150 made-up buyers of every type (retail
chains, hotel groups, BUMN, exporters, e-commerce, government buyers and foreign buyers
brought by ITPCs and trade attachés), most of them taking part; matching sessions on
every day of the edition, cut into slots by ``services.session_save``; meeting requests
from both sides and the desk, answered, declined, cancelled, placed at tables by
``services.session_schedule`` and checked in or marked no-shows by the desk; the
edition's non-dollar exchange rates (demo figures); and a deal ledger of ~5,000 rows of
every kind, in rupiah, dollars and five other currencies, recorded, confirmed, verified,
voided, and some voided and replaced through ``services.transaction_correct``.

Every name is invented for the demo (``Buyer.is_demo``): no buyer is a real company.

Deterministic: the choices are drawn from ``random.Random(rng_seed)`` over the demo
businesses ordered by NIB, so the same demo exhibitors give the same buyers, meetings and
deals. Idempotent: buyers are found by name, participations by (buyer, edition), sessions
by (edition, day, name) and rates by (edition, currency); meetings are made only when the
edition has none, deals only when its ledger is empty.

What goes through the services and what is written in bulk. Sessions are saved with
``services.session_save`` (which cuts the slots) and every day's accepted meetings are
placed by ``services.session_schedule``; corrections go through
``services.transaction_correct`` and some replacements through ``transaction_verify``,
which keep the ledger cells in step themselves. The rest is written in bulk in the states
the services leave it, because through them it was slow on SQLite on a 2-core machine:
a meeting request, its answer and the desk's check-in took ~9 ms each (~10 s for the
demo's meetings), and ``transaction_record`` ~4.7 ms a row (its checks, the rate lookup,
the insert and the ledger upsert: ~25 s for the ledger before any status moves). Requests
are planned once per pair, between exhibiting businesses and participating buyers, as
the services require; ``_Rows.row`` builds each ledger row as ``transaction_record``
would (the same ``services.rate_for`` and ``services.convert``, the same reporting
snapshot; tests/matching/test_demo.py compares the two), the rows are bulk-created with
their statuses and ``services.ledger_rebuild`` sums them into ``LedgerCell``.

Time: the demo is dated at the edition. Requests arrive in the three weeks before it and
are answered before their day; the desk checks meetings in at their table's time; a sale
at 14:20 on the second day is recorded at 14:20 that day, and confirmed, verified, voided
or corrected after it. The services stamp their writes with ``timezone.now()``, so the
corrections run with that clock set to the moment they happen (``_clock``).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from time import monotonic
from unittest import mock
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Role, RoleGrant, User
from accounts.services import role_grant
from events.demo import DEMO_PASSWORD, DEMO_USERS, DemoUser
from events.models import Currency, Event, EventDay, ExchangeRate, Ministry
from exhibitors.models import QUOTA_STATUSES, Application, Business, ExportExperience, Sector

from . import services
from .countries import Country
from .models import (
    Buyer,
    BuyerKind,
    BuyerParticipation,
    LedgerCell,
    MatchingSession,
    Meeting,
    MeetingStatus,
    Side,
    Transaction,
    TransactionKind,
    TransactionStatus,
)
from .selectors import LedgerFilter, ledger_summary

RNG_SEED = 2027
BK = BuyerKind
K = TransactionKind
M = MeetingStatus
T = TransactionStatus
S = Sector
C = Currency

DEMO_BUYER_NAME = "PT Gerai Nusantara Sejahtera"
DEMO_BUYER_EMAIL = next(demo.email for demo in DEMO_USERS if demo.role == Role.BUYER)
# A reader of the ministry of trade, whose export programme the demo's exports fall under
# (events.demo already has a reader of the ministry of SMEs).
MATCHING_DEMO_USERS = [
    DemoUser(
        "kemendag@pameran.test",
        "Wulan Sari (Kementerian Perdagangan)",
        Role.MINISTRY_READER,
        "Kemendag",
    )
]
RATE_SOURCE = "Kurs tengah Bank Indonesia (angka demo)"
# Rupiah per unit on the date of the edition's dollar rate: demo figures, not BI's.
DEMO_RATES = {
    C.SGD: Decimal("12150.0000"),
    C.MYR: Decimal("3480.0000"),
    C.JPY: Decimal("108.5000"),
    C.EUR: Decimal("17650.0000"),
    C.SAR: Decimal("4333.3333"),
}

# --- The buyers --------------------------------------------------------------------------------

_SECTOR_CODES = {
    "kul": S.KULINER,
    "fas": S.FASHION,
    "kri": S.KRIYA,
    "agr": S.AGRIBISNIS,
    "her": S.HERBAL_KOSMETIK,
    "fur": S.FURNITUR_DEKORASI,
    "kop": S.KOPI_REMPAH,
    "per": S.PERIKANAN,
    "jas": S.JASA_KREATIF,
    "lai": S.LAINNYA,
}

# (name, city, sectors) per buyer type; every name is made up.
DOMESTIC_BUYERS = {
    BK.RETAIL_CHAIN: [
        (DEMO_BUYER_NAME, "Kota Jakarta Selatan", "kul fas kri her"),
        ("PT Swalayan Sinar Bengawan", "Kota Surakarta", "kul agr her"),
        ("Toserba Mekar Lawu", "Kabupaten Karanganyar", "kul fas agr"),
        ("PT Ritel Tirta Merapi", "Kota Yogyakarta", "kul kop her"),
        ("PT Pasar Segar Kencana", "Kota Semarang", "agr per kul"),
        ("Koperasi Ritel Warga Sejahtera", "Kabupaten Sukoharjo", "kul agr"),
        ("PT Pusat Oleh-Oleh Khas Nusa", "Kota Surabaya", "kul kri kop"),
        ("PT Galeri Wastra Sekar Jagad", "Kota Surakarta", "fas kri"),
        ("PT Mitra Swalayan Parahyangan", "Kota Bandung", "kul her agr"),
        ("PT Toko Sehat Alami Indonesia", "Kota Tangerang Selatan", "her kop agr"),
        ("Minimarket Sahabat Desa", "Kabupaten Klaten", "kul agr"),
        ("PT Grosir Pangan Bumi Raya", "Kota Medan", "kul per agr"),
        ("PT Pusat Oleh-Oleh Dewata Jaya", "Kota Denpasar", "kul kri fas"),
        ("PT Hiper Belanja Borneo", "Kota Balikpapan", "kul fur her"),
        ("PT Butik Rumah Tenun", "Kota Jakarta Selatan", "fas kri"),
        ("PT Swalayan Pelangi Anging Mammiri", "Kota Makassar", "kul per"),
        ("PT Graha Busana Sriwedari", "Kota Surakarta", "fas"),
        ("PT Ritel Sumber Rezeki Lampung", "Kota Bandar Lampung", "kul kop agr"),
        ("PT Apotek Herbal Waras Sentosa", "Kota Malang", "her"),
        ("PT Toko Dekorasi Griya Asri", "Kota Semarang", "fur kri"),
        ("PT Swalayan Cenderawasih Permai", "Kota Jayapura", "kul agr"),
        ("PT Gerai Kopi Senja Nusantara", "Kota Jakarta Selatan", "kop kul"),
        ("PT Toko Kado Pesona Kriya", "Kota Bandung", "kri fur fas"),
        ("Koperasi Konsumen Karyawan Tugu Mulya", "Kota Bogor", "kul her fas"),
    ],
    BK.HOTEL_RESTAURANT: [
        ("Grup Hotel Kusuma Laras", "Kota Surakarta", "kul kop kri"),
        ("PT Griya Wisata Mangkubumi Hotels", "Kota Yogyakarta", "kul fur kri"),
        ("PT Resor Tepi Danau Lestari", "Kabupaten Toba", "kul kop fur"),
        ("Jaringan Restoran Rasa Nusantara", "Kota Jakarta Selatan", "kul kop per"),
        ("PT Boga Prima Katering", "Kota Surabaya", "kul agr per"),
        ("PT Hotel Bukit Ubud Lestari", "Kabupaten Gianyar", "fur kri her"),
        ("CV Katering Sekar Kedaton", "Kota Surakarta", "kul agr"),
        ("PT Kedai Kopi Lereng Merapi", "Kabupaten Sleman", "kop kul"),
        ("PT Hotel Pantai Senggigi Permai", "Kota Mataram", "kul fur kri"),
        ("PT Jaringan Kafe Teras Kota", "Kota Bandung", "kop kul"),
        ("PT Resto Bandar Seafood Group", "Kota Makassar", "per kul"),
        ("PT Hotel Bisnis Gajah Mada Semarang", "Kota Semarang", "kul fur"),
        ("PT Katering Maskapai Angkasa Boga", "Kota Tangerang Selatan", "kul kop"),
        ("PT Resor Karang Asri Bali", "Kabupaten Klungkung", "her fur kri"),
        ("PT Rumah Makan Minang Saiyo Group", "Kota Padang", "kul kop"),
        ("PT Hotel Syariah Al Barokah Solo", "Kota Surakarta", "kul fas her"),
        ("PT Wedangan Gaul Nusantara", "Kota Surakarta", "kul kop"),
        ("PT Dapur Gizi Sehat Indonesia", "Kota Jakarta Timur", "kul agr per"),
        ("PT Roti dan Kafe Kenangan Manis", "Kota Malang", "kul kop"),
        ("PT Spa dan Wellness Tirta Sari", "Kabupaten Gianyar", "her"),
    ],
    BK.LARGE_INDUSTRY: [
        ("PT Sari Pangan Industri Jaya", "Kabupaten Sidoarjo", "kul agr"),
        ("PT Tekstil Bengawan Raya", "Kabupaten Sukoharjo", "fas"),
        ("PT Mebel Jepara Agung Lestari", "Kabupaten Jepara", "fur kri"),
        ("PT Jamu Sehat Lestari Industri", "Kota Semarang", "her agr"),
        ("PT Kosmetik Alam Ayu Indonesia", "Kota Bogor", "her"),
        ("PT Olah Kopi Nusantara Mandiri", "Kota Malang", "kop"),
        ("PT Garmen Cakra Busana", "Kota Bandung", "fas"),
        ("PT Pengolahan Ikan Samudra Biru", "Kabupaten Banyuwangi", "per"),
        ("PT Industri Rotan Cirebon Makmur", "Kota Cirebon", "fur kri"),
        ("PT Minyak Atsiri Nusantara Wangi", "Kabupaten Garut", "her agr kop"),
        ("PT Kakao Sulawesi Prima Olah", "Kota Makassar", "agr kop"),
        ("PT Bumbu Dapur Ibu Industri", "Kota Surabaya", "kul kop"),
        ("PT Camilan Renyah Indonesia Makmur", "Kota Tangerang Selatan", "kul"),
        ("PT Logam Kriya Boyolali Utama", "Kabupaten Boyolali", "kri fur"),
        ("PT Keramik Kasongan Abadi", "Kabupaten Bantul", "kri fur"),
        ("PT Herbal Farma Temanggung", "Kabupaten Temanggung", "her kop"),
    ],
    BK.EXPORTER: [
        ("PT Ekspor Kriya Nusantara Mandiri", "Kota Yogyakarta", "kri fur"),
        ("CV Jembatan Dagang Laweyan", "Kota Surakarta", "fas kri"),
        ("PT Agregator Rempah Maluku Raya", "Kota Ambon", "kop agr"),
        ("PT Kopi Dataran Tinggi Ekspor Lestari", "Kabupaten Aceh Tengah", "kop"),
        ("PT Mebel Rotan Ekspor Pesisir", "Kota Cirebon", "fur kri"),
        ("PT Samudra Hasil Laut Ekspor", "Kota Kendari", "per"),
        ("PT Wastra Indonesia Global", "Kota Jakarta Selatan", "fas kri"),
        ("PT Sentra Ekspor Bali Kreatif", "Kota Denpasar", "kri fas fur"),
        ("CV Agro Buah Tropis Ekspor", "Kabupaten Sleman", "agr"),
        ("PT Niaga Kakao Tenggara", "Kota Kendari", "agr kop"),
        ("PT Vanili Cengkeh Nyiur Ekspor", "Kota Manado", "kop agr"),
        ("PT Gerbang Ekspor Jawa Tengah", "Kota Semarang", "kul kri fur kop"),
        ("PT Konsolidator Kargo UMKM Nusantara", "Kota Semarang", "kul kri her"),
        ("PT Herbal Ekspor Nusa Hijau", "Kabupaten Karanganyar", "her agr"),
        ("PT Ekspor Anyaman Lombok Sejahtera", "Kabupaten Lombok Tengah", "kri fur"),
        ("PT Teh dan Kopi Priangan Ekspor", "Kabupaten Garut", "kop agr"),
        ("PT Ekspor Batik Pesisiran Raya", "Kota Pekalongan", "fas"),
        ("PT Kelapa Terpadu Ekspor Nusantara", "Kota Pontianak", "agr kul"),
        ("PT Lada Ekspor Sai Bumi", "Kabupaten Lampung Barat", "kop"),
        ("PT Halal Food Ekspor Indonesia", "Kota Surabaya", "kul per"),
    ],
    BK.BUMN: [
        ("PT Niaga Pangan Nusantara (Persero)", "Kota Jakarta Selatan", "kul agr"),
        ("PT Hotel dan Wisata Negara (Persero)", "Kota Jakarta Selatan", "kul fur kri"),
        ("PT Perkebunan Lestari Nusantara (Persero)", "Kota Bandung", "kop agr"),
        ("PT Perdagangan Ekspor Indonesia (Persero)", "Kota Jakarta Barat", "kri fas kop"),
        ("PT Ritel Bandara Nusantara", "Kota Tangerang Selatan", "kul kri fas"),
        ("PT Kereta Boga Nusantara", "Kota Jakarta Timur", "kul kop"),
        ("PT Rumah Kreatif Negara", "Kota Surakarta", "kri fas jas"),
        ("Perum Logistik Pangan Rakyat", "Kota Jakarta Timur", "agr kul"),
        ("PT Agro Mandiri Negara (Persero)", "Kota Palembang", "agr"),
        ("PT Pelabuhan Niaga Nusantara (Persero)", "Kota Surabaya", "per kul"),
        ("PT Farmasi Herbal Negara (Persero)", "Kota Bandung", "her"),
        ("PT Perikanan Samudra Negara (Persero)", "Kota Makassar", "per"),
    ],
    BK.ECOMMERCE: [
        ("PT Lapak Nusantara Digital", "Kota Jakarta Selatan", "kul fas kri her"),
        ("PT Pasar Daring Kriya", "Kota Yogyakarta", "kri fur"),
        ("PT Toko Langsung Indonesia", "Kota Jakarta Barat", "kul her"),
        ("PT Belanja Lokal Kita", "Kota Bandung", "fas kul"),
        ("PT Warung Digital Desa", "Kota Surabaya", "kul agr"),
        ("PT Kurasi Produk Lokal Indonesia", "Kota Jakarta Selatan", "kri fas her kop"),
        ("PT Oleh-Oleh Daring Nusantara", "Kota Surakarta", "kul kop"),
        ("PT Sayur Segar Daring", "Kota Semarang", "agr per"),
        ("PT Live Shopping Kreator Indonesia", "Kota Jakarta Barat", "fas her"),
        ("PT Pasar Halal Digital", "Kota Medan", "kul her"),
        ("PT Fesyen Muslim Daring", "Kota Bandung", "fas"),
        ("PT Gerai Maya Bali", "Kota Denpasar", "kri fas"),
        ("PT Belanja Pintar Khatulistiwa", "Kota Pontianak", "kul agr"),
        ("PT Kriya Global Marketplace", "Kota Jakarta Selatan", "kri fur jas"),
    ],
    BK.GOVERNMENT: [
        ("SPPG Banjarsari 01", "Kota Surakarta", "kul agr per"),
        ("SPPG Laweyan 02", "Kota Surakarta", "kul agr"),
        ("SPPG Kartasura 03", "Kabupaten Sukoharjo", "kul agr per"),
        ("Unit Pengadaan RSUD Sehat Waluyo", "Kota Surakarta", "kul her"),
        ("Unit Pengadaan RSUD Manggala Husada", "Kota Semarang", "kul her"),
        ("Universitas Negeri Lawu Raya", "Kabupaten Karanganyar", "fas kul jas"),
        ("Politeknik Negeri Kedu", "Kabupaten Magelang", "fas jas"),
        ("Balai Latihan Kerja Sukowati", "Kabupaten Sragen", "fas kri"),
        ("Balai Diklat Koperasi Tawangsari", "Kabupaten Sukoharjo", "kul fas"),
        ("Unit Pengadaan Taman Budaya Bengawan", "Kota Surakarta", "kri fas jas"),
    ],
}

# (name, country, city, attaché, sectors, contact): every name is made up.
FOREIGN_BUYERS = [
    ("Naniwa Zakka Trading Co., Ltd.", "JP", "Osaka", "ITPC Osaka", "kri fur", "Kenji Matsuda"),
    ("Kansai Natural Foods K.K.", "JP", "Osaka", "ITPC Osaka", "kul kop her", "Yuko Hamada"),
    ("Dojima Coffee Roasters Co., Ltd.", "JP", "Osaka", "ITPC Osaka", "kop", "Takeshi Ono"),
    (
        "Shibuya Craft Select K.K.",
        "JP",
        "Tokyo",
        "Atase Perdagangan KBRI Tokyo",
        "fas kri",
        "Aiko Nishimura",
    ),
    ("Al Wafra Gourmet Trading LLC", "AE", "Dubai", "ITPC Dubai", "kul kop", "Omar Al Hashimi"),
    ("Desert Pearl Foodstuff LLC", "AE", "Dubai", "ITPC Dubai", "kul per agr", "Rashid Karim"),
    ("Creek Side Home Living FZE", "AE", "Dubai", "ITPC Dubai", "fur kri", "Leila Haddad"),
    (
        "Maasstad Specerijen B.V.",
        "NL",
        "Rotterdam",
        "Atase Perdagangan KBRI Den Haag",
        "kop agr",
        "Sanne de Vries",
    ),
    (
        "Delfshaven Living B.V.",
        "NL",
        "Rotterdam",
        "Atase Perdagangan KBRI Den Haag",
        "fur kri",
        "Joost Bakker",
    ),
    (
        "Kop van Zuid Koffiehuis B.V.",
        "NL",
        "Rotterdam",
        "Atase Perdagangan KBRI Den Haag",
        "kop",
        "Femke Visser",
    ),
    ("Bayt Al Halal Trading Est.", "SA", "Jeddah", "ITPC Jeddah", "kul her", "Faisal Al Qahtani"),
    ("Red Sea Modest Fashion Co.", "SA", "Jeddah", "ITPC Jeddah", "fas", "Noura Al Harbi"),
    ("Elbufer Kaffeehandel GmbH", "DE", "Hamburg", "ITPC Hamburg", "kop", "Jonas Becker"),
    ("Nordlicht Wohnkultur GmbH", "DE", "Hamburg", "ITPC Hamburg", "fur kri", "Miriam Schulz"),
    (
        "Harbourside Homewares Pty Ltd",
        "AU",
        "Sydney",
        "ITPC Sydney",
        "fur kri fas",
        "Chloe Mitchell",
    ),
    (
        "Pacific Rim Artisan Imports LLC",
        "US",
        "Los Angeles",
        "ITPC Los Angeles",
        "kri fur fas",
        "Daniel Reyes",
    ),
    (
        "Lakeshore Specialty Foods Inc.",
        "US",
        "Chicago",
        "ITPC Chicago",
        "kul kop",
        "Megan Kowalski",
    ),
    ("Haeundae Halal Mart Co., Ltd.", "KR", "Busan", "ITPC Busan", "kul her", "Park Ji-won"),
    (
        "Huangpu Tropical Foods Co., Ltd.",
        "CN",
        "Shanghai",
        "ITPC Shanghai",
        "kul agr per",
        "Chen Wei",
    ),
    (
        "Merlion Heritage Crafts Pte. Ltd.",
        "SG",
        "Singapore",
        "Atase Perdagangan KBRI Singapura",
        "kri fas",
        "Melissa Tan",
    ),
    (
        "Tanjong Spice Traders Pte. Ltd.",
        "SG",
        "Singapore",
        "Atase Perdagangan KBRI Singapura",
        "kop kul",
        "Rajesh Pillai",
    ),
    (
        "Kelang Batik Gallery Sdn. Bhd.",
        "MY",
        "Kuala Lumpur",
        "Atase Perdagangan KBRI Kuala Lumpur",
        "fas kri",
        "Nurul Aisyah Rahman",
    ),
    (
        "Johor Halal Hub Sdn. Bhd.",
        "MY",
        "Johor Bahru",
        "Atase Perdagangan KBRI Kuala Lumpur",
        "kul her",
        "Ahmad Faiz Ismail",
    ),
    ("Navigli Design Import S.r.l.", "IT", "Milan", "ITPC Milan", "fur kri fas", "Giulia Ferri"),
    ("Presqu'île Maison & Déco SARL", "FR", "Lyon", "ITPC Lyon", "fur kri", "Camille Girard"),
    ("Barceloneta Rattan S.L.", "ES", "Barcelona", "ITPC Barcelona", "fur kri", "Marta Soler"),
    (
        "Highveld Natural Products (Pty) Ltd",
        "ZA",
        "Johannesburg",
        "ITPC Johannesburg",
        "her kop",
        "Thandiwe Nkosi",
    ),
    (
        "Coromandel Spice Exports Pvt. Ltd.",
        "IN",
        "Chennai",
        "ITPC Chennai",
        "kop agr",
        "Lakshmi Narayanan",
    ),
    (
        "Thames Batik & Textiles Ltd",
        "GB",
        "London",
        "Atase Perdagangan KBRI London",
        "fas kri",
        "Oliver Hughes",
    ),
    (
        "Formosa Island Crafts Co., Ltd.",
        "TW",
        "Taipei",
        "Fungsi Ekonomi KDEI Taipei",
        "kri kul",
        "Lin Mei-hua",
    ),
]

# What a buyer of each country pays in (a share of its deals; the rest in dollars).
COUNTRY_CURRENCY = {
    "JP": (C.JPY, 0.55),
    "NL": (C.EUR, 0.7),
    "DE": (C.EUR, 0.7),
    "IT": (C.EUR, 0.7),
    "FR": (C.EUR, 0.7),
    "ES": (C.EUR, 0.7),
    "SA": (C.SAR, 0.5),
    "SG": (C.SGD, 0.6),
    "MY": (C.MYR, 0.6),
}

COUNTRY_NAMES = {
    "JP": "Jepang",
    "AE": "Uni Emirat Arab",
    "NL": "Belanda dan Eropa Barat",
    "SA": "Arab Saudi",
    "DE": "Jerman",
    "AU": "Australia",
    "US": "Amerika Serikat",
    "KR": "Korea Selatan",
    "CN": "Tiongkok",
    "SG": "Singapura",
    "MY": "Malaysia",
    "IT": "Italia",
    "FR": "Prancis",
    "ES": "Spanyol",
    "ZA": "Afrika Selatan",
    "IN": "India",
    "GB": "Inggris",
    "TW": "Taiwan",
}
PHONE_PREFIX = {
    "JP": "+816",
    "AE": "+9714",
    "NL": "+3110",
    "SA": "+96612",
    "DE": "+4940",
    "AU": "+612",
    "US": "+1312",
    "KR": "+8251",
    "CN": "+8621",
    "SG": "+65",
    "MY": "+603",
    "IT": "+3902",
    "FR": "+334",
    "ES": "+3493",
    "ZA": "+2711",
    "IN": "+9144",
    "GB": "+4420",
    "TW": "+8862",
}
# Where exporters' deals go, by weight.
EXPORT_DESTINATIONS = {
    "JP": 14,
    "US": 14,
    "NL": 10,
    "AE": 9,
    "SA": 8,
    "MY": 8,
    "SG": 8,
    "DE": 6,
    "AU": 6,
    "CN": 6,
    "KR": 5,
    "TW": 3,
    "GB": 3,
}

SECTOR_WORDS = {
    S.KULINER: "makanan ringan, sambal dan oleh-oleh khas daerah",
    S.FASHION: "busana batik, tenun dan fesyen muslim",
    S.KRIYA: "kerajinan tangan (anyaman, ukiran, gerabah)",
    S.AGRIBISNIS: "hasil pertanian olahan dan buah segar",
    S.HERBAL_KOSMETIK: "jamu, produk herbal dan kosmetik alami",
    S.FURNITUR_DEKORASI: "mebel, lampu hias dan dekorasi rumah",
    S.KOPI_REMPAH: "kopi, teh dan rempah-rempah",
    S.PERIKANAN: "produk olahan ikan dan hasil laut",
    S.JASA_KREATIF: "jasa desain, kemasan dan konten kreatif",
    S.LAINNYA: "produk UMKM pilihan",
}

SEEKS = {
    BK.RETAIL_CHAIN: (
        "Mencari pemasok {sectors} untuk {outlets} gerai kami. Kemasan berlabel dan berbarcode, "
        "izin edar (P-IRT atau BPOM) dan sertifikat halal untuk pangan. Pesanan awal sekitar "
        "{volume} per bulan, pembayaran tempo 30 hari."
    ),
    BK.HOTEL_RESTAURANT: (
        "Pasokan rutin {sectors} untuk hotel, restoran dan katering kami di {city}: mutu "
        "seragam, pengiriman mingguan, sertifikat halal untuk bahan pangan."
    ),
    BK.LARGE_INDUSTRY: (
        "Bahan baku dan produk setengah jadi ({sectors}) dengan kontrak pasokan tahunan. "
        "Kapasitas minimal {volume} per bulan, mutu sesuai SNI dan contoh produk sebelum "
        "kontrak."
    ),
    BK.EXPORTER: (
        "Mengumpulkan {sectors} dari UMKM untuk diekspor. Kami mencari kapasitas produksi "
        "yang stabil, mutu yang lolos kurasi, dokumen asal barang dan HS code yang jelas."
    ),
    BK.BUMN: (
        "Kemitraan pemasok UMKM untuk {sectors} bagi program pengadaan dan gerai kami. "
        "Diutamakan usaha binaan dengan NIB, sertifikat halal dan kesiapan faktur pajak."
    ),
    BK.ECOMMERCE: (
        "Brand lokal {sectors} untuk toko resmi dan kampanye belanja daring. Foto produk yang "
        "baik, stok siap kirim dalam 2 hari, dan harga grosir untuk program diskon."
    ),
    BK.GOVERNMENT: (
        "Pengadaan {sectors} melalui e-Katalog untuk kebutuhan unit kami. UMKM lokal dengan "
        "NIB, harga bersaing dan pengiriman tepat waktu."
    ),
    BK.FOREIGN: (
        "Pemasok {sectors} untuk pasar {country}: kapasitas ekspor minimal satu kontainer 20 "
        "kaki per kuartal, sertifikat halal bila pangan, dokumen ekspor lengkap. Dihubungkan "
        "oleh {attache}."
    ),
}
ABOUT = {
    BK.RETAIL_CHAIN: "Jaringan ritel modern dengan gerai di kota-kota Jawa dan luar Jawa.",
    BK.HOTEL_RESTAURANT: "Kelompok usaha hotel, restoran dan katering.",
    BK.LARGE_INDUSTRY: "Industri besar yang bermitra dengan UMKM sebagai pemasok.",
    BK.EXPORTER: "Eksportir dan agregator produk UMKM.",
    BK.BUMN: "Badan usaha milik negara (rekaan) dengan program kemitraan UMKM.",
    BK.ECOMMERCE: "Lokapasar dan toko daring produk lokal.",
    BK.GOVERNMENT: "Pembeli pemerintah melalui pengadaan barang dan jasa.",
    BK.FOREIGN: "Importir luar negeri yang datang melalui perwakilan dagang Indonesia.",
}
DEMO_NOTE = "Data demo: organisasi rekaan untuk demo Pameran, bukan perusahaan sungguhan."

# fmt: off
FIRST_NAMES = [
    "Agus", "Budi", "Dwi", "Eko", "Fajar", "Gita", "Hana", "Indra", "Joko", "Kartika",
    "Lestari", "Maya", "Nanda", "Putri", "Rizky", "Sari", "Teguh", "Utami", "Wahyu", "Yusuf",
    "Ayu", "Bayu", "Citra", "Dimas", "Endah", "Fitri", "Galih", "Intan", "Kurniawan", "Rina",
]
LAST_NAMES = [
    "Prasetyo", "Wibowo", "Santoso", "Hartono", "Purnomo", "Handayani", "Setiawati", "Nugroho",
    "Saputra", "Rahayu", "Siregar", "Nasution", "Lubis", "Wijaya", "Susanto", "Hidayat",
    "Pratama", "Kusuma", "Permana", "Suryani",
]
# fmt: on


@dataclass(frozen=True)
class BuyerSpec:
    name: str
    kind: str
    country: str
    city: str
    sectors: tuple[str, ...]
    seeks: str
    description: str
    trade_attache: str
    contact_name: str
    contact_email: str
    contact_phone: str
    website: str
    participates: bool
    max_meetings: int

    def fields(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "city": self.city,
            "sectors": list(self.sectors),
            "seeks": self.seeks,
            "description": self.description,
            "trade_attache": self.trade_attache,
            "contact_name": self.contact_name,
            "contact_email": self.contact_email,
            "contact_phone": self.contact_phone,
            "website": self.website,
            "is_demo": True,
        }


def _sectors(codes: str) -> tuple[str, ...]:
    return tuple(_SECTOR_CODES[code] for code in codes.split())


def _sector_words(sectors) -> str:
    words = [SECTOR_WORDS[s] for s in sectors]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " serta " + words[-1]


def _domain(name: str) -> str:
    core = name
    for word in ("PT ", "CV ", "(Persero)", "Perum ", "Koperasi ", "Unit Pengadaan "):
        core = core.replace(word, "")
    return slugify(core)[:40].strip("-") + ".example"


def plan_buyers(rng: random.Random) -> list[BuyerSpec]:
    """The demo buyers, domestic first by type, then the foreign ones."""
    specs = []
    for kind, rows in DOMESTIC_BUYERS.items():
        for name, city, codes in rows:
            sectors = _sectors(codes)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            seeks = SEEKS[kind].format(
                sectors=_sector_words(sectors),
                outlets=rng.choice([12, 18, 25, 40, 64, 120, 210]),
                city=city.removeprefix("Kota ").removeprefix("Kabupaten "),
                volume=rng.choice(["500 pcs", "1.000 pcs", "2 ton", "300 kg", "5.000 pcs"]),
            )
            domain = _domain(name)
            specs.append(
                BuyerSpec(
                    name=name,
                    kind=kind,
                    country=Country.ID,
                    city=city,
                    sectors=sectors,
                    seeks=seeks,
                    description=f"{ABOUT[kind]} {DEMO_NOTE}",
                    trade_attache="",
                    contact_name=f"{first} {last}",
                    contact_email=f"{slugify(first)}.{slugify(last)}@{domain}",
                    contact_phone=f"+628{rng.randrange(11, 59)}{rng.randrange(10**7, 10**8)}",
                    website=f"https://www.{domain}" if rng.random() < 0.6 else "",
                    participates=name == DEMO_BUYER_NAME or rng.random() < 0.86,
                    max_meetings=20
                    if name == DEMO_BUYER_NAME
                    else rng.choice([6, 8, 10, 12, 12, 15, 20]),
                )
            )
    for name, country, city, attache, codes, contact in FOREIGN_BUYERS:
        sectors = _sectors(codes)
        domain = _domain(name)
        specs.append(
            BuyerSpec(
                name=name,
                kind=BK.FOREIGN,
                country=country,
                city=city,
                sectors=sectors,
                seeks=SEEKS[BK.FOREIGN].format(
                    sectors=_sector_words(sectors),
                    country=COUNTRY_NAMES[country],
                    attache=attache,
                ),
                description=f"{ABOUT[BK.FOREIGN]} {DEMO_NOTE}",
                trade_attache=attache,
                contact_name=contact,
                contact_email=f"{slugify(contact.split()[0])}@{domain}",
                contact_phone=f"{PHONE_PREFIX[country]}{rng.randrange(10**6, 10**7)}",
                website=f"https://www.{domain}",
                participates=rng.random() < 0.9,
                max_meetings=rng.choice([8, 10, 12, 15]),
            )
        )
    return specs


# --- Sessions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionSpec:
    day: int  # index of the edition's day
    name: str
    location: str
    starts_at: time
    ends_at: time
    table_count: int
    max_per_buyer: int
    max_per_exhibitor: int


DOMESTIC_ROOM = "Ruang Temu Bisnis, Pendopo Timur"
EXPORT_ROOM = "Ruang Ekspor, Pendopo Barat"


def _domestic(day: int) -> SessionSpec:
    name = "Temu Bisnis Pasar Domestik"
    return SessionSpec(day, name, DOMESTIC_ROOM, time(10), time(12), 15, 6, 3)


def _export(day: int) -> SessionSpec:
    return SessionSpec(day, "Temu Bisnis Ekspor", EXPORT_ROOM, time(13, 30), time(16, 30), 12, 8, 4)


# Two sessions on each of the first three days, the domestic one on the last.
SESSIONS = [*(spec for day in range(3) for spec in (_domestic(day), _export(day))), _domestic(3)]

REQUEST_MESSAGES = {
    Side.BUYER: [
        "Kami tertarik dengan produk Anda. Apakah bisa memasok secara rutin setiap bulan?",
        "Mohon info kapasitas produksi dan harga grosir untuk pesanan awal.",
        "Kami sedang mencari pemasok baru untuk gerai kami; boleh kita bertemu di sesi temu "
        "bisnis?",
        "Apakah produk Anda sudah bersertifikat halal dan punya izin edar?",
        "We would like to discuss an export order. Mohon siapkan katalog dan daftar harga FOB.",
    ],
    Side.EXHIBITOR: [
        "Kami produsen dengan kapasitas stabil dan siap memasok gerai Bapak/Ibu.",
        "Produk kami sudah halal dan BPOM; kami ingin menawarkan kerja sama pasokan.",
        "Kami ingin memperkenalkan koleksi terbaru dan membahas harga grosir.",
        "Kami sudah ekspor tidak langsung dan ingin bermitra langsung dengan Bapak/Ibu.",
    ],
    Side.DESK: [""],
}
DECLINE_MESSAGES = [
    "Mohon maaf, kapasitas produksi kami belum mencukupi untuk saat ini.",
    "Terima kasih, produk ini belum sesuai dengan kebutuhan kami.",
    "Jadwal kami sudah penuh di pameran ini; mari berkomunikasi setelah acara.",
    "Kami belum bisa memenuhi syarat sertifikasi yang diminta.",
]
ACCEPT_MESSAGES = [
    "",
    "",
    "Baik, sampai jumpa di meja temu bisnis.",
    "Siap, kami bawa contoh produk.",
]


# --- The ledger ---------------------------------------------------------------------------------

RETAIL_DEALS = 3_550  # sales at the stalls, most of them to visitors
BUSINESS_DEALS = 1_350  # with buyers: orders, contracts, MoUs, potential deals
# Kind of a deal with each type of buyer, by weight (retail sales are planned apart).
KINDS_BY_BUYER = {
    BK.RETAIL_CHAIN: {K.PURCHASE_ORDER: 62, K.CONTRACT: 15, K.MOU: 3, K.POTENTIAL: 20},
    BK.HOTEL_RESTAURANT: {K.PURCHASE_ORDER: 68, K.CONTRACT: 18, K.MOU: 2, K.POTENTIAL: 12},
    BK.LARGE_INDUSTRY: {K.PURCHASE_ORDER: 32, K.CONTRACT: 36, K.MOU: 8, K.POTENTIAL: 24},
    BK.EXPORTER: {K.PURCHASE_ORDER: 38, K.CONTRACT: 22, K.MOU: 7, K.POTENTIAL: 33},
    BK.BUMN: {K.PURCHASE_ORDER: 28, K.CONTRACT: 24, K.MOU: 20, K.POTENTIAL: 28},
    BK.ECOMMERCE: {K.PURCHASE_ORDER: 56, K.CONTRACT: 8, K.MOU: 8, K.POTENTIAL: 28},
    BK.FOREIGN: {K.PURCHASE_ORDER: 30, K.CONTRACT: 12, K.MOU: 8, K.POTENTIAL: 50},
    BK.GOVERNMENT: {K.PURCHASE_ORDER: 62, K.CONTRACT: 30, K.MOU: 0, K.POTENTIAL: 8},
}
# Statuses by weight: retail sales to visitors have nobody to confirm them.
STATUS_WEIGHTS = {
    "retail": {T.RECORDED: 78, T.VERIFIED: 22},
    K.RETAIL_SALE: {T.RECORDED: 45, T.CONFIRMED: 35, T.VERIFIED: 20},
    K.PURCHASE_ORDER: {T.RECORDED: 30, T.CONFIRMED: 38, T.VERIFIED: 32},
    K.CONTRACT: {T.RECORDED: 22, T.CONFIRMED: 38, T.VERIFIED: 40},
    K.MOU: {T.RECORDED: 12, T.CONFIRMED: 26, T.VERIFIED: 62},
    K.POTENTIAL: {T.RECORDED: 56, T.CONFIRMED: 34, T.VERIFIED: 10},
}
PLAIN_VOID_SHARE = 0.012
CORRECTED_SHARE = 0.013
VOID_REASONS = [
    "Tercatat dua kali.",
    "Pembeli membatalkan pesanan sebelum dibayar.",
    "Salah memilih pembeli saat mencatat.",
    "Transaksi uji coba petugas meja.",
]
NOTES = {
    K.RETAIL_SALE: ["", "", "", "Dibayar dengan QRIS.", "Tunai di stan.", "Paket oleh-oleh."],
    K.PURCHASE_ORDER: [
        "",
        "Termin 30% uang muka, pelunasan saat barang diterima.",
        "Pengiriman dua minggu setelah PO.",
        "PO diterbitkan di meja temu bisnis.",
        "Harga franco gudang pembeli.",
    ],
    K.CONTRACT: [
        "Kontrak pasokan 12 bulan, pengiriman bulanan.",
        "Kontrak enam bulan dengan opsi perpanjangan.",
        "Termin 30 hari setelah faktur.",
    ],
    K.MOU: [
        "Ditandatangani pada seremoni penutupan temu bisnis.",
        "Kemitraan pembinaan dan pasokan tiga tahun.",
        "Nota kesepahaman kerja sama pemasaran.",
    ],
    K.POTENTIAL: [
        "Menunggu contoh produk disetujui.",
        "Pembeli akan berkunjung ke lokasi produksi.",
        "Nilai indikatif untuk satu tahun pertama.",
        "",
    ],
}
# Rupiah ranges per kind (see ``_skewed``); foreign buyers' ranges are in dollars.
IDR_RANGES = {
    K.PURCHASE_ORDER: (5_000_000, 250_000_000),
    K.CONTRACT: (50_000_000, 1_500_000_000),
    K.MOU: (250_000_000, 10_000_000_000),
    K.POTENTIAL: (10_000_000, 2_000_000_000),
}
USD_RANGES = {
    K.PURCHASE_ORDER: (2_000, 60_000),
    K.CONTRACT: (15_000, 400_000),
    K.MOU: (20_000, 600_000),
    K.POTENTIAL: (5_000, 1_500_000),
}
RETAIL_MIN, RETAIL_MAX = 25_000, 5_000_000
EXPORTER_EXPORT_SHARE = 0.55
RETAIL_DAY_WEIGHTS = [22, 23, 29, 26]  # Thursday to Sunday


@dataclass(frozen=True)
class ProductInfo:
    name: str
    price_min: int
    price_max: int
    unit: str


@dataclass(frozen=True)
class BusinessInfo:
    id: int
    nib: str
    sector: str
    scale: str
    exports: bool
    products: tuple[ProductInfo, ...]


@dataclass(frozen=True)
class BuyerInfo:
    id: int
    kind: str
    country: str
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class HeldMeeting:
    id: int
    buyer_id: int
    business_id: int
    day: int
    ends_at: datetime


@dataclass
class DealSpec:
    """One planned ledger row: what ``transaction_record`` is given, and where its status
    ends up."""

    business_id: int
    buyer_id: int | None
    meeting_id: int | None
    kind: str
    currency: str
    value: Decimal
    deal_date: date
    side: str
    recorded_at: datetime
    quantity: Decimal | None = None
    unit: str = ""
    product_name: str = ""
    destination_country: str = ""
    programme_id: int | None = None
    notes: str = ""
    status: str = T.RECORDED
    confirmed_at: datetime | None = None
    verified_at: datetime | None = None
    voided_at: datetime | None = None
    void_reason: str = ""
    correction: Correction | None = None


@dataclass(frozen=True)
class Correction:
    at: datetime
    reason: str
    changes: dict
    verify_at: datetime | None = None


def _weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _skewed(rng: random.Random, low: float, high: float) -> float:
    """Between ``low`` and ``high``, most deals near the bottom and a few large ones (the
    logarithm's share of the range is a squared uniform draw)."""
    return math.exp(math.log(low) + rng.random() ** 2 * (math.log(high) - math.log(low)))


def _round_to(value: float, step: int) -> int:
    return max(step, int(round(value / step)) * step)


def _idr_step(value: float) -> int:
    for limit, step in ((1e6, 500), (1e8, 1_000), (1e9, 100_000), (1e10, 1_000_000)):
        if value < limit:
            return step
    return 10_000_000


class _LedgerPlanner:
    """Draws the ledger's rows from plain values (no database)."""

    def __init__(
        self,
        rng: random.Random,
        *,
        days: list[date],
        zone: ZoneInfo,
        businesses: list[BusinessInfo],
        buyers: list[BuyerInfo],
        held: list[HeldMeeting],
        rates: dict[str, Decimal],
        programmes: dict[str, int],
        demo_buyer_id: int | None,
    ):
        self.rng = rng
        self.days = days
        self.zone = zone
        self.businesses = businesses
        self.by_id = {b.id: b for b in businesses}
        self.buyers = buyers
        self.buyer_by_id = {b.id: b for b in buyers}
        self.held = held
        self.rates = rates  # rupiah per unit, IDR and USD included
        self.demo_buyer_id = demo_buyer_id
        self.export_programme = programmes.get("umkm-bisa-ekspor")
        self.digital_programme = programmes.get("e-smart-ikm")
        self.hub_programme = programmes.get("entrepreneur-hub")
        # Who is in which programme's cohort, drawn once per business.
        self.in_export = {b.id for b in businesses if b.exports and rng.random() < 0.7}
        self.in_digital = {b.id for b in businesses if rng.random() < 0.35}
        self.in_hub = {b.id for b in businesses if b.scale == "mikro" and rng.random() < 0.25}
        by_sector = defaultdict(list)
        for business in businesses:
            by_sector[business.sector].append(business)
        self.by_sector = by_sector

    # -- the rows

    def plan(self) -> list[DealSpec]:
        deals = self._retail(RETAIL_DEALS) + self._business_deals(BUSINESS_DEALS)
        for deal in deals:
            self._status(deal)
        self._void_and_correct(deals)
        deals.sort(key=lambda d: (d.recorded_at, d.business_id))
        return deals

    def _at(self, day: int, hour: float) -> datetime:
        start = datetime.combine(self.days[day], time(0), tzinfo=self.zone)
        return start + timedelta(minutes=int(hour * 60))

    def _retail(self, count: int) -> list[DealSpec]:
        # Culinary and coffee stalls sell the most pieces; furniture the fewest.
        pull = {
            S.KULINER: 3.0,
            S.KOPI_REMPAH: 2.0,
            S.HERBAL_KOSMETIK: 1.6,
            S.FASHION: 1.5,
            S.KRIYA: 1.2,
            S.AGRIBISNIS: 1.2,
            S.PERIKANAN: 1.0,
            S.FURNITUR_DEKORASI: 0.5,
        }
        sellers = [b for b in self.businesses if b.products]
        weights = [pull.get(b.sector, 0.8) * self.rng.uniform(0.4, 1.6) for b in sellers]
        horeca = [b for b in self.buyers if b.kind == BK.HOTEL_RESTAURANT]
        day_weights = [RETAIL_DAY_WEIGHTS[i % 4] for i in range(len(self.days))]
        deals = []
        for seller in self.rng.choices(sellers, weights=weights, k=count):
            day = self.rng.choices(range(len(self.days)), weights=day_weights)[0]
            product = self.rng.choice(seller.products)
            price = _round_to(self.rng.uniform(product.price_min, product.price_max), 500)
            price = min(price, RETAIL_MAX)
            quantity = self.rng.choices([1, 2, 3, 4, 6], weights=[52, 24, 11, 8, 5])[0]
            while price * quantity < RETAIL_MIN:
                quantity += 1
            while quantity > 1 and price * quantity > RETAIL_MAX:
                quantity -= 1
            currency, value = C.IDR, Decimal(price * quantity)
            if self.rng.random() < 0.012:  # a tourist paying in dollars or ringgit
                currency = self.rng.choice([C.USD, C.USD, C.SGD, C.MYR])
                value = Decimal(max(2, round(price * quantity / self.rates[currency])))
            buyer = None
            if horeca and self.rng.random() < 0.03:  # a hotel's buyer shopping at the stall
                buyer = self.rng.choice(horeca)
            hour = min(20.9, max(9.1, self.rng.gauss(15.5, 3.0)))
            deals.append(
                DealSpec(
                    business_id=seller.id,
                    buyer_id=buyer.id if buyer else None,
                    meeting_id=None,
                    kind=K.RETAIL_SALE,
                    currency=currency,
                    value=value,
                    deal_date=self.days[day],
                    side=Side.EXHIBITOR,
                    recorded_at=self._at(day, hour),
                    quantity=Decimal(quantity),
                    unit=product.unit,
                    product_name=product.name,
                    programme_id=self.hub_programme if seller.id in self.in_hub else None,
                    notes=self.rng.choice(NOTES[K.RETAIL_SALE]),
                )
            )
        return deals

    def _pairs(self, count: int):
        """(buyer, business, meeting or None, day, earliest time) for ``count`` deals:
        first from meetings that were held, then from buyers visiting stalls."""
        pairs = []
        for meeting in self.held:
            if self.rng.random() < 0.62:
                for _ in range(self.rng.choices([1, 2, 3], weights=[70, 22, 8])[0]):
                    pairs.append(
                        (
                            self.buyer_by_id[meeting.buyer_id],
                            self.by_id[meeting.business_id],
                            meeting.id,
                            meeting.day,
                            meeting.ends_at,
                        )
                    )
        self.rng.shuffle(pairs)
        pairs = pairs[: int(count * 0.45)]
        while len(pairs) < count:
            buyer = self.rng.choice(self.buyers)
            sector = self.rng.choice(buyer.sectors)
            candidates = self.by_sector.get(sector) or self.businesses
            business = self.rng.choice(candidates)
            day = self.rng.randrange(len(self.days))
            pairs.append((buyer, business, None, day, self._at(day, self.rng.uniform(10, 18.5))))
        return pairs

    def _business_deals(self, count: int) -> list[DealSpec]:
        deals = []
        for buyer, business, meeting_id, day, after in self._pairs(count):
            kind = _weighted(self.rng, KINDS_BY_BUYER[buyer.kind])
            deals.append(self._deal(kind, buyer, business, meeting_id, day, after))
        return deals

    def _destination(self, buyer: BuyerInfo) -> str:
        if buyer.kind == BK.FOREIGN:
            return buyer.country
        if buyer.kind == BK.EXPORTER and self.rng.random() < EXPORTER_EXPORT_SHARE:
            return _weighted(self.rng, EXPORT_DESTINATIONS)
        return ""

    def _currency(self, buyer: BuyerInfo) -> str:
        if buyer.kind == BK.FOREIGN:
            own, share = COUNTRY_CURRENCY.get(buyer.country, (C.USD, 0.0))
            return own if self.rng.random() < share else C.USD
        if buyer.kind == BK.EXPORTER and self.rng.random() < 0.2:
            return C.USD
        return C.IDR

    def _value(self, kind: str, currency: str, foreign: bool) -> Decimal:
        if foreign:
            usd = _skewed(self.rng, *USD_RANGES[kind])
            idr = usd * float(self.rates[C.USD])
        else:
            idr = _skewed(self.rng, *IDR_RANGES[kind])
        if currency == C.IDR:
            return Decimal(_round_to(idr, _idr_step(idr)))
        units = idr / float(self.rates[currency])
        step = 1_000 if currency == C.JPY else (100 if units > 20_000 else 10)
        return Decimal(_round_to(units, step))

    def _deal(self, kind, buyer, business, meeting_id, day, after) -> DealSpec:
        rng = self.rng
        destination = self._destination(buyer)
        currency = self._currency(buyer)
        foreign = buyer.kind == BK.FOREIGN or currency != C.IDR
        value = self._value(kind, currency, foreign)
        quantity, unit, product_name = None, "", ""
        product = rng.choice(business.products) if business.products else None
        if product is not None:
            product_name = product.name
            if kind == K.MOU:
                product_name = f"Kemitraan pasokan {product.name}"
            elif kind in (K.PURCHASE_ORDER, K.CONTRACT):
                wholesale = max(500, product.price_min * rng.uniform(0.7, 0.95))
                idr = float(value) * float(self.rates[currency])
                pieces = max(1, round(idr / wholesale))
                if pieces <= 1_000_000:
                    quantity, unit = Decimal(pieces), product.unit
        programme = None
        if destination and business.id in self.in_export:
            programme = self.export_programme
        elif buyer.kind == BK.ECOMMERCE and business.id in self.in_digital:
            programme = self.digital_programme
        elif business.id in self.in_hub and rng.random() < 0.5:
            programme = self.hub_programme
        if kind == K.MOU and rng.random() < 0.45:
            day, recorded_at = len(self.days) - 1, self._at(len(self.days) - 1, 13.5)
            recorded_at += timedelta(minutes=rng.randrange(0, 50))
        else:
            recorded_at = max(after, self._at(day, 10)) + timedelta(minutes=rng.randrange(3, 150))
            recorded_at = min(recorded_at, self._at(day, 20.9))
        side = _weighted(rng, {Side.EXHIBITOR: 55, Side.BUYER: 30, Side.DESK: 15})
        if buyer.id == self.demo_buyer_id and rng.random() < 0.4:
            side = Side.EXHIBITOR  # the demo buyer has deals of its own to confirm
        return DealSpec(
            business_id=business.id,
            buyer_id=buyer.id,
            meeting_id=meeting_id,
            kind=kind,
            currency=currency,
            value=value,
            deal_date=self.days[day],
            side=side,
            recorded_at=recorded_at,
            quantity=quantity,
            unit=unit,
            product_name=product_name,
            destination_country=destination,
            programme_id=programme,
            notes=rng.choice(NOTES[kind]),
        )

    def _status(self, deal: DealSpec) -> None:
        rng = self.rng
        weights = STATUS_WEIGHTS["retail" if deal.buyer_id is None else deal.kind]
        status = _weighted(rng, weights)
        if deal.buyer_id == self.demo_buyer_id and deal.side == Side.EXHIBITOR:
            status = T.RECORDED if rng.random() < 0.6 else status
        deal.status = status
        moment = deal.recorded_at
        confirmed = status == T.CONFIRMED or (
            status == T.VERIFIED and deal.buyer_id is not None and rng.random() < 0.5
        )
        if confirmed:
            moment += timedelta(minutes=rng.randrange(10, 30 * 60))
            deal.confirmed_at = moment
        if status == T.VERIFIED:
            deal.verified_at = moment + timedelta(minutes=rng.randrange(60, 5 * 24 * 60))

    def _void_and_correct(self, deals: list[DealSpec]) -> None:
        rng = self.rng
        for deal in deals:
            roll = rng.random()
            last = deal.verified_at or deal.confirmed_at or deal.recorded_at
            if roll < PLAIN_VOID_SHARE:
                deal.status = T.VOID
                deal.voided_at = last + timedelta(minutes=rng.randrange(5, 8 * 60))
                deal.void_reason = rng.choice(VOID_REASONS)
            elif roll < PLAIN_VOID_SHARE + CORRECTED_SHARE:
                deal.correction = self._correction(deal, last)

    def _correction(self, deal: DealSpec, last: datetime) -> Correction:
        """A correction of ``deal``: mostly a mistake in the recorded row (``deal`` is made
        the mistaken row, the correction brings back what was planned), sometimes a
        potential deal that became an order."""
        rng = self.rng
        at = last + timedelta(minutes=rng.randrange(30, 36 * 60))
        verify_at = at + timedelta(hours=rng.randrange(2, 48)) if rng.random() < 0.4 else None
        whole = deal.currency in services.WHOLE_CURRENCIES
        planned = deal.value
        if deal.kind == K.POTENTIAL and rng.random() < 0.4:
            reason = "Pembeli sudah menerbitkan PO: potensi menjadi pesanan."
            changes = {"kind": K.PURCHASE_ORDER, "value": _scaled(planned, Decimal("0.6"), whole)}
        elif deal.quantity is not None and rng.random() < 0.35:
            recorded = deal.quantity + rng.randrange(1, 4)
            deal.value = _scaled(planned, recorded / deal.quantity, whole)
            reason = "Jumlah barang dikoreksi sesuai nota."
            changes = {"quantity": deal.quantity, "value": planned}
            deal.quantity = recorded
        elif deal.kind == K.RETAIL_SALE or rng.random() < 0.5:
            deal.value = planned * 10
            reason = "Salah ketik nominal: kelebihan satu angka nol."
            changes = {"value": planned}
        else:
            deal.value = _scaled(planned, Decimal(rng.choice(["0.8", "0.9", "1.1", "1.2"])), whole)
            reason = "Nilai dikoreksi sesuai dokumen yang diperiksa panitia."
            changes = {"value": planned}
        return Correction(at, reason, changes, verify_at)


def _scaled(value: Decimal, factor: Decimal, whole: bool) -> Decimal:
    scaled = value * factor
    step = Decimal(1) if whole or value >= 1000 else Decimal("0.01")
    return max(step, scaled.quantize(step, rounding=ROUND_HALF_UP))


def plan_ledger(rng: random.Random, **inputs) -> list[DealSpec]:
    """The demo ledger drawn from plain values; see ``_LedgerPlanner``."""
    return _LedgerPlanner(rng, **inputs).plan()


# --- Writing -----------------------------------------------------------------------------------


@dataclass
class MatchingSummary:
    buyers: int = 0
    buyers_created: int = 0
    participations: int = 0
    sessions: int = 0
    slots: int = 0
    meetings: dict[str, int] = field(default_factory=dict)
    transactions: dict[str, int] = field(default_factory=dict)  # by kind
    statuses: dict[str, int] = field(default_factory=dict)
    corrected: int = 0
    cells: int = 0
    totals_idr: dict[str, int] = field(default_factory=dict)  # by report group
    seconds: dict[str, float] = field(default_factory=dict)

    def __str__(self):
        def rupiah(value: int) -> str:
            return "Rp " + f"{value:,}".replace(",", ".")

        meetings = ", ".join(f"{n:,} {status}" for status, n in sorted(self.meetings.items()))
        kinds = ", ".join(f"{n:,} {kind}" for kind, n in sorted(self.transactions.items()))
        statuses = ", ".join(f"{n:,} {status}" for status, n in sorted(self.statuses.items()))
        totals = ", ".join(f"{group} {rupiah(v)}" for group, v in self.totals_idr.items())
        return (
            f"{self.buyers:,} demo buyers ({self.buyers_created:,} new), "
            f"{self.participations:,} taking part; {self.sessions} sessions in "
            f"{self.slots:,} slots; {sum(self.meetings.values()):,} meetings ({meetings}); "
            f"{sum(self.transactions.values()):,} deals ({kinds}; {statuses}; "
            f"{self.corrected:,} corrected) in {self.cells:,} ledger cells; "
            f"live totals: {totals}"
        )


@contextmanager
def _clock(moment: datetime):
    """Run services as if it were ``moment``: they stamp times with ``timezone.now()``."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


@transaction.atomic
def seed_matching(*, event: Event, rng_seed: int = RNG_SEED) -> MatchingSummary:
    """Bring the demo's buyers, sessions, meetings and ledger to ``event``; a summary."""
    summary = MatchingSummary()
    started = monotonic()
    rng = random.Random(rng_seed)
    days = list(EventDay.objects.filter(event=event).order_by("date"))
    _bring_rates(event)
    specs = plan_buyers(rng)
    buyers, summary.buyers_created = _bring_buyers(specs)
    summary.buyers = len(buyers)
    joined = set(
        BuyerParticipation.objects.filter(event=event, buyer__in=buyers.values()).values_list(
            "buyer_id", flat=True
        )
    )
    # What ``services.buyer_join`` writes, in one statement.
    joining = [
        BuyerParticipation(buyer=buyers[spec.name], event=event, max_meetings=spec.max_meetings)
        for spec in specs
        if spec.participates and buyers[spec.name].pk not in joined
    ]
    BuyerParticipation.objects.bulk_create(joining)
    joined |= {p.buyer_id for p in joining}
    users = _bring_logins(event, buyers[DEMO_BUYER_NAME])
    sessions = _bring_sessions(event, days)
    summary.seconds["buyers and sessions"] = monotonic() - started

    started = monotonic()
    businesses = _exhibiting(event)
    taking_part = [buyers[s.name] for s in specs if buyers[s.name].pk in joined]
    if businesses and days and not Meeting.objects.filter(event=event).exists():
        _seed_meetings(
            random.Random(rng_seed + 1), event, days, sessions, taking_part, businesses, users
        )
    summary.seconds["meetings"] = monotonic() - started

    started = monotonic()
    if businesses and days and not Transaction.objects.filter(event=event).exists():
        _seed_ledger(
            random.Random(rng_seed + 2), event, days, taking_part, businesses, users, buyers
        )
    summary.seconds["ledger"] = monotonic() - started
    _analyze()
    return _summarize(event, summary, buyers)


def _bring_rates(event: Event) -> None:
    rate_date = event.usd_idr_rate_date or timezone.localdate()
    for currency, rate in DEMO_RATES.items():
        ExchangeRate.objects.update_or_create(
            event=event,
            currency=currency,
            defaults={"idr_per_unit": rate, "rate_date": rate_date, "source": RATE_SOURCE},
        )


def _bring_buyers(specs: list[BuyerSpec]) -> tuple[dict[str, Buyer], int]:
    names = [spec.name for spec in specs]
    existing = {b.name: b for b in Buyer.objects.filter(name__in=names).order_by("pk")}
    new = [Buyer(**spec.fields()) for spec in specs if spec.name not in existing]
    for buyer in new:
        buyer.full_clean()
    Buyer.objects.bulk_create(new)
    buyers = {b.name: b for b in Buyer.objects.filter(name__in=names).order_by("-pk")}
    return buyers, len(new)


def _bring_logins(event: Event, demo_buyer: Buyer) -> dict[str, User | None]:
    """The demo buyer login acts for the demo buyer; the Kemendag reader reads its ministry."""
    for demo in MATCHING_DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = User(email=demo.email, full_name=demo.full_name)
            user.set_password(DEMO_PASSWORD)
        user.full_name = demo.full_name
        user.email_verified_at = user.email_verified_at or timezone.now()
        user.save()
        ministry = Ministry.objects.filter(acronym=demo.scope).first()
        if ministry is not None:
            role_grant(user=user, role=demo.role, scope=ministry)
    buyer_user = User.objects.filter(email=DEMO_BUYER_EMAIL).first()
    if buyer_user is not None:
        role_grant(user=buyer_user, role=Role.BUYER, scope=demo_buyer)
    organizer = (
        RoleGrant.objects.filter(
            role=Role.ORGANIZER,
            scope_type=ContentType.objects.get_for_model(Event),
            scope_id=event.pk,
        )
        .order_by("pk")
        .select_related("user")
        .first()
    )
    return {
        "buyer": buyer_user,
        "organizer": organizer.user if organizer else None,
        "system": User.objects.filter(is_superuser=True).order_by("pk").first(),
    }


def _bring_sessions(event: Event, days: list[EventDay]) -> list[MatchingSession]:
    sessions = []
    for spec in SESSIONS:
        if spec.day >= len(days):
            continue
        session = MatchingSession.objects.filter(
            event=event, day=days[spec.day], name=spec.name
        ).first() or MatchingSession(event=event, day=days[spec.day], name=spec.name)
        session.location = spec.location
        session.starts_at, session.ends_at = spec.starts_at, spec.ends_at
        session.slot_minutes = 20
        session.table_count = spec.table_count
        session.max_per_buyer = spec.max_per_buyer
        session.max_per_exhibitor = spec.max_per_exhibitor
        sessions.append(services.session_save(session=session, actor=None))
    return sessions


def _exhibiting(event: Event) -> list[Business]:
    """The businesses that exhibit at ``event``, by NIB (the order the plan draws from)."""
    ids = Application.objects.filter(event=event, status__in=QUOTA_STATUSES).values("business_id")
    return list(Business.objects.filter(pk__in=ids).order_by("nib"))


def _planned_meeting(rng, event, buyer, business, opening, deadline, users) -> Meeting:
    """A request as the services leave it: asked by one side (or paired by the desk),
    then answered by the other, or not yet; a few accepted ones called off again."""
    side = _weighted(rng, {Side.BUYER: 45, Side.EXHIBITOR: 40, Side.DESK: 15})
    demo_buyer = users["buyer"] if buyer.name == DEMO_BUYER_NAME else None
    requester = {Side.BUYER: demo_buyer, Side.DESK: users["organizer"]}.get(side)
    asked = opening - timedelta(days=21) + (deadline - opening + timedelta(days=20)) * rng.random()
    asked = min(asked, deadline - timedelta(hours=2))
    meeting = Meeting(
        event=event,
        buyer=buyer,
        business=business,
        requested_by_side=side,
        requested_by=requester,
        message=rng.choice(REQUEST_MESSAGES[side]),
        requested_at=asked,
        status=M.ACCEPTED if side == Side.DESK else M.REQUESTED,
        status_changed_at=asked,
    )
    if side == Side.DESK:
        return meeting
    roll = rng.random()
    if roll < 0.11 or (demo_buyer and side == Side.EXHIBITOR and roll < 0.35):
        return meeting  # not answered yet (the demo buyer has requests of its own to answer)
    accept = roll >= 0.23
    answered = min(asked + timedelta(minutes=rng.randrange(20, 3 * 24 * 60)), deadline)
    meeting.status = M.ACCEPTED if accept else M.DECLINED
    meeting.response_message = rng.choice(ACCEPT_MESSAGES if accept else DECLINE_MESSAGES)
    meeting.responded_at = meeting.status_changed_at = answered
    meeting.responded_by = demo_buyer if side == Side.EXHIBITOR else None
    if accept and rng.random() < 0.05:
        meeting.status = M.CANCELLED
        meeting.status_changed_at = min(answered + timedelta(hours=rng.randrange(1, 48)), deadline)
    return meeting


def _leave_the_demo_buyer_things_to_do(meetings: list[Meeting], users) -> None:
    """On the last day the demo buyer has a meeting the desk paired (to be placed) and
    an exhibitor's request still to answer."""
    own = [m for m in meetings if m.buyer.name == DEMO_BUYER_NAME]
    if len(own) < 2:
        return
    paired, asked = own[0], own[1]
    paired.requested_by_side, paired.requested_by = Side.DESK, users["organizer"]
    paired.message = ""
    paired.status, paired.status_changed_at = M.ACCEPTED, paired.requested_at
    paired.response_message, paired.responded_at, paired.responded_by = "", None, None
    asked.requested_by_side, asked.requested_by = Side.EXHIBITOR, None
    asked.message = REQUEST_MESSAGES[Side.EXHIBITOR][0]
    asked.status, asked.status_changed_at = M.REQUESTED, asked.requested_at
    asked.response_message, asked.responded_at, asked.responded_by = "", None, None


def _seed_meetings(rng, event, days, sessions, buyers, businesses, users) -> None:
    """Requests day by day, then that day's sessions scheduled by the services, so every
    day has its meetings; the desk then checks in earlier days' meetings or marks no-shows.

    Requests and their answers are bulk-created in the states ``meeting_request``,
    ``meeting_respond`` and ``meeting_cancel`` leave them (the three took ~9 ms a meeting
    on SQLite, ~10 s for the demo): the plan asks each pair once, of exhibiting
    businesses and participating buyers, as those services require.
    """
    by_sector = defaultdict(list)
    for business in businesses:
        by_sector[business.sector].append(business)
    desk = users["organizer"]
    used: set[tuple[int, int]] = set()
    zone = ZoneInfo(event.time_zone)
    opening = datetime.combine(days[0].date, time(8), tzinfo=zone)
    for index, day in enumerate(days):
        todays = [s for s in sessions if s.day_id == day.pk]
        if not todays:
            continue
        pairs = []
        for buyer in buyers:
            candidates = [b for s in buyer.sectors for b in by_sector.get(s, [])]
            candidates = [b for b in candidates if (buyer.pk, b.pk) not in used]
            want = rng.choice([0, 1, 1, 1, 2, 2, 3])
            if buyer.name == DEMO_BUYER_NAME:
                want = 3  # the demo buyer's portal has something every day
            for business in rng.sample(candidates, min(want, len(candidates))):
                used.add((buyer.pk, business.pk))
                pairs.append((buyer, business))
        rng.shuffle(pairs)
        deadline = datetime.combine(day.date, time(8), tzinfo=zone)
        meetings = [
            _planned_meeting(rng, event, buyer, business, opening, deadline, users)
            for buyer, business in pairs
        ]
        if index == len(days) - 1:
            _leave_the_demo_buyer_things_to_do(meetings, users)
        Meeting.objects.bulk_create(meetings, batch_size=500)
        for session in todays:
            services.session_schedule(session=session, actor=desk)
        placed = list(
            Meeting.objects.filter(slot__session__in=todays, status=M.SCHEDULED)
            .select_related("slot")
            .order_by("slot__starts_at", "table")
        )
        if index < len(days) - 1:
            _hold(rng, placed, zone, desk)
        else:
            for meeting in placed:
                if rng.random() < 0.03:
                    services.meeting_cancel(meeting=meeting, actor=None)


def _hold(rng, placed: list[Meeting], zone, desk) -> None:
    """The desk at a past day's tables: most meetings checked in, some no-shows, written
    as ``meeting_check_in`` and ``meeting_mark_no_show`` write them, in one statement."""
    for meeting in placed:
        start = meeting.slot.starts_at.astimezone(zone)
        if rng.random() < 0.87:
            meeting.status = M.HELD
            meeting.no_show_side = ""
            meeting.checked_in_at = start + timedelta(minutes=rng.randrange(0, 7))
            meeting.checked_in_by = desk
            meeting.status_changed_at = meeting.checked_in_at
        else:
            meeting.status = M.NO_SHOW
            meeting.no_show_side = Side.BUYER if rng.random() < 0.4 else Side.EXHIBITOR
            meeting.status_changed_at = start + timedelta(minutes=10)
    Meeting.objects.bulk_update(
        placed,
        ["status", "no_show_side", "checked_in_at", "checked_in_by", "status_changed_at"],
        batch_size=500,
    )


def _business_infos(businesses: list[Business]) -> list[BusinessInfo]:
    products = defaultdict(list)
    for business_id, name, low, high, unit in (
        Business.objects.filter(pk__in=[b.pk for b in businesses])
        .values_list(
            "products__business_id",
            "products__name",
            "products__price_min",
            "products__price_max",
            "products__unit",
        )
        .order_by("products__name", "products__pk")
    ):
        if business_id is not None:
            products[business_id].append(ProductInfo(name, low, high, unit))
    return [
        BusinessInfo(
            id=b.pk,
            nib=b.nib,
            sector=b.sector,
            scale=b.scale,
            exports=b.export_experience != ExportExperience.NONE,
            products=tuple(products[b.pk]),
        )
        for b in businesses
    ]


def _held_meetings(event: Event, days: list[EventDay]) -> list[HeldMeeting]:
    position = {day.pk: index for index, day in enumerate(days)}
    meetings = (
        Meeting.objects.filter(event=event, status=M.HELD)
        .select_related("slot__session")
        .order_by("slot__starts_at", "table")
    )
    return [
        HeldMeeting(
            m.pk, m.buyer_id, m.business_id, position[m.slot.session.day_id], m.slot.ends_at
        )
        for m in meetings
    ]


class _Rows:
    """Builds ledger rows as ``services.transaction_record`` does, with its rate lookup and
    conversion, for rows planned (and checked) in advance."""

    def __init__(self, event: Event, businesses: list[Business], buyers: dict[int, Buyer], users):
        self.event = event
        self.businesses = {b.pk: b for b in businesses}
        self.buyers = buyers
        self.associations = dict(
            Application.objects.filter(
                event=event, status__in=QUOTA_STATUSES, business__in=businesses
            ).values_list("business_id", "association_id")
        )
        self.rates = {}
        self.system = users["system"]
        if self.system is None:
            raise RuntimeError("The demo ledger needs a superuser to record system deals as.")
        self.organizer = users["organizer"] or self.system
        self.buyer_user = users["buyer"]
        self.demo_buyer_id = next(
            (pk for pk, b in buyers.items() if b.name == DEMO_BUYER_NAME), None
        )

    def rate(self, currency: str):
        if currency not in self.rates:
            self.rates[currency] = services.rate_for(self.event, currency)
        return self.rates[currency]

    def row(self, deal: DealSpec) -> Transaction:
        """The row ``transaction_record`` writes for ``deal``, with its planned status."""
        business = self.businesses[deal.business_id]
        buyer = self.buyers.get(deal.buyer_id) if deal.buyer_id else None
        idr_per_unit, usd_idr_rate, rate_date = self.rate(deal.currency)
        value_idr, value_usd = services.convert(deal.value, idr_per_unit, usd_idr_rate)
        if not 1 <= value_idr <= services.MAX_DEAL_IDR:
            raise ValueError(f"A planned deal is out of range: {deal}")
        row = Transaction(
            event=self.event,
            business=business,
            buyer=buyer,
            meeting_id=deal.meeting_id,
            kind=deal.kind,
            currency=deal.currency,
            value=deal.value,
            idr_per_unit=idr_per_unit,
            usd_idr_rate=usd_idr_rate,
            rate_date=rate_date,
            value_idr=value_idr,
            value_usd=value_usd,
            quantity=deal.quantity,
            unit=deal.unit.strip() if deal.quantity is not None else "",
            product_name=deal.product_name.strip()[:150],
            sector=business.sector,
            destination_country=deal.destination_country or "",
            programme_id=deal.programme_id,
            deal_date=deal.deal_date,
            notes=deal.notes.strip(),
            association_id=self.associations[business.pk],
            province=business.province,
            scale=business.scale,
            buyer_kind=buyer.kind if buyer else "",
            recorded_as=deal.side,
            recorded_by=self._recorder(deal),
            recorded_at=deal.recorded_at,
            status=deal.status,
        )
        if deal.confirmed_at:
            row.confirmed_at = deal.confirmed_at
            row.confirmed_by = self._confirmer(deal)
        if deal.verified_at:
            row.verified_at, row.verified_by = deal.verified_at, self.organizer
        if deal.voided_at:
            row.voided_at, row.voided_by = deal.voided_at, self.organizer
            row.void_reason = deal.void_reason
        return row

    def _recorder(self, deal: DealSpec) -> User:
        if deal.side == Side.BUYER and deal.buyer_id == self.demo_buyer_id and self.buyer_user:
            return self.buyer_user
        if deal.side == Side.DESK:
            return self.organizer
        return self.system

    def _confirmer(self, deal: DealSpec) -> User:
        # The other party confirms: the demo buyer's own login when it is the buyer.
        if deal.side != Side.BUYER and deal.buyer_id == self.demo_buyer_id and self.buyer_user:
            return self.buyer_user
        return self.system


def _seed_ledger(rng, event, days, buyers, businesses, users, all_buyers) -> None:
    zone = ZoneInfo(event.time_zone)
    rates = {currency: services.rate_for(event, currency)[0] for currency in (C.IDR, C.USD)}
    rates |= {rate.currency: rate.idr_per_unit for rate in ExchangeRate.objects.filter(event=event)}
    demo_buyer = all_buyers[DEMO_BUYER_NAME]
    deals = plan_ledger(
        rng,
        days=[d.date for d in days],
        zone=zone,
        businesses=_business_infos(businesses),
        buyers=[BuyerInfo(b.pk, b.kind, b.country, tuple(b.sectors)) for b in buyers],
        held=_held_meetings(event, days),
        rates=rates,
        programmes=dict(event.programmes.values_list("slug", "pk")),
        demo_buyer_id=demo_buyer.pk,
    )
    write_ledger(event=event, deals=deals, businesses=businesses, buyers=buyers, users=users)


def write_ledger(*, event, deals: list[DealSpec], businesses, buyers, users) -> list[Transaction]:
    """Bulk-create the planned rows, sum them into cells, then run the corrections (and
    some verifications of their replacements) through the services."""
    builder = _Rows(event, businesses, {b.pk: b for b in buyers}, users)
    rows = [builder.row(deal) for deal in deals]
    Transaction.objects.bulk_create(rows, batch_size=500)
    services.ledger_rebuild(event=event)
    actor = users["organizer"]
    for deal, row in zip(deals, rows, strict=True):
        fix = deal.correction
        if fix is None:
            continue
        with _clock(fix.at):
            replacement = services.transaction_correct(
                transaction_row=row, actor=actor, reason=fix.reason, **fix.changes
            )
        if fix.verify_at:
            with _clock(fix.verify_at):
                services.transaction_verify(transaction_row=replacement, actor=actor)
    return rows


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE matching_buyer, matching_buyerparticipation, matching_meeting,"
                " matching_slot, matching_transaction, matching_ledgercell"
            )


def _summarize(event: Event, summary: MatchingSummary, buyers: dict[str, Buyer]) -> MatchingSummary:
    summary.participations = BuyerParticipation.objects.filter(
        event=event, buyer__in=buyers.values()
    ).count()
    summary.sessions = MatchingSession.objects.filter(event=event).count()
    summary.slots = MatchingSession.objects.filter(event=event).aggregate(n=Count("slots"))["n"]
    summary.meetings = dict(
        Meeting.objects.filter(event=event).values_list("status").annotate(n=Count("pk")).order_by()
    )
    rows = Transaction.objects.filter(event=event)
    summary.transactions = dict(rows.values_list("kind").annotate(n=Count("pk")).order_by())
    summary.statuses = dict(rows.values_list("status").annotate(n=Count("pk")).order_by())
    summary.corrected = rows.filter(replaces__isnull=False).count()
    summary.cells = LedgerCell.objects.filter(event_id=event.pk, rows__gt=0).count()
    figures = ledger_summary(LedgerFilter(event=event))
    summary.totals_idr = {group: f.value_idr for group, f in figures.groups.items()}
    return summary
