"""Demo exhibitors: ~400 made-up UMKM with products, certificates and documents, and their
applications to the demo edition in every status, spread over the associations taking part.

Deterministic: the whole plan is drawn from ``random.Random(rng_seed)`` before the database
is read, so the same seed gives the same businesses (dates are relative to the day of
seeding, so that about 8% of the certificates are expired whenever the demo is built).
Idempotent: a business is keyed on its NIB and an application on (business, edition);
what exists is left as it is, only what is missing is created.

The plan holds values in their stored form; tests/exhibitors/test_demo.py runs every one
through the models' own checks, so seeding writes them without a check per row.

Rows are bulk-created rather than made through ``exhibitors.services``: the demo edition's
registration window lies in the future (the services refuse to create or submit outside it),
each transition would queue an email (on the console in ``make run``), and a status change
through the services took ~50 ms on a 2-core machine (lock, history, the eager email task):
over a minute for the ~1,300 changes of the demo, against ~3 s for bulk rows. Instead the
plan replays the paths the services allow (``TRANSITIONS``) and writes an
``ApplicationTransition`` for every step, so the history reads as if people had done it,
and it keeps each association's approved, allocated and confirmed booths within its quota.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Role, RoleGrant, User
from accounts.services import role_grant
from events.demo import DEMO_USERS
from events.models import Association, Event, Participation
from events.regions import Province

from .files import private_storage
from .models import (
    QUOTA_STATUSES,
    Application,
    ApplicationStatus,
    ApplicationTransition,
    BoothSize,
    Business,
    Certification,
    CertificationKind,
    Document,
    DocumentKind,
    ExportExperience,
    LegalForm,
    Product,
    Scale,
    Sector,
)
from .selectors import business_of
from .validators import normalize_hs_code

S = ApplicationStatus
K = CertificationKind
BUSINESS_COUNT = 400
DEMO_UMKM_EMAIL = next(demo.email for demo in DEMO_USERS if demo.role == Role.EXHIBITOR)
ASEPHI = "ASEPHI"

# --- What the businesses are made of ----------------------------------------------------------

SECTOR_WEIGHTS = {
    Sector.KULINER: 26,
    Sector.FASHION: 14,
    Sector.KRIYA: 15,
    Sector.AGRIBISNIS: 8,
    Sector.HERBAL_KOSMETIK: 8,
    Sector.FURNITUR_DEKORASI: 8,
    Sector.KOPI_REMPAH: 9,
    Sector.PERIKANAN: 5,
    Sector.JASA_KREATIF: 4,
    Sector.LAINNYA: 3,
}

P = Province
# (province, weight, cities): the venue is in Solo, so Central Java and its neighbours dominate.
PROVINCES = [
    (
        P.JAWA_TENGAH,
        30,
        [
            "Kota Surakarta",
            "Kabupaten Sukoharjo",
            "Kabupaten Klaten",
            "Kabupaten Karanganyar",
            "Kabupaten Boyolali",
            "Kabupaten Sragen",
            "Kabupaten Wonogiri",
            "Kota Semarang",
            "Kabupaten Jepara",
            "Kabupaten Kudus",
            "Kota Pekalongan",
            "Kabupaten Temanggung",
            "Kabupaten Banyumas",
            "Kabupaten Magelang",
        ],
    ),
    (
        P.DI_YOGYAKARTA,
        11,
        [
            "Kota Yogyakarta",
            "Kabupaten Bantul",
            "Kabupaten Sleman",
            "Kabupaten Gunungkidul",
            "Kabupaten Kulon Progo",
        ],
    ),
    (
        P.JAWA_TIMUR,
        13,
        [
            "Kota Surabaya",
            "Kota Malang",
            "Kabupaten Sidoarjo",
            "Kabupaten Banyuwangi",
            "Kota Madiun",
            "Kabupaten Ngawi",
            "Kabupaten Pacitan",
            "Kabupaten Tulungagung",
            "Kota Batu",
        ],
    ),
    (
        P.JAWA_BARAT,
        10,
        [
            "Kota Bandung",
            "Kabupaten Garut",
            "Kota Tasikmalaya",
            "Kota Bogor",
            "Kota Cirebon",
            "Kabupaten Sumedang",
            "Kota Depok",
        ],
    ),
    (P.DKI_JAKARTA, 5, ["Kota Jakarta Selatan", "Kota Jakarta Timur", "Kota Jakarta Barat"]),
    (P.BANTEN, 2, ["Kota Serang", "Kota Tangerang Selatan", "Kabupaten Pandeglang"]),
    (P.BALI, 4, ["Kabupaten Gianyar", "Kota Denpasar", "Kabupaten Bangli", "Kabupaten Klungkung"]),
    (P.ACEH, 1, ["Kabupaten Aceh Tengah", "Kota Banda Aceh"]),
    (P.SUMATERA_UTARA, 1, ["Kota Medan", "Kabupaten Toba", "Kabupaten Karo"]),
    (P.SUMATERA_BARAT, 1, ["Kota Padang", "Kota Bukittinggi"]),
    (P.RIAU, 1, ["Kota Pekanbaru"]),
    (P.JAMBI, 1, ["Kota Jambi"]),
    (P.SUMATERA_SELATAN, 1, ["Kota Palembang"]),
    (P.LAMPUNG, 1, ["Kota Bandar Lampung", "Kabupaten Lampung Barat"]),
    (P.KEPULAUAN_BANGKA_BELITUNG, 1, ["Kota Pangkalpinang"]),
    (P.KEPULAUAN_RIAU, 1, ["Kota Batam"]),
    (P.NUSA_TENGGARA_BARAT, 1, ["Kota Mataram", "Kabupaten Lombok Tengah"]),
    (P.NUSA_TENGGARA_TIMUR, 1, ["Kabupaten Sikka", "Kota Kupang", "Kabupaten Manggarai"]),
    (P.KALIMANTAN_BARAT, 1, ["Kota Pontianak", "Kabupaten Sambas"]),
    (P.KALIMANTAN_SELATAN, 1, ["Kota Banjarmasin", "Kabupaten Banjar"]),
    (P.KALIMANTAN_TIMUR, 1, ["Kota Samarinda", "Kota Balikpapan"]),
    (P.SULAWESI_UTARA, 1, ["Kota Manado"]),
    (P.SULAWESI_SELATAN, 1, ["Kota Makassar", "Kabupaten Tana Toraja", "Kabupaten Bone"]),
    (P.SULAWESI_TENGGARA, 1, ["Kota Kendari", "Kabupaten Buton"]),
    (P.GORONTALO, 1, ["Kota Gorontalo"]),
    (P.MALUKU, 1, ["Kota Ambon"]),
    (P.PAPUA, 1, ["Kota Jayapura"]),
    (P.PAPUA_BARAT_DAYA, 1, ["Kota Sorong"]),
]

STREETS = [
    "Jl. Slamet Riyadi",
    "Jl. Veteran",
    "Jl. Diponegoro",
    "Jl. Jenderal Sudirman",
    "Jl. Ahmad Yani",
    "Jl. Pemuda",
    "Jl. Kapten Mulyadi",
    "Jl. Gatot Subroto",
    "Jl. Pahlawan",
    "Jl. Merdeka",
    "Jl. Kenanga",
    "Jl. Melati",
    "Jl. Cendana",
    "Jl. Pramuka",
    "Jl. Raya Solo–Sragen",
    "Jl. Kyai Mojo",
    "Jl. Dr. Radjiman",
    "Jl. Sultan Agung",
    "Jl. Imam Bonjol",
    "Jl. Teuku Umar",
]

# (full name, what customers call the owner): "Keripik Tempe Bu Narti". Javanese names by
# default; a few provinces have their own.
OWNERS = [
    ("Sunarti", "Bu Narti"),
    ("Endang Sulastri", "Bu Endang"),
    ("Sri Wahyuningsih", "Bu Sri"),
    ("Suminah", "Mbok Minah"),
    ("Dwi Astuti", "Bu Dwi"),
    ("Tri Handayani", "Bu Tri"),
    ("Yuliani", "Bu Yuli"),
    ("Nur Aini", "Bu Nur"),
    ("Siti Fatimah", "Bu Fatimah"),
    ("Darmini", "Mbok Darmi"),
    ("Sumarni", "Bu Marni"),
    ("Wartini", "Bu Tini"),
    ("Ning Rahayu", "Mbak Ning"),
    ("Rina Kusuma", "Mbak Rina"),
    ("Lestari Handayani", "Bu Tari"),
    ("Harjono", "Pak Harjo"),
    ("Sudarmo", "Pak Darmo"),
    ("Slamet Riyanto", "Pak Slamet"),
    ("Joko Susilo", "Mas Joko"),
    ("Bayu Aji", "Mas Bayu"),
    ("Sastro Wiyono", "Pak Sastro"),
]
REGIONAL_OWNERS = {
    P.JAWA_TIMUR: [("Ahmad Muhtar", "Cak Mat"), ("Khoirul Anam", "Cak Irul")],
    P.JAWA_BARAT: [("Asep Sunandar", "Kang Asep"), ("Euis Komariah", "Teh Euis")],
    P.BANTEN: [("Ujang Saepudin", "Kang Ujang")],
    P.DKI_JAKARTA: [("Mpok Nori", "Mpok Nori"), ("Bang Jali", "Bang Jali")],
    P.SUMATERA_UTARA: [("Ucok Siregar", "Bang Ucok"), ("Rosmawati Nainggolan", "Inang Ros")],
    P.SUMATERA_BARAT: [("Yusnimar", "Uni Yus"), ("Rizal Chaniago", "Uda Rizal")],
    P.BALI: [
        ("Made Suarta", "Pak Made"),
        ("Komang Ayu", "Bu Komang"),
        ("Wayan Sudira", "Pak Wayan"),
    ],
    P.SULAWESI_SELATAN: [("Andi Baso", "Daeng Baso"), ("Hasnah", "Daeng Hasnah")],
    P.NUSA_TENGGARA_TIMUR: [("Maria Goreti", "Mama Maria"), ("Yohanes Nong", "Bapa Yan")],
}

# Words Indonesian businesses like in their names.
NAME_WORDS = [
    "Sekar Jagad",
    "Sido Mukti",
    "Sari Rasa",
    "Mekar Sari",
    "Lestari",
    "Rahayu",
    "Sumber Rejeki",
    "Berkah",
    "Barokah",
    "Nusantara",
    "Sekar Arum",
    "Cahaya",
    "Tunas Muda",
    "Kencana",
    "Mulya",
    "Makmur",
    "Wijaya",
    "Sentosa",
    "Gemilang",
    "Jaya Abadi",
    "Dewi Sri",
    "Wening",
    "Kinanti",
    "Rengganis",
    "Larasati",
    "Candra Kirana",
    "Sumringah",
    "Karya Mandiri",
    "Sinar Harapan",
    "Tri Manunggal",
    "Guyub Rukun",
    "Sri Rejeki",
    "Adiluhung",
    "Mustika",
    "Padi Kapas",
]
LEGAL_SUFFIXES = ["Abadi", "Mandiri", "Sejahtera", "Nusantara", "Indonesia", "Utama", "Perkasa"]
COOPERATIVE_KINDS = ["Koperasi Produsen", "Koperasi Serba Usaha", "Koperasi Wanita"]
EXPORT_DESTINATIONS = [
    "Malaysia, Singapura",
    "Jepang",
    "Belanda, Jerman",
    "Amerika Serikat",
    "Australia",
    "Arab Saudi, Uni Emirat Arab",
    "Korea Selatan",
    "Tiongkok, Taiwan",
    "Brunei Darussalam",
    "Prancis, Belgia",
]
MOUNTAINS = {
    P.JAWA_TENGAH: ["Lereng Lawu", "Merbabu", "Sindoro", "Sumbing", "Muria"],
    P.DI_YOGYAKARTA: ["Merapi", "Menoreh"],
    P.JAWA_TIMUR: ["Ijen", "Arjuno", "Bromo", "Kawi"],
    P.JAWA_BARAT: ["Malabar", "Papandayan", "Puntang"],
    P.ACEH: ["Gayo"],
    P.SUMATERA_UTARA: ["Sidikalang", "Mandailing"],
    P.SULAWESI_SELATAN: ["Toraja", "Kalosi"],
    P.BALI: ["Kintamani"],
    P.NUSA_TENGGARA_TIMUR: ["Bajawa", "Manggarai"],
    P.LAMPUNG: ["Liwa"],
}


@dataclass(frozen=True)
class ProductKind:
    name: str
    price_min: int
    price_max: int
    unit: str
    hs_code: str = ""
    stem: str = ""  # the product's word in a brand: "Keripik Tempe Bu Narti"


@dataclass(frozen=True)
class SectorProfile:
    stems: list[str]  # brand words that fit any product of the sector: "Dapur", "Kriya"
    products: list[ProductKind]
    associations: list[tuple[str, int]]  # (acronym, weight), in order of fit
    zone: str  # what exhibitors of the sector ask for as their place


PK = ProductKind
SECTORS = {
    Sector.KULINER: SectorProfile(
        ["Dapur", "Pawon", "Camilan", "Oleh-oleh"],
        [
            PK(
                "Keripik Tempe Original",
                12_000,
                25_000,
                "bungkus 200 g",
                "2106.90",
                stem="Keripik Tempe",
            ),
            PK("Sambal Bawang", 20_000, 35_000, "botol 150 g", "2103.90", stem="Sambal"),
            PK("Rengginang Ketan", 15_000, 30_000, "bungkus 250 g", "1904.90", stem="Rengginang"),
            PK("Abon Sapi", 45_000, 85_000, "pack 100 g", "1602.50", stem="Abon"),
            PK("Bakpia Kacang Hijau", 30_000, 55_000, "kotak isi 20", "1905.90", stem="Bakpia"),
            PK("Emping Melinjo", 70_000, 120_000, "kg", "2008.19", stem="Emping"),
            PK("Jenang Ketan", 20_000, 40_000, "kotak 500 g", "1704.90", stem="Jenang"),
            PK("Intip Goreng", 15_000, 25_000, "bungkus 200 g", "1904.10", stem="Intip"),
            PK("Kue Kering Nastar", 65_000, 120_000, "toples 500 g", "1905.31", stem="Kue Kering"),
            PK("Kerupuk Rambak", 18_000, 35_000, "bungkus 150 g", "1602.50", stem="Rambak"),
            PK("Serundeng Kelapa", 15_000, 28_000, "pack 200 g", "2106.90", stem="Serundeng"),
            PK("Brem Solo", 12_000, 25_000, "kotak", "1704.90", stem="Brem"),
            PK("Karak Bawang", 10_000, 18_000, "bungkus 250 g", "1905.90", stem="Karak"),
            PK("Wingko Babat", 25_000, 45_000, "kotak isi 10", "1905.90", stem="Wingko"),
        ],
        [("APKLI", 4), ("APJI", 3), ("AMDI", 3), ("AMPI-UKM", 2), ("AKUMINDO", 2), ("IWAPI", 2)],
        "Dekat area kuliner, dengan akses air",
    ),
    Sector.FASHION: SectorProfile(
        ["Batik", "Busana", "Wastra"],
        [
            PK(
                "Kain Batik Tulis Sogan",
                450_000,
                3_500_000,
                "lembar",
                "5208.52",
                stem="Batik Tulis",
            ),
            PK("Kemeja Batik Pria", 150_000, 450_000, "pcs", "6205.20", stem="Batik"),
            PK("Daster Batik", 55_000, 120_000, "pcs", "6204.42", stem="Batik"),
            PK("Kain Lurik ATBM", 45_000, 120_000, "meter", "5208.43", stem="Lurik"),
            PK("Gamis Tenun", 250_000, 750_000, "pcs", "6204.49", stem="Busana Muslim"),
            PK("Blangkon Solo", 75_000, 250_000, "pcs", "6505.00", stem="Blangkon"),
            PK("Tas Batik", 85_000, 275_000, "pcs", "4202.22", stem="Batik"),
            PK("Jilbab Segi Empat", 35_000, 95_000, "pcs", "6214.90", stem="Hijab"),
            PK("Kain Tenun Ikat", 350_000, 2_500_000, "lembar", "5209.59", stem="Tenun"),
        ],
        [("APPMI", 3), ("APBN-S", 3), ("APTENUN", 2), ("IWAPI", 2), (ASEPHI, 1), ("HIPMI", 1)],
        "Zona fesyen dan wastra",
    ),
    Sector.KRIYA: SectorProfile(
        ["Kriya", "Kerajinan", "Galeri"],
        [
            PK("Gerabah Hias", 35_000, 450_000, "pcs", "6912.00", stem="Gerabah"),
            PK("Wayang Kulit Tatah Sungging", 350_000, 4_500_000, "pcs", "4205.00", stem="Wayang"),
            PK("Tas Anyaman Pandan", 25_000, 180_000, "pcs", "4602.19", stem="Anyaman"),
            PK("Cincin Perak Filigri", 150_000, 2_500_000, "pcs", "7113.11", stem="Perak"),
            PK("Topeng Kayu Panji", 125_000, 850_000, "pcs", "4420.19", stem="Topeng"),
            PK("Tas Rajut Benang Katun", 65_000, 220_000, "pcs", "4202.29", stem="Rajut"),
            PK("Kap Lampu Bambu", 45_000, 250_000, "pcs", "4602.11", stem="Kerajinan Bambu"),
            PK("Miniatur Becak", 35_000, 150_000, "pcs", "4420.19", stem="Miniatur"),
        ],
        [(ASEPHI, 4), ("APKESTRA", 2), ("APKRI", 2), ("APERI", 1), ("AKUMANDIRI", 2)],
        "Zona kriya, dekat pembeli ekspor",
    ),
    Sector.AGRIBISNIS: SectorProfile(
        ["Tani", "Kebun", "Agro"],
        [
            PK("Beras Merah Organik", 18_000, 32_000, "kg", "1006.30", stem="Beras"),
            PK("Madu Hutan", 85_000, 175_000, "botol 500 ml", "0409.00", stem="Madu"),
            PK("Gula Semut Aren", 35_000, 60_000, "kg", "1701.14", stem="Gula Aren"),
            PK("Jamur Tiram Segar", 15_000, 25_000, "kg", "0709.59", stem="Jamur"),
            PK("Salak Pondoh", 10_000, 20_000, "kg", "0810.90", stem="Salak"),
            PK("Minyak Kelapa Murni (VCO)", 35_000, 70_000, "botol 250 ml", "1513.19", stem="VCO"),
            PK("Tepung Mocaf", 12_000, 20_000, "kg", "1106.20", stem="Mocaf"),
            PK("Sayur Hidroponik", 8_000, 15_000, "pack 250 g", "0705.11", stem="Hidroponik"),
        ],
        [("ASPAGRI", 3), ("ASPETANI", 3), ("HIPPI", 2), ("AKUMINDO", 1)],
        "Area luar ruang untuk produk segar",
    ),
    Sector.HERBAL_KOSMETIK: SectorProfile(
        ["Herbal", "Jamu", "Griya Ayu"],
        [
            PK("Jamu Beras Kencur", 8_000, 15_000, "botol 250 ml", "2106.90", stem="Jamu"),
            PK("Wedang Uwuh", 20_000, 40_000, "kotak isi 10", "2106.90", stem="Wedang"),
            PK("Serbuk Temulawak", 18_000, 35_000, "pack 200 g", "2106.90", stem="Herbal"),
            PK("Sabun Sereh Alami", 15_000, 35_000, "batang", "3401.11", stem="Sabun"),
            PK("Lulur Mangir", 25_000, 65_000, "toples 200 g", "3304.99", stem="Lulur"),
            PK("Minyak Kayu Putih", 20_000, 45_000, "botol 60 ml", "3301.29", stem="Minyak Atsiri"),
            PK("Masker Bengkoang", 30_000, 75_000, "pcs", "3304.99", stem="Kosmetik"),
        ],
        [("GP JAMU", 4), ("AKKI", 3), ("IWAPI", 1), ("ASPPUK", 2)],
        "Zona herbal dan kecantikan",
    ),
    Sector.FURNITUR_DEKORASI: SectorProfile(
        ["Mebel", "Dekorasi", "Furnitur"],
        [
            PK("Kursi Jati Minimalis", 850_000, 3_500_000, "pcs", "9401.61", stem="Mebel"),
            PK("Meja Tamu Trembesi", 2_500_000, 12_000_000, "set", "9403.60", stem="Mebel"),
            PK("Lampu Hias Rotan", 150_000, 750_000, "pcs", "9405.50", stem="Lampu Hias"),
            PK("Cermin Ukir Jepara", 450_000, 2_500_000, "pcs", "7009.92", stem="Ukir"),
            PK("Keranjang Rotan", 45_000, 250_000, "pcs", "4602.12", stem="Rotan"),
            PK("Hiasan Dinding Akar Jati", 250_000, 1_500_000, "pcs", "4420.90", stem="Jati"),
            PK("Kursi Bambu Lipat", 175_000, 450_000, "pcs", "9401.52", stem="Bambu"),
        ],
        [("HIMKI", 4), (ASEPHI, 2), ("APERI", 2)],
        "Stan dobel di zona mebel",
    ),
    Sector.KOPI_REMPAH: SectorProfile(
        ["Kopi", "Rempah"],
        [
            PK("Kopi Arabika Sangrai", 45_000, 120_000, "pack 200 g", "0901.21", stem="Kopi"),
            PK("Kopi Robusta Bubuk", 25_000, 60_000, "pack 250 g", "0901.21", stem="Kopi"),
            PK("Green Bean Arabika", 110_000, 180_000, "kg", "0901.11", stem="Kopi"),
            PK("Teh Kemuning", 20_000, 45_000, "pack 100 g", "0902.30", stem="Teh"),
            PK("Kayu Manis Batang", 60_000, 110_000, "kg", "0906.11", stem="Rempah"),
            PK("Lada Hitam", 90_000, 160_000, "kg", "0904.11", stem="Rempah"),
            PK("Cengkeh Kering", 100_000, 150_000, "kg", "0907.10", stem="Rempah"),
            PK("Jahe Merah Instan", 20_000, 40_000, "pack 250 g", "2106.90", stem="Jahe Merah"),
        ],
        [("AEKI", 4), ("PPRN", 3), ("HIPMI", 1)],
        "Bersebelahan dengan produsen kopi lain",
    ),
    Sector.PERIKANAN: SectorProfile(
        ["Hasil Laut", "Olahan Ikan"],
        [
            PK("Bandeng Presto", 25_000, 55_000, "ekor", "1604.19", stem="Bandeng"),
            PK("Abon Ikan Lele", 20_000, 40_000, "pack 100 g", "1604.20", stem="Abon Lele"),
            PK(
                "Kerupuk Ikan Tenggiri",
                25_000,
                45_000,
                "pack 250 g",
                "1905.90",
                stem="Kerupuk Ikan",
            ),
            PK("Ikan Asap", 60_000, 120_000, "kg", "0305.49", stem="Ikan Asap"),
            PK("Terasi Udang", 8_000, 20_000, "pack 100 g", "2103.90", stem="Terasi"),
            PK("Dodol Rumput Laut", 20_000, 40_000, "kotak", "1704.90", stem="Rumput Laut"),
            PK("Petis Udang", 15_000, 30_000, "botol 200 g", "2103.90", stem="Petis"),
        ],
        [("AMDI", 3), ("AKUMINDO", 2), ("HIPPI", 2), ("ASPPUK", 1)],
        "Dekat area kuliner",
    ),
    Sector.JASA_KREATIF: SectorProfile(
        ["Studio", "Kreatif"],
        [
            PK("Desain Logo dan Kemasan", 500_000, 3_500_000, "paket", stem="Desain"),
            PK("Fotografi Produk", 750_000, 2_500_000, "sesi", stem="Foto Produk"),
            PK("Sablon Kaos", 45_000, 95_000, "pcs", "6109.10", stem="Sablon"),
            PK("Kotak Kemasan Kraft", 3_500, 12_000, "pcs", "4819.20", stem="Kemasan"),
            PK("Stiker Label Produk", 500, 2_500, "lembar", "4821.10", stem="Label"),
            PK("Video Promosi Produk", 1_500_000, 7_500_000, "paket", stem="Studio"),
        ],
        [("ASKRIDA", 4), ("ABDSI", 2), ("HIPMI", 2)],
        "Dekat panggung utama",
    ),
    Sector.LAINNYA: SectorProfile(
        ["Usaha", "Toko"],
        [
            PK("Sepatu Kulit Pria", 250_000, 750_000, "pasang", "6403.99", stem="Kulit"),
            PK("Mainan Kayu Edukatif", 35_000, 200_000, "pcs", "9503.00", stem="Mainan Kayu"),
            PK("Dompet Kulit", 75_000, 300_000, "pcs", "4202.31", stem="Kulit"),
            PK("Sandal Batik", 35_000, 90_000, "pasang", "6404.20", stem="Sandal"),
            PK("Lilin Aromaterapi", 35_000, 120_000, "pcs", "3406.00", stem="Lilin"),
            PK("Gantungan Kunci Suvenir", 30_000, 75_000, "lusin", "7117.19", stem="Suvenir"),
        ],
        [("AKUMINDO", 2), ("ABDSI", 2), ("AKUMANDIRI", 2), ("APKRI", 1), ("HIPMI", 1)],
        "",
    ),
}

DESCRIPTIONS = [
    "Memproduksi {products} di {place} sejak {year}.",
    "Usaha keluarga dari {place}: {products}, dibuat sendiri sejak {year}.",
    "{products} khas {place}, dikerjakan oleh {employees} orang perajin dan warga sekitar.",
    "Berdiri {year} di {place}; produk unggulan {products}, dengan bahan dari pemasok lokal.",
]
NOTES = [
    "Kami membawa alat untuk demo produksi di stan.",
    "Butuh satu meja tambahan untuk display.",
    "Mohon stan tidak di pojok, produk kami perlu dilihat dari dua sisi.",
    "Salah satu penjaga stan pengguna kursi roda; mohon akses tanpa tangga.",
    "Akan ada demo dan tester produk setiap sore.",
]
REASONS = {
    S.RETURNED: [
        "Mohon unggah surat keterangan anggota asosiasi yang masih berlaku.",
        "Daftar produk belum lengkap; tambahkan produk yang akan dipamerkan.",
        "NIB pada profil berbeda dengan dokumen NIB yang diunggah.",
    ],
    S.REJECTED: [
        "Produk belum sesuai dengan kurasi tema pameran tahun ini.",
        "Izin edar pangan sudah kedaluwarsa dan belum diperpanjang.",
        "Keanggotaan asosiasi tidak dapat diverifikasi.",
    ],
    S.WAITLISTED: [
        "Kuota asosiasi sudah terpakai; akan dihubungi bila ada stan yang dilepas.",
        "",
    ],
    S.CANCELLED: [
        "Biaya stan belum dibayar sampai batas waktu pelunasan.",
        "Peserta meminta pembatalan karena bentrok dengan pameran lain.",
    ],
    S.WITHDRAWN: ["Pemilik usaha berhalangan hadir.", "", "Stok produksi tidak mencukupi."],
}
# Where applications stand, in percent: a funnel from draft to confirmed.
STATUS_WEIGHTS = {
    S.DRAFT: 3,
    S.SUBMITTED: 13,
    S.RETURNED: 4,
    S.ASSOCIATION_VERIFIED: 15,
    S.APPROVED: 13,
    S.WAITLISTED: 6,
    S.REJECTED: 7,
    S.ALLOCATED: 12,
    S.CONFIRMED: 15,
    S.WITHDRAWN: 5,
    S.CANCELLED: 5,
}
EXPIRED_SHARE = 0.08
# How long each kind of certificate is valid (years); halal under UU 6/2023 does not expire.
VALIDITY_YEARS = {K.PIRT: 5, K.BPOM_MD: 5, K.BPOM_ML: 5, K.HALAL: 4, K.SNI: 4}
SNI_BODIES = ["BBKB", "B4T", "BBKK", "BBSPJIKB", "SUCOFINDO", "TUV-ID"]
# One shared file for every generated document keeps seeding fast (see ``_stored``).
SHARED_DOCUMENT = "documents/demo/dokumen-contoh.pdf"
# Titles as an exhibitor would write them; stored data, not interface text.
DOCUMENT_TITLES = {
    "nib": "NIB (Nomor Induk Berusaha)",
    K.PIRT: "Sertifikat P-IRT",
    K.BPOM_MD: "Izin Edar BPOM MD",
    K.BPOM_ML: "Izin Edar BPOM ML",
    K.HALAL: "Sertifikat Halal",
    K.SNI: "Sertifikat SNI",
}

# --- The plan: pure data, drawn from the seed ------------------------------------------------


@dataclass
class CertificateSpec:
    kind: str
    number: str
    issued_on: date | None
    expires_on: date | None


@dataclass
class Step:
    status: str
    by: str  # "manager", "association" or "organizer": who does it in real life
    reason: str = ""


@dataclass
class ApplicationSpec:
    association: str  # acronym
    association_roll: float  # picks an association when ``association`` does not take part
    status: str
    steps: list[Step]
    gaps_days: list[float]  # between consecutive steps
    age_days: float  # from the first step to the moment of seeding
    booth_size: str
    booth_count: int
    preferred_zone: str
    needs_power: bool
    power_watts: int | None
    needs_water: bool
    staff_count: int
    notes: str
    product_count: int


@dataclass
class BusinessSpec:
    fields: dict
    products: list[dict]
    certificates: list[CertificateSpec]
    has_nib_document: bool
    application: ApplicationSpec | None
    own_files: bool = False  # the demo UMKM's documents get files of their own

    @property
    def nib(self) -> str:
        return self.fields["nib"]


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _place(city: str) -> str:
    return city.removeprefix("Kota ").removeprefix("Kabupaten ")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _round_price(value: float) -> int:
    step = 500 if value < 100_000 else 1_000 if value < 1_000_000 else 50_000
    return max(step, int(round(value / step)) * step)


class _Planner:
    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today = rng, today
        self.nibs: set[str] = set()
        self.brands: set[str] = set()

    def nib(self) -> str:
        while True:
            nib = f"{self.rng.choice(['02', '12', '81', '91'])}{self.rng.randrange(10**11):011d}"
            if nib not in self.nibs:
                self.nibs.add(nib)
                return nib

    def whatsapp(self) -> str:
        prefix = self.rng.choice(["811", "812", "813", "821", "822", "852", "857", "878", "895"])
        return f"+62{prefix}{self.rng.randrange(10**7, 10**8)}"

    def brand(self, sector: str, main: ProductKind, owner_call: str, province: str, city: str):
        generic = SECTORS[sector].stems
        for attempt in range(30):
            stem = main.stem if self.rng.random() < 0.75 else self.rng.choice(generic)
            roll = self.rng.random()
            if stem == "Kopi" and province in MOUNTAINS and roll < 0.6:
                tail = self.rng.choice(MOUNTAINS[province])
            elif roll < 0.35:
                tail = owner_call
            elif roll < 0.55:
                tail = _place(city)
            else:
                tail = self.rng.choice(NAME_WORDS)
            brand = f"{stem} {tail}"
            if attempt > 20:  # many businesses (benchmarks): number the rest
                brand = f"{brand} {len(self.brands) + 1}"
            if brand not in self.brands:
                self.brands.add(brand)
                return brand
        raise AssertionError("unreachable: numbered brands are unique")

    def legal(self, scale: str, owner: str, brand: str) -> tuple[str, str]:
        rng = self.rng
        forms = {
            Scale.MIKRO: {
                LegalForm.PERORANGAN: 45,
                LegalForm.CV: 20,
                LegalForm.KOPERASI: 15,
                LegalForm.PT_PERORANGAN: 20,
            },
            Scale.KECIL: {
                LegalForm.CV: 45,
                LegalForm.PT_PERORANGAN: 15,
                LegalForm.PT: 20,
                LegalForm.KOPERASI: 15,
                LegalForm.FIRMA: 5,
            },
            Scale.MENENGAH: {LegalForm.PT: 70, LegalForm.CV: 25, LegalForm.KOPERASI: 5},
        }[scale]
        form = _weighted(rng, forms)
        word = rng.choice(NAME_WORDS)
        if form == LegalForm.PERORANGAN:
            name = f"UD {word}" if rng.random() < 0.5 else owner
        elif form == LegalForm.CV:
            name = (
                f"CV {word} {rng.choice(LEGAL_SUFFIXES)}" if rng.random() < 0.6 else f"CV {brand}"
            )
        elif form in (LegalForm.PT, LegalForm.PT_PERORANGAN):
            name = f"PT {word} {rng.choice(LEGAL_SUFFIXES)}"
        elif form == LegalForm.KOPERASI:
            name = f"{rng.choice(COOPERATIVE_KINDS)} {word}"
        else:
            name = f"Firma {word}"
        return form, name

    def business(self) -> BusinessSpec:
        rng = self.rng
        sector = _weighted(rng, SECTOR_WEIGHTS)
        province, _weight, cities = rng.choices(PROVINCES, weights=[p[1] for p in PROVINCES])[0]
        city = rng.choice(cities)
        owners = REGIONAL_OWNERS.get(province) if rng.random() < 0.7 else None
        owner, owner_call = rng.choice(owners or OWNERS)
        scale = _weighted(rng, {Scale.MIKRO: 64, Scale.KECIL: 29, Scale.MENENGAH: 7})
        export = self._export(sector, scale)
        products = self.products(sector, export != ExportExperience.NONE)
        brand = self.brand(sector, products[0]["kind"], owner_call, province, city)
        legal_form, legal_name = self.legal(scale, owner, brand)
        founded = rng.randint(1985, 2024) if rng.random() < 0.4 else rng.randint(2010, 2024)
        employees = {
            Scale.MIKRO: rng.randint(1, 9),
            Scale.KECIL: rng.randint(6, 35),
            Scale.MENENGAH: rng.randint(25, 150),
        }[scale]
        slug = slugify(brand).replace("-", "")
        links = []
        for template, chance in (
            ("https://www.tokopedia.com/{}", 0.55),
            ("https://shopee.co.id/{}", 0.6),
            ("https://www.instagram.com/{}", 0.7),
        ):
            if rng.random() < chance:
                links.append(template.format(slug))
        fields = {
            "nib": self.nib(),
            "legal_name": legal_name,
            "brand_name": brand,
            "legal_form": legal_form,
            "scale": scale,
            "sector": sector,
            "province": province,
            "city": city,
            "address": (
                f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, "
                f"RT {rng.randint(1, 12):02d}/RW {rng.randint(1, 9):02d}"
            ),
            "whatsapp": self.whatsapp(),
            "email": f"{slug[:40]}@umkm.example" if rng.random() < 0.6 else "",
            "marketplace_links": "\n".join(links),
            "description": _sentence(
                rng.choice(DESCRIPTIONS).format(
                    products=" dan ".join(p["name"] for p in products[:2]),
                    place=_place(city),
                    year=founded,
                    employees=employees,
                )
            ),
            "founded_year": founded,
            "employees": employees,
            "export_experience": export,
            "export_destinations": (
                rng.choice(EXPORT_DESTINATIONS) if export != ExportExperience.NONE else ""
            ),
        }
        certificates = self.certificates(sector, scale, province)
        has_nib_document = rng.random() < 0.93
        application = self.application(sector, scale, len(products), has_nib_document)
        return BusinessSpec(fields, products, certificates, has_nib_document, application)

    def _export(self, sector: str, scale: str) -> str:
        weights = {
            Scale.MIKRO: [85, 12, 3],
            Scale.KECIL: [60, 25, 15],
            Scale.MENENGAH: [35, 30, 35],
        }[scale]
        if sector in (Sector.KRIYA, Sector.FURNITUR_DEKORASI, Sector.KOPI_REMPAH):
            weights = [weights[0] // 2, weights[1] + weights[0] // 4, weights[2] + weights[0] // 4]
        choices = [ExportExperience.NONE, ExportExperience.INDIRECT, ExportExperience.DIRECT]
        return self.rng.choices(choices, weights=weights)[0]

    def products(self, sector: str, exports: bool) -> list[dict]:
        rng = self.rng
        count = rng.choices([1, 2, 3, 4], weights=[20, 35, 30, 15])[0]
        kinds = rng.sample(SECTORS[sector].products, min(count, len(SECTORS[sector].products)))
        products = []
        for kind in kinds:
            low = _round_price(kind.price_min * rng.uniform(0.8, 1.2))
            high = _round_price(kind.price_max * rng.uniform(0.85, 1.25))
            products.append(
                {
                    "name": kind.name,
                    "price_min": min(low, high),
                    "price_max": max(low, high),
                    "unit": kind.unit,
                    "hs_code": (
                        normalize_hs_code(kind.hs_code) if exports and rng.random() < 0.8 else ""
                    ),
                    "kind": kind,
                }
            )
        return products

    def certificates(self, sector: str, scale: str, province: str) -> list[CertificateSpec]:
        rng = self.rng
        kinds = []
        food = {
            Sector.KULINER: (1.0, 0.75),
            Sector.PERIKANAN: (0.85, 0.6),
            Sector.HERBAL_KOSMETIK: (0.9, 0.6),
            Sector.KOPI_REMPAH: (0.8, 0.5),
            Sector.AGRIBISNIS: (0.5, 0.35),
        }
        if sector in food:
            permit_chance, halal_chance = food[sector]
            if rng.random() < permit_chance:
                bpom = 0.1 if scale == Scale.MIKRO else 0.6
                kinds.append(K.BPOM_MD if rng.random() < bpom else K.PIRT)
            if rng.random() < halal_chance:
                kinds.append(K.HALAL)
        sni_chance = {
            Sector.KRIYA: 0.2,
            Sector.FURNITUR_DEKORASI: 0.25,
            Sector.FASHION: 0.08,
            Sector.LAINNYA: 0.1,
        }
        if rng.random() < sni_chance.get(sector, 0):
            kinds.append(K.SNI)
        return [self.certificate(kind, province) for kind in kinds]

    def certificate(self, kind: str, province: str) -> CertificateSpec:
        rng, today = self.rng, self.today
        if kind == K.PIRT:
            number = f"{rng.choice('2345')}{province}{rng.randrange(10**12):012d}"
        elif kind == K.BPOM_MD:
            number = f"2{rng.randrange(10**11):011d}"
            if rng.random() < 0.3:  # the newer 15-digit form
                number += f"{rng.randrange(1000):03d}"
        elif kind == K.HALAL:
            number = f"ID{province}{rng.randrange(10**15):015d}"
        else:
            number = (
                f"{rng.randint(1, 9999):04d}/LSPRO-{rng.choice(SNI_BODIES)}/"
                f"{rng.randint(2019, today.year)}"
            )
        years = VALIDITY_YEARS[kind]
        if rng.random() < EXPIRED_SHARE:
            expires_on = today - timedelta(days=rng.randint(10, 400))
        elif kind == K.HALAL and rng.random() < 0.6:
            issued = today - timedelta(days=rng.randint(30, 1200))
            return CertificateSpec(kind, number, issued, None)
        else:
            expires_on = today + timedelta(days=rng.randint(60, years * 365 - 30))
        return CertificateSpec(kind, number, expires_on - timedelta(days=years * 365), expires_on)

    def application(
        self, sector: str, scale: str, product_total: int, has_nib_document: bool
    ) -> ApplicationSpec | None:
        rng = self.rng
        if rng.random() < (0.05 if has_nib_document else 0.5):
            return None  # a profile, not (yet) an application
        profile = SECTORS[sector]
        acronyms, weights = zip(*profile.associations, strict=True)
        association = rng.choices(acronyms, weights=weights)[0]
        status = _weighted(rng, STATUS_WEIGHTS)
        if not has_nib_document:
            status = S.DRAFT  # cannot be submitted without its NIB certificate
        steps = self.steps(status)
        if sector == Sector.KULINER:
            booth_size = BoothSize.CULINARY if rng.random() < 0.75 else BoothSize.STANDARD
        elif sector == Sector.FURNITUR_DEKORASI:
            booth_size = BoothSize.DOUBLE if rng.random() < 0.45 else BoothSize.STANDARD
        elif sector == Sector.AGRIBISNIS:
            booth_size = BoothSize.OUTDOOR if rng.random() < 0.3 else BoothSize.STANDARD
        else:
            booth_size = BoothSize.DOUBLE if rng.random() < 0.1 else BoothSize.STANDARD
        needs_power = rng.random() < {Sector.KULINER: 0.7, Sector.JASA_KREATIF: 0.9}.get(
            sector, 0.35
        )
        gaps = [rng.uniform(0.3, 6.0) for _step in steps[1:]]
        return ApplicationSpec(
            association=association,
            association_roll=rng.random(),
            status=status,
            steps=steps,
            gaps_days=gaps,
            age_days=sum(gaps) + rng.uniform(0.2, 12.0),
            booth_size=booth_size,
            booth_count=2 if rng.random() < (0.3 if scale == Scale.MENENGAH else 0.08) else 1,
            preferred_zone=profile.zone if rng.random() < 0.5 else "",
            needs_power=needs_power,
            power_watts=rng.choice([450, 900, 1300, 2200]) if needs_power else None,
            needs_water=booth_size == BoothSize.CULINARY or rng.random() < 0.05,
            staff_count=rng.choices([1, 2, 3, 4], weights=[15, 45, 30, 10])[0],
            notes=rng.choice(NOTES) if rng.random() < 0.25 else "",
            product_count=rng.randint(1, product_total),
        )

    def steps(self, status: str) -> list[Step]:
        """A path to ``status`` that the transitions in ``exhibitors.services`` allow."""
        rng = self.rng

        def reason(to):
            return rng.choice(REASONS[to])

        submitted = [Step(S.SUBMITTED, "manager")]
        if rng.random() < 0.15:  # returned once, fixed and sent again
            submitted += [
                Step(S.RETURNED, "association", reason(S.RETURNED)),
                Step(S.SUBMITTED, "manager"),
            ]
        verified = [*submitted, Step(S.ASSOCIATION_VERIFIED, "association")]
        approved = [*verified, Step(S.APPROVED, "organizer")]
        allocated = [*approved, Step(S.ALLOCATED, "organizer")]
        paths = {
            S.DRAFT: [],
            S.SUBMITTED: submitted,
            S.RETURNED: [*submitted, Step(S.RETURNED, "association", reason(S.RETURNED))],
            S.ASSOCIATION_VERIFIED: verified,
            S.APPROVED: approved,
            S.WAITLISTED: [*verified, Step(S.WAITLISTED, "organizer", reason(S.WAITLISTED))],
            S.REJECTED: [
                *(submitted if rng.random() < 0.3 else verified),
                Step(S.REJECTED, "organizer", reason(S.REJECTED)),
            ],
            S.ALLOCATED: allocated,
            S.CONFIRMED: [
                *(allocated if rng.random() < 0.7 else approved),
                Step(S.CONFIRMED, "organizer"),
            ],
            S.WITHDRAWN: [
                *rng.choice([submitted, verified, approved]),
                Step(S.WITHDRAWN, "manager", reason(S.WITHDRAWN)),
            ],
            S.CANCELLED: [
                *(allocated if rng.random() < 0.5 else approved),
                Step(S.CANCELLED, "organizer", reason(S.CANCELLED)),
            ],
        }
        return [Step(S.DRAFT, "manager"), *paths[status]]


def _demo_umkm_business(today: date) -> BusinessSpec:
    """The business of the demo exhibitor login: complete, submitted through ASEPHI."""
    return BusinessSpec(
        fields={
            "nib": "9120305170127",
            "legal_name": "CV Sekar Arum Laweyan",
            "brand_name": "Batik Tulis Sekar Arum",
            "legal_form": LegalForm.CV,
            "scale": Scale.KECIL,
            "sector": Sector.KRIYA,
            "province": P.JAWA_TENGAH,
            "city": "Kota Surakarta",
            "address": "Jl. Sidoluhur No. 27, Kampung Batik Laweyan, Kec. Laweyan",
            "whatsapp": "+6281329270127",
            "email": "sekararum@umkm.example",
            "marketplace_links": "https://www.tokopedia.com/batiksekararum\n"
            "https://shopee.co.id/batiksekararum\n"
            "https://www.instagram.com/batiksekararum",
            "description": (
                "Batik tulis dan cap dari Kampung Batik Laweyan, dikerjakan oleh dua belas "
                "pembatik perempuan dengan pewarna alam (tingi, jambal, indigo). Melayani "
                "pesanan seragam dan pembeli dari Jepang dan Belanda melalui eksportir."
            ),
            "founded_year": 2009,
            "employees": 12,
            "export_experience": ExportExperience.INDIRECT,
            "export_destinations": "Jepang, Belanda",
        },
        products=[
            {
                "name": "Kain Batik Tulis Sogan Pewarna Alam",
                "price_min": 750_000,
                "price_max": 2_500_000,
                "unit": "lembar",
                "hs_code": "520852",
            },
            {
                "name": "Kemeja Batik Cap Pria",
                "price_min": 185_000,
                "price_max": 350_000,
                "unit": "pcs",
                "hs_code": "620520",
            },
            {
                "name": "Selendang Batik Sutra",
                "price_min": 275_000,
                "price_max": 650_000,
                "unit": "pcs",
                "hs_code": "621410",
            },
        ],
        certificates=[
            CertificateSpec(
                K.SNI,
                "0127/LSPRO-BBKB/2024",
                today - timedelta(days=420),
                today - timedelta(days=420) + timedelta(days=4 * 365),
            )
        ],
        has_nib_document=True,
        application=ApplicationSpec(
            association=ASEPHI,
            association_roll=0.0,
            status=S.SUBMITTED,
            steps=[Step(S.DRAFT, "manager"), Step(S.SUBMITTED, "manager")],
            gaps_days=[1.5],
            age_days=4.0,
            booth_size=BoothSize.STANDARD,
            booth_count=1,
            preferred_zone="Zona kriya, dekat pembeli ekspor",
            needs_power=True,
            power_watts=450,
            needs_water=False,
            staff_count=2,
            notes="Kami membawa canting dan kompor kecil untuk demo membatik.",
            product_count=3,
        ),
        own_files=True,
    )


def plan(*, rng_seed: int = 2027, count: int = BUSINESS_COUNT, today=None) -> list[BusinessSpec]:
    """The demo businesses, drawn from ``rng_seed``; the first is the demo UMKM's own."""
    today = today or timezone.localdate()
    planner = _Planner(random.Random(rng_seed), today)
    demo = _demo_umkm_business(today)
    planner.nibs.add(demo.nib)
    planner.brands.add(demo.fields["brand_name"])
    return [demo, *(planner.business() for _ in range(count - 1))]


