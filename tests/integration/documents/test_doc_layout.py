"""GB/T 9704-2012 geometry of the plan notice, read back from the PDF."""

from __future__ import annotations

import itertools
from collections import Counter

from tests.support.pdf import A4, CHAR, GRID, MM, RED, Line, Page, colour, rules

TOL = 0.6  # points


def test_every_page_is_a4_portrait(notice_pages: list[Page]) -> None:
    assert len(notice_pages) >= 9
    for page in notice_pages:
        assert abs(page.width - A4[0]) < 1 and abs(page.height - A4[1]) < 1


def test_every_glyph_but_the_page_number_is_inside_the_type_area(
    notice_pages: list[Page],
) -> None:
    for page in notice_pages:
        area = page.area()
        body = page.body_chars()
        assert body, f"page {page.number} is empty"
        outside = [
            (c["text"], round(float(c["x0"]), 1), round(float(c["top"]), 1))
            for c in body
            if float(c["x0"]) < area.left - TOL
            or float(c["x1"]) > area.right + TOL
            or float(c["top"]) < area.top - TOL
            or float(c["bottom"]) > area.bottom + TOL
        ]
        assert outside == [], f"page {page.number}"
        # the margins mirror: the text starts at the inner margin (left on odd pages)
        assert min(float(c["x0"]) for c in body) >= area.left - TOL
        assert any(abs(float(c["x0"]) - area.left) < TOL for c in body)


def _body_pages(pages: list[Page]) -> list[Page]:
    """Pages filled with body text from top to bottom (not the first, last or part openings)."""
    full = []
    for page in pages[1:-1]:
        lines, area = page.lines(page.body_chars()), page.area()
        body_size = all(abs(float(c["size"]) - 16) < 0.1 for c in page.body_chars())
        starts_top = lines[0].top < area.top + GRID
        ends_bottom = lines[-1].bottom > area.bottom - 1.5 * GRID
        if body_size and starts_top and ends_bottom:
            full.append(page)
    return full


def test_full_lines_hold_28_characters_and_full_pages_22_lines(
    notice_pages: list[Page],
) -> None:
    full_pages = _body_pages(notice_pages)
    assert len(full_pages) >= 5
    counts: Counter[float] = Counter()
    for page in full_pages:
        lines = page.lines(page.body_chars())
        assert len(lines) == 22, f"page {page.number}: {len(lines)} lines"
        pitches = [b.bottom - a.bottom for a, b in itertools.pairwise(lines)]
        assert all(abs(p - GRID) < 3 for p in pitches), f"page {page.number}: {pitches}"
        area = page.area()
        for line in lines:
            counts[line.cells] += 1
            assert line.cells <= 28.5, f"page {page.number}: {line.text}"
            full_width = all(float(c["width"]) > 12 for c in line.chars)
            if line.cells == 28 and full_width and not set(line.text) & set("“”"):
                assert abs(line.x0 - area.left) < TOL and abs(line.x1 - area.right) < 1.0
                xs = [float(c["x0"]) for c in line.chars]
                steps = [b - a for a, b in itertools.pairwise(xs)]
                assert all(abs(s - CHAR) < 0.05 for s in steps), line.text
    assert counts.most_common(1)[0][0] == 28


def _folio(page: Page) -> Line:
    [line] = page.lines(page.folio_chars())
    return line


def test_page_numbers_sit_7mm_below_the_type_area_on_the_outer_side(
    notice_pages: list[Page],
) -> None:
    for page in notice_pages:
        area, folio = page.area(), _folio(page)
        assert folio.text == f"—{page.number}—"
        size = float(folio.chars[0]["size"])
        assert abs(size - 14) < 0.1  # 4号
        if page.number % 2:  # odd: right, one character in
            assert abs(folio.x1 - (area.right - 14)) < 1.5
        else:
            assert abs(folio.x0 - (area.left + 14)) < 1.5
        # the dash (一字线) lies 0.24-0.29 em above the baseline in Noto Serif CJK
        dash = folio.chars[0]
        baseline = page.height - float(dash["matrix"][5])
        dash_top = baseline - 0.293 * size
        assert abs(dash_top - area.bottom - 7 * MM) < 1 * MM


