"""Public account screens: sign-up, email verification, login, logout, passwords."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from accounts import selectors
from accounts.models import Role, User
from accounts.selectors import home_url_for
from accounts.services import role_grant, user_create
from events.factories import AssociationFactory, EventFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Batik-Solo-2027"
LINK = re.compile(r"https?://\S+")


def signup_data(**overrides):
    return {
        "full_name": "Siti Rahayu",
        "email": "siti@warung.test",
        "phone": "0812 3456 7890",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
        **overrides,
    }


@pytest.fixture
def signup(client, django_capture_on_commit_callbacks):
    """POST the sign-up form (Indonesian unless ``language="en"``), running on-commit tasks."""

    def post(language="id", REMOTE_ADDR="127.0.0.1", **overrides):  # noqa: N803
        with translation.override(language):
            url = reverse("accounts:signup")
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, signup_data(**overrides), REMOTE_ADDR=REMOTE_ADDR)

    return post


def link_in(message) -> str:
    return LINK.search(message.body).group(0)


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


# --- sign-up -------------------------------------------------------------------------------


def test_signup_makes_an_unverified_account_and_sends_one_email_in_indonesian(signup, mailoutbox):
    response = signup()

    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    user = User.objects.get()
    assert user.email == "siti@warung.test"
    assert user.full_name == "Siti Rahayu"
    assert user.phone == "+6281234567890"  # typed the Indonesian way, stored with +62
    assert user.preferred_language == "id"
    assert user.email_verified_at is None
    assert user.privacy_consent_at is not None  # UU PDP: the consent is on record
    assert user.check_password(PASSWORD)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["siti@warung.test"]
    assert link_in(message).startswith("http://testserver/akun/verifikasi/")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert link_in(message) in html
    assert 'lang="id"' in html


def test_signup_in_english_sends_the_email_in_english(signup, mailoutbox):
    signup(language="en")

    assert User.objects.get().preferred_language == "en"
    (message,) = mailoutbox
    assert message.subject == "Confirm your email address for Pameran"
    assert "Hello Siti Rahayu," in message.body
    assert link_in(message).startswith("http://testserver/en/akun/verifikasi/")


def test_the_check_your_email_page_names_the_address(signup, client):
    response = signup()
    page = client.get(response.url)
    assert page.status_code == 200
    assert "siti@warung.test" in page.content.decode()


def test_signup_page_offers_the_privacy_notice(client):
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="privacy-notice"' in content
    assert "UU PDP" in content
    assert 'name="consent"' in content


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password1": "12345678", "password2": "12345678"}, "password1"),  # numeric, common
        ({"password1": "siti@warung", "password2": "siti@warung"}, "password1"),  # like the email
        ({"password1": "pendek", "password2": "pendek"}, "password1"),  # too short
        ({"password2": "Batik-Solo-2028"}, "password2"),  # mismatch
        ({"consent": ""}, "consent"),
        ({"phone": "+6512345678"}, "phone"),  # Singapore
        ({"phone": ""}, "phone"),  # required: organizers reach exhibitors on WhatsApp
        ({"email": "bukan-email"}, "email"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_bad_signups_are_refused_and_store_nothing(signup, mailoutbox, overrides, field):
    response = signup(**overrides)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.exists()
    assert mailoutbox == []


def test_a_taken_email_in_another_case_is_refused_with_a_way_forward(signup, mailoutbox, english):
    user_create(email="siti@warung.test", full_name="Siti", password=PASSWORD)

    response = signup(language="en", email="SITI@Warung.test")

    assert response.status_code == 200
    (error,) = response.context["form"].errors["email"]
    assert "already exists" in error
    assert "reset your password" in error
    assert User.objects.count() == 1
    assert mailoutbox == []


def test_a_logged_in_user_is_sent_on_from_signup(client):
    client.force_login(user_create(email="a@contoh.test", full_name="A"))
    assert client.get(reverse("accounts:signup")).status_code == 302


# --- verification ----------------------------------------------------------------------------


def test_login_is_refused_until_the_address_is_verified(signup, client):
    signup()

    with translation.override("en"):
        url = reverse("accounts:login")
    response = client.post(url, {"username": "siti@warung.test", "password": PASSWORD})

    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    assert response.context["form"].needs_verification
    content = response.content.decode()
    assert "confirm your email address first" in content
    with translation.override("en"):
        resend = reverse("accounts:resend_verification")
    assert resend + "?email=siti%40warung.test" in content


def test_a_wrong_password_on_an_unverified_account_says_nothing_about_verification(signup, client):
    signup()
    response = client.post(
        reverse("accounts:login"), {"username": "siti@warung.test", "password": "salah-sandi"}
    )
    assert not response.context["form"].needs_verification
    assert response.context["form"].has_error("__all__", code="invalid_login")


def test_the_link_verifies_and_logs_in(signup, client, mailoutbox):
    signup()
    user = User.objects.get()

    response = client.get(link_in(mailoutbox[0]))

    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    user.refresh_from_db()
    assert user.email_verified_at is not None
    assert logged_in_user_id(client) == str(user.pk)
    # After that the password works too.
    client.logout()
    assert client.login(username="siti@warung.test", password=PASSWORD)


def test_a_used_link_is_refused_with_a_way_to_get_another(signup, client, mailoutbox):
    signup()
    link = link_in(mailoutbox[0])
    client.get(link)
    verified_at = User.objects.get().email_verified_at
    client.logout()

    response = client.get(link)

    assert response.status_code == 400
    assert logged_in_user_id(client) is None
    assert reverse("accounts:resend_verification") in response.content.decode()
    assert User.objects.get().email_verified_at == verified_at


@pytest.mark.parametrize(
    "tamper",
    [
        lambda uid, token: (uid, token[:-1] + ("a" if token[-1] != "a" else "b")),
        lambda uid, token: (uid, "abc-def"),
        lambda uid, token: ("MTIzNDU2Nzg5", token),  # another user id
        lambda uid, token: ("%%%", token),
    ],
)
def test_a_tampered_link_is_refused(signup, client, mailoutbox, tamper):
    signup()
    uid, token = link_in(mailoutbox[0]).rstrip("/").split("/")[-2:]
    uid, token = tamper(uid, token)

    response = client.get(f"/akun/verifikasi/{uid}/{token}/")

    assert response.status_code in (400, 404)
    assert User.objects.get().email_verified_at is None
    assert logged_in_user_id(client) is None


def test_a_link_for_a_changed_address_is_refused(signup, client, mailoutbox):
    signup()
    User.objects.update(email="lain@warung.test")
    assert client.get(link_in(mailoutbox[0])).status_code == 400
    assert User.objects.get().email_verified_at is None


def test_resend_answers_the_same_and_mails_only_unverified_accounts(
    signup, client, mailoutbox, django_capture_on_commit_callbacks
):
    signup()
    user_create(email="sudah@warung.test", full_name="Sudah Terverifikasi", password=PASSWORD)
    mailoutbox.clear()
    url = reverse("accounts:resend_verification")

    pages = []
    for email in ["siti@warung.test", "tidak-ada@warung.test", "sudah@warung.test"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"email": email})
        assert response.status_code == 200
        pages.append(response.content.decode().replace(email, "EMAIL"))

    assert pages[0] == pages[1] == pages[2]
    assert [m.to for m in mailoutbox] == [["siti@warung.test"]]
    # The new link works.
    assert client.get(link_in(mailoutbox[0])).status_code == 302


def test_resend_is_throttled(client, english):
    url = reverse("accounts:resend_verification")
    for _try in range(5):
        assert "form" not in (client.post(url, {"email": "x@warung.test"}).context or {})
    response = client.post(url, {"email": "x@warung.test"})
    assert response.context["form"].has_error("__all__", code="throttled")
    assert "Too many attempts" in response.content.decode()


# --- login, logout, home -----------------------------------------------------------------------


@pytest.fixture
def verified_user():
    return user_create(
        email="budi@kopi.test", full_name="Budi Santoso", password=PASSWORD, phone=""
    )


def test_login_with_the_email_in_any_case_lands_on_home(client, verified_user):
    response = client.post(
        reverse("accounts:login"), {"username": "BUDI@Kopi.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    assert logged_in_user_id(client) == str(verified_user.pk)


def test_login_keeps_a_safe_next_and_drops_a_foreign_one(client, verified_user):
    url = reverse("accounts:login")
    data = {"username": "budi@kopi.test", "password": PASSWORD}
    response = client.post(url, {**data, "next": "/akun/ganti-sandi/"})
    assert response.url == "/akun/ganti-sandi/"
    client.logout()
    response = client.post(url, {**data, "next": "https://jahat.example/"})
    assert response.url == reverse("accounts:home")


def test_login_is_throttled_per_address_and_email(client, verified_user, english):
    url = reverse("accounts:login")
    for _try in range(10):
        response = client.post(url, {"username": "budi@kopi.test", "password": "salah"})
        assert response.context["form"].has_error("__all__", code="invalid_login")

    # Even the right password waits now…
    response = client.post(url, {"username": "budi@kopi.test", "password": PASSWORD})
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", code="throttled")
    assert "Too many attempts" in response.content.decode()
    assert logged_in_user_id(client) is None

    # …but another account from the same address, and this account from another, do not.
    user_create(email="ani@kopi.test", full_name="Ani", password=PASSWORD)
    response = client.post(url, {"username": "ani@kopi.test", "password": PASSWORD})
    assert response.status_code == 302
    client.logout()
    response = client.post(
        url,
        {"username": "budi@kopi.test", "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302


def test_a_successful_login_forgets_earlier_mistakes(client, verified_user):
    url = reverse("accounts:login")
    for _try in range(9):
        client.post(url, {"username": "budi@kopi.test", "password": "salah"})
    assert client.post(url, {"username": "budi@kopi.test", "password": PASSWORD}).status_code == 302
    client.logout()
    for _try in range(9):
        client.post(url, {"username": "budi@kopi.test", "password": "salah"})
    assert client.post(url, {"username": "budi@kopi.test", "password": PASSWORD}).status_code == 302


def test_signup_is_throttled_per_address_and_email_then_per_address(signup):
    for _try in range(10):
        signup(password2="tidak-sama")  # refused tries count too
    response = signup(language="en")
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", code="throttled")
    assert "Too many attempts" in response.content.decode()
    assert not User.objects.exists()

    # A sweep over many addresses from one network address stops later.
    for n in range(20):  # 10 + 20 = 30 tries from this address
        signup(email=f"orang{n}@warung.test", password2="tidak-sama")
    response = signup(email="orang-baru@warung.test")
    assert response.context["form"].has_error("__all__", code="throttled")
    assert not User.objects.exists()
    # Another network address is not held up.
    response = signup(email="orang-baru@warung.test", REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 302


def test_an_inactive_account_cannot_log_in(client, verified_user):
    User.objects.filter(pk=verified_user.pk).update(is_active=False)
    response = client.post(
        reverse("accounts:login"), {"username": "budi@kopi.test", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_logout_is_a_post(client, verified_user):
    client.force_login(verified_user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert logged_in_user_id(client) is not None

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert logged_in_user_id(client) is None


def test_home_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login") + "?next=" + reverse("accounts:home")


def test_home_sends_a_user_to_their_screens(client, verified_user):
    client.force_login(verified_user)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url == home_url_for(verified_user)


def test_the_navbar_offers_login_and_signup_then_the_portal_and_logout(client, verified_user):
    content = client.get(reverse("accounts:login")).content.decode()
    assert 'data-testid="nav-login"' in content
    assert 'data-testid="nav-signup"' in content
    assert 'data-testid="nav-logout"' not in content

    client.force_login(verified_user)
    content = client.get(reverse("accounts:password_change")).content.decode()
    assert 'data-testid="nav-login"' not in content
    assert 'data-testid="nav-logout"' in content
    assert "Budi" in content
    assert f'href="{reverse("accounts:home")}"' in content


@pytest.fixture
def fake_portals(monkeypatch):
    """Portal URLs named after their names, so each role's destination is visible."""

    def fake_reverse(name, *args, **kwargs):
        return f"/{name}/"

    monkeypatch.setattr(selectors, "reverse", fake_reverse)


