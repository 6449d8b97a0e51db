"""The translation catalogues: Indonesian complete and compiled, English left to its msgids.

Indonesian is the default language, so an untranslated msgid shows English on the
Indonesian site. These tests read the committed catalogues with polib; the freshness
test runs makemessages on a copy of the source in a temporary directory, never on the
repository's own locale/.
"""

import re
import shutil
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
ID_PO = LOCALE / "id" / "LC_MESSAGES" / "django.po"

# The same ignores as the lead's makemessages command (and Makefile's `messages`).
IGNORED = [".venv", "static", "var", "tests", "bench"]

PYTHON_FORMAT = re.compile(
    r"%\((?P<name>\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]"
)
TEMPLATE_VARIABLE = re.compile(r"\{\{\s*[\w.|:\"' ]+?\s*\}\}")
BRACE_FORMAT = re.compile(r"(?<!\{)\{\w*\}(?!\})")


def placeholders(entry, text):
    """The placeholders in text that must survive translation, counted."""
    found = [m.group(0) for m in PYTHON_FORMAT.finditer(text)]
    found += TEMPLATE_VARIABLE.findall(text)
    if "python-brace-format" in entry.flags:
        found += BRACE_FORMAT.findall(text)
    return Counter(found)


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def translations(entries):
    """{(context, msgid, msgid_plural): msgstr or (msgstr[0], msgstr[1], …)} of real entries."""
    table = {}
    for entry in entries:
        if not entry.msgid:  # the header
            continue
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
        else:
            value = entry.msgstr
        table[key(entry)] = value
    return table


@pytest.fixture(scope="module")
def id_po():
    return polib.pofile(str(ID_PO))


def test_indonesian_header(id_po):
    assert id_po.metadata["Language"] == "id"
    assert id_po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert id_po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert id_po.metadata["Language-Team"].strip() not in ("", "LANGUAGE <LL@li.org>")
    assert not id_po.metadata_is_fuzzy


def test_english_header():
    en = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    assert en.metadata["Language"] == "en"
    assert en.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert en.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert not en.metadata_is_fuzzy
    # The msgids are the English text; a msgstr would only be a second copy to keep in step.
    assert [e.msgid for e in en if e.msgstr or any(e.msgstr_plural.values())] == []


def test_every_indonesian_entry_is_translated(id_po):
    assert len(id_po) > 200
    assert [e.msgid for e in id_po if e.obsolete] == []
    assert [e.msgid for e in id_po if "fuzzy" in e.flags] == []
    untranslated = [
        e.msgid
        for e in id_po
        if (e.msgid_plural and not all(v.strip() for v in e.msgstr_plural.values()))
        or (not e.msgid_plural and not e.msgstr.strip())
    ]
    assert untranslated == []


def test_plural_entries_have_exactly_the_forms_the_header_asks_for(id_po):
    nplurals = int(re.search(r"nplurals=(\d+)", id_po.metadata["Plural-Forms"]).group(1))
    plurals = [e for e in id_po if e.msgid_plural]
    assert plurals, "the catalogue has plural entries (booth and association counts)"
    wrong = {e.msgid: sorted(e.msgstr_plural) for e in plurals if len(e.msgstr_plural) != nplurals}
    assert wrong == {}


def test_translations_keep_their_placeholders(id_po):
    broken = []
    for entry in id_po:
        if not entry.msgid:
            continue
        if entry.msgid_plural:
            # Indonesian's single form stands for every count, so it follows the plural msgid.
            expected = placeholders(entry, entry.msgid_plural)
            translated = list(entry.msgstr_plural.values())
        else:
            expected = placeholders(entry, entry.msgid)
            translated = [entry.msgstr]
        for text in translated:
            if placeholders(entry, text) != expected:
                broken.append((entry.msgid, text))
    assert broken == []


def test_placeholder_check_catches_a_dropped_or_renamed_placeholder():
    entry = polib.POEntry(msgid="Booth quota in %(event)s", flags=["python-format"])
    assert placeholders(entry, "Kuota stan di %(event)s") == placeholders(entry, entry.msgid)
    assert placeholders(entry, "Kuota stan") != placeholders(entry, entry.msgid)
    assert placeholders(entry, "Kuota stan di %(acara)s") != placeholders(entry, entry.msgid)
    assert placeholders(entry, "Kuota stan di %(event)") != placeholders(entry, entry.msgid)