# --- Writing the plan ------------------------------------------------------------------------


@dataclass
class DemoSummary:
    businesses: int
    businesses_created: int
    products: int
    certificates: int
    expired_certificates: int
    documents: int
    applications: int
    applications_created: int
    statuses: dict[str, int] = field(default_factory=dict)
    demo_business: Business | None = None

    def __str__(self):
        return (
            f"{self.businesses:,} demo businesses ({self.businesses_created:,} new), "
            f"{self.products:,} products, {self.certificates:,} certificates "
            f"({self.expired_certificates:,} expired), {self.documents:,} documents, "
            f"{self.applications:,} applications ({self.applications_created:,} new) "
            f"in {len(self.statuses)} statuses"
        )


@transaction.atomic
def seed_exhibitors(
    *, event: Event, rng_seed: int = 2027, count: int = BUSINESS_COUNT
) -> DemoSummary:
    """Bring the demo businesses and their applications to ``event`` into the database."""
    specs = plan(rng_seed=rng_seed, count=count)
    existing = set(
        Business.objects.filter(nib__in=[s.nib for s in specs]).values_list("nib", flat=True)
    )
    created = _create_businesses([s for s in specs if s.nib not in existing])
    businesses = Business.objects.in_bulk([s.nib for s in specs], field_name="nib")
    demo_business = businesses[specs[0].nib]
    _give_demo_umkm_its_business(demo_business)
    applications_created = _create_applications(event, specs, businesses)
    return _summary(event, businesses, created, applications_created, demo_business)