def test_home_url_for_routes_each_role(fake_portals):
    event = EventFactory()
    association = AssociationFactory()
    root = user_create(email="root@p.test", full_name="Root", is_superuser=True, is_staff=True)
    organizer = user_create(email="org@p.test", full_name="Org")
    role_grant(user=organizer, role=Role.ORGANIZER, scope=event)
    association_admin = user_create(email="asosiasi@p.test", full_name="Admin Asosiasi")
    role_grant(user=association_admin, role=Role.ASSOCIATION_ADMIN, scope=association)
    exhibitor = user_create(email="umkm@p.test", full_name="Pemilik UMKM")
    gate_staff = user_create(email="gate@p.test", full_name="Penjaga Gerbang")
    role_grant(user=gate_staff, role=Role.GATE_STAFF, scope=event)

    assert home_url_for(root) == "/wagtailadmin_home/"
    assert home_url_for(organizer) == "/wagtailadmin_home/"
    assert home_url_for(association_admin) == "/exhibitors:association_home/"
    assert home_url_for(exhibitor) == "/exhibitors:home/"
    assert home_url_for(gate_staff) == "/exhibitors:home/"


def test_home_url_for_falls_back_to_the_site_while_a_portal_is_missing(monkeypatch):
    def missing(name, *args, **kwargs):
        raise NoReverseMatch(name)

    monkeypatch.setattr(selectors, "reverse", missing)
    user = user_create(email="umkm@p.test", full_name="Pemilik UMKM")
    assert home_url_for(user) == "/"


