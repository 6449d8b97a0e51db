"""The QR token: a pass's identity signed with the edition's Ed25519 key.

Layout (big-endian), 12 bytes of claims then the 64-byte signature over them::

    byte 0      format version (3 bits) | key id (5 bits)
    bytes 1-2   event id
    bytes 3-6   pass id
    byte 7      serial (re-issue number; older serials are revoked)
    bytes 8-9   pass type id
    bytes 10-11 day mask (bit i: the edition's i-th day, in date order)

The 76 bytes are written in RFC 4648 base32 without padding: 122 characters from
A–Z and 2–7, which QR codes store in alphanumeric mode, so the token fits a
version 5 code at error correction level M (37 × 37 modules). The scanner
(static/js/scanner/) decodes the same layout and verifies with the public key.

This module is pure: keys come in as bytes, nothing touches the database.
"""

from __future__ import annotations

import base64
import binascii
import functools
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

FORMAT_VERSION = 1
CLAIMS = struct.Struct(">BHIBHH")
SIGNATURE_BYTES = 64
TOKEN_BYTES = CLAIMS.size + SIGNATURE_BYTES
TOKEN_CHARS = 122
MAX_EVENT_ID = 0xFFFF
MAX_PASS_ID = 0xFFFFFFFF
MAX_PASS_TYPE_ID = 0xFFFF
MAX_SERIAL = 0xFF
MAX_KID = 31


class TokenError(ValueError):
    """The text is not a token this system issued: damaged, truncated or forged."""


@dataclass(frozen=True)
class Claims:
    kid: int
    event_id: int
    pass_id: int
    serial: int
    pass_type_id: int
    day_mask: int

    def day_indexes(self) -> list[int]:
        return [i for i in range(16) if self.day_mask >> i & 1]


def new_key_pair() -> tuple[bytes, bytes]:
    """(private, public) raw 32-byte Ed25519 keys."""
    private = Ed25519PrivateKey.generate()
    return private.private_bytes_raw(), public_bytes(private)


def public_bytes(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def pack_claims(claims: Claims) -> bytes:
    if not 0 <= claims.kid <= MAX_KID:
        raise ValueError("key id out of range")
    if not 0 < claims.event_id <= MAX_EVENT_ID:
        raise ValueError("event id out of range")
    if not 0 < claims.pass_id <= MAX_PASS_ID:
        raise ValueError("pass id out of range")
    if not 0 < claims.serial <= MAX_SERIAL:
        raise ValueError("serial out of range")
    if not 0 < claims.pass_type_id <= MAX_PASS_TYPE_ID:
        raise ValueError("pass type id out of range")
    if not 0 <= claims.day_mask <= 0xFFFF:
        raise ValueError("day mask out of range")
    return CLAIMS.pack(
        FORMAT_VERSION << 5 | claims.kid,
        claims.event_id,
        claims.pass_id,
        claims.serial,
        claims.pass_type_id,
        claims.day_mask,
    )


def sign(claims: Claims, private_key: bytes) -> str:
    """The token text for ``claims``; deterministic (Ed25519), so a pass always gets the same."""
    body = pack_claims(claims)
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(body)
    return base64.b32encode(body + signature).decode("ascii").rstrip("=")


def read_claims(token: str) -> tuple[Claims, bytes, bytes]:
    """(claims, signed bytes, signature) of ``token``, not yet verified.

    Raises TokenError for anything that is not a well-formed token.
    """
    text = "".join((token or "").split()).upper()
    if len(text) != TOKEN_CHARS:
        raise TokenError("length")
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError) as error:
        raise TokenError("alphabet") from error
    if len(raw) != TOKEN_BYTES:
        raise TokenError("length")
    body, signature = raw[: CLAIMS.size], raw[CLAIMS.size :]
    header, event_id, pass_id, serial, pass_type_id, day_mask = CLAIMS.unpack(body)
    if header >> 5 != FORMAT_VERSION:
        raise TokenError("version")
    claims = Claims(
        kid=header & MAX_KID,
        event_id=event_id,
        pass_id=pass_id,
        serial=serial,
        pass_type_id=pass_type_id,
        day_mask=day_mask,
    )
    return claims, body, signature


def verify(token: str, public_keys: dict[int, bytes]) -> Claims:
    """The claims of ``token`` if it was signed by one of ``public_keys`` (kid → raw key).

    Raises TokenError otherwise: an unknown key id, a bad signature, a damaged text.
    """
    claims, body, signature = read_claims(token)
    public = public_keys.get(claims.kid)
    if public is None:
        raise TokenError("key")
    try:
        _public_key(public).verify(signature, body)
    except InvalidSignature as error:
        raise TokenError("signature") from error
    return claims


@functools.lru_cache(maxsize=64)
def _public_key(raw: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(raw)


def looks_like_token(text: str) -> bool:
    """A cheap test that tells a QR token from a typed pass code."""
    return len("".join((text or "").split())) == TOKEN_CHARS
