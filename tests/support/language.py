"""What counts as a message written in English, for the checks that every message a person reads
(the server's refusals, the workbench's text) is in Chinese."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff]")
# A leading field path, setting or product name is not English prose: "filter.unitName：…",
# "TONGNAN_ENV 只能是…", "SQLite 数据库地址…".
NAME_PREFIX = re.compile(r"^[A-Za-z_][\w.]*[\s:：]*")
# Two English words in a row, e.g. "{} is not a date (写成2025年6月30日)"; a command to run,
# such as "请先运行 tongnan migrate", is not prose.
ENGLISH_PHRASE = re.compile(r"\b[a-z]{2,} [a-z]{2,}\b")
COMMAND = re.compile(r"tongnan( [a-z-]+)+")


def is_english(text: str) -> bool:
    """A message written in English: words without any Chinese, or English at its start."""
    if not CJK.search(text):
        return re.search(r"[A-Za-z]", text.replace("{}", "")) is not None
    if re.match(r"[A-Za-z]{2,} [A-Za-z]", text) or ENGLISH_PHRASE.search(COMMAND.sub("", text)):
        return True
    return re.match(r"[A-Za-z]", NAME_PREFIX.sub("", text, count=1)) is not None
