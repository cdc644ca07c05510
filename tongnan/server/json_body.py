"""Response bodies as JSON in UTF-8 (orjson): Chinese text as its own bytes, not ``\\u`` escapes."""

from __future__ import annotations

import json

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS


def encode(data: object) -> bytes:
    """``data`` as compact UTF-8 JSON; what orjson cannot write (an integer over 64 bits) goes
    through the standard library, still in UTF-8."""
    try:
        return orjson.dumps(data, option=_OPTIONS)
    except TypeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