def _create_businesses(specs: list[BusinessSpec]) -> int:
    if not specs:
        return 0
    shared = _stored(SHARED_DOCUMENT, demo_pdf("Dokumen contoh", "Data demo Pameran UMKM"))
    businesses = []
    for spec in specs:
        businesses.append(Business(**spec.fields, is_demo=True))
    Business.objects.bulk_create(businesses, batch_size=1000)

    products, documents, certifications = [], [], []
    for spec, business in zip(specs, businesses, strict=True):
        for values in spec.products:
            values = {key: value for key, value in values.items() if key != "kind"}
            products.append(Product(business=business, **values))
        if spec.has_nib_document:
            title = DOCUMENT_TITLES["nib"]
            stored = _own_file(spec, "nib", f"{title} {spec.nib}") if spec.own_files else shared
            documents.append(_document(business, DocumentKind.NIB, title, stored, spec.nib))
        for cert in spec.certificates:
            certification = Certification(
                business=business,
                kind=cert.kind,
                number=cert.number,
                issued_on=cert.issued_on,
                expires_on=cert.expires_on,
            )
            title = DOCUMENT_TITLES[cert.kind]
            stored = (
                _own_file(spec, cert.kind, f"{title} {certification.display_number}")
                if spec.own_files
                else shared
            )
            # bulk_create fills in document_id from the document saved just before it.
            certification.document = _document(
                business, DocumentKind.CERTIFICATE, title, stored, cert.kind
            )
            documents.append(certification.document)
            certifications.append(certification)
    Product.objects.bulk_create(products, batch_size=1000)
    Document.objects.bulk_create(documents, batch_size=1000)
    Certification.objects.bulk_create(certifications, batch_size=1000)
    _add_demo_logo(specs)
    return len(businesses)


