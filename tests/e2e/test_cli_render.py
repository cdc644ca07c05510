"""``tongnan render`` as a user runs it: drafts, issues, reprints, and many at once."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from pathlib import Path

import pypdf

from tests.support.cli import tongnan
from tests.support.seed import OFFICE, import_seed
from tongnan.domain.common.clock import LOCAL_TZ
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.models import Document, UrgeNotice
from tongnan.domain.models.reporting import RoundKind
from tongnan.domain.reporting.rounds import open_round
from tongnan.domain.supervision.urging import issue_urge_notice
from tongnan.responsibility_matrix.duty_resolver import GraphDutyResolver


def _text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return "".join(page.extract_text() for page in reader.pages)


async def _seed(url: DatabaseUrl) -> list[int]:
    async with open_database(url):
        await import_seed()
        june = dt.datetime(2025, 6, 1, 9, tzinfo=LOCAL_TZ)
        await open_round(
            OFFICE,
            "2025年6月调度",
            RoundKind.MONTHLY,
            dt.date(2025, 6, 25),
            GraphDutyResolver(),
            june,
        )
        for unit in ("区人力社保局", "双江镇", "花岩镇"):
            await issue_urge_notice(OFFICE, unit, dt.date(2025, 7, 1), june.replace(month=7))
        return [notice.id for notice in await UrgeNotice.all().order_by("id")]


async def test_render_drafts_issues_and_reprints(db_url: DatabaseUrl, tmp_path: Path) -> None:
    notices = await _seed(db_url)

    def run(*args: str) -> tuple[int, str, str]:
        result = tongnan(db_url, "render", *args)
        return result.returncode, result.stdout, result.stderr

    code, out, err = await asyncio.to_thread(
        run, "urge-notice", "--all-urge-notices", "-o", str(tmp_path / "all")
    )
    assert code == 0, err
    written = sorted((tmp_path / "all").glob("*.pdf"))
    assert [p.name for p in written] == [f"urge-notice-{k}.pdf" for k in sorted(notices)]
    assert "3/3" in err and "[" + "#" * 30 + "]" in err  # the progress bar, finished
    assert out.count("draft of 关于督促办理逾期工作任务的通知") == 3
    assert "〔2025〕1号" not in _text(written[0]) and "逾期工作任务清单" in _text(written[0])

    code, out, err = await asyncio.to_thread(
        run, "urge-notice", "--urge", str(notices[1]), "--issue", "-o", str(tmp_path / "u.pdf")
    )
    assert code == 0, err
    async with open_database(db_url):
        [issued] = await Document.all()
    assert f"issued {issued.code}" in out and issued.code in _text(tmp_path / "u.pdf")
    assert "双江镇" in _text(tmp_path / "u.pdf")

    code, out, err = await asyncio.to_thread(
        run, "document", "--id", str(issued.id), "-o", str(tmp_path / "again.pdf")
    )
    assert code == 0, err
    assert f"reprinted {issued.code}" in out
    assert _text(tmp_path / "again.pdf") == _text(tmp_path / "u.pdf")

    code, out, err = await asyncio.to_thread(
        run, "progress-bulletin", "-o", str(tmp_path / "p.pdf")
    )
    assert code == 2 and "选定哪一次调度" in err and not (tmp_path / "p.pdf").exists()
