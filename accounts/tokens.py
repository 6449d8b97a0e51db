"""Signed, expiring links for email verification (password reset uses Django's generator)."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """A link that proves the user reads mail at their address.

    It hashes the verification time, so the link stops working once used, and the
    address, so it does not verify an address changed since it was sent. It expires
    after PASSWORD_RESET_TIMEOUT (three days by default).
    """

    key_salt = "accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        verified_at = user.email_verified_at
        verified = "" if verified_at is None else verified_at.replace(microsecond=0).isoformat()
        return f"{user.pk}{user.email}{verified}{user.is_active}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