@pytest.mark.parametrize("language", ["id", "en"])
def test_committed_mo_matches_po(language):
    directory = LOCALE / language / "LC_MESSAGES"
    po = polib.pofile(str(directory / "django.po"))
    mo = polib.mofile(str(directory / "django.mo"))
    # msgfmt leaves untranslated entries out of the .mo, so compare the translated ones.
    expected = {
        k: v for k, v in translations(po).items() if (all(v) if isinstance(v, tuple) else v)
    }
    assert translations(mo) == expected, (
        "locale/ .mo is stale: run `manage.py compilemessages --ignore=.venv` and commit it"
    )
    assert mo.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        ("Register as a visitor", "Daftar sebagai pengunjung"),
        ("Register as an exhibitor", "Daftar sebagai peserta pameran"),
        ("Participating associations", "Asosiasi peserta"),
        ("Dates and opening hours", "Tanggal dan jam buka"),
        ("Featured edition", "Edisi unggulan"),
        ("See dates, hours and venue", "Lihat tanggal, jam buka, dan lokasi"),
        ("Home", "Beranda"),
        ("Venue", "Lokasi"),
        ("booths on offer", "stan tersedia"),
        ("Booth quota", "Kuota stan"),
        ("Page not found", "Halaman tidak ditemukan"),
    ],
)
def test_page_strings_come_out_in_indonesian(english, indonesian):
    with translation.override("id"):
        assert translation.gettext(english) == indonesian
    with translation.override("en"):
        assert translation.gettext(english) == english


def test_plural_and_context_strings_come_out_in_indonesian():
    with translation.override("id"):
        for count in (1, 2, 26):
            assert translation.npgettext("figure label", "day", "days", count) == "hari"
            assert (
                translation.npgettext("figure label", "association", "associations", count)
                == "asosiasi"
            )
            assert (
                translation.ngettext("%(booths)s booth", "%(booths)s booths", count)
                % {"booths": count}
                == f"{count} stan"
            )
    with translation.override("en"):
        assert translation.npgettext("figure label", "day", "days", 1) == "day"
        assert translation.npgettext("figure label", "day", "days", 3) == "days"


def test_template_tags_render_in_indonesian():
    from django.template import Context, Template

    template = Template(
        "{% load i18n %}{% translate 'Supported by' %} | "
        "{% blocktranslate count counter=n %}{{ counter }} association shares {{ quota }} booths."
        "{% plural %}{{ counter }} associations share {{ quota }} booths.{% endblocktranslate %}"
    )
    with translation.override("id"):
        rendered = template.render(Context({"n": 26, "quota": 600}))
    assert rendered == "Didukung oleh | 26 asosiasi berbagi 600 stan."


def test_catalogue_is_fresh(tmp_path, monkeypatch):
    """Every msgid in the source is in the catalogue, and nothing else is.

    makemessages runs on a copy of the source with a copy of locale/, so the repository
    is never touched. A failure means: run the makemessages command (see Makefile), translate
    the new entries, compilemessages, commit.
    """
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed")
    base = Path(settings.BASE_DIR)
    skip_top = set(IGNORED) | {"locale", "node_modules", "media"}
    for child in base.iterdir():
        if child.name.startswith(".") or child.name in skip_top or not child.is_dir():
            continue
        shutil.copytree(
            child, tmp_path / child.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    for child in base.glob("*.py"):
        shutil.copy2(child, tmp_path / child.name)
    shutil.copytree(LOCALE, tmp_path / "locale")
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
        call_command(
            "makemessages", locale=["id"], ignore_patterns=IGNORED, no_obsolete=True, verbosity=0
        )
    fresh = polib.pofile(str(tmp_path / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(ID_PO))
    fresh_keys = {key(e) for e in fresh if e.msgid}
    committed_keys = {key(e) for e in committed if e.msgid}
    assert sorted(fresh_keys - committed_keys, key=str) == [], "new strings not in locale/id"
    assert sorted(committed_keys - fresh_keys, key=str) == [], "unused strings in locale/id"
