"""The words of the demo site, in Indonesian and English, as plain data.

Written for the demo edition (Hari UMKM Nasional at Pamedan Pura Mangkunegaran, Solo):
every person, business and quote here is made up. `cms.demo` turns these into pages.

Texts take a few `{placeholders}` filled from the edition by `facts()`: its name, venue,
dates, number of days, associations and booths, and the exhibitor registration window,
so the words stay true to the edition they are seeded for.

Body blocks are written as `(kind, value)` pairs that `cms.demo` turns into StreamField
data:

- ("rich_text", html)
- ("quote", {"quote", "name", "role"})
- ("image", {"image": picture key of cms.demo_images, "caption", "alt_text", "credit"})
- ("table", {"rows": [[…], …], "caption"}), the first row is the header; or
  ("table", {"source": "quotas", …}) for the edition's largest booth quotas
- ("cta", {"target", "title", "text", "button_label", "style"}), where target is one of
  "register" (visitor registration), "event", "programme", "associations", "directory",
  "news", "faq", "contact", "about"
- ("live_figures", {"heading"})
- ("accordion", {"heading", "items": [(title, html), …]})
"""

from __future__ import annotations

import datetime as dt

ID, EN = "id", "en"

MONTHS = {
    ID: [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    EN: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def day_month_year(value: dt.date | None, language: str) -> str:
    if value is None:
        return "—"
    return f"{value.day} {MONTHS[language][value.month - 1]} {value.year}"


def date_span(first: dt.date | None, last: dt.date | None, language: str) -> str:
    if first is None:
        return {ID: "tanggal menyusul", EN: "dates to be announced"}[language]
    if last is None or last == first:
        return day_month_year(first, language)
    months = MONTHS[language]
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {months[first.month - 1]} {first.year}"
    return f"{day_month_year(first, language)} – {day_month_year(last, language)}"


def grouped(number: int, language: str) -> str:
    return f"{number:,}".replace(",", "." if language == ID else ",")


def facts(
    *,
    edition: str,
    year: int,
    venue: str,
    first_day: dt.date | None,
    last_day: dt.date | None,
    day_count: int,
    associations: int,
    booths: int,
    registration_opens: dt.date | None,
    registration_closes: dt.date | None,
    language: str,
) -> dict:
    """The values the texts' placeholders take, in `language`."""
    return {
        "edition": edition,
        "year": year,
        "venue": venue,
        "dates": date_span(first_day, last_day, language),
        "first_day": day_month_year(first_day, language),
        "last_day": day_month_year(last_day, language),
        "days": day_count,
        "associations": associations,
        "booths": grouped(booths, language),
        "registration_opens": day_month_year(registration_opens, language),
        "registration_closes": day_month_year(registration_closes, language),
    }


def fill(value, values: dict):
    """`value` (a string, or lists, tuples and dicts of them) with its placeholders filled."""
    if isinstance(value, str):
        return value.format(**values)
    if isinstance(value, list):
        return [fill(item, values) for item in value]
    if isinstance(value, tuple):
        return tuple(fill(item, values) for item in value)
    if isinstance(value, dict):
        return {key: fill(item, values) for key, item in value.items()}
    return value


# The organizer ---------------------------------------------------------------------------

ORGANIZER = {
    "organizer_name": "Sekretariat Bersama Pameran UMKM Nusantara",
    "email": "panitia@pameran.test",
    "phone": "+62 271 555 0127",
    "whatsapp": "6281255500127",
    "address": (
        "Sekretariat Panitia Pameran (alamat demo)\n"
        "Jl. Ronggowarsito No. 83, Keprabon, Banjarsari\n"
        "Surakarta 57131, Jawa Tengah"
    ),
    "office_hours": "Senin–Jumat / Monday–Friday, 08.00–16.00 WIB",
    "instagram": "https://www.instagram.com/pameranumkm.demo",
    "facebook": "https://www.facebook.com/pameranumkm.demo",
    "x": "https://x.com/pameranumkm_demo",
    "youtube": "https://www.youtube.com/@pameranumkm.demo",
    "tiktok": "https://www.tiktok.com/@pameranumkm.demo",
    "footer_text_id": (
        "Pameran tahunan usaha mikro, kecil, dan menengah Indonesia, diselenggarakan "
        "bersama asosiasi UMKM, kementerian, dan pemerintah daerah. Ini situs demo: nama "
        "orang, usaha, dan angka di dalamnya rekaan."
    ),
    "footer_text_en": (
        "Indonesia's yearly exhibition of micro, small and medium enterprises, organised "
        "with the MSME associations, ministries and local government. This is a demo "
        "site: the people, businesses and figures in it are made up."
    ),
}
FROM_ADDRESS = "no-reply@pameran.test"

# Menus: (page key, Indonesian label, English label).
HEADER_LINKS = [
    ("event", "Edisi {year}", "{year} edition"),
    ("programme", "Acara", "Programme"),
    ("directory", "Peserta", "Exhibitors"),
    ("news", "Berita", "News"),
    ("faq", "Tanya jawab", "FAQ"),
    ("contact", "Kontak", "Contact"),
]
FOOTER_LINKS = [
    ("about", "Tentang pameran", "About the exhibition"),
    ("associations", "Asosiasi peserta", "Associations"),
    ("faq", "Tanya jawab", "FAQ"),
    ("contact", "Hubungi panitia", "Contact the organizers"),
]


# The home and event pages ----------------------------------------------------------------

HOME_EXTRA_BLOCKS = {
    ID: [
        (
            "cta",
            {
                "target": "register",
                "title": "Datang ke pameran, gratis",
                "text": (
                    "Daftar sebagai pengunjung dalam dua menit. Tiket dengan kode QR "
                    "dikirim ke surel Anda dan tersimpan di ponsel."
                ),
                "button_label": "Daftar sekarang",
                "style": "accent",
            },
        ),
        (
            "quote",
            {
                "quote": (
                    "Di pameran tahun lalu kami bertemu pembeli hotel dari Yogyakarta. Sejak "
                    "itu pesanan sambal kami datang setiap bulan."
                ),
                "name": "Endang Puspitasari",
                "role": "Pemilik usaha sambal rumahan, Klaten",
            },
        ),
    ],
    EN: [
        (
            "cta",
            {
                "target": "register",
                "title": "Come to the exhibition, free of charge",
                "text": (
                    "Register as a visitor in two minutes. Your pass with its QR code is "
                    "emailed to you and kept on your phone."
                ),
                "button_label": "Register now",
                "style": "accent",
            },
        ),
        (
            "quote",
            {
                "quote": (
                    "At last year's exhibition we met a hotel buyer from Yogyakarta. Since "
                    "then, orders for our sambal have come in every month."
                ),
                "name": "Endang Puspitasari",
                "role": "Owner of a home-made sambal business, Klaten",
            },
        ),
    ],
}

EVENT_EXTRA_BLOCKS = {
    ID: [
        (
            "table",
            {
                "caption": "Jam layanan di lokasi pameran (WIB)",
                "rows": [
                    ["Layanan", "Tempat", "Jam"],
                    ["Stan peserta", "Pendopo Barat, Pendopo Timur, Pamedan", "Sesuai jam buka"],
                    ["Zona kuliner", "Area Kuliner", "10.00–21.00"],
                    ["Temu bisnis", "Pendopo Timur dan Pendopo Barat", "10.00–16.30"],
                    ["Meja bantuan perizinan", "Pendopo Barat", "09.00–16.00"],
                    ["Informasi dan tiket hilang", "Gerbang Utara", "Sesuai jam buka"],
                ],
            },
        ),
        (
            "rich_text",
            "<h2>Cara menuju lokasi</h2>"
            "<p>{venue} berada di pusat Kota Solo. Dari Stasiun Solo Balapan, jaraknya "
            "sekitar dua kilometer ke arah selatan: sepuluh menit dengan taksi atau ojek "
            "daring. Dari Bandara Adi Soemarmo, perjalanan memakan waktu sekitar tiga puluh "
            "menit.</p>"
            "<ul><li><b>Gerbang Utara</b> di Jl. Ronggowarsito adalah pintu utama.</li>"
            "<li><b>Gerbang Selatan</b> di Jl. Kartini dekat dengan Pasar Triwindu.</li>"
            "<li><b>Gerbang Timur</b> melayani rombongan yang datang dengan bus.</li></ul>"
            "<p>Kantong parkir tersedia di sekitar Pasar Triwindu dan Jl. Diponegoro. Pada "
            "akhir pekan, kami sarankan naik kendaraan umum.</p>",
        ),
        (
            "cta",
            {
                "target": "directory",
                "title": "Cari peserta sebelum datang",
                "text": "Lihat siapa saja yang berpameran, produknya, dan nomor stannya.",
                "button_label": "Buka direktori peserta",
                "style": "light",
            },
        ),
    ],
    EN: [
        (
            "table",
            {
                "caption": "Service hours at the venue (WIB)",
                "rows": [
                    ["Service", "Where", "Hours"],
                    ["Exhibitors' booths", "West Pendopo, East Pendopo, Pamedan", "Opening hours"],
                    ["Culinary zone", "Culinary area", "10:00–21:00"],
                    ["Business matching", "East and West Pendopo", "10:00–16:30"],
                    ["Permit help desk", "West Pendopo", "09:00–16:00"],
                    ["Information and lost passes", "North Gate", "Opening hours"],
                ],
            },
        ),
        (
            "rich_text",
            "<h2>Getting there</h2>"
            "<p>{venue} lies in the centre of Solo. It is about two kilometres south of "
            "Solo Balapan railway station, ten minutes by taxi or ride-hailing motorbike. "
            "From Adi Soemarmo airport the ride takes about thirty minutes.</p>"
            "<ul><li>The <b>North Gate</b> on Jl. Ronggowarsito is the main entrance.</li>"
            "<li>The <b>South Gate</b> on Jl. Kartini is close to Triwindu market.</li>"
            "<li>The <b>East Gate</b> serves groups arriving by bus.</li></ul>"
            "<p>Parking is available around Triwindu market and on Jl. Diponegoro. At the "
            "weekend, we recommend public transport.</p>",
        ),
        (
            "cta",
            {
                "target": "directory",
                "title": "Look up the exhibitors before you come",
                "text": "See who is exhibiting, what they make and where their booth is.",
                "button_label": "Open the exhibitor directory",
                "style": "light",
            },
        ),
    ],
}


# Pages under the home and event pages ------------------------------------------------------

PAGES = {
    "news": {
        ID: {
            "title": "Berita",
            "slug": "berita",
            "intro": (
                "Kabar terbaru seputar {edition}: pendaftaran, program, temu bisnis, dan "
                "cerita para pelaku UMKM."
            ),
            "search_description": "Berita dan pengumuman {edition} di {venue}, Solo.",
        },
        EN: {
            "title": "News",
            "slug": "news",
            "intro": (
                "The latest on {edition}: registration, the programme, business matching and "
                "the stories of small businesses."
            ),
            "search_description": "News and announcements of {edition} at {venue}, Solo.",
        },
    },
    "faq": {
        ID: {
            "title": "Tanya jawab",
            "slug": "tanya-jawab",
            "intro": (
                "Jawaban atas pertanyaan yang paling sering kami terima dari pengunjung, "
                "peserta pameran, dan pembeli."
            ),
            "search_description": "Pertanyaan umum seputar kunjungan, pendaftaran peserta, "
            "dan temu bisnis {edition}.",
        },
        EN: {
            "title": "Frequently asked questions",
            "slug": "faq",
            "intro": (
                "Answers to the questions we hear most often from visitors, exhibitors and buyers."
            ),
            "search_description": "Common questions about visiting, exhibiting and business "
            "matching at {edition}.",
        },
    },
    "contact": {
        ID: {
            "title": "Kontak",
            "slug": "kontak",
            "intro": (
                "Ada pertanyaan tentang pendaftaran, stan, atau temu bisnis? Kirim pesan "
                "melalui formulir ini; tim sekretariat membalas pada hari kerja."
            ),
            "search_description": "Hubungi panitia {edition}.",
            "subject": "Pesan baru dari situs Pameran",
            "thank_you_text": (
                "<p>Terima kasih, pesan Anda sudah kami terima. Tim sekretariat akan "
                "membalas melalui surel dalam dua hari kerja.</p>"
            ),
        },
        EN: {
            "title": "Contact",
            "slug": "contact",
            "intro": (
                "Questions about registration, booths or business matching? Send us a "
                "message with this form; the secretariat replies on working days."
            ),
            "search_description": "Contact the organizers of {edition}.",
            "subject": "New message from the Pameran website",
            "thank_you_text": (
                "<p>Thank you, we have received your message. The secretariat will reply by "
                "email within two working days.</p>"
            ),
        },
    },
    "about": {
        ID: {
            "title": "Tentang pameran",
            "slug": "tentang",
            "intro": (
                "Pameran UMKM yang digelar setiap tahun untuk memperingati Hari UMKM "
                "Nasional: etalase produk daerah sekaligus ruang temu antara pelaku usaha, "
                "pembeli, dan pemerintah."
            ),
            "search_description": "Tentang pameran Hari UMKM Nasional: tujuan, penyelenggara, "
            "dan cara ikut serta.",
        },
        EN: {
            "title": "About the exhibition",
            "slug": "about",
            "intro": (
                "A small-business exhibition held every year to mark National MSME Day: a "
                "shop window for regional products and a meeting place for businesses, buyers "
                "and government."
            ),
            "search_description": "About the National MSME Day exhibition: its purpose, its "
            "organizers and how to take part.",
        },
    },
    "programme": {
        ID: {
            "title": "Jadwal acara",
            "slug": "acara",
            "intro": (
                "Talkshow, kelas praktik, demo masak, dan pentas seni di tiga panggung selama "
                "{days} hari pameran. Semua acara terbuka untuk pengunjung yang sudah "
                "terdaftar."
            ),
            "search_description": "Jadwal acara {edition}: {dates}.",
        },
        EN: {
            "title": "Programme",
            "slug": "programme",
            "intro": (
                "Talks, hands-on classes, cooking demonstrations and performances on three "
                "stages over the {days} days of the exhibition. Every session is open to "
                "registered visitors."
            ),
            "search_description": "The programme of {edition}: {dates}.",
        },
    },
    "associations": {
        ID: {
            "title": "Asosiasi peserta",
            "slug": "asosiasi",
            "intro": (
                "{associations} asosiasi UMKM membawa anggotanya ke {edition}. Setiap "
                "asosiasi mendapat kuota stan dan memverifikasi anggota yang mendaftar."
            ),
            "search_description": "Asosiasi UMKM yang ikut {edition} dan kuota stannya.",
        },
        EN: {
            "title": "Participating associations",
            "slug": "associations",
            "intro": (
                "{associations} small-business associations bring their members to "
                "{edition}. Each has a quota of booths and vouches for the members who apply."
            ),
            "search_description": "The associations taking part in {edition} and their booth "
            "quotas.",
        },
    },
    "directory": {
        ID: {
            "title": "Direktori peserta",
            "slug": "peserta",
            "intro": (
                "Cari peserta {edition} menurut nama, sektor, provinsi, atau asosiasi, lalu "
                "temukan stannya di denah pameran."
            ),
            "search_description": "Direktori peserta {edition}: produk dan lokasi stan.",
        },
        EN: {
            "title": "Exhibitor directory",
            "slug": "exhibitors",
            "intro": (
                "Find the exhibitors of {edition} by name, sector, province or association, "
                "then find their booth on the floor plan."
            ),
            "search_description": "The exhibitors of {edition}: their products and booths.",
        },
    },
}

ABOUT_BODY = {
    ID: [
        (
            "rich_text",
            "<h2>Mengapa pameran ini ada</h2>"
            "<p>Sebagian besar pelaku usaha di Indonesia adalah usaha mikro dan kecil. "
            "Produknya bagus, tetapi jalan menuju pembeli besar sering panjang: perizinan, "
            "kemasan, harga, hingga kepercayaan. Pameran ini memendekkan jalan itu selama "
            "beberapa hari, di satu tempat.</p>"
            "<p>Pengunjung berbelanja langsung dari pembuatnya. Pembeli dan offtaker bertemu "
            "peserta dalam sesi temu bisnis yang terjadwal. Kementerian dan lembaga membuka "
            "layanan pendampingan di lokasi. Setiap kesepakatan dicatat, sehingga hasilnya "
            "dapat dilaporkan dengan jujur.</p>"
            "<h2>Siapa penyelenggaranya</h2>"
            "<p>Pameran diselenggarakan oleh Sekretariat Bersama Pameran UMKM Nusantara "
            "bersama asosiasi UMKM peserta, dengan dukungan kementerian terkait dan "
            "Pemerintah Kota Surakarta.</p>",
        ),
        (
            "table",
            {
                "caption": "{edition} sekilas",
                "rows": [
                    ["", "{edition}"],
                    ["Tanggal", "{dates}"],
                    ["Lokasi", "{venue}, Solo"],
                    ["Asosiasi", "{associations}"],
                    ["Stan", "{booths}"],
                    ["Tiket pengunjung umum", "Gratis, dengan pendaftaran"],
                ],
            },
        ),
        (
            "quote",
            {
                "quote": (
                    "Ukuran keberhasilan kami sederhana: berapa banyak peserta yang pulang "
                    "membawa pembeli baru, bukan hanya berapa banyak pengunjung yang datang."
                ),
                "name": "Hartono Wibisono",
                "role": "Ketua Panitia {edition}",
            },
        ),
        (
            "cta",
            {
                "target": "contact",
                "title": "Ingin bermitra atau meliput?",
                "text": "Sekretariat melayani media, sponsor, dan mitra program.",
                "button_label": "Hubungi panitia",
                "style": "primary",
            },
        ),
    ],
    EN: [
        (
            "rich_text",
            "<h2>Why this exhibition exists</h2>"
            "<p>Most businesses in Indonesia are micro and small enterprises. Their products "
            "are good, but the road to large buyers is often long: permits, packaging, "
            "pricing and trust. For a few days, in one place, this exhibition makes that "
            "road shorter.</p>"
            "<p>Visitors buy straight from the makers. Buyers and offtakers meet exhibitors "
            "in scheduled business-matching sessions. Ministries and agencies run support "
            "desks on site. Every deal is recorded, so the results can be reported "
            "honestly.</p>"
            "<h2>Who organises it</h2>"
            "<p>The exhibition is organised by the Joint Secretariat of the Nusantara MSME "
            "Exhibition together with the participating associations, supported by the "
            "ministries concerned and the City of Surakarta.</p>",
        ),
        (
            "table",
            {
                "caption": "{edition} at a glance",
                "rows": [
                    ["", "{edition}"],
                    ["Dates", "{dates}"],
                    ["Venue", "{venue}, Solo"],
                    ["Associations", "{associations}"],
                    ["Booths", "{booths}"],
                    ["General visitor pass", "Free, with registration"],
                ],
            },
        ),
        (
            "quote",
            {
                "quote": (
                    "Our measure of success is simple: how many exhibitors go home with new "
                    "buyers, not only how many visitors came."
                ),
                "name": "Hartono Wibisono",
                "role": "Chair of the organizing committee, {edition}",
            },
        ),
        (
            "cta",
            {
                "target": "contact",
                "title": "Want to partner with us or cover the event?",
                "text": "The secretariat looks after the press, sponsors and programme partners.",
                "button_label": "Contact the organizers",
                "style": "primary",
            },
        ),
    ],
}

PROGRAMME_BODY = {
    ID: [
        (
            "rich_text",
            "<p>Jadwal dapat berubah. Perubahan diumumkan di halaman ini dan di papan "
            "informasi setiap gerbang.</p>",
        ),
        (
            "cta",
            {
                "target": "register",
                "title": "Belum punya tiket?",
                "text": "Pendaftaran pengunjung gratis; tiket QR dikirim ke surel Anda.",
                "button_label": "Daftar sekarang",
                "style": "accent",
            },
        ),
    ],
    EN: [
        (
            "rich_text",
            "<p>The programme may change. Changes are announced on this page and on the "
            "information boards at every gate.</p>",
        ),
        (
            "cta",
            {
                "target": "register",
                "title": "No pass yet?",
                "text": "Visitor registration is free; your QR pass is emailed to you.",
                "button_label": "Register now",
                "style": "accent",
            },
        ),
    ],
}


# The contact form ------------------------------------------------------------------------

# (clean name, field type, required, {language: (label, help text, choices)}). The clean
# names are the same in both languages, so submissions line up in one table.
CONTACT_FIELDS = [
    (
        "name",
        "singleline",
        True,
        {ID: ("Nama lengkap", "", ""), EN: ("Full name", "", "")},
    ),
    (
        "email",
        "email",
        True,
        {
            ID: ("Surel", "Kami membalas ke alamat ini.", ""),
            EN: ("Email", "We reply to this address.", ""),
        },
    ),
    (
        "organisation",
        "singleline",
        False,
        {
            ID: ("Nama usaha atau instansi", "Boleh dikosongkan.", ""),
            EN: ("Business or organisation", "Optional.", ""),
        },
    ),
    (
        "topic",
        "dropdown",
        True,
        {
            ID: (
                "Topik",
                "",
                "Pendaftaran pengunjung\nPendaftaran peserta pameran\nTemu bisnis dan pembeli\n"
                "Media dan kemitraan\nLainnya",
            ),
            EN: (
                "Topic",
                "",
                "Visitor registration\nExhibitor registration\nBusiness matching and buyers\n"
                "Press and partnerships\nOther",
            ),
        },
    ),
    (
        "message",
        "multiline",
        True,
        {ID: ("Pesan", "", ""), EN: ("Message", "", "")},
    ),
]


# The FAQ ---------------------------------------------------------------------------------

FAQ_BODY = {
    ID: [
        (
            "accordion",
            {
                "heading": "Untuk pengunjung",
                "items": [
                    (
                        "Apakah masuk pameran berbayar?",
                        "<p>Tidak. Pengunjung umum masuk gratis. Cukup mendaftar secara daring "
                        "dan tunjukkan kode QR pada tiket Anda di gerbang.</p>",
                    ),
                    (
                        "Bagaimana cara mendapatkan tiket masuk?",
                        "<p>Isi formulir pendaftaran pengunjung, pilih hari kedatangan, lalu "
                        "periksa surel Anda. Tiket berisi kode QR dan tautan ke halaman tiket "
                        "yang tetap bisa dibuka di ponsel meski sinyal lemah.</p>",
                    ),
                    (
                        "Bisakah satu tiket dipakai lebih dari satu hari?",
                        "<p>Bisa, untuk hari-hari yang Anda pilih saat mendaftar. Setiap hari "
                        "tiket dipindai sekali saat masuk; jika keluar sebentar, pindai lagi "
                        "di gerbang saat keluar agar bisa masuk kembali.</p>",
                    ),
                    (
                        "Jam berapa pameran buka?",
                        "<p>Pameran buka mulai pukul 09.00 WIB setiap hari, {dates}. Jam tutup "
                        "setiap hari tercantum di halaman pameran. Zona kuliner buka sampai "
                        "malam.</p>",
                    ),
                    (
                        "Saya guru. Bagaimana mendaftarkan rombongan sekolah?",
                        "<p>Gunakan jenis tiket Rombongan Pelajar: satu pendaftaran untuk "
                        "hingga 40 orang, dengan satu guru sebagai penanggung jawab. Bus "
                        "rombongan masuk lewat Gerbang Timur.</p>",
                    ),
                ],
            },
        ),
        (
            "accordion",
            {
                "heading": "Untuk peserta pameran",
                "items": [
                    (
                        "Siapa yang dapat menjadi peserta?",
                        "<p>Usaha mikro, kecil, dan menengah yang memiliki NIB dan menjadi "
                        "anggota salah satu asosiasi peserta. Pendaftaran dilakukan di portal "
                        "peserta, lalu diverifikasi oleh asosiasi sebelum ditinjau "
                        "panitia.</p>",
                    ),
                    (
                        "Berapa biaya sewa stan?",
                        "<p>Biaya bergantung pada jenis stan:</p><ul>"
                        "<li>Stan standar 3 × 3 m: Rp 2.500.000</li>"
                        "<li>Stan dobel 3 × 6 m: Rp 4.500.000</li>"
                        "<li>Stan kuliner dengan air bersih: Rp 3.000.000</li>"
                        "<li>Tenda luar ruang: Rp 1.500.000</li></ul>"
                        "<p>Sebagian peserta mendapat pembebasan biaya melalui program "
                        "pembinaan; asosiasi Anda akan memberi tahu bila berlaku.</p>",
                    ),
                    (
                        "Bagaimana cara membayar?",
                        "<p>Setelah stan ditetapkan, tagihan muncul di portal peserta. Bayar "
                        "dengan kartu atau transfer bank sebelum batas waktu yang tertera; "
                        "stan yang belum dibayar setelah batas waktu dapat dialihkan ke "
                        "peserta lain.</p>",
                    ),
                    (
                        "Bisakah saya memilih lokasi stan?",
                        "<p>Panitia menempatkan stan menurut sektor agar pengunjung mudah "
                        "mencari: kuliner di Area Kuliner, fesyen dan kriya di Pendopo Barat, "
                        "dan seterusnya. Permintaan khusus, misalnya stan bersebelahan, "
                        "disampaikan melalui asosiasi sebelum penetapan stan.</p>",
                    ),
                ],
            },
        ),
        (
            "accordion",
            {
                "heading": "Untuk pembeli dan offtaker",
                "items": [
                    (
                        "Bagaimana mendaftar sebagai pembeli bisnis?",
                        "<p>Pilih tiket Pembeli Bisnis saat mendaftar dan isi nama perusahaan "
                        "Anda. Panitia memeriksa pendaftaran sebelum tiket disetujui; setelah "
                        "itu Anda dapat masuk ke portal pembeli.</p>",
                    ),
                    (
                        "Bagaimana jadwal temu bisnis diatur?",
                        "<p>Di portal pembeli, pilih peserta yang ingin Anda temui dan ajukan "
                        "pertemuan. Setelah kedua pihak setuju, meja temu bisnis menempatkan "
                        "pertemuan pada sesi dan meja tertentu, lalu mengirim jadwalnya ke "
                        "kedua pihak.</p>",
                    ),
                    (
                        "Apakah kesepakatan dicatat dan dilaporkan?",
                        "<p>Ya. Setiap kesepakatan dicatat menurut jenisnya (penjualan ritel, "
                        "pesanan pembelian, kontrak, MoU, atau potensi) dan dikonfirmasi oleh "
                        "pihak lainnya. Kementerian hanya melihat jumlah dan nama usaha, "
                        "bukan data pribadi.</p>",
                    ),
                ],
            },
        ),
        (
            "rich_text",
            "<p>Pertanyaan Anda belum terjawab? Tulis kepada kami melalui halaman Kontak; "
            "sekretariat membalas pada hari kerja.</p>",
        ),
    ],
    EN: [
        (
            "accordion",
            {
                "heading": "For visitors",
                "items": [
                    (
                        "Do I have to pay to get in?",
                        "<p>No. General visitors get in free. Register online and show the QR "
                        "code on your pass at the gate.</p>",
                    ),
                    (
                        "How do I get a pass?",
                        "<p>Fill in the visitor registration form, choose the days you will "
                        "come, then check your email. The pass carries a QR code and a link to "
                        "a pass page that still opens on your phone when the signal is "
                        "weak.</p>",
                    ),
                    (
                        "Can one pass be used on more than one day?",
                        "<p>Yes, on the days you chose when registering. The pass is scanned "
                        "once on the way in each day; if you step out, have it scanned at the "
                        "gate on the way out so that you can come back in.</p>",
                    ),
                    (
                        "What are the opening hours?",
                        "<p>The exhibition opens at 09:00 WIB every day, {dates}. Each day's "
                        "closing time is on the edition's page. The culinary zone stays open "
                        "into the evening.</p>",
                    ),
                    (
                        "I am a teacher. How do I register a school group?",
                        "<p>Use the Student group pass: one registration for up to 40 people, "
                        "with one teacher responsible. Group buses enter through the East "
                        "Gate.</p>",
                    ),
                ],
            },
        ),
        (
            "accordion",
            {
                "heading": "For exhibitors",
                "items": [
                    (
                        "Who can exhibit?",
                        "<p>Micro, small and medium enterprises with a business number (NIB) "
                        "that belong to one of the participating associations. Apply in the "
                        "exhibitor portal; your association checks the application before "
                        "the organizers review it.</p>",
                    ),
                    (
                        "How much does a booth cost?",
                        "<p>It depends on the type of booth:</p><ul>"
                        "<li>Standard booth, 3 × 3 m: Rp 2.500.000</li>"
                        "<li>Double booth, 3 × 6 m: Rp 4.500.000</li>"
                        "<li>Culinary booth with running water: Rp 3.000.000</li>"
                        "<li>Outdoor tent: Rp 1.500.000</li></ul>"
                        "<p>Some exhibitors have the fee waived through a support programme; "
                        "your association will tell you if this applies.</p>",
                    ),
                    (
                        "How do I pay?",
                        "<p>Once your booth is assigned, the invoice appears in the exhibitor "
                        "portal. Pay by card or bank transfer before the date shown; a booth "
                        "left unpaid after that date may go to another exhibitor.</p>",
                    ),
                    (
                        "Can I choose where my booth is?",
                        "<p>The organizers place booths by sector so that visitors find their "
                        "way: food in the culinary area, fashion and crafts in the West "
                        "Pendopo, and so on. Special requests, such as neighbouring booths, go "
                        "through your association before booths are assigned.</p>",
                    ),
                ],
            },
        ),
        (
            "accordion",
            {
                "heading": "For buyers and offtakers",
                "items": [
                    (
                        "How do I register as a business buyer?",
                        "<p>Choose the Business buyer pass when registering and give your "
                        "company's name. The organizers check the registration before "
                        "approving the pass; you can then sign in to the buyer portal.</p>",
                    ),
                    (
                        "How are business-matching meetings scheduled?",
                        "<p>In the buyer portal, choose the exhibitors you want to meet and "
                        "request a meeting. Once both sides agree, the business-matching desk "
                        "places the meeting at a session and a table and sends the schedule "
                        "to both of you.</p>",
                    ),
                    (
                        "Are deals recorded and reported?",
                        "<p>Yes. Each deal is recorded by kind (retail sale, purchase order, "
                        "contract, MoU or potential deal) and confirmed by the other side. "
                        "Ministries see totals and business names, never personal data.</p>",
                    ),
                ],
            },
        ),
        (
            "rich_text",
            "<p>Still have a question? Write to us from the Contact page; the secretariat "
            "replies on working days.</p>",
        ),
    ],
}


# The programme ---------------------------------------------------------------------------

STAGES = {
    "main": {ID: "Panggung Utama", EN: "Main stage"},
    "class": {ID: "Ruang Kelas UMKM", EN: "MSME classroom"},
    "food": {ID: "Panggung Kuliner", EN: "Culinary stage"},
}

# (day index, starts, ends, stage, {language: (title, speakers, description)})
AGENDA = [
    (
        0,
        "09:00",
        "10:00",
        "main",
        {
            ID: (
                "Pembukaan {edition}",
                "Ketua Panitia, perwakilan kementerian, dan Pemerintah Kota Surakarta",
                "Tabuhan gamelan, kirab produk dari setiap asosiasi, dan peresmian pameran.",
            ),
            EN: (
                "Opening of {edition}",
                "The committee chair, ministry representatives and the City of Surakarta",
                "Gamelan, a parade of products from every association, and the official opening.",
            ),
        },
    ),
    (
        0,
        "10:30",
        "11:30",
        "main",
        {
            ID: (
                "Talkshow: Naik kelas bersama asosiasi",
                "Dewi Lestari, Agus Santoso",
                "Bagaimana asosiasi membantu anggotanya mendapatkan izin, pembeli, dan pembiayaan.",
            ),
            EN: (
                "Talk: Growing with your association",
                "Dewi Lestari, Agus Santoso",
                "How associations help their members with permits, buyers and financing.",
            ),
        },
    ),
    (
        0,
        "13:00",
        "14:30",
        "class",
        {
            ID: (
                "Klinik sertifikasi halal dan P-IRT",
                "Tim Meja Bantuan Perizinan",
                "Langkah mengurus sertifikat halal jalur pernyataan mandiri dan SPP-IRT untuk "
                "pangan olahan rumahan.",
            ),
            EN: (
                "Halal and P-IRT certification clinic",
                "The permit help desk team",
                "The steps to a self-declared halal certificate and a home-industry food "
                "permit (SPP-IRT).",
            ),
        },
    ),
    (
        0,
        "15:00",
        "16:00",
        "food",
        {
            ID: (
                "Demo masak: Nasi liwet Solo",
                "Chef Ratna Widyaningsih",
                "Memasak nasi liwet dengan santan dan daun salam, lengkap dengan areh dan "
                "suwiran ayam.",
            ),
            EN: (
                "Cooking demonstration: Solo nasi liwet",
                "Chef Ratna Widyaningsih",
                "Rice cooked in coconut milk and bay leaves, served with areh and shredded "
                "chicken.",
            ),
        },
    ),
    (
        0,
        "19:00",
        "20:30",
        "main",
        {
            ID: (
                "Pentas malam: Gamelan dan tari",
                "Sanggar Tari Sekar Kedhaton",
                "Gending dan tari klasik Surakarta di halaman pamedan.",
            ),
            EN: (
                "Evening performance: Gamelan and dance",
                "Sekar Kedhaton dance studio",
                "Classical Surakarta music and dance on the palace square.",
            ),
        },
    ),
    (
        1,
        "10:00",
        "11:30",
        "class",
        {
            ID: (
                "Kelas kesiapan ekspor: menghitung harga FOB",
                "Bambang Hermawan, pendamping ekspor",
                "Dari harga pabrik ke harga FOB: biaya kemasan, angkutan, dokumen, dan margin.",
            ),
            EN: (
                "Export readiness class: working out an FOB price",
                "Bambang Hermawan, export coach",
                "From the factory price to the FOB price: packaging, transport, papers and margin.",
            ),
        },
    ),
    (
        1,
        "13:00",
        "14:00",
        "main",
        {
            ID: (
                "Talkshow: Pembiayaan untuk usaha mikro",
                "Siti Rahmawati, Yoga Pratama",
                "Kredit usaha rakyat, koperasi, dan pembiayaan rantai pasok: mana yang cocok "
                "untuk usaha Anda.",
            ),
            EN: (
                "Talk: Financing for micro businesses",
                "Siti Rahmawati, Yoga Pratama",
                "People's business credit, cooperatives and supply-chain finance: which suits "
                "your business.",
            ),
        },
    ),
    (
        1,
        "14:30",
        "15:30",
        "class",
        {
            ID: (
                "Foto produk dengan ponsel",
                "Galih Saputra",
                "Cahaya jendela, latar sederhana, dan sudut yang membuat produk terlihat "
                "menarik di lokapasar.",
            ),
            EN: (
                "Product photos with your phone",
                "Galih Saputra",
                "Window light, plain backgrounds and angles that make products shine on "
                "marketplaces.",
            ),
        },
    ),
    (
        1,
        "16:00",
        "17:00",
        "food",
        {
            ID: (
                "Cupping kopi Nusantara",
                "Petani kopi dari Temanggung dan Gayo",
                "Mencicipi kopi dari empat daerah dan mengenal proses pascapanennya.",
            ),
            EN: (
                "Indonesian coffee cupping",
                "Coffee farmers from Temanggung and Gayo",
                "Tasting coffee from four regions and learning how it is processed after harvest.",
            ),
        },
    ),
    (
        1,
        "19:30",
        "20:30",
        "main",
        {
            ID: (
                "Peragaan busana batik dan tenun",
                "Perancang muda dari asosiasi peserta",
                "Koleksi wastra Nusantara karya peserta pameran.",
            ),
            EN: (
                "Batik and woven-cloth fashion show",
                "Young designers from the participating associations",
                "Collections of Indonesian textiles made by the exhibitors.",
            ),
        },
    ),
    (
        2,
        "10:00",
        "11:00",
        "main",
        {
            ID: (
                "Penjurian lomba desain kemasan",
                "Dewan juri dari kalangan desainer dan peritel",
                "Sepuluh finalis memaparkan kemasan produknya di depan juri.",
            ),
            EN: (
                "Packaging design competition: judging",
                "A jury of designers and retailers",
                "Ten finalists present their packaging to the jury.",
            ),
        },
    ),
    (
        2,
        "11:00",
        "12:00",
        "class",
        {
            ID: (
                "Berjualan di lokapasar",
                "Nadia Kurniasari",
                "Membuka toko daring, menulis deskripsi produk, dan mengatur ongkos kirim.",
            ),
            EN: (
                "Selling on online marketplaces",
                "Nadia Kurniasari",
                "Opening an online shop, writing product descriptions and setting shipping costs.",
            ),
        },
    ),
    (
        2,
        "13:00",
        "14:00",
        "food",
        {
            ID: (
                "Lomba sambal Nusantara",
                "Peserta dari zona kuliner",
                "Dua belas resep sambal dari berbagai daerah beradu rasa.",
            ),
            EN: (
                "Sambal competition",
                "Exhibitors from the culinary zone",
                "Twelve sambal recipes from across the country, tasted side by side.",
            ),
        },
    ),
    (
        2,
        "15:00",
        "16:30",
        "class",
        {
            ID: (
                "Kisah peserta: dari teras rumah ke pasar ekspor",
                "Sekar Ayuningtyas, Batik Sekar Arum",
                "Pengalaman satu usaha batik kecil menyiapkan pesanan pertamanya ke luar negeri.",
            ),
            EN: (
                "An exhibitor's story: from a front porch to export",
                "Sekar Ayuningtyas, Batik Sekar Arum",
                "How a small batik business prepared its first order for abroad.",
            ),
        },
    ),
    (
        2,
        "19:00",
        "21:00",
        "main",
        {
            ID: (
                "Malam keroncong",
                "Orkes Keroncong Bengawan Muda",
                "Lagu-lagu keroncong klasik dan baru untuk menutup akhir pekan.",
            ),
            EN: (
                "Keroncong evening",
                "Orkes Keroncong Bengawan Muda",
                "Classic and new keroncong songs for the weekend.",
            ),
        },
    ),
    (
        3,
        "09:30",
        "10:30",
        "food",
        {
            ID: (
                "Jajanan pasar untuk keluarga",
                "Ibu-ibu perajin kue dari Sukoharjo",
                "Membuat serabi dan klepon bersama anak-anak.",
            ),
            EN: (
                "Traditional snacks for the family",
                "Cake makers from Sukoharjo",
                "Making serabi pancakes and klepon with children.",
            ),
        },
    ),
    (
        3,
        "10:00",
        "11:30",
        "class",
        {
            ID: (
                "Mendaftarkan merek dagang",
                "Arief Nugroho, konsultan kekayaan intelektual",
                "Mengapa merek perlu didaftarkan dan bagaimana memeriksa merek yang sudah ada.",
            ),
            EN: (
                "Registering your trademark",
                "Arief Nugroho, intellectual-property consultant",
                "Why a brand should be registered, and how to check the brands already on file.",
            ),
        },
    ),
    (
        3,
        "13:00",
        "14:00",
        "main",
        {
            ID: (
                "Pengumuman pemenang lomba",
                "Dewan juri",
                "Pemenang lomba desain kemasan, lomba sambal, dan stan terbaik.",
            ),
            EN: (
                "Competition winners",
                "The juries",
                "Winners of the packaging design and sambal competitions, and the best booth.",
            ),
        },
    ),
    (
        3,
        "14:00",
        "15:00",
        "class",
        {
            ID: (
                "Membatik untuk keluarga",
                "Perajin batik dari Laweyan",
                "Mencoba canting dan malam pada selembar kain kecil untuk dibawa pulang.",
            ),
            EN: (
                "Batik making for the family",
                "Batik makers from Laweyan",
                "Trying the canting and wax on a small cloth to take home.",
            ),
        },
    ),
    (
        3,
        "15:30",
        "16:30",
        "main",
        {
            ID: (
                "Penutupan dan laporan angka pameran",
                "Ketua Panitia",
                "Jumlah pengunjung, peserta, dan transaksi temu bisnis selama pameran.",
            ),
            EN: (
                "Closing and the exhibition in figures",
                "The committee chair",
                "Visitors, exhibitors and business-matching deals over the whole exhibition.",
            ),
        },
    ),
]


# News ------------------------------------------------------------------------------------

AUTHORS = ["Laras Wulandari", "Bayu Prasetyo", "Rina Kusumawardani", "Dimas Ardiansyah"]

# Each article: key, days before (negative) or after the first day of the edition, lead
# image, author, tags and texts per language. The English text translates the Indonesian.
NEWS = [
    {
        "key": "registration-opens",
        "offset": -284,
        "image": "ceplok",
        "author": AUTHORS[0],
        "tags": {ID: ["pendaftaran", "peserta pameran"], EN: ["registration", "exhibitors"]},
        ID: {
            "slug": "pendaftaran-peserta-dibuka",
            "title": "Pendaftaran peserta {edition} resmi dibuka",
            "intro": (
                "Pelaku UMKM dapat mendaftar sebagai peserta pameran melalui asosiasinya mulai "
                "{registration_opens} hingga {registration_closes}. Seluruh prosesnya daring."
            ),
            "caption": "Motif ceplok, salah satu ragam hias batik klasik (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Panitia {edition} membuka pendaftaran peserta pameran bagi usaha "
                    "mikro, kecil, dan menengah dari seluruh Indonesia. Pameran berlangsung "
                    "pada {dates} di {venue}, Solo, dengan {booths} stan untuk "
                    "{associations} asosiasi UMKM.</p>"
                    "<h2>Cara mendaftar</h2>"
                    "<ol><li>Buat akun di portal peserta dengan alamat surel yang aktif.</li>"
                    "<li>Lengkapi profil usaha: NIB, skala usaha, sektor, provinsi, dan produk "
                    "unggulan.</li>"
                    "<li>Pilih asosiasi yang menaungi usaha Anda. Asosiasi memeriksa dan "
                    "menyetujui pendaftaran anggotanya.</li>"
                    "<li>Unggah dokumen pendukung, seperti foto produk dan sertifikat yang "
                    "sudah dimiliki.</li></ol>"
                    "<p>Setelah asosiasi memverifikasi, panitia meninjau pendaftaran dan "
                    "menetapkan stan menurut sektor. Setiap perubahan status dikabarkan "
                    "melalui surel.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "Tahapan menuju pameran",
                        "rows": [
                            ["Tahap", "Waktu"],
                            ["Pendaftaran dibuka", "{registration_opens}"],
                            ["Pendaftaran ditutup", "{registration_closes}"],
                            ["Penetapan stan", "Juli {year}"],
                            ["Pameran", "{dates}"],
                        ],
                    },
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "Kami ingin pendaftaran semudah mungkin. Pelaku usaha cukup "
                            "menyiapkan NIB dan foto produk; selebihnya dibantu asosiasi."
                        ),
                        "name": "Wulan Pratiwi",
                        "role": "Koordinator Peserta, Panitia {edition}",
                    },
                ),
                (
                    "cta",
                    {
                        "target": "event",
                        "title": "Siap ikut berpameran?",
                        "text": "Baca syarat dan alur pendaftaran peserta di halaman pameran.",
                        "button_label": "Lihat cara mendaftar",
                        "style": "primary",
                    },
                ),
            ],
        },
        EN: {
            "slug": "exhibitor-registration-opens",
            "title": "Exhibitor registration for {edition} is open",
            "intro": (
                "Small businesses can apply to exhibit through their association from "
                "{registration_opens} until {registration_closes}. The whole process is online."
            ),
            "caption": "A ceplok motif, one of the classic batik patterns (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>The organizers of {edition} have opened registration for micro, small "
                    "and medium enterprises from all over Indonesia. The exhibition takes "
                    "place on {dates} at {venue}, Solo, with {booths} booths for "
                    "{associations} small-business associations.</p>"
                    "<h2>How to apply</h2>"
                    "<ol><li>Create an account in the exhibitor portal with an email address "
                    "you use.</li>"
                    "<li>Complete your business profile: business number (NIB), size, sector, "
                    "province and main products.</li>"
                    "<li>Choose the association your business belongs to. The association "
                    "checks and approves its members' applications.</li>"
                    "<li>Upload supporting documents, such as product photos and any "
                    "certificates you hold.</li></ol>"
                    "<p>Once the association has vouched for you, the organizers review the "
                    "application and assign booths by sector. Every change of status is sent "
                    "to you by email.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "The road to the exhibition",
                        "rows": [
                            ["Step", "When"],
                            ["Registration opens", "{registration_opens}"],
                            ["Registration closes", "{registration_closes}"],
                            ["Booths assigned", "July {year}"],
                            ["Exhibition", "{dates}"],
                        ],
                    },
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "We want registration to be as easy as possible. Businesses only "
                            "need their NIB and product photos; their association helps with "
                            "the rest."
                        ),
                        "name": "Wulan Pratiwi",
                        "role": "Exhibitor coordinator, {edition}",
                    },
                ),
                (
                    "cta",
                    {
                        "target": "event",
                        "title": "Ready to exhibit?",
                        "text": "Read the requirements and the steps on the edition's page.",
                        "button_label": "See how to apply",
                        "style": "primary",
                    },
                ),
            ],
        },
    },
    {
        "key": "associations-and-quotas",
        "offset": -250,
        "image": "kawung-krem",
        "author": AUTHORS[1],
        "tags": {ID: ["asosiasi", "kuota stan"], EN: ["associations", "booth quotas"]},
        ID: {
            "slug": "asosiasi-dan-kuota-stan",
            "title": "{associations} asosiasi UMKM berbagi {booths} stan",
            "intro": (
                "Kuota stan dibagi menurut jumlah anggota dan sektor setiap asosiasi. Asosiasi "
                "juga menjadi pintu pertama bagi anggotanya untuk mendaftar."
            ),
            "caption": "Motif kawung pada latar krem (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Tahun ini {associations} asosiasi UMKM ikut serta dalam {edition}, dari "
                    "asosiasi lintas sektor sampai himpunan perajin, petani, dan pengusaha "
                    "muda. Panitia membagi {booths} stan di antara mereka.</p>"
                    "<h2>Bagaimana kuota ditentukan</h2>"
                    "<p>Asosiasi dengan anggota terbanyak mendapat kuota lebih besar, tetapi "
                    "setiap asosiasi mendapat tempat. Kuota bukan jaminan: asosiasi tetap "
                    "memilih anggota yang siap berpameran, dan panitia meninjau setiap "
                    "pendaftaran.</p>",
                ),
                ("table", {"source": "quotas", "caption": "Kuota stan terbesar"}),
                (
                    "rich_text",
                    "<p>Admin setiap asosiasi dapat melihat kuotanya, anggota yang sudah "
                    "mendaftar, dan stan yang telah terisi melalui portal asosiasi. Stan yang "
                    "tidak terpakai setelah batas pendaftaran dapat dialihkan ke asosiasi yang "
                    "masih memiliki daftar tunggu.</p>",
                ),
                (
                    "cta",
                    {
                        "target": "associations",
                        "title": "Kenali asosiasi peserta",
                        "text": "Profil singkat, sektor, dan jumlah stan setiap asosiasi.",
                        "button_label": "Lihat daftar asosiasi",
                        "style": "light",
                    },
                ),
            ],
        },
        EN: {
            "slug": "associations-and-booth-quotas",
            "title": "{associations} small-business associations share {booths} booths",
            "intro": (
                "Booth quotas follow each association's membership and sector. The "
                "association is also where its members start their application."
            ),
            "caption": "A kawung motif on a cream ground (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>This year {associations} small-business associations take part in "
                    "{edition}, from associations across all sectors to groups of craftspeople, "
                    "farmers and young entrepreneurs. The organizers share {booths} booths "
                    "among them.</p>"
                    "<h2>How the quotas are set</h2>"
                    "<p>Associations with the most members receive larger quotas, but every "
                    "association has a place. A quota is not a guarantee: associations still "
                    "choose the members who are ready to exhibit, and the organizers review "
                    "every application.</p>",
                ),
                ("table", {"source": "quotas", "caption": "The largest booth quotas"}),
                (
                    "rich_text",
                    "<p>Each association's administrators see its quota, the members who have "
                    "applied and the booths already taken in the association portal. Booths "
                    "left unused after registration closes may go to associations that still "
                    "have a waiting list.</p>",
                ),
                (
                    "cta",
                    {
                        "target": "associations",
                        "title": "Meet the participating associations",
                        "text": "A short profile, the sector and the booths of each association.",
                        "button_label": "See the associations",
                        "style": "light",
                    },
                ),
            ],
        },
    },
    {
        "key": "permit-help-desk",
        "offset": -200,
        "image": "ceplok-daun",
        "author": AUTHORS[2],
        "tags": {
            ID: ["sertifikasi halal", "P-IRT", "perizinan"],
            EN: ["halal certification", "P-IRT", "permits"],
        },
        ID: {
            "slug": "meja-bantuan-perizinan",
            "title": "Meja bantuan perizinan: NIB, P-IRT, dan sertifikat halal di lokasi pameran",
            "intro": (
                "Pelaku usaha yang belum memiliki izin edar atau sertifikat halal dapat "
                "berkonsultasi dan mulai mengurusnya secara kolektif selama pameran."
            ),
            "caption": "Motif ceplok pada latar hijau daun (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Banyak usaha kuliner dan herbal rumahan sudah punya pelanggan setia, "
                    "tetapi belum bisa masuk toko modern karena izinnya belum lengkap. Untuk "
                    "itu {edition} membuka meja bantuan perizinan di Pendopo Barat setiap hari "
                    "pameran.</p>"
                    "<p>Petugas membantu pelaku usaha memeriksa izin apa yang dibutuhkan "
                    "produknya, mengisi permohonan, dan menyiapkan dokumen. Pengurusan "
                    "dilakukan secara kolektif melalui asosiasi, sehingga lebih cepat dan "
                    "murah dibanding sendiri-sendiri.</p>",
                ),
                (
                    "accordion",
                    {
                        "heading": "Izin yang bisa dikonsultasikan",
                        "items": [
                            (
                                "NIB (Nomor Induk Berusaha)",
                                "<p>Identitas usaha yang diterbitkan melalui sistem OSS. "
                                "Bawa KTP dan, bila ada, NPWP. NIB menjadi syarat untuk izin "
                                "lainnya.</p>",
                            ),
                            (
                                "SPP-IRT untuk pangan olahan rumahan",
                                "<p>Untuk pangan olahan dengan risiko rendah yang diproduksi di "
                                "rumah, seperti keripik, kue kering, dan sambal kemasan. "
                                "Pemilik usaha perlu mengikuti penyuluhan keamanan pangan; "
                                "jadwalnya dapat didaftarkan di meja bantuan.</p>",
                            ),
                            (
                                "Sertifikat halal",
                                "<p>Usaha mikro dan kecil dengan bahan dan proses sederhana "
                                "dapat menempuh jalur pernyataan mandiri bersama pendamping "
                                "proses produk halal. Siapkan daftar bahan, pemasok, dan alur "
                                "produksi.</p>",
                            ),
                            (
                                "Izin edar BPOM",
                                "<p>Untuk produk yang memerlukan pengawasan lebih ketat, "
                                "misalnya minuman serbuk, kosmetik, atau pangan dengan umur "
                                "simpan panjang. Konsultasi membantu menentukan jalur yang "
                                "tepat.</p>",
                            ),
                        ],
                    },
                ),
                (
                    "table",
                    {
                        "caption": "Jadwal layanan meja bantuan (WIB)",
                        "rows": [
                            ["Layanan", "Hari", "Jam"],
                            ["NIB melalui OSS", "Setiap hari pameran", "09.00–16.00"],
                            ["Konsultasi SPP-IRT", "Setiap hari pameran", "10.00–15.00"],
                            ["Pendampingan halal", "Setiap hari pameran", "10.00–16.00"],
                            ["Konsultasi izin edar BPOM", "Dua hari pertama", "13.00–16.00"],
                        ],
                    },
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "Banyak usaha rumahan sebenarnya sudah memenuhi syarat. Yang "
                            "kurang biasanya hanya waktu dan seseorang yang mendampingi."
                        ),
                        "name": "Yusuf Hamdani",
                        "role": "Koordinator Meja Bantuan Perizinan",
                    },
                ),
            ],
        },
        EN: {
            "slug": "permit-help-desk",
            "title": "Permit help desk: NIB, P-IRT and halal certificates at the exhibition",
            "intro": (
                "Businesses that do not yet have a product permit or a halal certificate can "
                "get advice and start the paperwork together during the exhibition."
            ),
            "caption": "A ceplok motif on a leaf-green ground (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>Many home-made food and herbal businesses already have loyal "
                    "customers, but cannot get into modern shops because their permits are "
                    "incomplete. That is why {edition} runs a permit help desk in the West "
                    "Pendopo on every day of the exhibition.</p>"
                    "<p>The staff help businesses work out which permits their products need, "
                    "fill in the applications and prepare the documents. Applications go in "
                    "together through the associations, which is quicker and cheaper than "
                    "going alone.</p>",
                ),
                (
                    "accordion",
                    {
                        "heading": "Permits you can ask about",
                        "items": [
                            (
                                "NIB (business identification number)",
                                "<p>The business's identity, issued through the OSS system. "
                                "Bring your ID card and, if you have one, your tax number. "
                                "The NIB is needed for every other permit.</p>",
                            ),
                            (
                                "SPP-IRT for home-made processed food",
                                "<p>For low-risk processed food made at home, such as chips, "
                                "biscuits and bottled sambal. The owner has to attend a food "
                                "safety course; you can book a place at the help desk.</p>",
                            ),
                            (
                                "Halal certificate",
                                "<p>Micro and small businesses with simple ingredients and "
                                "processes can take the self-declaration route with a halal "
                                "process assistant. Bring a list of ingredients, suppliers "
                                "and production steps.</p>",
                            ),
                            (
                                "BPOM product permit",
                                "<p>For products that need closer supervision, such as "
                                "powdered drinks, cosmetics or food with a long shelf life. "
                                "The consultation helps you find the right route.</p>",
                            ),
                        ],
                    },
                ),
                (
                    "table",
                    {
                        "caption": "Help desk hours (WIB)",
                        "rows": [
                            ["Service", "Days", "Hours"],
                            ["NIB through OSS", "Every day of the exhibition", "09:00–16:00"],
                            ["SPP-IRT advice", "Every day of the exhibition", "10:00–15:00"],
                            ["Halal assistance", "Every day of the exhibition", "10:00–16:00"],
                            ["BPOM permit advice", "The first two days", "13:00–16:00"],
                        ],
                    },
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "Many home businesses already meet the requirements. What they "
                            "usually lack is time, and someone to walk them through it."
                        ),
                        "name": "Yusuf Hamdani",
                        "role": "Coordinator of the permit help desk",
                    },
                ),
            ],
        },
    },
    {
        "key": "export-clinic",
        "offset": -170,
        "image": "ekspor",
        "author": AUTHORS[3],
        "tags": {ID: ["ekspor", "pendampingan"], EN: ["export", "coaching"]},
        ID: {
            "slug": "klinik-kesiapan-ekspor",
            "title": "Klinik kesiapan ekspor: dari harga FOB sampai label kemasan",
            "intro": (
                "Peserta yang ingin menembus pasar luar negeri dapat mengikuti klinik "
                "kesiapan ekspor sebelum bertemu pembeli mancanegara di sesi temu bisnis."
            ),
            "caption": "Peti produk UMKM menunggu kapal (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Pembeli dari luar negeri jarang memesan hanya karena produknya cantik. "
                    "Mereka bertanya tentang kapasitas produksi, konsistensi mutu, harga "
                    "dalam syarat penyerahan tertentu, dan dokumen. Klinik kesiapan ekspor "
                    "membantu peserta menyiapkan jawabannya.</p>"
                    "<p>Klinik dipandu pendamping program ekspor pemerintah dan eksportir yang "
                    "sudah berpengalaman. Setiap peserta mendapat sesi empat mata selama tiga "
                    "puluh menit untuk membedah satu produk.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "Materi klinik",
                        "rows": [
                            ["Topik", "Yang perlu dibawa"],
                            ["Harga ekspor (EXW dan FOB)", "Rincian biaya produksi per unit"],
                            ["Kapasitas dan mutu", "Jumlah produksi per bulan, contoh produk"],
                            ["Kemasan dan label", "Kemasan yang dipakai sekarang"],
                            ["Dokumen ekspor", "NIB dan sertifikat yang sudah dimiliki"],
                        ],
                    },
                ),
                (
                    "rich_text",
                    "<h2>Cara mendaftar</h2>"
                    "<p>Tempat terbatas. Peserta pameran mendaftar melalui portal peserta "
                    "setelah stannya ditetapkan; prioritas diberikan kepada usaha yang sudah "
                    "menerima permintaan dari pembeli luar negeri.</p>",
                ),
                (
                    "cta",
                    {
                        "target": "programme",
                        "title": "Kelas ekspor di jadwal acara",
                        "text": "Kelas umum tentang harga FOB terbuka untuk semua pengunjung.",
                        "button_label": "Lihat jadwal acara",
                        "style": "accent",
                    },
                ),
            ],
        },
        EN: {
            "slug": "export-readiness-clinic",
            "title": "Export readiness clinic: from FOB prices to packaging labels",
            "intro": (
                "Exhibitors who want to sell abroad can attend an export readiness clinic "
                "before they meet foreign buyers in the business-matching sessions."
            ),
            "caption": "Crates of small-business products waiting for the ship (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>Foreign buyers rarely order just because a product is beautiful. They "
                    "ask about production capacity, consistent quality, prices under given "
                    "delivery terms, and papers. The export readiness clinic helps exhibitors "
                    "prepare their answers.</p>"
                    "<p>The clinic is run by coaches from the government's export programme "
                    "and by experienced exporters. Each exhibitor gets a thirty-minute "
                    "one-to-one session to take one product apart.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "What the clinic covers",
                        "rows": [
                            ["Topic", "What to bring"],
                            ["Export prices (EXW and FOB)", "Production costs per unit"],
                            ["Capacity and quality", "Monthly output, product samples"],
                            ["Packaging and labels", "The packaging you use now"],
                            ["Export papers", "Your NIB and any certificates you hold"],
                        ],
                    },
                ),
                (
                    "rich_text",
                    "<h2>How to sign up</h2>"
                    "<p>Places are limited. Exhibitors sign up in the exhibitor portal once "
                    "their booth is assigned; businesses that already have enquiries from "
                    "abroad come first.</p>",
                ),
                (
                    "cta",
                    {
                        "target": "programme",
                        "title": "Export class in the programme",
                        "text": "A general class on FOB prices is open to every visitor.",
                        "button_label": "See the programme",
                        "style": "accent",
                    },
                ),
            ],
        },
    },
    {
        "key": "batik-story",
        "offset": -140,
        "image": "parang-bata",
        "author": AUTHORS[0],
        "tags": {ID: ["kisah UMKM", "batik"], EN: ["business stories", "batik"]},
        ID: {
            "slug": "kisah-batik-sekar-arum",
            "title": "Dari teras rumah di Laweyan: kisah Batik Sekar Arum",
            "intro": (
                "Berawal dari tiga perajin dan satu meja cap, usaha batik milik Sekar "
                "Ayuningtyas kini mempekerjakan delapan belas orang dan bersiap menemui pembeli "
                "dari luar negeri."
            ),
            "caption": "Motif parang berwarna bata (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Tujuh tahun lalu, Sekar Ayuningtyas menjual batik cap buatan ibunya "
                    "lewat grup percakapan tetangga. Pesanan pertama datang dari seorang guru "
                    "yang membutuhkan seragam untuk acara sekolah. Teras rumahnya di Laweyan "
                    "pun berubah menjadi bengkel kerja.</p>"
                    "<p>Kini Batik Sekar Arum mempekerjakan delapan belas orang, sebagian "
                    "besar perempuan dari kampung sekitar. Motif parang dan kawung tetap "
                    "menjadi andalan, tetapi warnanya dibuat lebih muda agar disukai pembeli "
                    "berusia dua puluhan.</p>",
                ),
                (
                    "image",
                    {
                        "image": "jemuran",
                        "caption": "Kain kawung, parang, ceplok, dan truntum dijemur di halaman "
                        "bengkel Batik Sekar Arum (ilustrasi)",
                        "alt_text": "Empat helai kain batik bermotif berbeda tergantung pada "
                        "sebatang bambu",
                        "credit": "Ilustrasi demo",
                    },
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "Dulu saya mengira ekspor itu urusan pabrik besar. Ternyata yang "
                            "dicari pembeli adalah cerita di balik kain dan kepastian bahwa "
                            "kami bisa mengirim tepat waktu."
                        ),
                        "name": "Sekar Ayuningtyas",
                        "role": "Pemilik Batik Sekar Arum",
                    },
                ),
                (
                    "rich_text",
                    "<p>Di {edition}, Sekar akan membawa koleksi selendang dan kemeja, lalu "
                    "mengikuti sesi temu bisnis ekspor. Ia juga akan berbagi pengalamannya di "
                    "Ruang Kelas UMKM.</p>"
                    "<p><i>Batik Sekar Arum dan pemiliknya adalah tokoh rekaan untuk situs "
                    "demo ini.</i></p>",
                ),
                (
                    "cta",
                    {
                        "target": "directory",
                        "title": "Temukan peserta lainnya",
                        "text": "Batik, tenun, kopi, jamu, kriya, dan ratusan produk lain.",
                        "button_label": "Buka direktori peserta",
                        "style": "primary",
                    },
                ),
            ],
        },
        EN: {
            "slug": "story-of-batik-sekar-arum",
            "title": "From a front porch in Laweyan: the story of Batik Sekar Arum",
            "intro": (
                "It began with three batik makers and one stamping table. Today Sekar "
                "Ayuningtyas's batik business employs eighteen people and is getting ready to "
                "meet buyers from abroad."
            ),
            "caption": "A brick-red parang motif (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>Seven years ago, Sekar Ayuningtyas sold stamped batik made by her "
                    "mother through her neighbours' chat group. The first order came from a "
                    "teacher who needed uniforms for a school event. Her front porch in "
                    "Laweyan soon became a workshop.</p>"
                    "<p>Today Batik Sekar Arum employs eighteen people, most of them women "
                    "from the neighbourhood. The parang and kawung motifs remain its "
                    "mainstays, but in lighter colours that appeal to buyers in their "
                    "twenties.</p>",
                ),
                (
                    "image",
                    {
                        "image": "jemuran",
                        "caption": "Kawung, parang, ceplok and truntum cloths drying in the "
                        "yard of Batik Sekar Arum's workshop (illustration)",
                        "alt_text": "Four batik cloths with different motifs hanging from a "
                        "bamboo pole",
                        "credit": "Demo illustration",
                    },
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "I used to think exporting was for big factories. It turns out "
                            "buyers look for the story behind the cloth, and the certainty "
                            "that we can ship on time."
                        ),
                        "name": "Sekar Ayuningtyas",
                        "role": "Owner of Batik Sekar Arum",
                    },
                ),
                (
                    "rich_text",
                    "<p>At {edition}, Sekar will bring her shawls and shirts, then join the "
                    "export business-matching sessions. She will also share her story in the "
                    "MSME classroom.</p>"
                    "<p><i>Batik Sekar Arum and its owner are made up for this demo "
                    "site.</i></p>",
                ),
                (
                    "cta",
                    {
                        "target": "directory",
                        "title": "Find more exhibitors",
                        "text": "Batik, woven cloth, coffee, jamu, crafts and hundreds more.",
                        "button_label": "Open the exhibitor directory",
                        "style": "primary",
                    },
                ),
            ],
        },
    },
    {
        "key": "business-matching",
        "offset": -100,
        "image": "temu-bisnis",
        "author": AUTHORS[1],
        "tags": {
            ID: ["temu bisnis", "ekspor", "pembeli"],
            EN: ["business matching", "export", "buyers"],
        },
        ID: {
            "slug": "temu-bisnis-pembeli-dan-atase",
            "title": "Temu bisnis mempertemukan UMKM dengan pembeli dan atase perdagangan",
            "intro": (
                "Selama pameran, ruang temu bisnis menjadwalkan pertemuan antara peserta dan "
                "pembeli dalam negeri maupun mancanegara, termasuk yang didatangkan ITPC dan "
                "atase perdagangan."
            ),
            "caption": "Meja-meja temu bisnis siap menerima peserta dan pembeli (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Jaringan ritel, grup hotel, BUMN, eksportir, lokapasar, dan pembeli "
                    "pemerintah sudah menyatakan ikut temu bisnis {edition}. Pembeli dari "
                    "Jepang, Uni Emirat Arab, dan Belanda datang bersama perwakilan dagang "
                    "Indonesia di negara masing-masing.</p>"
                    "<h2>Cara kerjanya</h2>"
                    "<p>Pembeli dan peserta saling mengajukan pertemuan melalui portal. Setelah "
                    "kedua pihak setuju, meja temu bisnis menempatkan mereka pada sesi dan meja "
                    "tertentu. Pertemuan berlangsung singkat dan terfokus; tindak lanjutnya "
                    "dicatat.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "Sesi temu bisnis setiap hari (WIB)",
                        "rows": [
                            ["Sesi", "Jam", "Tempat"],
                            [
                                "Temu Bisnis Pasar Domestik",
                                "10.00–12.00",
                                "Ruang Temu Bisnis, Pendopo Timur",
                            ],
                            ["Temu Bisnis Ekspor", "13.30–16.30", "Ruang Ekspor, Pendopo Barat"],
                        ],
                    },
                ),
                (
                    "rich_text",
                    "<p>Setiap kesepakatan dicatat menurut jenisnya: penjualan ritel, pesanan "
                    "pembelian, kontrak, MoU, atau potensi transaksi. Jenis-jenis itu "
                    "dilaporkan terpisah dan tidak dijumlahkan begitu saja, sehingga angka "
                    "yang diumumkan mencerminkan apa yang benar-benar disepakati.</p>",
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "Kami datang mencari pemasok yang bisa dipercaya untuk jangka "
                            "panjang. Pertemuan dua puluh menit cukup untuk tahu apakah kami "
                            "perlu berkunjung ke bengkel mereka."
                        ),
                        "name": "Anindya Paramitha",
                        "role": "Kurator produk, jaringan toko suvenir",
                    },
                ),
                (
                    "cta",
                    {
                        "target": "directory",
                        "title": "Pembeli: pilih peserta yang ingin Anda temui",
                        "text": "Telusuri peserta menurut sektor dan provinsi.",
                        "button_label": "Buka direktori peserta",
                        "style": "light",
                    },
                ),
            ],
        },
        EN: {
            "slug": "business-matching-buyers-and-attaches",
            "title": (
                "Business matching brings small businesses together with buyers and trade attachés"
            ),
            "intro": (
                "During the exhibition, the business-matching desk schedules meetings between "
                "exhibitors and buyers from Indonesia and abroad, including those brought by "
                "the ITPCs and trade attachés."
            ),
            "caption": "Business-matching tables ready for exhibitors and buyers (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>Retail chains, hotel groups, state-owned companies, exporters, online "
                    "marketplaces and government buyers have signed up for business matching "
                    "at {edition}. Buyers from Japan, the United Arab Emirates and the "
                    "Netherlands come with Indonesia's trade representatives in their "
                    "countries.</p>"
                    "<h2>How it works</h2>"
                    "<p>Buyers and exhibitors request meetings with each other in the portal. "
                    "Once both sides agree, the desk places them at a session and a table. "
                    "Meetings are short and focused; what follows from them is recorded.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "Business-matching sessions every day (WIB)",
                        "rows": [
                            ["Session", "Hours", "Where"],
                            [
                                "Domestic market matching",
                                "10:00–12:00",
                                "Business lounge, East Pendopo",
                            ],
                            ["Export matching", "13:30–16:30", "Export room, West Pendopo"],
                        ],
                    },
                ),
                (
                    "rich_text",
                    "<p>Every deal is recorded by kind: retail sale, purchase order, contract, "
                    "MoU or potential deal. The kinds are reported separately, never simply "
                    "added up, so the published figures reflect what was really agreed.</p>",
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "We come looking for suppliers we can trust for the long run. A "
                            "twenty-minute meeting is enough to know whether we should visit "
                            "their workshop."
                        ),
                        "name": "Anindya Paramitha",
                        "role": "Product curator, souvenir shop chain",
                    },
                ),
                (
                    "cta",
                    {
                        "target": "directory",
                        "title": "Buyers: choose the exhibitors you want to meet",
                        "text": "Browse the exhibitors by sector and province.",
                        "button_label": "Open the exhibitor directory",
                        "style": "light",
                    },
                ),
            ],
        },
    },
    {
        "key": "getting-there",
        "offset": -60,
        "image": "peta",
        "author": AUTHORS[2],
        "tags": {ID: ["lokasi", "transportasi"], EN: ["venue", "getting there"]},
        ID: {
            "slug": "rute-menuju-lokasi",
            "title": "Menuju {venue}: rute, parkir, dan pintu masuk",
            "intro": (
                "Lokasi pameran berada di jantung Kota Solo dan mudah dijangkau dengan kereta, "
                "bus, maupun kendaraan pribadi. Berikut panduan singkatnya."
            ),
            "caption": "Peta sederhana dari stasiun ke lokasi pameran (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>{venue} adalah alun-alun di depan Pura Mangkunegaran, salah satu "
                    "istana di Kota Solo. Selama pameran, pendopo dan halamannya menjadi "
                    "tempat ratusan stan UMKM.</p>"
                    "<h2>Dengan kereta</h2>"
                    "<p>Turun di Stasiun Solo Balapan, lalu menuju ke selatan sekitar dua "
                    "kilometer. Taksi dan ojek daring tersedia di pintu keluar stasiun; "
                    "perjalanan sekitar sepuluh menit.</p>"
                    "<h2>Dengan pesawat</h2>"
                    "<p>Dari Bandara Adi Soemarmo, perjalanan ke lokasi sekitar tiga puluh "
                    "menit dengan taksi atau kereta bandara menuju Solo Balapan.</p>"
                    "<h2>Dengan kendaraan pribadi</h2>"
                    "<p>Parkir tersedia di sekitar Pasar Triwindu dan Jl. Diponegoro. Pada "
                    "akhir pekan kantong parkir cepat penuh; datanglah sebelum pukul 10.00 "
                    "atau gunakan kendaraan umum.</p>",
                ),
                (
                    "image",
                    {
                        "image": "event",
                        "caption": "Pendopo menjadi latar utama pameran (ilustrasi)",
                        "alt_text": "Gambar pendopo beratap joglo dengan lantai bermotif kawung",
                        "credit": "Ilustrasi demo",
                    },
                ),
                (
                    "table",
                    {
                        "caption": "Pintu masuk pameran",
                        "rows": [
                            ["Gerbang", "Letak", "Untuk"],
                            ["Gerbang Utara", "Jl. Ronggowarsito", "Semua pengunjung"],
                            [
                                "Gerbang Selatan",
                                "Jl. Kartini, dekat Pasar Triwindu",
                                "Semua pengunjung",
                            ],
                            ["Gerbang Timur", "Jl. Teuku Umar", "Rombongan dengan bus"],
                            ["Pintu VIP & Media", "Sisi barat", "Undangan dan media"],
                        ],
                    },
                ),
                (
                    "cta",
                    {
                        "target": "register",
                        "title": "Sudah punya tiket?",
                        "text": "Daftar dulu, lalu tunjukkan kode QR di gerbang mana pun.",
                        "button_label": "Daftar sekarang",
                        "style": "accent",
                    },
                ),
            ],
        },
        EN: {
            "slug": "getting-to-the-venue",
            "title": "Getting to {venue}: routes, parking and entrances",
            "intro": (
                "The exhibition is in the heart of Solo and easy to reach by train, bus or "
                "car. Here is a short guide."
            ),
            "caption": "A simple map from the station to the venue (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>{venue} is the square in front of Pura Mangkunegaran, one of the "
                    "palaces of Solo. During the exhibition, its pendopo pavilions and grounds "
                    "hold hundreds of small-business booths.</p>"
                    "<h2>By train</h2>"
                    "<p>Get off at Solo Balapan station and head about two kilometres south. "
                    "Taxis and ride-hailing motorbikes wait at the station exit; the ride "
                    "takes about ten minutes.</p>"
                    "<h2>By air</h2>"
                    "<p>From Adi Soemarmo airport the trip takes about thirty minutes by taxi, "
                    "or take the airport train to Solo Balapan.</p>"
                    "<h2>By car</h2>"
                    "<p>Parking is available around Triwindu market and on Jl. Diponegoro. At "
                    "the weekend the car parks fill up quickly; come before 10:00 or use "
                    "public transport.</p>",
                ),
                (
                    "image",
                    {
                        "image": "event",
                        "caption": "The pendopo is the exhibition's main backdrop (illustration)",
                        "alt_text": "A drawing of a pendopo with a joglo roof over a kawung floor",
                        "credit": "Demo illustration",
                    },
                ),
                (
                    "table",
                    {
                        "caption": "The exhibition's entrances",
                        "rows": [
                            ["Gate", "Where", "For"],
                            ["North Gate", "Jl. Ronggowarsito", "All visitors"],
                            ["South Gate", "Jl. Kartini, near Triwindu market", "All visitors"],
                            ["East Gate", "Jl. Teuku Umar", "Groups by bus"],
                            ["VIP & press door", "West side", "Guests and press"],
                        ],
                    },
                ),
                (
                    "cta",
                    {
                        "target": "register",
                        "title": "Got your pass?",
                        "text": "Register first, then show the QR code at any gate.",
                        "button_label": "Register now",
                        "style": "accent",
                    },
                ),
            ],
        },
    },
    {
        "key": "culinary-zone",
        "offset": -45,
        "image": "kuliner",
        "author": AUTHORS[3],
        "tags": {ID: ["kuliner", "pengunjung"], EN: ["food", "visitors"]},
        ID: {
            "slug": "zona-kuliner",
            "title": "Zona kuliner menyajikan rasa Nusantara hingga malam",
            "intro": (
                "Dari nasi liwet dan timlo khas Solo sampai kopi dari lereng gunung, zona "
                "kuliner buka setiap hari hingga malam dengan stan yang dilengkapi air bersih."
            ),
            "caption": "Stan-stan kuliner menjelang malam (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Zona kuliner menempati area terbuka di sisi pamedan. Setiap stan "
                    "kuliner mendapat sambungan air bersih dan listrik yang cukup untuk "
                    "memasak, sehingga makanan dibuat di tempat, bukan sekadar "
                    "dipanaskan.</p>"
                    "<p>Di sebelahnya, Zona Oleh-oleh menjual makanan kemasan untuk dibawa "
                    "pulang: keripik, abon, bumbu, dan kue kering dari berbagai daerah.</p>"
                    "<h2>Tips untuk pengunjung</h2>"
                    "<ul><li>Sebagian besar stan menerima pembayaran QRIS.</li>"
                    "<li>Bawa botol minum sendiri; titik isi ulang air tersedia.</li>"
                    "<li>Pisahkan sampah organik dan plastik di tempat yang disediakan.</li>"
                    "</ul>",
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "Wedang jahe dan tengkleng kami paling laris selepas magrib. "
                            "Pengunjung datang untuk belanja, lalu bertahan karena "
                            "makanannya."
                        ),
                        "name": "Suwarni",
                        "role": "Pemilik Wedangan Mbak Warni, Surakarta",
                    },
                ),
                (
                    "cta",
                    {
                        "target": "programme",
                        "title": "Demo masak dan lomba sambal",
                        "text": "Lihat jadwal Panggung Kuliner selama pameran.",
                        "button_label": "Lihat jadwal acara",
                        "style": "accent",
                    },
                ),
            ],
        },
        EN: {
            "slug": "culinary-zone",
            "title": "The culinary zone serves flavours from across Indonesia until late",
            "intro": (
                "From Solo's nasi liwet and timlo to coffee from the mountain slopes, the "
                "culinary zone is open every day into the evening, with running water at "
                "every stall."
            ),
            "caption": "Food stalls as evening falls (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>The culinary zone fills an open area beside the square. Every food "
                    "booth has running water and enough power to cook, so the food is made on "
                    "the spot, not just warmed up.</p>"
                    "<p>Next to it, the souvenir food zone sells packaged food to take home: "
                    "chips, shredded meat floss, spice pastes and biscuits from across the "
                    "country.</p>"
                    "<h2>Tips for visitors</h2>"
                    "<ul><li>Most stalls take QRIS payments.</li>"
                    "<li>Bring your own bottle; there are water refill points.</li>"
                    "<li>Sort organic and plastic waste into the bins provided.</li></ul>",
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "Our ginger drink and tengkleng sell best after sunset. Visitors "
                            "come to shop, then stay for the food."
                        ),
                        "name": "Suwarni",
                        "role": "Owner of Wedangan Mbak Warni, Surakarta",
                    },
                ),
                (
                    "cta",
                    {
                        "target": "programme",
                        "title": "Cooking demonstrations and a sambal competition",
                        "text": "See what is on the culinary stage during the exhibition.",
                        "button_label": "See the programme",
                        "style": "accent",
                    },
                ),
            ],
        },
    },
    {
        "key": "programme-announced",
        "offset": -30,
        "image": "truntum",
        "author": AUTHORS[0],
        "tags": {ID: ["program acara", "talkshow"], EN: ["programme", "talks"]},
        ID: {
            "slug": "jadwal-acara-diumumkan",
            "title": "Talkshow, kelas, dan pentas selama {days} hari pameran",
            "intro": (
                "Tiga panggung mengisi pameran dengan talkshow, kelas praktik bagi pelaku "
                "usaha, demo masak, dan pentas seni setiap malam."
            ),
            "caption": "Motif truntum, bunga-bunga kecil seperti bintang (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Panitia {edition} telah menyusun jadwal acara untuk {dates}. Semua "
                    "acara gratis bagi pengunjung yang sudah terdaftar; kursi kelas praktik "
                    "diisi menurut urutan kedatangan.</p>"
                    "<p>Beberapa yang patut ditunggu: kelas menghitung harga ekspor, foto "
                    "produk dengan ponsel, lomba sambal Nusantara, dan malam keroncong di "
                    "akhir pekan.</p>",
                ),
                (
                    "accordion",
                    {
                        "heading": "Tiga panggung pameran",
                        "items": [
                            (
                                "Panggung Utama",
                                "<p>Di halaman pamedan: pembukaan, talkshow tentang pembiayaan "
                                "dan asosiasi, pengumuman lomba, serta pentas seni setiap "
                                "malam.</p>",
                            ),
                            (
                                "Ruang Kelas UMKM",
                                "<p>Di Pendopo Barat: kelas praktik berdurasi satu sampai satu "
                                "setengah jam tentang ekspor, pemasaran daring, merek, dan "
                                "perizinan.</p>",
                            ),
                            (
                                "Panggung Kuliner",
                                "<p>Di Area Kuliner: demo masak, cupping kopi, lomba sambal, "
                                "dan kegiatan untuk keluarga.</p>",
                            ),
                        ],
                    },
                ),
                (
                    "cta",
                    {
                        "target": "programme",
                        "title": "Jadwal lengkap",
                        "text": "Saring jadwal menurut hari dan panggung.",
                        "button_label": "Lihat jadwal acara",
                        "style": "primary",
                    },
                ),
            ],
        },
        EN: {
            "slug": "programme-announced",
            "title": "Talks, classes and performances over {days} days",
            "intro": (
                "Three stages fill the exhibition with talks, hands-on classes for "
                "businesses, cooking demonstrations and performances every evening."
            ),
            "caption": "A truntum motif, small flowers like stars (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>The organizers of {edition} have published the programme for "
                    "{dates}. Every session is free for registered visitors; seats in the "
                    "hands-on classes go to those who come first.</p>"
                    "<p>A few to look out for: a class on working out export prices, product "
                    "photos with your phone, the sambal competition and a keroncong evening "
                    "at the weekend.</p>",
                ),
                (
                    "accordion",
                    {
                        "heading": "The exhibition's three stages",
                        "items": [
                            (
                                "Main stage",
                                "<p>On the square: the opening, talks on financing and "
                                "associations, the competition results and a performance "
                                "every evening.</p>",
                            ),
                            (
                                "MSME classroom",
                                "<p>In the West Pendopo: hands-on classes of one to one and a "
                                "half hours on export, online selling, trademarks and "
                                "permits.</p>",
                            ),
                            (
                                "Culinary stage",
                                "<p>In the culinary area: cooking demonstrations, coffee "
                                "cupping, the sambal competition and family activities.</p>",
                            ),
                        ],
                    },
                ),
                (
                    "cta",
                    {
                        "target": "programme",
                        "title": "The full programme",
                        "text": "Filter the programme by day and stage.",
                        "button_label": "See the programme",
                        "style": "primary",
                    },
                ),
            ],
        },
    },
    {
        "key": "visitor-registration",
        "offset": -21,
        "image": "tiket",
        "author": AUTHORS[1],
        "tags": {ID: ["pengunjung", "tiket"], EN: ["visitors", "passes"]},
        ID: {
            "slug": "daftar-pengunjung-tiket-qr",
            "title": "Daftar sebagai pengunjung, tiket QR langsung di ponsel",
            "intro": (
                "Masuk pameran gratis bagi pengunjung umum dengan mendaftar secara daring. "
                "Tiket berisi kode QR dikirim ke surel dan tetap bisa dibuka meski sinyal "
                "lemah."
            ),
            "caption": "Tiket pengunjung dengan kode QR (ilustrasi, bukan kode asli)",
            "body": [
                (
                    "rich_text",
                    "<p>Pendaftaran pengunjung {edition} sudah dibuka. Isi nama, surel, dan "
                    "hari kedatangan; tiket langsung dikirim ke surel Anda beserta tautan ke "
                    "halaman tiket. Simpan halaman itu di layar utama ponsel agar mudah "
                    "dibuka di gerbang.</p>"
                    "<h2>Di gerbang</h2>"
                    "<p>Petugas memindai kode QR dengan ponsel. Pemindai tetap bekerja "
                    "walaupun jaringan di lokasi sedang padat, jadi antrean tidak perlu "
                    "menunggu sinyal. Satu tiket masuk sekali setiap hari yang berlaku; jika "
                    "keluar sebentar, pindai tiket di gerbang saat keluar.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "Jenis tiket",
                        "rows": [
                            ["Tiket", "Untuk", "Biaya"],
                            ["Pengunjung Umum", "Siapa saja", "Gratis"],
                            ["Rombongan Pelajar", "Sekolah, hingga 40 orang", "Gratis"],
                            ["Pembeli Bisnis", "Pembeli dan offtaker, perlu persetujuan", "Gratis"],
                        ],
                    },
                ),
                (
                    "cta",
                    {
                        "target": "register",
                        "title": "Siap datang?",
                        "text": "Dua menit saja, tanpa membuat akun.",
                        "button_label": "Daftar sekarang",
                        "style": "accent",
                    },
                ),
            ],
        },
        EN: {
            "slug": "visitor-registration-qr-pass",
            "title": "Register as a visitor and get your QR pass on your phone",
            "intro": (
                "Entry is free for general visitors who register online. The pass with its QR "
                "code is emailed to you and still opens when the signal is weak."
            ),
            "caption": "A visitor pass with a QR code (illustration, not a real code)",
            "body": [
                (
                    "rich_text",
                    "<p>Visitor registration for {edition} is open. Give your name, email and "
                    "the days you will come; the pass is emailed to you at once with a link to "
                    "your pass page. Add that page to your phone's home screen so it is easy "
                    "to open at the gate.</p>"
                    "<h2>At the gate</h2>"
                    "<p>Staff scan the QR code with a phone. The scanners keep working when "
                    "the network at the venue is busy, so the queue never waits for a signal. "
                    "A pass lets you in once on each of its days; if you step out, have it "
                    "scanned at the gate on the way out.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "Kinds of pass",
                        "rows": [
                            ["Pass", "For", "Price"],
                            ["General visitor", "Anyone", "Free"],
                            ["Student group", "Schools, up to 40 people", "Free"],
                            ["Business buyer", "Buyers and offtakers, needs approval", "Free"],
                        ],
                    },
                ),
                (
                    "cta",
                    {
                        "target": "register",
                        "title": "Ready to come?",
                        "text": "Two minutes, no account needed.",
                        "button_label": "Register now",
                        "style": "accent",
                    },
                ),
            ],
        },
    },
    {
        "key": "opening-day",
        "offset": 0,
        "image": "pasar-malam",
        "author": AUTHORS[2],
        "tags": {ID: ["pembukaan", "liputan"], EN: ["opening", "coverage"]},
        ID: {
            "slug": "hari-pertama-pameran",
            "title": "{edition} resmi dibuka, pengunjung memadati {venue}",
            "intro": (
                "Hari pertama pameran dibuka dengan tabuhan gamelan dan kirab produk dari "
                "{associations} asosiasi. Sejak pagi, antrean pengunjung terbentuk di tiga "
                "gerbang."
            ),
            "caption": "Lampu-lampu stan menyala di malam pertama (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Tepat pukul sembilan pagi, gong dipukul di Panggung Utama. Perwakilan "
                    "setiap asosiasi berjalan mengelilingi pamedan membawa produk unggulan "
                    "anggotanya: kain tenun, kopi, jamu, perabot rotan, hingga kue "
                    "tradisional.</p>"
                    "<p>Gerbang Utara menjadi pintu tersibuk. Petugas memindai tiket dengan "
                    "ponsel, dan antrean bergerak cepat meski jaringan seluler di sekitar "
                    "lokasi padat.</p>",
                ),
                (
                    "image",
                    {
                        "image": "home",
                        "caption": "Deretan stan UMKM di depan pendopo pada hari pertama "
                        "(ilustrasi)",
                        "alt_text": "Gambar empat stan pasar beratap garis-garis di depan pendopo",
                        "credit": "Ilustrasi demo",
                    },
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "Pameran ini milik para pelaku usaha. Tugas kami memastikan setiap "
                            "peserta bertemu orang yang tepat: pembeli, pendamping, dan "
                            "pelanggan baru."
                        ),
                        "name": "Hartono Wibisono",
                        "role": "Ketua Panitia {edition}",
                    },
                ),
                (
                    "rich_text",
                    "<p>Sesi temu bisnis pertama dimulai pukul sepuluh di Pendopo Timur, "
                    "sementara meja bantuan perizinan langsung dipenuhi pelaku usaha kuliner "
                    "yang ingin mengurus sertifikat halal.</p>",
                ),
                (
                    "cta",
                    {
                        "target": "directory",
                        "title": "Belum tahu mau ke stan mana?",
                        "text": "Cari peserta menurut produk dan lihat letak stannya.",
                        "button_label": "Buka direktori peserta",
                        "style": "primary",
                    },
                ),
            ],
        },
        EN: {
            "slug": "opening-day",
            "title": "{edition} opens, and visitors fill {venue}",
            "intro": (
                "The first day opened with gamelan and a parade of products from "
                "{associations} associations. From early morning, queues formed at the three "
                "gates."
            ),
            "caption": "Booth lights on the first evening (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>At nine sharp, the gong sounded on the main stage. Representatives of "
                    "every association walked around the square carrying their members' best "
                    "products: woven cloth, coffee, jamu, rattan furniture and traditional "
                    "cakes.</p>"
                    "<p>The North Gate was the busiest entrance. Staff scanned passes with "
                    "their phones, and the queue moved quickly even though the mobile network "
                    "around the venue was crowded.</p>",
                ),
                (
                    "image",
                    {
                        "image": "home",
                        "caption": "Rows of small-business booths in front of the pendopo on "
                        "the first day (illustration)",
                        "alt_text": "A drawing of four market stalls with striped awnings in "
                        "front of a pendopo",
                        "credit": "Demo illustration",
                    },
                ),
                (
                    "quote",
                    {
                        "quote": (
                            "This exhibition belongs to the businesses. Our job is to make sure "
                            "every exhibitor meets the right people: buyers, coaches and new "
                            "customers."
                        ),
                        "name": "Hartono Wibisono",
                        "role": "Chair of the organizing committee, {edition}",
                    },
                ),
                (
                    "rich_text",
                    "<p>The first business-matching session began at ten in the East "
                    "Pendopo, while the permit help desk filled up at once with food "
                    "businesses wanting a halal certificate.</p>",
                ),
                (
                    "cta",
                    {
                        "target": "directory",
                        "title": "Not sure which booths to visit?",
                        "text": "Search the exhibitors by product and see where their booth is.",
                        "button_label": "Open the exhibitor directory",
                        "style": "primary",
                    },
                ),
            ],
        },
    },
    {
        "key": "first-day-figures",
        "offset": 1,
        "image": "kawung-bata",
        "author": AUTHORS[3],
        "tags": {ID: ["angka pameran", "temu bisnis"], EN: ["figures", "business matching"]},
        ID: {
            "slug": "angka-hari-pertama",
            "title": "Angka hari pertama: pengunjung, peserta, dan transaksi temu bisnis",
            "intro": (
                "Panitia membuka angka pameran secara langsung. Berikut angka terkini dan cara "
                "membaca setiap angkanya."
            ),
            "caption": "Motif kawung berwarna bata (ilustrasi)",
            "body": [
                (
                    "rich_text",
                    "<p>Sejak gerbang dibuka, setiap pemindaian tiket dan setiap kesepakatan "
                    "temu bisnis tercatat. Angka di bawah ini diperbarui setiap menit dari "
                    "data gerbang dan meja temu bisnis, bukan perkiraan.</p>",
                ),
                ("live_figures", {"heading": "Angka pameran terkini"}),
                (
                    "rich_text",
                    "<h2>Cara membaca angka transaksi</h2>"
                    "<p>Kesepakatan dicatat oleh peserta atau pembeli, lalu dikonfirmasi pihak "
                    "lainnya atau diverifikasi panitia. Kesepakatan yang keliru dibatalkan dan "
                    "diganti, tidak dihapus, sehingga riwayatnya tetap ada.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "Jenis transaksi",
                        "rows": [
                            ["Jenis", "Artinya"],
                            ["Penjualan ritel", "Pembelian langsung di stan"],
                            ["Pesanan pembelian", "Pesanan tertulis dengan jumlah dan harga"],
                            ["Kontrak", "Perjanjian pasokan yang ditandatangani"],
                            ["MoU", "Nota kesepahaman untuk kerja sama"],
                            ["Potensi", "Minat serius yang belum menjadi pesanan"],
                        ],
                    },
                ),
                (
                    "cta",
                    {
                        "target": "directory",
                        "title": "Siapa saja yang berpameran?",
                        "text": "Kenali peserta di balik angka-angka ini.",
                        "button_label": "Buka direktori peserta",
                        "style": "light",
                    },
                ),
            ],
        },
        EN: {
            "slug": "first-day-in-figures",
            "title": "The first day in figures: visitors, exhibitors and business-matching deals",
            "intro": (
                "The organizers publish the exhibition's figures live. Here are the latest, "
                "and how to read each of them."
            ),
            "caption": "A brick-red kawung motif (illustration)",
            "body": [
                (
                    "rich_text",
                    "<p>Since the gates opened, every pass scan and every business-matching "
                    "deal has been recorded. The figures below are updated every minute from "
                    "the gates and the business-matching desk; they are not estimates.</p>",
                ),
                ("live_figures", {"heading": "The exhibition's latest figures"}),
                (
                    "rich_text",
                    "<h2>How to read the deal figures</h2>"
                    "<p>A deal is recorded by the exhibitor or the buyer, then confirmed by "
                    "the other side or verified by the organizers. A wrong entry is voided "
                    "and replaced, never deleted, so its history is kept.</p>",
                ),
                (
                    "table",
                    {
                        "caption": "Kinds of deal",
                        "rows": [
                            ["Kind", "What it means"],
                            ["Retail sale", "A purchase made at the booth"],
                            ["Purchase order", "A written order with quantity and price"],
                            ["Contract", "A signed supply agreement"],
                            ["MoU", "A memorandum of understanding to work together"],
                            ["Potential deal", "Serious interest not yet turned into an order"],
                        ],
                    },
                ),
                (
                    "cta",
                    {
                        "target": "directory",
                        "title": "Who is exhibiting?",
                        "text": "Meet the businesses behind these figures.",
                        "button_label": "Open the exhibitor directory",
                        "style": "light",
                    },
                ),
            ],
        },
    },
]
