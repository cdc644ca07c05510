"""The notice corpus (tests/fixtures/notices/): its file names, and each file's bytes. The
.docx, .pdf and .xlsx notices are built when asked, from NAME.src.json (python-docx,
WeasyPrint, openpyxl), so the corpus is reviewable text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notices"
BUILT = (".docx", ".pdf", ".xlsx")


def notice_names() -> list[str]:
    """Every notice of the corpus: NAME.EXT for files, and for built ones NAME.EXT too."""
    names = [
        p.name
        for p in sorted(FIXTURES.iterdir())
        if p.suffix in (".txt", ".html", ".csv") and not p.name.endswith(".src.json")
    ]
    for source in sorted(FIXTURES.glob("*.src.json")):
        spec = json.loads(source.read_text(encoding="utf-8"))
        names.append(source.name.removesuffix(".src.json") + spec["format"])
    return sorted(names)


def notice_bytes(name: str, workdir: Path) -> bytes:
    """The file's bytes, built into ``workdir`` first when it is a .docx, .pdf or .xlsx."""
    path = FIXTURES / name
    if path.suffix not in BUILT:
        return path.read_bytes()
    stem = Path(name).stem
    spec: dict[str, Any] = json.loads((FIXTURES / f"{stem}.src.json").read_text(encoding="utf-8"))
    out = workdir / name
    if path.suffix == ".docx":
        _docx(spec, out)
    elif path.suffix == ".pdf":
        _pdf(spec, out)
    else:
        _xlsx(spec, out)
    return out.read_bytes()


def _docx(spec: dict[str, Any], out: Path) -> None:
    import docx

    document = docx.Document()
    for block in spec["blocks"]:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.save(str(out))


def _pdf(spec: dict[str, Any], out: Path) -> None:
    from weasyprint import HTML

    HTML(string=spec["html"]).write_pdf(str(out))


def _xlsx(spec: dict[str, Any], out: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in spec["rows"]:
        sheet.append(row)
    for merged in spec.get("merged", []):
        sheet.merge_cells(merged)
    book.save(str(out))
