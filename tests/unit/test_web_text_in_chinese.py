"""Every text a person reads in the workbench is in Chinese: the pages' words and static
attributes (labels, placeholders, titles, aria-labels), and the messages the scripts show
(ElMessage, ElMessageBox, ElNotification, the Errors the API layer throws, titles and labels
in object literals). A command shown for an administrator to type is not prose."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.language import COMMAND, is_english

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web" / "src"

TEMPLATE = re.compile(r"<template>(.*)</template>", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
MUSTACHE = re.compile(r"\{\{.*?\}\}", re.S)
TEXT = re.compile(r">([^<>]+)<")
# static attributes only: a bound one (:label, v-bind) is an expression, checked where it is made
ATTRIBUTE = re.compile(
    r"(?<![:@#\w-])(label|placeholder|title|aria-label|alt|empty-text|confirm-button-text|"
    r"cancel-button-text|content|description|active-text|inactive-text)=\"([^\"]*)\""
)
SHOWN = re.compile(
    r"(?:ElMessage(?:Box)?(?:\.\w+)?|ElNotification(?:\.\w+)?|new Error|new ApiError)"
    r"\(\s*(['`])((?:(?!\1).)*)\1",
    re.S,
)
PROPERTY = re.compile(
    r"\b(?:title|label|message|description|placeholder)\s*:\s*(['`])((?:(?!\1).)*)\1"
)
PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


def _english(text: str) -> bool:
    text = text.strip()
    if not text or text == "{}" or COMMAND.fullmatch(text):
        return False
    return is_english(text)


def english_texts(source: str) -> list[str]:
    """The texts of one .vue or .ts file a person reads that are written in English."""
    found: list[str] = []
    template = TEMPLATE.search(source)
    if template:
        markup = COMMENT.sub("", template.group(1))
        found += [t.strip() for t in TEXT.findall(MUSTACHE.sub("{}", markup)) if _english(t)]
        found += [value for _, value in ATTRIBUTE.findall(markup) if _english(value)]
    for pattern in (SHOWN, PROPERTY):
        for _, value in pattern.findall(source):
            if _english(PLACEHOLDER.sub("{}", value)):
                found.append(value)
    return found


def test_the_workbench_speaks_chinese() -> None:
    files = [
        p for p in sorted(WEB.rglob("*")) if p.suffix in {".vue", ".ts"} and "gql" not in p.parts
    ]
    assert len(files) > 20
    found = [
        f"{p.relative_to(ROOT).as_posix()}: {text}"
        for p in files
        for text in english_texts(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_catches_english_and_passes_chinese() -> None:
    source = (
        "<template>\n"
        '  <el-button type="primary">Save draft</el-button>\n'
        '  <el-input placeholder="Type the unit" />\n'
        '  <el-input :placeholder="hint" aria-label="单位名称" />\n'
        "  <p>已提交 {{ count }} 份</p>\n"
        "  <code>tongnan audit verify</code>\n"
        "</template>\n"
        '<script setup lang="ts">\n'
        "ElMessage.success(`已保存${name}`)\n"
        "ElMessage.error('Network request failed')\n"
        "throw new Error(`round ${n} is closed`)\n"
        "const column = { label: '单位', prop: 'unitName' }\n"
        "const tab = { title: 'Overview' }\n"
        "</script>\n"
    )
    assert english_texts(source) == [
        "Save draft",
        "Type the unit",
        "Network request failed",
        "round ${n} is closed",
        "Overview",
    ]
