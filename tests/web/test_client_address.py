"""Finding 3: the client's address is the peer's unless the peer is a configured trusted proxy;
then the right-most address of the forwarded-for header that is not a trusted proxy."""

from __future__ import annotations

import pytest

from ketacover.web.client_address import (
    ProxySettingError,
    ProxyTrust,
    client_address,
    parse_networks,
)

TRUST = ProxyTrust(networks=parse_networks(["10.0.0.0/8", "::1"]), header="X-Forwarded-For")
NONE = ProxyTrust(networks=(), header="X-Forwarded-For")


@pytest.mark.parametrize(
    ("peer", "forwarded", "trust", "expected"),
    [
        ("203.0.113.5", "198.51.100.7", NONE, "203.0.113.5"),
        ("10.0.0.1", "198.51.100.7", NONE, "10.0.0.1"),
        ("203.0.113.5", "198.51.100.7", TRUST, "203.0.113.5"),
        ("10.0.0.1", "198.51.100.7", TRUST, "198.51.100.7"),
        ("10.0.0.1", "6.6.6.6, 198.51.100.7", TRUST, "198.51.100.7"),
        ("10.0.0.1", "198.51.100.7, 10.0.0.2", TRUST, "198.51.100.7"),
        ("10.0.0.1", "10.0.0.3, 10.0.0.2", TRUST, "10.0.0.3"),
        ("10.0.0.1", "not-an-address", TRUST, "10.0.0.1"),
        ("10.0.0.1", "6.6.6.6, junk, 10.0.0.2", TRUST, "10.0.0.2"),
        ("10.0.0.1", "198.51.100.7:4711", TRUST, "198.51.100.7"),
        ("::1", "[2001:db8::5]:443", TRUST, "2001:db8::5"),
        ("10.0.0.1", None, TRUST, "10.0.0.1"),
        (None, "198.51.100.7", TRUST, None),
    ],
)
def test_finding_3_the_client_is_the_rightmost_untrusted_address(peer, forwarded, trust, expected):
    assert client_address(peer, forwarded, trust) == expected


def test_finding_3_a_malformed_trusted_proxy_setting_is_named():
    with pytest.raises(ProxySettingError, match=r"KETACOVER_TRUSTED_PROXIES: 'proxy\.local'"):
        parse_networks(["10.0.0.1", "proxy.local"])


def test_the_header_name_maps_to_its_wsgi_key():
    assert ProxyTrust(networks=(), header="X-Real-IP").meta_key == "HTTP_X_REAL_IP"