# --- passwords --------------------------------------------------------------------------------


def test_password_reset_end_to_end_in_the_users_language(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    user = user_create(
        email="dewi@tenun.test",
        full_name="Dewi Lestari",
        password=PASSWORD,
        preferred_language="en",
    )
    # Asked from the Indonesian page; the email follows the account's language.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "Dewi@Tenun.test"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    (message,) = mailoutbox
    assert message.to == ["dewi@tenun.test"]
    assert message.subject == "Choose a new password for Pameran"
    link = link_in(message)
    assert link.startswith("http://testserver/en/akun/atur-sandi/")
    assert message.alternatives[0][1] == "text/html"

    response = client.get(link)  # Django swaps the token out of the URL
    assert response.status_code == 302
    form_url = response.url
    assert client.get(form_url).context["validlink"]
    response = client.post(
        form_url, {"new_password1": "Tenun-Sumba-2027", "new_password2": "Tenun-Sumba-2027"}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")

    user.refresh_from_db()
    assert user.check_password("Tenun-Sumba-2027")
    assert client.login(username="dewi@tenun.test", password="Tenun-Sumba-2027")
    client.logout()
    # The link is spent.
    response = client.get(link, follow=True)
    assert not response.context["validlink"]


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "siapa@tenun.test"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_a_weak_new_password_is_refused(client, django_capture_on_commit_callbacks, mailoutbox):
    user = user_create(email="dewi@tenun.test", full_name="Dewi", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "dewi@tenun.test"})
    form_url = client.get(link_in(mailoutbox[0])).url
    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_password_reset_also_verifies_the_address(
    signup, client, django_capture_on_commit_callbacks, mailoutbox
):
    signup()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "siti@warung.test"})
    form_url = client.get(link_in(mailoutbox[0])).url
    client.post(
        form_url, {"new_password1": "Tenun-Sumba-2027", "new_password2": "Tenun-Sumba-2027"}
    )

    assert User.objects.get().email_verified_at is not None
    assert client.login(username="siti@warung.test", password="Tenun-Sumba-2027")


