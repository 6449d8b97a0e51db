import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.models import User
from accounts.services import user_create

pytestmark = pytest.mark.django_db


def test_login_is_by_email_case_insensitively(client):
    user_create(email="Panitia@Contoh.test", full_name="Sri", password="kata-sandi-kuat-1")
    assert User.objects.get().email == "panitia@contoh.test"
    assert client.login(username="PANITIA@contoh.test", password="kata-sandi-kuat-1")


def test_the_same_email_in_other_case_is_refused():
    user_create(email="budi@contoh.test", full_name="Budi")
    with pytest.raises(ValidationError):
        user_create(email="BUDI@contoh.test", full_name="Budi Lagi")
    with pytest.raises(IntegrityError):
        User.objects.create(email="BUDI@CONTOH.TEST", full_name="Budi Lagi")


@pytest.mark.parametrize("phone", ["081234567890", "+6512345678", "+62-812", "+620812345678"])
def test_phone_must_be_indonesian_with_country_code(phone):
    with pytest.raises(ValidationError) as excinfo:
        user_create(email="a@contoh.test", full_name="A", phone=phone)
    assert "phone" in excinfo.value.message_dict
    assert not User.objects.exists()


def test_valid_whatsapp_number_is_kept():
    user = user_create(email="a@contoh.test", full_name="A", phone="+6281234567890")
    assert user.phone == "+6281234567890"
    assert not user.has_usable_password()