@dataclass(frozen=True)
class _StoredFile:
    name: str
    size: int
    sha256: str


def _stored(name: str, content: bytes) -> _StoredFile:
    """Write ``content`` to private storage under ``name`` unless a file is there already.

    Generated businesses' Document rows all point at one stored file. Deleting one of them
    through the services would delete the file under the others, but only a business's own
    managers may delete its documents, and only the demo UMKM (whose files are its own) has
    a login.
    """
    storage = private_storage()
    if storage.exists(name):
        content = storage.open(name).read()
    else:
        saved = storage.save(name, ContentFile(content))
        if saved != name:
            raise RuntimeError(f"Private storage saved {name} as {saved}.")
    return _StoredFile(name, len(content), hashlib.sha256(content).hexdigest())


def _own_file(spec: BusinessSpec, kind: str, title: str) -> _StoredFile:
    brand = spec.fields["brand_name"]
    return _stored(
        f"documents/demo/{spec.nib}-{kind}.pdf", demo_pdf(title, f"{brand} - NIB {spec.nib}")
    )


def _document(business, kind, title, stored: _StoredFile, stem: str) -> Document:
    return Document(
        business=business,
        kind=kind,
        title=title,
        file=stored.name,
        original_name=f"{slugify(stem)}.pdf",
        content_type="application/pdf",
        size=stored.size,
        sha256=stored.sha256,
    )


