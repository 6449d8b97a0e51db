"""The contact page: details from the site settings, the form, and what it does with good
messages, spam, floods and bad input."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale, Page, Site

from cms import contact as contact_module
from cms.models import ContactFormField, ContactPage, HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db

MESSAGE = "Berapa harga stan untuk UMKM kuliner?"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def home(db):
    locale, _ = Locale.objects.get_or_create(language_code="id")
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Beranda", slug="beranda-kontak", locale=locale)
    )
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    Site.clear_site_root_paths_cache()
    return home


def contact_page(parent, **fields):
    page = ContactPage(
        title="Hubungi kami",
        slug="kontak",
        intro="Tulis kepada panitia.",
        to_address="panitia@pameran.test, sekretariat@pameran.test",
        from_address="situs@pameran.test",
        subject="Pesan dari situs",
        thank_you_text="<p>Terima kasih, pesan Anda sudah kami terima.</p>",
        **fields,
    )
    page.form_fields = [
        ContactFormField(label="Nama", field_type="singleline", required=True),
        ContactFormField(label="Surel", field_type="email", required=True),
        ContactFormField(
            label="Topik", field_type="dropdown", choices="Pengunjung, Peserta", required=False
        ),
        ContactFormField(label="Pesan", field_type="multiline", required=True),
        ContactFormField(label="Setuju dihubungi", field_type="checkbox", required=False),
    ]
    parent.add_child(instance=page)
    return page


@pytest.fixture
def contact(home):
    return contact_page(home)


def post(client, page, ip="10.0.0.1", **data):
    fields = {
        "nama": "Sri Wahyuni",
        "surel": "sri@contoh.id",
        "topik": "Peserta",
        "pesan": MESSAGE,
        "setuju_dihubungi": "on",
    }
    fields.update(data)
    return client.post(page.url, fields, REMOTE_ADDR=ip)


# Where it lives, what it shows ------------------------------------------------------------


def test_a_home_page_has_one_contact_page_with_nothing_under_it(home):
    assert ContactPage.can_create_at(home)
    page = contact_page(home)
    assert not ContactPage.can_create_at(home)
    assert ContactPage.allowed_subpage_models() == []
    assert not StandardPage.can_create_at(page)
    about = home.add_child(instance=StandardPage(title="Tentang", slug="tentang"))
    assert not ContactPage.can_exist_under(about)


def test_the_page_shows_the_form_next_to_the_contact_details(client, home, contact):
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "organizer_name": "Panitia Hari UMKM Nasional",
            "email": "halo@pameran.test",
            "phone": "+62 271 123456",
            "whatsapp": "6281234567890",
            "address": "Jl. Ronggowarsito\nSurakarta",
            "office_hours": "Senin–Jumat, 08.00–16.00 WIB",
            "instagram": "https://instagram.com/pameran",
        },
    )
    response = client.get(contact.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text() == "Hubungi kami"
    assert "Tulis kepada panitia." in words(html.select_one(".page-header"))
    details = html.select_one("[data-testid=contact-details]")
    text = words(details)
    for expected in (
        "Panitia Hari UMKM Nasional",
        "Jl. Ronggowarsito Surakarta",
        "halo@pameran.test",
        "+62 271 123456",
        "Senin–Jumat, 08.00–16.00 WIB",
    ):
        assert expected in text
    links = {a["href"] for a in details.select("a")}
    assert {
        "mailto:halo@pameran.test",
        "tel:+62271123456",
        "https://wa.me/6281234567890",
        "https://instagram.com/pameran",
    } <= links

    form = html.select_one("[data-testid=contact-form]")
    assert form["method"] == "post" and form["action"] == "/kontak/"
    labels = [words(label) for label in form.select("label")]
    assert labels[:5] == ["Nama *", "Surel *", "Topik", "Pesan *", "Setuju dihubungi"]
    assert form.select_one("input[name=surel]")["type"] == "email"
    assert form.select_one("textarea[name=pesan]")["maxlength"] == "5000"
    assert "form-select" in form.select_one("select[name=topik]")["class"]
    assert "form-check-input" in form.select_one("input[name=setuju_dihubungi]")["class"]


def test_the_page_renders_without_any_contact_details(client, contact):
    response = client.get(contact.url)
    assert response.status_code == 200
    details = soup(response).select_one("[data-testid=contact-details]")
    assert details.select("a") == []


def test_the_honeypot_is_hidden_from_people(client, contact):
    form = soup(client.get(contact.url)).select_one("[data-testid=contact-form]")
    trap = form.select_one("input[name=website_url]")
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert trap["aria-hidden"] == "true"
    wrapper = trap.find_parent("div")
    assert "contact-trap" in wrapper["class"] and wrapper["aria-hidden"] == "true"
    assert "required" not in trap.attrs


# A good message ---------------------------------------------------------------------------


def test_a_message_is_stored_thanked_and_mailed_to_the_organizer(
    client, contact, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, contact)
    assert response.status_code == 200
    assert len(callbacks) == 1
    thanks = soup(response).select_one("[data-testid=contact-thanks]")
    assert "Terima kasih, pesan Anda sudah kami terima." in words(thanks)
    assert soup(response).select_one("[data-testid=contact-form]") is None

    submission = FormSubmission.objects.get(page=contact)
    data = submission.form_data
    assert data["nama"] == "Sri Wahyuni" and data["pesan"] == MESSAGE
    assert data["setuju_dihubungi"] is True
    assert "website_url" not in data

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["panitia@pameran.test", "sekretariat@pameran.test"]
    assert mail.from_email == "situs@pameran.test"
    assert mail.reply_to == ["sri@contoh.id"]
    assert mail.subject == "Pesan dari situs"
    assert mail.body.index("Nama:\nSri Wahyuni") < mail.body.index(f"Pesan:\n{MESSAGE}")
    assert "Topik:\nPeserta" in mail.body
    assert f"/admin/forms/submissions/{contact.pk}/" in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html" and MESSAGE in html and "Sri Wahyuni" in html


def test_nothing_is_mailed_before_the_message_is_committed(
    client, contact, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, contact)
    assert FormSubmission.objects.count() == 1
    assert mailoutbox == []  # Wagtail's own synchronous mail is not sent
    assert len(callbacks) == 1


def test_a_message_with_html_is_mailed_as_text_not_markup(
    client, contact, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, contact, pesan="<script>alert(1)</script> & <b>tebal</b>")
    html, _ = mailoutbox[0].alternatives[0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>alert(1)</script> & <b>tebal</b>" in mailoutbox[0].body


def test_a_form_without_an_email_field_mails_without_reply_to(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    page = ContactPage(title="Kontak", slug="kontak", to_address="panitia@pameran.test", subject="")
    page.form_fields = [ContactFormField(label="Pesan", field_type="multiline", required=True)]
    home.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, {"pesan": MESSAGE}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 200
    assert len(mailoutbox) == 1
    assert mailoutbox[0].reply_to == []
    assert "Kontak" in mailoutbox[0].subject  # no subject set: one is made from the title


def test_a_page_without_recipients_stores_and_sends_nothing(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    page = ContactPage(title="Kontak", slug="kontak", to_address="")
    page.form_fields = [ContactFormField(label="Pesan", field_type="multiline", required=True)]
    home.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(page.url, {"pesan": MESSAGE}, REMOTE_ADDR="10.0.0.8")
    assert FormSubmission.objects.filter(page=page).count() == 1
    assert callbacks == [] and mailoutbox == []


def test_an_unreachable_mail_server_keeps_the_message_and_retries(
    client, contact, mailoutbox, django_capture_on_commit_callbacks
):
    from cms.tasks import send_contact_submission

    with django_capture_on_commit_callbacks(execute=False):
        post(client, contact)
    submission = FormSubmission.objects.get(page=contact)
    with (
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send",
            side_effect=ConnectionRefusedError("no SMTP"),
        ),
        mock.patch.object(send_contact_submission, "retry", side_effect=RuntimeError("retry")),
        pytest.raises(RuntimeError, match="retry"),
    ):
        send_contact_submission.run(submission.pk)
    assert FormSubmission.objects.filter(pk=submission.pk).exists()
    assert send_contact_submission.run(submission.pk) is True  # the server is back
    assert len(mailoutbox) == 1
    assert send_contact_submission.run(submission.pk + 999) is False  # gone: nothing sent


# Spam, floods and bad input -----------------------------------------------------------


def test_a_filled_honeypot_is_thanked_but_nothing_is_kept_or_sent(
    client, contact, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, contact, website_url="https://spam.example")
    assert response.status_code == 200
    assert soup(response).select_one("[data-testid=contact-thanks]") is not None
    assert FormSubmission.objects.count() == 0
    assert mailoutbox == [] and callbacks == []


def test_a_filled_honeypot_with_otherwise_bad_input_is_thanked_too(client, contact):
    response = post(client, contact, website_url="x", surel="", pesan="")
    assert response.status_code == 200
    assert soup(response).select_one("[data-testid=contact-thanks]") is not None
    assert FormSubmission.objects.count() == 0


def test_the_sixth_message_in_ten_minutes_is_refused_with_the_input_kept(
    client, contact, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            assert post(client, contact, pesan=f"Pesan ke-{n + 1}").status_code == 200
    assert len(mailoutbox) == 5
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, contact, pesan="Pesan keenam yang tidak boleh hilang")
    assert response.status_code == 429
    html = soup(response)
    assert html.select_one("[data-testid=rate-limited]") is not None
    assert html.select_one("textarea[name=pesan]").get_text().strip() == (
        "Pesan keenam yang tidak boleh hilang"
    )
    assert html.select_one("input[name=nama]")["value"] == "Sri Wahyuni"
    assert html.select_one("input[name=surel]")["value"] == "sri@contoh.id"
    assert html.select_one("select[name=topik] option[selected]")["value"] == "Peserta"
    assert FormSubmission.objects.count() == 5 and len(mailoutbox) == 5

    other = post(client, contact, ip="10.0.0.2")  # another address is not affected
    assert other.status_code == 200
    assert FormSubmission.objects.count() == 6


def test_the_flood_message_is_in_english_on_the_english_page(client, home, contact, english):
    english_locale, _ = Locale.objects.get_or_create(language_code="en")
    home.copy_for_translation(english_locale).specific.save_revision().publish()
    contact_en = contact.copy_for_translation(english_locale).specific
    contact_en.save_revision().publish()
    Site.clear_site_root_paths_cache()
    url = contact_en.get_url()
    assert url.startswith("/en/")
    data = {"nama": "Sri", "surel": "sri@contoh.id", "pesan": "Hai"}
    for _ in range(5):
        assert client.post(url, data).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 429
    assert "wait ten minutes" in words(soup(response).select_one("[data-testid=rate-limited]"))


def test_the_allowance_comes_back_after_ten_minutes(client, contact):
    for _ in range(5):
        post(client, contact)
    assert post(client, contact).status_code == 429
    cache.delete(contact_module._rate_key(mock.Mock(META={"REMOTE_ADDR": "10.0.0.1"})))
    assert post(client, contact).status_code == 200  # a new window
    assert FormSubmission.objects.count() == 6


def test_bad_input_does_not_use_up_the_allowance(client, contact):
    for _ in range(8):
        assert post(client, contact, surel="bukan-surel").status_code == 200
    assert FormSubmission.objects.count() == 0
    assert "contact-thanks" not in post(client, contact, surel="bukan").content.decode()
    assert soup(post(client, contact)).select_one("[data-testid=contact-thanks]") is not None


def test_bad_input_keeps_what_was_typed_with_errors_in_indonesian(client, contact, mailoutbox):
    long_message = "x" * 20_000
    response = post(client, contact, nama="", surel="bukan-surel", pesan=long_message)
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one("[data-testid=contact-thanks]") is None
    assert html.select_one("[data-testid=form-errors]") is not None
    assert html.select_one("input[name=surel]")["value"] == "bukan-surel"
    assert html.select_one("textarea[name=pesan]").get_text().strip() == long_message
    surel = html.select_one("input[name=surel]")
    assert "is-invalid" in surel["class"] and surel["aria-invalid"] == "true"
    error = html.select_one(f"#{surel['aria-describedby']}")
    assert words(error) == "Masukkan alamat email yang valid."
    assert words(html.select_one("#id_nama_error")) == "Kolom ini harus diisi."
    assert "5000" in words(html.select_one("#id_pesan_error"))
    assert FormSubmission.objects.count() == 0 and mailoutbox == []


def test_bad_input_errors_are_in_english_on_the_english_page(client, home, contact, english):
    english_locale, _ = Locale.objects.get_or_create(language_code="en")
    home.copy_for_translation(english_locale).specific.save_revision().publish()
    contact_en = contact.copy_for_translation(english_locale).specific
    contact_en.save_revision().publish()
    Site.clear_site_root_paths_cache()
    response = client.post(contact_en.get_url(), {"nama": "Sri", "surel": "nope", "pesan": ""})
    assert response.status_code == 200
    html = soup(response)
    assert words(html.select_one("#id_surel_error")) == "Enter a valid email address."
    assert words(html.select_one("#id_pesan_error")) == "This field is required."


def test_a_choice_that_is_not_offered_is_refused(client, contact):
    response = post(client, contact, topik="<script>x</script>")
    assert response.status_code == 200
    assert soup(response).select_one("#id_topik_error") is not None
    assert "<script>x</script>" not in response.content.decode()
    assert FormSubmission.objects.count() == 0


def test_the_thank_you_page_has_a_default_text(client, home, mailoutbox):
    page = ContactPage(title="Kontak", slug="kontak", to_address="panitia@pameran.test")
    page.form_fields = [ContactFormField(label="Pesan", field_type="multiline", required=True)]
    home.add_child(instance=page)
    response = client.post(page.url, {"pesan": MESSAGE}, REMOTE_ADDR="10.0.0.7")
    thanks = soup(response).select_one("[data-testid=contact-thanks]")
    assert thanks is not None and len(words(thanks)) > 20
