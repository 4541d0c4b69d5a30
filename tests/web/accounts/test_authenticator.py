"""The TOTP side of two-factor login: RFC 6238 codes, the QR code and the sealed secret."""

from __future__ import annotations

import base64
import doctest
import time
from urllib.parse import parse_qs, unquote, urlparse
from xml.etree import ElementTree

import pytest
from django.test import override_settings

from ketacover.web.accounts import authenticator

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
"""The SHA-1 secret of RFC 6238 appendix B."""


def test_the_module_examples_hold():
    assert doctest.testmod(authenticator).failed == 0


@pytest.mark.parametrize(
    ("at", "code"),
    # RFC 6238 appendix B gives 8 digits; the last 6 are the 6-digit code.
    [(59, "287082"), (1111111109, "081804"), (1234567890, "005924"), (2000000000, "279037")],
)
def test_it_makes_the_codes_of_the_rfc_6238_test_vectors(at, code):
    assert authenticator.code_at(RFC_SECRET, at) == code


def test_a_code_of_the_step_before_or_after_is_accepted_but_not_two_steps_away():
    now = 1111111109.0
    step = 1111111109 // 30
    for offset in (-1, 0, 1):
        code = authenticator.code_at(RFC_SECRET, now + offset * 30)
        assert authenticator.matching_step(RFC_SECRET, code, at=now) == step + offset
    for offset in (-2, 2):
        code = authenticator.code_at(RFC_SECRET, now + offset * 30)
        assert authenticator.matching_step(RFC_SECRET, code, at=now) is None


@pytest.mark.parametrize("typed", ["", "28708", "2870822", "28708a", "287 082"])
def test_anything_but_six_digits_matches_no_step(typed):
    assert authenticator.matching_step(RFC_SECRET, typed, at=59.0) is None


def test_a_new_secret_is_160_random_bits_in_base32():
    first, second = authenticator.new_secret(), authenticator.new_secret()
    assert len(base64.b32decode(first)) == 20
    assert first != second


def test_the_provisioning_address_says_sha1_six_digits_thirty_seconds_and_the_issuer():
    uri = authenticator.provisioning_uri(RFC_SECRET, account="staff")
    parsed = urlparse(uri)
    assert (parsed.scheme, parsed.netloc) == ("otpauth", "totp")
    assert parsed.path == "/ketacover:staff"
    query = parse_qs(parsed.query)
    assert query["secret"] == [RFC_SECRET]
    assert query["issuer"] == ["ketacover"]
    # pyotp leaves out the parameters that are the defaults of the key-URI format.
    assert query.get("algorithm", ["SHA1"]) == ["SHA1"]
    assert query.get("digits", ["6"]) == ["6"]
    assert query.get("period", ["30"]) == ["30"]


def test_the_qr_code_is_an_svg_drawn_here_that_links_to_nothing():
    uri = authenticator.provisioning_uri(RFC_SECRET, account="staff")
    image = authenticator.qr_code_svg(uri)
    header, body = image.split(",", 1)
    assert header.startswith("data:image/svg+xml")
    svg = ElementTree.fromstring(unquote(body))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    for element in svg.iter():
        assert not any(name.endswith("href") for name in element.attrib), element.attrib
        assert element.tag.rsplit("}", 1)[-1] in {"svg", "g", "path", "rect"}


def test_the_key_is_shown_in_groups_of_four():
    assert authenticator.spaced("ABCDEFGHIJ") == "ABCD EFGH IJ"


def test_a_sealed_secret_hides_the_secret_and_opens_again():
    sealed = authenticator.seal(RFC_SECRET)
    assert RFC_SECRET not in sealed
    assert authenticator.seal(RFC_SECRET) != sealed  # a fresh nonce each time
    assert authenticator.unseal(sealed) == RFC_SECRET


def test_a_secret_sealed_under_another_secret_key_cannot_be_opened():
    with override_settings(SECRET_KEY="another-key-for-this-test-only-0123456789-abcdefghij"):
        sealed = authenticator.seal(RFC_SECRET)
    with pytest.raises(authenticator.SecretUnreadableError):
        authenticator.unseal(sealed)


def test_a_secret_sealed_under_a_retired_key_opens_while_that_key_is_a_fallback(settings):
    old = settings.SECRET_KEY
    sealed = authenticator.seal(RFC_SECRET)
    with override_settings(
        SECRET_KEY="the-rotated-key-for-this-test-only-0123456789-abcdefghij",
        SECRET_KEY_FALLBACKS=[old],
    ):
        assert authenticator.unseal(sealed) == RFC_SECRET


def test_the_clock_is_the_system_time():
    assert abs(authenticator.clock() - time.time()) < 5