def demo_pdf(*lines: str) -> bytes:
    """A one-page PDF that says it is a demo document (valid for ``check_upload``)."""
    texts = ["DATA DEMO - BUKAN DOKUMEN RESMI", *lines]
    escaped = [re.sub(r"([\\()])", r"\\\1", t.encode("ascii", "replace").decode()) for t in texts]
    content = "BT /F1 14 Tf 40 760 Td " + " 0 -24 Td ".join(f"({t}) Tj" for t in escaped) + " ET"
    objects = [
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
        "/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        f"<</Length {len(content)}>>\nstream\n{content}\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _add_demo_logo(specs: list[BusinessSpec]) -> None:
    """A monogram logo for the demo UMKM, so its checklist is complete."""
    from PIL import Image, ImageDraw, ImageFont

    for spec in specs:
        if not spec.own_files:
            continue
        name = f"businesses/logos/demo-{spec.nib}.png"
        if not default_storage.exists(name):
            image = Image.new("RGB", (256, 256), (122, 62, 28))  # sogan brown
            draw = ImageDraw.Draw(image)
            draw.ellipse((16, 16, 240, 240), outline=(240, 214, 160), width=8)
            font = ImageFont.load_default(size=96)
            draw.text((128, 128), "SA", fill=(240, 214, 160), font=font, anchor="mm")
            output = io.BytesIO()
            image.save(output, "PNG", optimize=True)
            name = default_storage.save(name, ContentFile(output.getvalue()))
        Business.objects.filter(nib=spec.nib).update(logo=name)


def _give_demo_umkm_its_business(business: Business) -> None:
    user = User.objects.filter(email=DEMO_UMKM_EMAIL).first()
    # An account manages one business: leave one that already manages another alone.
    if user is not None and business_of(user) is None:
        role_grant(user=user, role=Role.EXHIBITOR, scope=business)


def _create_applications(event: Event, specs: list[BusinessSpec], businesses: dict) -> int:
    participations = {
        p.association.acronym: p
        for p in Participation.objects.filter(event=event).select_related("association")
    }
    if not participations:
        return 0
    ordered = [participations[acronym] for acronym in sorted(participations)]
    applied = set(
        Application.objects.filter(event=event, business__in=businesses.values()).values_list(
            "business_id", flat=True
        )
    )
    todo = [
        (spec, businesses[spec.nib])
        for spec in specs
        if spec.application is not None and businesses[spec.nib].pk not in applied
    ]
    if not todo:
        return 0
    used = Counter(
        dict(
            Application.objects.filter(event=event, status__in=QUOTA_STATUSES)
            .values_list("association_id")
            .annotate(booths=Sum("booth_count"))
        )
    )
    products = defaultdict(list)
    for business_id, product_id in Product.objects.filter(
        business__in=[business for _spec, business in todo]
    ).values_list("business_id", "id"):
        products[business_id].append(product_id)
    actors = _actors(event)
    now = timezone.now()

    applications, histories = [], []
    for spec, business in todo:
        wish = spec.application
        participation = (
            participations.get(wish.association)
            or ordered[int(wish.association_roll * len(ordered))]
        )
        steps = wish.steps
        association_id = participation.association_id
        if steps[-1].status in QUOTA_STATUSES:
            if used[association_id] + wish.booth_count > participation.booth_quota:
                # The organizer would have waitlisted it: the association's quota is used up.
                verified = [s.status for s in steps].index(S.ASSOCIATION_VERIFIED)
                steps = [
                    *steps[: verified + 1],
                    Step(S.WAITLISTED, "organizer", REASONS[S.WAITLISTED][0]),
                ]
            else:
                used[association_id] += wish.booth_count
        times = [now - timedelta(days=wish.age_days)]
        for gap in wish.gaps_days[: len(steps) - 1]:
            times.append(times[-1] + timedelta(days=gap))
        manager = actors["managers"].get(business.pk)
        by = {
            "manager": manager,
            "association": actors["associations"].get(association_id),
            "organizer": actors["organizer"],
        }
        submitted = [
            at for step, at in zip(steps, times, strict=True) if step.status == S.SUBMITTED
        ]
        applications.append(
            Application(
                business=business,
                event=event,
                association_id=association_id,
                status=steps[-1].status,
                booth_size=wish.booth_size,
                booth_count=wish.booth_count,
                preferred_zone=wish.preferred_zone,
                needs_power=wish.needs_power,
                power_watts=wish.power_watts,
                needs_water=wish.needs_water,
                staff_count=wish.staff_count,
                notes=wish.notes,
                reason=steps[-1].reason,
                created_by_id=manager,
                created_at=times[0],
                submitted_at=submitted[-1] if submitted else None,
                status_changed_at=times[-1],
            )
        )
        history = [
            ApplicationTransition(
                from_status=steps[index - 1].status if index else "",
                to_status=step.status,
                actor_id=by[step.by],
                at=at,
                reason=step.reason,
            )
            for index, (step, at) in enumerate(zip(steps, times, strict=True))
        ]
        histories.append((history, products[business.pk][: wish.product_count]))
    Application.objects.bulk_create(applications, batch_size=1000)
    transitions, shown = [], []
    Shown = Application.products.through
    for application, (history, product_ids) in zip(applications, histories, strict=True):
        for transition in history:
            transition.application = application
            transitions.append(transition)
        shown.extend(Shown(application_id=application.pk, product_id=pk) for pk in product_ids)
    ApplicationTransition.objects.bulk_create(transitions, batch_size=1000)
    Shown.objects.bulk_create(shown, batch_size=1000)
    return len(applications)


def _actors(event: Event) -> dict:
    """Who did what in the history: demo logins where they exist, else the system (None)."""

    def grants(role, model):
        return RoleGrant.objects.filter(
            role=role, scope_type=ContentType.objects.get_for_model(model)
        ).order_by("pk")

    organizer = grants(Role.ORGANIZER, Event).filter(scope_id=event.pk).first()
    associations, managers = {}, {}
    for grant in grants(Role.ASSOCIATION_ADMIN, Association):
        associations.setdefault(grant.scope_id, grant.user_id)
    for grant in grants(Role.EXHIBITOR, Business):
        managers.setdefault(grant.scope_id, grant.user_id)
    return {
        "organizer": organizer.user_id if organizer else None,
        "associations": associations,
        "managers": managers,
    }


def _summary(event, businesses, created, applications_created, demo_business) -> DemoSummary:
    demo = Business.objects.filter(pk__in=[b.pk for b in businesses.values()])
    certificates = Certification.objects.filter(business__in=demo)
    expired = certificates.filter(expires_on__lt=timezone.localdate())
    statuses = dict(
        Application.objects.filter(event=event, business__in=demo)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return DemoSummary(
        businesses=len(businesses),
        businesses_created=created,
        products=Product.objects.filter(business__in=demo).count(),
        certificates=certificates.count(),
        expired_certificates=expired.count(),
        documents=Document.objects.filter(business__in=demo).count(),
        applications=sum(statuses.values()),
        applications_created=applications_created,
        statuses=statuses,
        demo_business=demo_business,
    )
