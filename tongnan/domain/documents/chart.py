"""A horizontal bar chart's geometry (rates from 0 to 100 %), drawn as SVG by the templates.

Only numbers and labels are computed here; the template writes the SVG elements, so every label
goes through the template's escaping like any other text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: The type area is 156 mm (442.2 pt) wide.
WIDTH_PT = 442.0
ROW_PT = 15.0
BAR_PT = 9.0
FONT_PT = 9.0
TOP_PT = 6.0
AXIS_PT = 16.0
LABEL_CHARS_MAX = 12


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: str  # 95.5%
    y: float  # top of the bar
    width: float
    text_y: float  # baseline of the label and the value
    value_x: float
    level: str  # "high", "mid" or "low": the bar's shade


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str  # 0% … 100%


@dataclass(frozen=True, slots=True)
class BarChart:
    width: float
    height: float
    font_size: float
    plot_x: float  # where the bars start (right of the labels)
    plot_width: float
    plot_top: float
    plot_bottom: float
    bar_height: float
    axis_y: float  # baseline of the tick labels
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]


def _r(value: float) -> float:
    return round(value, 2)


def rate_chart(items: Sequence[tuple[str, float]]) -> BarChart:
    """One bar per ``(label, rate)``, in the order given; rates are clamped to 0…1."""
    longest = max((min(len(label), LABEL_CHARS_MAX) for label, _ in items), default=2)
    label_width = (longest + 1) * FONT_PT
    value_width = 4 * FONT_PT
    plot_x = label_width
    plot_width = WIDTH_PT - label_width - value_width
    bars = []
    for index, (label, rate) in enumerate(items):
        rate = min(1.0, max(0.0, rate))
        top = TOP_PT + index * ROW_PT + (ROW_PT - BAR_PT) / 2
        width = plot_width * rate
        if len(label) > LABEL_CHARS_MAX:
            label = label[: LABEL_CHARS_MAX - 1] + "…"
        bars.append(
            Bar(
                label=label,
                value=percent(rate),
                y=_r(top),
                width=_r(width),
                text_y=_r(top + BAR_PT / 2 + FONT_PT * 0.35),
                value_x=_r(plot_x + width + FONT_PT * 0.4),
                level="high" if rate >= 0.9 else "mid" if rate >= 0.6 else "low",
            )
        )
    plot_bottom = TOP_PT + len(items) * ROW_PT
    return BarChart(
        width=WIDTH_PT,
        height=_r(plot_bottom + AXIS_PT),
        font_size=FONT_PT,
        plot_x=_r(plot_x),
        plot_width=_r(plot_width),
        plot_top=TOP_PT,
        plot_bottom=_r(plot_bottom),
        bar_height=BAR_PT,
        axis_y=_r(plot_bottom + FONT_PT * 1.3),
        bars=tuple(bars),
        ticks=tuple(Tick(_r(plot_x + plot_width * k / 4), f"{25 * k}%") for k in range(5)),
    )


def percent(rate: float) -> str:
    """0.955 -> 95.5%; whole numbers without a decimal: 1.0 -> 100%."""
    text = f"{rate * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"
