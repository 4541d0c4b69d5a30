"""The client's address: the peer's, or the one a trusted proxy in front of the app passed on.

Behind a TLS proxy every request comes from the proxy's address, so the lockout, the signup
throttle and the audit trail need the address the proxy saw. A forwarded-for header is believed
only when the peer is one of the proxies named in ``KETACOVER_TRUSTED_PROXIES`` (addresses or
CIDR networks; none by default, so a client cannot fake its address by sending the header).
The header named in ``KETACOVER_CLIENT_IP_HEADER`` (default ``X-Forwarded-For``) lists the
addresses the request passed through, each proxy appending the one it saw; the client is the
right-most address that is not itself a trusted proxy (the left part is whatever the client
chose to send). OWASP ASVS 4.0 section 1.4 (access control architecture) and MDN "X-Forwarded-
For: Selecting an IP address".
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_HEADER: Final = "X-Forwarded-For"
MAX_HOPS: Final = 20
"""Entries of the header looked at, from the right: a longer chain is not walked further."""


class ProxySettingError(ValueError):
    """``KETACOVER_TRUSTED_PROXIES`` holds something that is not an address or network."""


@dataclass(frozen=True, slots=True)
class ProxyTrust:
    """Which peers' forwarded-for header is believed, and which header that is."""

    networks: tuple[Network, ...]
    header: str

    @property
    def meta_key(self) -> str:
        """The header's key in a WSGI environment (``HTTP_X_FORWARDED_FOR``)."""
        return "HTTP_" + self.header.upper().replace("-", "_")

    def trusts(self, address: Address) -> bool:
        """True when ``address`` is one of the trusted proxies."""
        return any(address in network for network in self.networks)


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """The networks named by ``entries`` (``10.0.0.5``, ``10.0.0.0/8``, ``::1``); an entry that
    is neither is an error naming it."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ProxySettingError(
                f"KETACOVER_TRUSTED_PROXIES: {entry!r} is not an IP address or network"
            ) from None
    return tuple(networks)


@lru_cache(maxsize=4)
def _trust(entries: tuple[str, ...], header: str) -> ProxyTrust:
    return ProxyTrust(networks=parse_networks(entries), header=header.strip() or DEFAULT_HEADER)


def configured_trust() -> ProxyTrust:
    """The trust the settings describe (``TRUSTED_PROXIES``, ``CLIENT_IP_HEADER``)."""
    entries = tuple(getattr(settings, "TRUSTED_PROXIES", ()))
    return _trust(entries, str(getattr(settings, "CLIENT_IP_HEADER", DEFAULT_HEADER)))


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "192.0.2.1:51234"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_address(peer: str | None, forwarded: str | None, trust: ProxyTrust) -> str | None:
    """The client's address from the peer's address and the forwarded-for header's value.

    The header counts only when the peer is trusted; then the right-most entry that is not a
    trusted proxy is the client. A malformed entry there ends the walk at the last trusted hop.
    """
    peer_address = _address(peer or "")
    if peer_address is None:
        return None
    if not forwarded or not trust.trusts(peer_address):
        return str(peer_address)
    hops: Sequence[str] = forwarded.split(",")[-MAX_HOPS:]
    found = peer_address
    for entry in reversed(hops):
        hop = _address(entry)
        if hop is None:
            break
        found = hop
        if not trust.trusts(hop):
            break
    return str(found)


def request_client_address(request: HttpRequest | None) -> str | None:
    """The client's address of ``request`` under the configured proxy trust."""
    if request is None:
        return None
    trust = configured_trust()
    peer = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get(trust.meta_key)
    return client_address(str(peer) if peer else None, str(forwarded) if forwarded else None, trust)
