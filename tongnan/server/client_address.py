"""Whose address a request comes from: the peer, or X-Forwarded-For behind a trusted proxy.

X-Forwarded-For is believed only when the peer itself is one of ``TONGNAN_TRUSTED_PROXIES``
(addresses or networks): then the header is read from the right, past every trusted proxy, and
the first address that is not one is the client's. From any other peer the header is ignored,
so a caller cannot choose the address its budget is kept under. An IPv6 client is keyed by its
/64 network (one subscriber's block), so rotating addresses inside it gains nothing.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(text: str) -> tuple[Network, ...]:
    """``"10.0.0.1, 172.16.0.0/12, ::1"`` -> networks; ValueError names a bad entry."""
    networks = []
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"TONGNAN_TRUSTED_PROXIES：“{entry}”不是 IP 地址或网段") from None
    return tuple(networks)


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _key(address: Address) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def client_address(peer: str | None, forwarded_for: str | None, trusted: Iterable[Network]) -> str:
    """The caller's address as a budget key (``"unknown"`` when the server has no peer)."""
    peer_address = _address(peer) if peer else None
    if peer_address is None:
        return peer or "unknown"
    networks = tuple(trusted)

    def is_trusted(address: Address) -> bool:
        return any(address in network for network in networks)

    if not forwarded_for or not is_trusted(peer_address):
        return _key(peer_address)
    client = peer_address
    for hop in reversed(forwarded_for.split(",")):
        address = _address(hop)
        if address is None:  # not an address: trust nothing from here leftwards
            break
        client = address
        if not is_trusted(address):
            break
    return _key(client)
