import os
import re
import tempfile
from pathlib import Path

import pytest
from django.core import mail

from accounts.models import User
from accounts.selectors import home_url_for
from tests.browser import PHONE

SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "shots")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_exhibitor_signs_up_confirms_the_address_and_logs_in(live_server, page):
    """On a phone: sign up, open the emailed link, land logged in; log out and back in."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/akun/daftar/")
    page.screenshot(path=str(SHOTS / "auth-signup-phone.png"), full_page=True)

    form = page.locator("[data-testid=signup-form]")
    form.locator("[name=full_name]").fill("Siti Rahayu")
    form.locator("[name=email]").fill("siti@warung.test")
    form.locator("[name=phone]").fill("0812 3456 7890")
    form.locator("[name=password1]").fill("Batik-Solo-2027")
    form.locator("[name=password2]").fill("Batik-Solo-2027")
    form.locator("[name=consent]").check()
    form.locator("button[type=submit]").click()

    page.wait_for_url(live_server.url + "/akun/daftar/cek-email/")
    assert "siti@warung.test" in page.locator("[data-testid=signup-done]").inner_text()
    assert User.objects.get().email_verified_at is None
    # The live server sends in its own thread, into this process's locmem outbox.
    (message,) = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith(live_server.url + "/akun/verifikasi/")

    page.goto(link)

    user = User.objects.get()
    assert user.email_verified_at is not None
    # Sent on to the exhibitor portal (another team's page), logged in.
    assert page.url == live_server.url + home_url_for(user)
    page.goto(live_server.url + "/akun/ganti-sandi/")
    assert page.locator("[data-testid=password-change-form]").is_visible()
    assert page.locator("[data-testid=nav-user]").inner_text() == "Siti"

    # Log out from the folded phone menu, then log in with the password.
    page.locator(".navbar-toggler").click()
    logout = page.locator("[data-testid=nav-logout]")
    logout.wait_for(state="visible")  # the menu unfolds with an animation
    logout.click()
    # The home page's images need not finish loading for the redirect to count.
    page.wait_for_url(live_server.url + "/", wait_until="domcontentloaded")
    page.goto(live_server.url + "/akun/masuk/")
    assert page.locator("[data-testid=nav-login]").count() == 1
    page.screenshot(path=str(SHOTS / "auth-login-phone.png"), full_page=True)
    login = page.locator("[data-testid=login-form]")
    login.locator("[name=username]").fill("SITI@warung.test")
    login.locator("[name=password]").fill("Batik-Solo-2027")
    login.locator("button[type=submit]").click()
    page.wait_for_url(live_server.url + home_url_for(user))
    page.goto(live_server.url + "/akun/ganti-sandi/")
    assert page.locator("[data-testid=nav-user]").inner_text() == "Siti"
