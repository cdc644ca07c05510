"""Suggesting the names someone probably meant: the nearest of the known names to a typo.

Pure: names are compared character by character after NFKC folding (full-width letters and
digits, stray spaces), which suits Chinese names where one wrong character ("柏子镇" for
"柏梓镇") is the usual slip.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

CUTOFF = 0.6  # below this share of matching characters a name is not a plausible intent


def _fold(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, counted in characters."""
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i]
        for j, right in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right))
            )
        previous = current
    return previous[-1]


def nearest_names(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` of ``candidates`` closest to ``name``, nearest first; none when nothing
    is close. A candidate equal to ``name`` (after folding) is not a suggestion."""
    wanted = _fold(name)
    if not wanted or limit <= 0:
        return []
    ranked: list[tuple[int, float, str]] = []
    for candidate in dict.fromkeys(candidates):
        folded = _fold(candidate)
        if not folded or folded == wanted:
            continue
        ratio = SequenceMatcher(None, wanted, folded, autojunk=False).ratio()
        if ratio >= CUTOFF or (wanted in folded or folded in wanted):
            ranked.append((_distance(wanted, folded), -ratio, candidate))
    ranked.sort()
    return [candidate for _, _, candidate in ranked[:limit]]


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """The clerk's hint for a misspelt name, e.g. ``是否为“柏梓镇”？``; empty when none is near."""
    near = nearest_names(name, candidates)
    if not near:
        return ""
    return "是否为" + "或".join(f"“{n}”" for n in near) + "？"


def unknown_unit_message(name: str, candidates: Iterable[str], on: str = "") -> str:
    """The refusal of a unit name no unit has, with the nearest names when there are any
    (``on``: the argument it came in, e.g. ``filter.unitName``, said first)."""
    hint = did_you_mean(name, candidates)
    where = f"{on}：" if on else ""
    return f"{where}没有名为“{name.strip()}”的单位" + (f"，{hint}" if hint else "")
