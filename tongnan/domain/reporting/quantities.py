"""Values as clerks type them: 8420元, 2.4万, 99%, 1,234, ８７００ → a number in a target's unit.

Pure. ``read_quantity(typed, unit)`` converts what was typed into the target's unit of measure
(万/亿 ×10,000/×100,000,000; 元, 万元 and 亿元 into each other; ‰ into %; full-width digits and
punctuation; thousands separators) or refuses it with a message in a clerk's words that names
what is expected. NaN, infinities, exponents, Chinese numerals and words are refused, and so is
a number the store cannot hold exactly (more than 16 integer digits or 4 decimals).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext

MAX_TYPED = 64  # characters; a value longer than this is not a value
INTEGER_DIGITS = 16  # DECIMAL(20, 4)
DECIMAL_PLACES = 4

# Magnitude words before the unit, longest first so that 千万 is not read as 千.
_MAGNITUDES: dict[str, int] = {
    "万亿": 10**12,
    "十万": 10**5,
    "百万": 10**6,
    "千万": 10**7,
    "千": 10**3,
    "万": 10**4,
    "亿": 10**8,
}
# Units that are a multiple of another: (base unit, how many base units one of them is).
_SCALED: dict[str, tuple[str, Decimal]] = {
    "万元": ("元", Decimal(10**4)),
    "亿元": ("元", Decimal(10**8)),
    "‰": ("%", Decimal("0.1")),
}
# Units a value may carry when its target names none (kept as typed, not converted).
_KNOWN_UNITS = frozenset(
    (
        *("平方米", "立方米", "公里", "千米", "人次", "小时", "%", "‰", "元", "人", "户"),
        *("个", "家", "次", "亩", "米", "吨", "项", "名", "所", "座", "条", "天", "辆"),
        *("套", "间", "岁", "年", "倍"),
    )
)
_RATES = frozenset(("%", "‰"))
_NUMBER = re.compile(
    r"(?P<sign>[+-])?(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.(?P<frac>[0-9]+))?(?P<rest>.*)",
    re.DOTALL,
)
# Full-width forms (８７００, ９９．３％, １，２３４) as their ASCII twins, and dashes as minus.
# Nothing else is folded: ① or 2² are not numbers a clerk means.
_PLAIN: dict[int, str] = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_PLAIN |= dict.fromkeys((0x2212, 0x2013, 0x2014), "-")


class NotAQuantity(ValueError):
    """What was typed is not a value of the target; ``message`` says so in a clerk's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value in the target's unit, and the text it was read from (as typed, trimmed)."""

    value: Decimal
    typed: str


def read_quantity(typed: str, unit: str | None, example: Decimal | None = None) -> Quantity:
    """``typed`` as a number in ``unit`` (the target's unit of measure, or None when it names
    none); ``example`` (the target's threshold) makes the refusal's example concrete."""
    hint = expected(unit, example)
    shown = _shown(typed)
    text = typed.strip()
    if len(text) > MAX_TYPED:
        raise NotAQuantity(f"填写的内容过长（{len(text)}个字符）：{hint}")
    if not text:
        raise NotAQuantity(f"没有填写数值：{hint}")
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise NotAQuantity(f"“{shown}”含有无法识别的字符：{hint}")
    plain = "".join(c for c in text.translate(_PLAIN) if not c.isspace())
    match = _NUMBER.fullmatch(plain)
    if match is None or (match["int"] is None and match["frac"] is None):
        raise NotAQuantity(f"“{shown}”不是数值：{hint}")
    digits = (match["int"] or "0").replace(",", "")
    number = Decimal(f"{match['sign'] or ''}{digits}.{match['frac'] or '0'}")
    scale = _scale(match["rest"], unit, shown, hint)
    with localcontext() as ctx:
        ctx.prec = 200  # exact: at most 64 typed digits times 10^12
        value = number * scale
        if value != value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES)):
            in_unit = f"（按“{unit}”计为 {_plain(value)}）" if scale != 1 and unit else ""
            raise NotAQuantity(f"“{shown}”的小数位数过多{in_unit}：最多保留{DECIMAL_PLACES}位小数")
        if abs(value) >= Decimal(10) ** INTEGER_DIGITS:
            raise NotAQuantity(f"“{shown}”超出可填写的范围：整数部分最多{INTEGER_DIGITS}位")
    return Quantity(Decimal(_plain(value)), text)


def _scale(rest: str, unit: str | None, shown: str, hint: str) -> Decimal:
    """How many of the target's units one typed number is, from the words after it."""
    if rest == unit or rest in _KNOWN_UNITS or rest in _SCALED:
        magnitude, typed_unit = "", rest  # 千米 is a unit, not 千 × 米
    else:
        magnitude = next((m for m in _MAGNITUDES if rest.startswith(m)), "")
        typed_unit = rest[len(magnitude) :]
    factor = Decimal(_MAGNITUDES.get(magnitude, 1))
    if not typed_unit:
        if unit is None or not magnitude:
            return factor  # a bare number is in the target's unit
        target_base, target_scale = _base(unit)
        if target_base in _RATES:
            raise NotAQuantity(f"“{shown}”不是数值：{hint}")
        return factor / target_scale  # 2.4万 is 24,000 of the base unit (人, 元 ...)
    if typed_unit != unit and typed_unit not in _KNOWN_UNITS and typed_unit not in _SCALED:
        raise NotAQuantity(f"“{shown}”不是数值：{hint}")
    base, typed_scale = _base(typed_unit)
    if magnitude and base in _RATES:
        raise NotAQuantity(f"“{shown}”不是数值：{hint}")
    if unit is None:  # nothing to convert to: 万元 into 元, a rate as typed
        return factor * (Decimal(1) if base in _RATES else typed_scale)
    target_base, target_scale = _base(unit)
    if base != target_base:
        raise NotAQuantity(f"“{shown}”的单位与指标不符（此项以“{unit}”计）：{hint}")
    return factor * typed_scale / target_scale


def _base(unit: str) -> tuple[str, Decimal]:
    return _SCALED.get(unit, (unit, Decimal(1)))


def expected(unit: str | None, example: Decimal | None = None) -> str:
    """What a value of a target in ``unit`` may look like, as a clerk would be told."""
    if example is not None and not example.is_finite():
        example = None
    if unit is None:
        return "请填写数字，可带“万”，如 24000 或 2.4万"
    base, _ = _base(unit)
    if base == "%":
        n = _plain(example if example is not None else Decimal(99))
        other = "‰" if unit == "%" else "%"
        return f"请填写数字，可带“{unit}”或“{other}”，如 {n} 或 {n}{unit}"
    if base == "元":
        n = _plain(example if example is not None else Decimal(8700))
        return f"请填写以“{unit}”计的数字，可带单位“元”“万元”或“亿元”，如 {n} 或 {n}{unit}"
    n = _plain(example if example is not None else Decimal(24000))
    big = example is None or abs(example) >= 10_000
    other = f"{_plain(Decimal(n) / 10_000)}万" if big else f"{n}{unit}"
    return f"请填写数字，可带单位“{unit}”或“万{unit}”，如 {n} 或 {other}"


def _plain(value: Decimal) -> str:
    """24000, not 2.4E+4 nor 24000.0000; 0, never -0."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def _shown(typed: str) -> str:
    """The typed text fit to be quoted back: no control characters, at most 20 characters."""
    text = "".join(c if not unicodedata.category(c).startswith("C") else "�" for c in typed)
    text = text.strip()
    return text if len(text) <= 20 else text[:20] + "…"