def test_red_header_mark_number_and_rule(notice_pages: list[Page]) -> None:
    first = notice_pages[0]
    area = first.area()
    lines = first.lines()
    mark = [ln for ln in lines if all(colour(c["non_stroking_color"]) == RED for c in ln.chars)]
    assert "".join(ln.text for ln in mark) == (
        "中共重庆市潼南区委农村工作暨实施乡村振兴战略领导小组巩固拓展脱贫攻坚成果工作专班办公室"
    )
    assert abs(mark[0].top - area.top - 35 * MM) < 1.5 * MM
    for line in mark:
        assert abs((line.x0 + line.x1) / 2 - area.centre) < 1
    others = [c for c in first.chars if c not in [c for ln in mark for c in ln.chars]]
    assert all(colour(c["non_stroking_color"]) == "black" for c in others)
    number = next(ln for ln in lines if "〔2025〕" in ln.text)
    assert number.text == "潼巩固专办发〔2025〕1号"
    assert abs((number.x0 + number.x1) / 2 - area.centre) < 1
    [rule] = [r for r in rules(first) if r.colour == RED]
    assert abs(rule.x0 - area.left) < TOL and abs(rule.x1 - area.right) < TOL
    # 4 mm below the foot of the number's em box (baseline + 0.12 em)
    char = number.chars[0]
    foot = first.height - float(char["matrix"][5]) + 0.12 * float(char["size"])
    assert abs(rule.top - foot - 4 * MM) < 0.5 * MM
    assert all(r.colour != RED for p in notice_pages[1:] for r in rules(p))


def test_title_addressees_signature_and_date(notice_pages: list[Page]) -> None:
    first = notice_pages[0]
    area = first.area()
    lines = first.lines()
    title = [ln for ln in lines if abs(float(ln.chars[0]["size"]) - 22) < 0.1]
    assert "".join(ln.text for ln in title).startswith("关于印发《重庆市潼南区2025年")
    for line in title:
        assert abs((line.x0 + line.x1) / 2 - area.centre) < 1
        assert "Bold" in line.chars[0]["fontname"]
    addressees = [ln for ln in lines if ln.top > title[-1].bottom][:2]
    assert abs(addressees[0].x0 - area.left) < TOL  # flush left
    assert addressees[1].text.endswith("：")
    closing = next(p for p in notice_pages if any(ln.text == "2025年4月27日" for ln in p.lines()))
    date = next(ln for ln in closing.lines() if ln.text == "2025年4月27日")
    assert abs(date.x1 - (closing.area().right - 4 * CHAR)) < 1.0  # 4 characters in
    signature = [ln for ln in closing.lines() if ln.bottom < date.top][-2:]
    assert "".join(ln.text for ln in signature).endswith("工作专班办公室")
    assert abs(signature[0].x1 - (closing.area().right - 4 * CHAR)) < 1.0
    # the signature never stands alone: body text shares its page
    assert closing.lines()[0].text != signature[0].text


def test_headings_use_hei_and_kai(notice_pages: list[Page]) -> None:
    lines = [ln for p in notice_pages for ln in p.lines()]
    heading = next(ln for ln in lines if ln.text.startswith("一、健全"))
    assert all("Sans" in c["fontname"] for c in heading.chars)
    task = next(ln for ln in lines if ln.text.startswith("（一）用好"))
    lead = "（一）用好“渝悦·防贫”应用。"
    assert all("UKai" in c["fontname"] for c in task.chars[: len(lead)])
    assert all("Serif" in c["fontname"] for c in task.chars[len(lead) :])
    plan_title = next(ln for ln in lines if ln.text.startswith("重庆市潼南区2025年巩固拓展"))
    assert abs(float(plan_title.chars[0]["size"]) - 22) < 0.1


def test_imprint_sits_at_the_foot_of_the_last_page(notice_pages: list[Page]) -> None:
    last = notice_pages[-1]
    area = last.area()
    assert all("日印发" not in p.text for p in notice_pages[:-1])
    printed = [ln for ln in last.lines(last.body_chars()) if ln.bottom > area.bottom - 3 * GRID]
    assert "".join(ln.text for ln in printed) == (
        "中共重庆市潼南区委巩固拓展脱贫攻坚成果工作专班办公室2025年4月27日印发"
    )
    found = rules(last)
    assert len(found) == 2  # no 抄送: the first and the last rule
    for rule in found:
        assert rule.colour == "black"
        assert abs(rule.x0 - area.left) < TOL and abs(rule.x1 - area.right) < TOL
        assert abs(rule.bottom - rule.top - 0.35 * MM) < 0.05
    assert abs(found[-1].bottom - area.bottom) < 1.0
    assert found[0].bottom < printed[0].top and printed[-1].bottom < found[-1].top
    date = printed[-1]
    assert abs(date.x1 - (area.right - 14)) < 1.0  # 印发日期 one character from the right
