"""The QR token: compact, signed, and refused when forged, truncated or of another key."""

import base64

import pytest
import qrcode

from tickets import tokens

CLAIMS = tokens.Claims(kid=3, event_id=7, pass_id=123456, serial=2, pass_type_id=41, day_mask=0b101)


@pytest.fixture(scope="module")
def keys():
    return tokens.new_key_pair()


def test_a_token_round_trips_and_fits_a_version_5_code_at_level_m(keys):
    private, public = keys
    token = tokens.sign(CLAIMS, private)
    assert len(token) == tokens.TOKEN_CHARS == 122
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert tokens.verify(token, {3: public}) == CLAIMS
    assert CLAIMS.day_indexes() == [0, 2]
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(token)
    code.make(fit=True)
    assert code.version == 5


def test_signing_is_deterministic(keys):
    private, _public = keys
    assert tokens.sign(CLAIMS, private) == tokens.sign(CLAIMS, private)


def test_scanners_may_read_a_token_typed_in_lower_case_with_spaces(keys):
    private, public = keys
    token = tokens.sign(CLAIMS, private)
    typed = " ".join(token[i : i + 8] for i in range(0, len(token), 8)).lower()
    assert tokens.verify(typed, {3: public}) == CLAIMS


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t[:-1],  # truncated
        lambda t: t[:60],
        lambda t: t + "A",
        lambda t: "",
        lambda t: "1" * 122,  # outside the alphabet
        lambda t: t[:10] + ("A" if t[10] != "A" else "B") + t[11:],  # a claim changed
        lambda t: t[:-3] + ("AAA" if t[-3:] != "AAA" else "BBB"),  # the signature changed
    ],
)
def test_damaged_and_forged_tokens_are_refused(keys, damage):
    private, public = keys
    with pytest.raises(tokens.TokenError):
        tokens.verify(damage(tokens.sign(CLAIMS, private)), {3: public})


def test_a_token_signed_by_another_key_is_refused(keys):
    _private, public = keys
    other_private, _other_public = tokens.new_key_pair()
    with pytest.raises(tokens.TokenError):
        tokens.verify(tokens.sign(CLAIMS, other_private), {3: public})


def test_an_unknown_key_id_is_refused(keys):
    private, public = keys
    with pytest.raises(tokens.TokenError):
        tokens.verify(tokens.sign(CLAIMS, private), {4: public})


def test_a_token_of_another_format_version_is_refused(keys):
    private, public = keys
    raw = bytearray(base64.b32decode(tokens.sign(CLAIMS, private) + "======"))
    raw[0] = (2 << 5) | 3
    forged = base64.b32encode(bytes(raw)).decode().rstrip("=")
    with pytest.raises(tokens.TokenError):
        tokens.verify(forged, {3: public})


@pytest.mark.parametrize(
    "field,value",
    [("event_id", 0), ("event_id", 70000), ("pass_id", 2**32), ("serial", 0), ("serial", 256)],
)
def test_claims_out_of_range_cannot_be_signed(keys, field, value):
    private, _public = keys
    claims = tokens.Claims(**{**CLAIMS.__dict__, field: value})
    with pytest.raises(ValueError):
        tokens.sign(claims, private)
