"""Nearest names: what a person probably meant by a name that is not in a list (typos)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.5


def nearest_names(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to ``name``, best first (at most ``limit``; none when nothing is
    close). Exact matches are the caller's business: this is for a name not found."""
    wanted = name.strip()
    if not wanted:
        return []
    pool = sorted({c for c in candidates if c and c != wanted})
    return difflib.get_close_matches(wanted, pool, n=limit, cutoff=CUTOFF)


def did_you_mean(name: str, candidates: Iterable[str], limit: int = 3) -> str:
    """``是否为“柏梓镇”？`` (or ``是否为“甲”或“乙”？``); "" when nothing is close."""
    found = nearest_names(name, candidates, limit)
    if not found:
        return ""
    return "是否为" + "或".join(f"“{n}”" for n in found) + "？"
