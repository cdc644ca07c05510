"""The closing unit annotation of a task: (牵头单位:…;责任单位:…) and its variants."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tongnan.domain.parsing.text import COLONS, COMMAS, LPAREN, RPAREN, SEMICOLONS

LEAD_KEYS = ("牵头责任单位", "牵头单位", "牵头部门")
RESPONSIBLE_KEYS = ("协同责任单位", "责任单位", "责任部门", "配合单位")

_KEY = "|".join(LEAD_KEYS + RESPONSIBLE_KEYS)
_KEY_RE = re.compile(rf"(?P<key>{_KEY})\s*[{COLONS}]")
_OPEN = rf"[{LPAREN}\u3010\[\uff3b]"  # ( ( 【 [ [
_CLOSE = rf"[{RPAREN}\u3011\]\uff3d]"  # ) ) 】 ] ]
_NOT_BRACKET = rf"[^{LPAREN}{RPAREN}\u3010\u3011\[\]\uff3b\uff3d]"
# Content of the annotation: anything but brackets, or one level of nested round brackets,
# so that unit names such as 镇(街道) survive.
_INNER = rf"(?:{_NOT_BRACKET}|[{LPAREN}]{_NOT_BRACKET}*[{RPAREN}])*"
_ANNOTATION_RE = re.compile(
    rf"{_OPEN}\s*(?P<content>(?:{_KEY})\s*[{COLONS}]{_INNER}){_CLOSE}\s*[\u3002.{SEMICOLONS}]?\s*$"
)
_UNIT_SPLIT = re.compile(rf"[\u3001{COMMAS}{SEMICOLONS}]")
_EDGE = f" \t\u3000\u3001\u3002.{COMMAS}{SEMICOLONS}"


@dataclass(frozen=True, slots=True)
class Annotation:
    """The units named in a task's closing annotation, in the order written."""

    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]


def ends_with_annotation(text: str) -> bool:
    """Whether the text ends with a bracketed unit annotation (so the task is complete)."""
    return _ANNOTATION_RE.search(text) is not None


def split_annotation(text: str) -> tuple[str, Annotation | None]:
    """Split a task's text into (text before the annotation, the annotation or None)."""
    match = _ANNOTATION_RE.search(text)
    if match is None:
        return text.strip(), None
    content = match["content"]
    lead: list[str] = []
    responsible: list[str] = []
    keys = list(_KEY_RE.finditer(content))
    for index, key in enumerate(keys):
        end = keys[index + 1].start() if index + 1 < len(keys) else len(content)
        names = _split_units(content[key.end() : end])
        (lead if key["key"] in LEAD_KEYS else responsible).extend(names)
    return text[: match.start()].strip(), Annotation(tuple(lead), tuple(responsible))


def _split_units(value: str) -> list[str]:
    names = (name.strip(_EDGE) for name in _UNIT_SPLIT.split(value))
    return [name for name in names if name]
