"""Line-level text helpers shared by the parser: cleaning, joining broken lines, quoting."""

from __future__ import annotations

import re

_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def normalise_newlines(text: str) -> str:
    """Drop a leading BOM and turn CRLF / CR line endings into "\\n"."""
    return _NEWLINES.sub("\n", text.removeprefix("\ufeff"))


def clean_line(line: str) -> str:
    """A line without surrounding whitespace (ASCII or full-width) or invisible marks."""
    return line.strip().strip(_INVISIBLE).strip()


def join_lines(parts: list[str]) -> str:
    """Join the pieces of a paragraph broken across lines (Chinese text needs no separator)."""
    out = ""
    for part in parts:
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(part[:1]):
            out += " "
        out += part
    return out


def quote(text: str, limit: int = 30) -> str:
    """A short quotation of a line for an error message."""
    short = text if len(text) <= limit else text[:limit] + "…"
    return f"“{short}”"


# Punctuation in both widths, as character-class contents (written as escapes on purpose:
# the half- and full-width forms look alike, and notices mix them freely).
LPAREN = "(\uff08"
RPAREN = ")\uff09"
COLONS = ":\uff1a"
SEMICOLONS = ";\uff1b"
COMMAS = ",\uff0c"
STOPS = "\u3002!\uff01?\uff1f"  # 。 ! ?
FULL_STOP = "\u3002"
