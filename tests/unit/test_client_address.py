"""The caller's address: X-Forwarded-For is believed only from a trusted proxy."""

from __future__ import annotations

import pytest

from tongnan.server.client_address import client_address, parse_networks
from tongnan.server.settings import Settings

PROXIES = parse_networks("10.0.0.1, 172.16.0.0/12")


def test_the_header_is_ignored_from_an_untrusted_peer() -> None:
    assert client_address("198.51.100.7", "203.0.113.1", PROXIES) == "198.51.100.7"
    assert client_address("198.51.100.7", "203.0.113.1", ()) == "198.51.100.7"


def test_the_header_is_read_from_the_right_past_trusted_proxies() -> None:
    assert client_address("10.0.0.1", "203.0.113.1", PROXIES) == "203.0.113.1"
    # the client wrote the first entry itself; the proxies appended the rest
    chain = "192.0.2.66, 203.0.113.1, 172.16.5.5"
    assert client_address("10.0.0.1", chain, PROXIES) == "203.0.113.1"
    assert client_address("10.0.0.1", "203.0.113.1:5123", PROXIES) == "203.0.113.1"
    assert client_address("10.0.0.1", "", PROXIES) == "10.0.0.1"


def test_a_hop_that_is_no_address_stops_the_walk() -> None:
    assert client_address("10.0.0.1", "203.0.113.1, junk", PROXIES) == "10.0.0.1"
    assert client_address("10.0.0.1", "junk, 172.16.0.9", PROXIES) == "172.16.0.9"


def test_ipv6_callers_are_keyed_by_their_64_block() -> None:
    one = client_address("2001:db8:1:2::1", None, ())
    other = client_address("2001:db8:1:2:ffff::9", None, ())
    assert one == other == "2001:db8:1:2::/64"
    assert client_address("::ffff:198.51.100.7", None, ()) == "198.51.100.7"


def test_no_peer() -> None:
    assert client_address(None, "203.0.113.1", PROXIES) == "unknown"


def test_settings_read_the_proxies_and_the_budget() -> None:
    settings = Settings.from_env(
        {
            "TONGNAN_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8",
            "TONGNAN_COST_BUDGET": "80000",
            "TONGNAN_COST_REFILL_PER_MINUTE": "40000",
            "TONGNAN_MAX_RESPONSE_BYTES": "1000000",
        }
    )
    assert [str(n) for n in settings.trusted_proxies] == ["127.0.0.1/32", "10.0.0.0/8"]
    assert (settings.cost_budget, settings.cost_refill_per_minute) == (80_000, 40_000)
    assert settings.max_response_bytes == 1_000_000
    defaults = Settings.from_env({})
    assert defaults.trusted_proxies == ()
    assert (defaults.cost_budget, defaults.cost_refill_per_minute) == (100_000, 100_000)
    assert Settings.from_env({"TONGNAN_COST_BUDGET": "0"}).cost_budget == 0
    assert Settings.from_env({"TONGNAN_MAX_COST": "300000"}).cost_budget == 300_000


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TONGNAN_TRUSTED_PROXIES": "10.0.0.1, proxy.local"}, "“proxy.local”不是 IP 地址或网段"),
        ({"TONGNAN_COST_BUDGET": "1000"}, "不小于 TONGNAN_MAX_COST（50000）"),
    ],
)
def test_settings_refuse_what_cannot_work(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings.from_env(env)
