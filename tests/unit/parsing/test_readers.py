"""File kinds the readers refuse, each with the way out in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from tongnan.domain.parsing import PlanParseError, read_notice_file


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(PlanParseError) as caught:
        read_notice_file(name, data)
    assert [p.line for p in caught.value.problems] == [0]
    return caught.value.problems[0].message


def test_a_scanned_pdf_without_text_is_refused_for_that_reason(tmp_path: Path) -> None:
    from weasyprint import HTML

    out = tmp_path / "scan.pdf"
    HTML(string='<div style="width:300px;height:400px;background:#333"></div>').write_pdf(out)
    assert "没有文字层" in refusal("扫描件.pdf", out.read_bytes())


@pytest.mark.parametrize("name", ["通知.doc", "通知.wps"])
def test_old_word_and_wps_files_are_asked_to_be_saved_as_docx(name: str) -> None:
    assert "另存为”.docx" in refusal(name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)


def test_an_old_binary_office_file_under_another_name_is_recognised() -> None:
    assert ".docx" in refusal("通知.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)


def test_an_old_excel_file_is_asked_to_be_saved_as_xlsx() -> None:
    assert ".xlsx" in refusal("任务表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


@pytest.mark.parametrize("name", ["坏.docx", "坏.xlsx", "坏.pdf"])
def test_a_broken_file_is_refused_not_crashed(name: str) -> None:
    assert "打不开" in refusal(name, b"PK\x03\x04 not really a zip file" + b"x" * 50)


def test_a_page_with_a_gb2312_charset_is_decoded() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>一、稳定就业</p></body></html>'
    document = read_notice_file("通知.htm", page.encode("gb18030"))
    assert [line.text for line in document.lines] == ["一、稳定就业"]


def test_merged_html_cells_keep_the_columns_in_place() -> None:
    page = (
        "<table><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>责任单位</th></tr>"
        '<tr><td colspan="4">一、产业</td></tr>'
        '<tr><td>1</td><td rowspan="2">发展产业。</td><td>区农业农村委</td><td>各镇街</td></tr>'
        "<tr><td>2</td><td>区商务委</td><td>各镇街</td></tr></table>"
    )
    document = read_notice_file("页.html", page.encode())
    assert [line.cells for line in document.lines] == [
        ("序号", "任务", "牵头单位", "责任单位"),
        ("一、产业", "", "", ""),
        ("1", "发展产业。", "区农业农村委", "各镇街"),
        ("2", "发展产业。", "区商务委", "各镇街"),
    ]
