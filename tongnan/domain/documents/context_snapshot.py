"""A document's template context as canonical JSON (its snapshot) and the snapshot's hash.

Equal contexts give equal text: keys sorted, no spaces, UTF-8 kept, dataclasses as objects,
tuples as arrays, dates as ISO text. Loading a snapshot and writing it again gives the same text,
so a reprint from the stored snapshot has byte-for-byte the context of the first print.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import hashlib
import json
from collections.abc import Mapping
from typing import Any


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    raise TypeError(f"cannot use a {type(value).__name__} in a document context")


def canonical_json(context: Mapping[str, Any]) -> str:
    """The context as JSON with sorted keys: equal contexts give equal text."""
    return json.dumps(
        context, default=_jsonable, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def content_hash(template: str, snapshot: str) -> str:
    """sha256 of the template's name and the snapshot: what a document says and how."""
    return hashlib.sha256(template.encode("utf-8") + b"\0" + snapshot.encode("utf-8")).hexdigest()


def load_snapshot(snapshot: str) -> dict[str, Any]:
    """The stored context back as plain JSON values (the templates read dicts like dataclasses)."""
    context = json.loads(snapshot)
    if not isinstance(context, dict):
        raise ValueError("a document snapshot is a JSON object")
    return context
