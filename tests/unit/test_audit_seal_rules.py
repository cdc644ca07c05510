"""The pure parts of sealing: id ranges, the digest, the MAC over every field, the key, settings."""

from __future__ import annotations

import datetime as dt

import pytest

from tongnan.domain.common.audit_key import AuditKeyError, generate_key, parse_key
from tongnan.domain.common.audit_seal import events_digest, from_ranges, seal_mac, to_ranges
from tongnan.server.audit_key_source import MissingAuditKey, audit_key
from tongnan.server.settings import Settings

KEY = bytes(range(32))
AT = dt.datetime(2025, 6, 1, 1, tzinfo=dt.UTC)
SEAL = {
    "seq": 3,
    "sealed_at": AT,
    "event_ranges": "[[1,3],[7,7]]",
    "event_count": 4,
    "high_water": 7,
    "digest": "d" * 64,
    "prev_mac": "p" * 64,
}


def test_ranges_round_trip_and_ignore_repeats() -> None:
    assert to_ranges([7, 1, 2, 3, 3, 9, 10]) == [(1, 3), (7, 7), (9, 10)]
    assert from_ranges([(1, 3), (7, 7)]) == [1, 2, 3, 7]
    assert to_ranges([]) == []


def test_digest_binds_each_id_to_its_hash() -> None:
    digest = events_digest([(1, "a"), (2, "b")])
    assert digest == events_digest([(2, "b"), (1, "a")])
    assert digest != events_digest([(1, "b"), (2, "a")])
    assert digest != events_digest([(1, "a")])


def test_the_mac_covers_every_field_and_needs_the_key() -> None:
    reference = seal_mac(KEY, **SEAL)  # type: ignore[arg-type]
    changed: list[dict[str, object]] = [
        {**SEAL, "seq": 4},
        {**SEAL, "sealed_at": AT + dt.timedelta(microseconds=1)},
        {**SEAL, "event_ranges": "[[1,3]]"},
        {**SEAL, "event_count": 3},
        {**SEAL, "high_water": 8},
        {**SEAL, "digest": "e" * 64},
        {**SEAL, "prev_mac": "q" * 64},
    ]
    macs = {seal_mac(KEY, **c) for c in changed}  # type: ignore[arg-type]
    assert reference not in macs and len(macs) == len(changed)
    assert seal_mac(bytes(32), **SEAL) != reference  # type: ignore[arg-type]


def test_keys_are_64_hex_digits_or_more() -> None:
    assert len(parse_key(generate_key())) == 32
    with pytest.raises(AuditKeyError, match="太短"):
        parse_key("ab" * 16)
    with pytest.raises(AuditKeyError, match="十六进制"):
        parse_key("not a key")


def test_production_needs_a_key_development_keeps_one_under_var(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(str(tmp_path))
    with pytest.raises(MissingAuditKey):
        audit_key(Settings(env="production"))
    made = audit_key(Settings())
    assert audit_key(Settings()) == made  # created once, then reused
    assert audit_key(Settings(env="production", audit_key_file="var/audit.key")) == made


def test_seal_interval_setting_takes_fractions_of_a_second() -> None:
    env = {"TONGNAN_AUDIT_SEAL_INTERVAL_SECONDS": "0.005"}
    assert Settings.from_env(env).audit_seal_interval_seconds == 0.005
    assert Settings.from_env({}).audit_seal_interval_seconds == 1.0
    for bad in ("0", "-1", "x", "inf", "nan"):
        with pytest.raises(ValueError, match="TONGNAN_AUDIT_SEAL_INTERVAL_SECONDS"):
            Settings.from_env({"TONGNAN_AUDIT_SEAL_INTERVAL_SECONDS": bad})


def test_the_salt_keeps_two_events_of_the_same_content_apart() -> None:
    from tongnan.domain.common.audit import UNCHAINED, event_hash

    same = (UNCHAINED, AT, "cli:office", None, "task.updated", "Task", "7", None, {"a": 1})
    assert event_hash(*same, "a" * 32) != event_hash(*same, "b" * 32)
    assert event_hash(*same, "a" * 32) != event_hash(*same)  # the old chain's hashes unchanged
