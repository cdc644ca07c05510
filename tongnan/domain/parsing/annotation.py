"""A task's duty annotation: who leads, who is responsible, which leaders, by when.

Written as a closing bracket (牵头单位:…;责任单位:…;完成时限:…) with its keys in any order and
any bracket (（）()【】[]), in verb form (X牵头，Y、Z配合) / (X负责) / (由X牵头), or as key lines
of their own after the task text (牵头单位：…). A unit list ending in 等 / 等部门 is kept and
flagged open-ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tongnan.domain.parsing.text import COLONS, COMMAS, LPAREN, RPAREN, SEMICOLONS

LEAD_KEYS = ("牵头责任单位", "牵头单位", "牵头部门")
RESPONSIBLE_KEYS = ("协同责任单位", "责任单位", "责任部门", "配合单位", "配合部门", "协办单位")
LEADER_KEYS = ("责任领导", "牵头领导", "分管领导", "区级责任领导")
DEADLINE_KEYS = ("完成时限", "时间节点", "完成时间", "时限要求")
ALL_KEYS = LEAD_KEYS + RESPONSIBLE_KEYS + LEADER_KEYS + DEADLINE_KEYS

_KEY = "|".join(sorted(ALL_KEYS, key=len, reverse=True))
_KEY_RE = re.compile(rf"(?P<key>{_KEY})\s*[{COLONS}]")
_KEY_LINE_RE = re.compile(rf"\s*(?:{_KEY})\s*[{COLONS}]")
_OPEN = rf"[{LPAREN}\u3010\[\uff3b]"  # ( ( 【 [ [
_CLOSE = rf"[{RPAREN}\u3011\]\uff3d]"  # ) ) 】 ] ]
_NOT_BRACKET = rf"[^{LPAREN}{RPAREN}\u3010\u3011\[\]\uff3b\uff3d]"
# Content of the annotation: anything but brackets, or one level of nested round brackets,
# so that unit names such as 镇(街道) survive.
_INNER = rf"(?:{_NOT_BRACKET}|[{LPAREN}]{_NOT_BRACKET}*[{RPAREN}])*"
_TRAILING_RE = re.compile(rf"{_OPEN}\s*(?P<content>{_INNER}){_CLOSE}\s*[\u3002.{SEMICOLONS}]?\s*$")
_UNIT_SPLIT = re.compile(rf"[\u3001{COMMAS}{SEMICOLONS}/]|\s+")
_EDGE = f" \t\u3000\u3001\u3002.{COMMAS}{SEMICOLONS}"
_OPEN_END = re.compile(r"等(?:相关|有关)?(?:部门|单位|镇街|部门单位)?$")
_LEAD_VERB = re.compile(
    rf"由?(?P<lead>[^{COMMAS}{SEMICOLONS}\u3002]+?)牵头(?:负责)?"
    rf"(?:[{COMMAS}{SEMICOLONS}]\s*(?P<resp>[^\u3002]+?)"
    r"(?:配合|协同|参与|按职责分工负责|按职责负责|分别负责|负责))?"
)
_RESPONSIBLE_VERB = re.compile(
    r"由?(?P<resp>[^\u3002]+?)(?:按职责分工负责|按职责负责|分别负责|共同负责|负责)"
)


@dataclass(frozen=True, slots=True)
class Annotation:
    """The units, leaders and deadline named for a task, in the order written."""

    lead_units: tuple[str, ...] = ()
    responsible_units: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    deadline: str | None = None
    open_ended: bool = False
    empty_keys: tuple[str, ...] = ()

    @property
    def names_units(self) -> bool:
        return bool(self.lead_units or self.responsible_units)

    def merged(self, other: Annotation) -> Annotation:
        """This annotation with what ``other`` adds (a key line after a bracket, …)."""
        return Annotation(
            _unique(self.lead_units + other.lead_units),
            _unique(self.responsible_units + other.responsible_units),
            _unique(self.leaders + other.leaders),
            other.deadline or self.deadline,
            self.open_ended or other.open_ended,
            self.empty_keys + other.empty_keys,
        )


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _units(value: str) -> tuple[tuple[str, ...], bool]:
    names: list[str] = []
    open_ended = False
    depth = 0
    current = ""
    for ch in value:  # split at separators outside brackets: 镇(街道) stays whole
        if ch in LPAREN:
            depth += 1
        elif ch in RPAREN:
            depth = max(0, depth - 1)
        if depth == 0 and _UNIT_SPLIT.fullmatch(ch):
            names.append(current)
            current = ""
        else:
            current += ch
    names.append(current)
    out: list[str] = []
    for raw in names:
        name = raw.strip(_EDGE)
        trimmed = _OPEN_END.sub("", name)
        if trimmed != name and trimmed:
            open_ended = True
            name = trimmed.strip(_EDGE)
        if name:
            out.append(name)
    return tuple(out), open_ended


def parse_keyed(content: str) -> Annotation | None:
    """The annotation in text made of ``key:value`` parts, or None if it is not one."""
    keys = list(_KEY_RE.finditer(content))
    if not keys or content[: keys[0].start()].strip(_EDGE):
        return None
    result = Annotation()
    for index, key in enumerate(keys):
        end = keys[index + 1].start() if index + 1 < len(keys) else len(content)
        value = content[key.end() : end]
        name = key["key"]
        if name in DEADLINE_KEYS:
            text = value.strip(_EDGE)
            result = replace(result, deadline=text or None)
            continue
        names, open_ended = _units(value)
        if not names:
            result = replace(result, empty_keys=(*result.empty_keys, name))
        elif name in LEADER_KEYS:
            result = replace(result, leaders=result.leaders + names)
        elif name in LEAD_KEYS:
            result = replace(result, lead_units=result.lead_units + names)
        else:
            result = replace(result, responsible_units=result.responsible_units + names)
        result = replace(result, open_ended=result.open_ended or open_ended)
    return result


_NOT_A_UNIT = re.compile(r"要|应|须|明确|专人|按照|根据|确保|进行|完成|工作")


def _plausible(names: tuple[str, ...]) -> bool:
    """Unit names, not a clause (各镇街要明确专人负责 is no annotation)."""
    return bool(names) and all(len(n) <= 20 and not _NOT_A_UNIT.search(n) for n in names)


def parse_verb(content: str) -> Annotation | None:
    """(X牵头，Y、Z配合) / (由X牵头) / (X负责): the verb form, or None."""
    text = content.strip(_EDGE)
    if not text or len(text) > 200 or "\u3002" in text:
        return None
    if match := _LEAD_VERB.fullmatch(text):
        lead, lead_open = _units(match["lead"])
        resp, resp_open = _units(match["resp"] or "")
        if _plausible(lead) and (not resp or _plausible(resp)):
            return Annotation(lead, resp, open_ended=lead_open or resp_open)
    if match := _RESPONSIBLE_VERB.fullmatch(text):
        resp, resp_open = _units(match["resp"])
        if _plausible(resp):
            return Annotation((), resp, open_ended=resp_open)
    return None


def _bracket(content: str) -> Annotation | None:
    keyed = parse_keyed(content)
    if keyed is not None:
        return keyed
    first_key = _KEY_RE.search(content)
    if first_key is None:
        return parse_verb(content)
    verb = parse_verb(content[: first_key.start()])
    rest = parse_keyed(content[first_key.start() :])
    return None if verb is None or rest is None else verb.merged(rest)


def ends_with_annotation(text: str) -> bool:
    """Whether the text ends with a bracketed annotation (so the task is complete)."""
    match = _TRAILING_RE.search(text)
    return match is not None and _bracket(match["content"]) is not None


def split_annotation(text: str) -> tuple[str, Annotation | None]:
    """Split a task's text into (text before its closing annotations, the annotation or None)."""
    found: Annotation | None = None
    rest = text.strip()
    while (match := _TRAILING_RE.search(rest)) is not None:
        annotation = _bracket(match["content"])
        if annotation is None:
            break
        found = annotation if found is None else annotation.merged(found)
        rest = rest[: match.start()].strip()
    return rest, found


def key_line(text: str) -> Annotation | None:
    """A line of its own such as 牵头单位：区农业农村委；责任单位：各镇街, or None."""
    if not _KEY_LINE_RE.match(text):
        return None
    return parse_keyed(text.strip().rstrip("\u3002"))


def header_key(text: str) -> str | None:
    """Which annotation a table column holds, from its header (牵头单位, 完成时限, …)."""
    name = "".join(text.split())
    for keys, kind in (
        (LEADER_KEYS, "leaders"),
        (DEADLINE_KEYS, "deadline"),
        (LEAD_KEYS, "lead"),
        (RESPONSIBLE_KEYS, "responsible"),
    ):
        if name in keys:
            return kind
    if name.endswith("领导"):
        return "leaders"
    if name.startswith(("完成时", "时限", "时间")):
        return "deadline"
    if "牵头" in name:
        return "lead"
    if name.endswith(("单位", "部门")):
        return "responsible"
    return None


def units_of(value: str) -> tuple[tuple[str, ...], bool]:
    """The unit names in a table cell, and whether the list is open-ended (…等)."""
    return _units(value)