def test_password_reset_is_throttled(client, english):
    url = reverse("accounts:password_reset")
    for _try in range(5):
        assert client.post(url, {"email": "dewi@tenun.test"}).status_code == 302
    response = client.post(url, {"email": "dewi@tenun.test"})
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", code="throttled")


def test_password_change(client, verified_user):
    client.force_login(verified_user)
    url = reverse("accounts:password_change")
    response = client.post(
        url,
        {
            "old_password": "salah",
            "new_password1": "Kopi-Gayo-2027",
            "new_password2": "Kopi-Gayo-2027",
        },
    )
    assert "old_password" in response.context["form"].errors

    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Kopi-Gayo-2027",
            "new_password2": "Kopi-Gayo-2027",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    verified_user.refresh_from_db()
    assert verified_user.check_password("Kopi-Gayo-2027")
    assert logged_in_user_id(client) == str(verified_user.pk)  # still logged in


def test_password_change_needs_a_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_each_page_renders_in_both_languages(client):
    names = [
        "accounts:signup",
        "accounts:signup_done",
        "accounts:resend_verification",
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_complete",
    ]
    for language in ("id", "en"):
        for name in names:
            with translation.override(language):
                url = reverse(name)
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{language}">' in response.content.decode(), url


def test_verification_mail_is_skipped_for_an_account_verified_meanwhile(mailoutbox):
    from accounts.tasks import send_verification_email

    user = user_create(email="a@p.test", full_name="A", email_verified_at=timezone.now())
    send_verification_email(user.pk, "http://testserver")
    send_verification_email(987654, "http://testserver")
    assert mail.outbox == []
