"""The response cache: only queries, bounded in entries and in the size of one entry."""

from __future__ import annotations

from tongnan.server.response_cache import MAX_ENTRY_BYTES, ResponseCache, is_query


def test_only_queries_are_kept() -> None:
    assert is_query("{ plan { code } }", None)
    assert is_query("query A { plan { code } } mutation B { x }", "A")
    assert not is_query("query A { plan { code } } mutation B { x }", "B")
    assert not is_query("mutation { x }", None)
    assert not is_query("subscription { x }", None)
    assert not is_query("{ broken", None)


def test_a_query_of_the_audit_chain_is_never_kept() -> None:
    # the sealer's seals and the CLI's verifications move it without an announced write
    assert not is_query("{ auditChain { seals } }", None)
    assert not is_query("query A { plan { code } auditChain { seals } }", "A")
    assert is_query("query A { plan { code } } query B { auditChain { seals } }", "A")
    assert ResponseCache.key("mutation { x }", None, None, "", 0) is None


def test_lru_bounds_and_large_entries() -> None:
    cache = ResponseCache(max_entries=2)
    keys = [ResponseCache.key(f"{{ q{i} }}", {"a": i}, None, "Bearer t", (1, 1)) for i in range(3)]
    for number, key in enumerate(keys):
        cache.put(key, number)
    assert cache.get(keys[0]) is None  # the oldest went
    assert (cache.get(keys[1]), cache.get(keys[2])) == (1, 2)
    cache.put(keys[0], "big", size=MAX_ENTRY_BYTES + 1)
    assert cache.get(keys[0]) is None
    off = ResponseCache(max_entries=0)
    off.put(keys[0], 1)
    assert off.get(keys[0]) is None


def test_the_key_separates_callers_variables_and_freshness() -> None:
    base = ResponseCache.key("{ plan { code } }", {"b": 1, "a": 2}, None, "Bearer x", (1, 2))
    assert base == ResponseCache.key(
        "{ plan { code } }", {"a": 2, "b": 1}, None, "Bearer x", (1, 2)
    )
    assert base != ResponseCache.key(
        "{ plan { code } }", {"a": 2, "b": 1}, None, "Bearer y", (1, 2)
    )
    assert base != ResponseCache.key(
        "{ plan { code } }", {"a": 2, "b": 1}, None, "Bearer x", (1, 3)
    )
    assert base != ResponseCache.key(
        "{ plan { code } }", {"a": 3, "b": 1}, None, "Bearer x", (1, 2)
    )
