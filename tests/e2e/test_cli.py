"""The ``tongnan`` command as a user runs it, against a fresh database of each backend."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.cli import tongnan
from tests.support.files import PLAN_FILE
from tests.support.notice_files import FIXTURES, notice_bytes
from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.runtime import open_database
from tongnan.domain.models import AuditEvent, Task, WorkPlan


def test_dry_run_prints_the_plan_as_json_and_stores_nothing() -> None:
    result = tongnan(None, "import-plan", str(PLAN_FILE), "--dry-run")

    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["code"] == "潼巩固专办发〔2025〕1号"
    assert plan["issued_on"] == "2025-04-27"
    assert [s["number"] for s in plan["sections"]] == [1, 2, 3, 4, 5, 6, 7]
    tasks = [t for s in plan["sections"] for t in s["tasks"]]
    assert [t["number"] for t in tasks] == list(range(1, 23))
    assert tasks[6]["lead_units"] == ["区人力社保局", "区发展改革委", "区农业农村委"]
    assert {"number", "title", "lead_units", "responsible_units", "targets"} <= set(tasks[0])
    target = tasks[1]["targets"][0]
    assert (target["comparator"], target["threshold"], target["unit_of_measure"]) == (
        "GE",
        "8700",
        "元",
    )


async def _state(url: DatabaseUrl) -> tuple[int, int, int]:
    async with open_database(url):
        return (
            await WorkPlan.all().count(),
            await Task.all().count(),
            await AuditEvent.all().count(),
        )


async def test_migrate_import_reimport_and_refusals(empty_url: DatabaseUrl, tmp_path: Path) -> None:
    not_migrated = tongnan(empty_url, "import-plan", str(PLAN_FILE))
    assert not_migrated.returncode == 2
    assert "tongnan migrate" in not_migrated.stderr
    assert "Traceback" not in not_migrated.stderr

    assert tongnan(empty_url, "migrate").returncode == 0
    first = tongnan(empty_url, "import-plan", str(PLAN_FILE))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("imported 潼巩固专办发〔2025〕1号")
    stored = await _state(empty_url)
    assert stored[:2] == (1, 22)

    again = tongnan(empty_url, "import-plan", str(PLAN_FILE))
    assert again.returncode == 0
    assert "nothing changed" in again.stdout
    assert await _state(empty_url) == stored

    broken = tmp_path / "broken.txt"
    text = PLAN_FILE.read_text(encoding="utf-8")
    broken.write_text(
        text.replace("(牵头单位:区商务委;责任单位:各消费帮扶责任单位)", ""), encoding="utf-8"
    )
    refused = tongnan(empty_url, "import-plan", str(broken))
    assert refused.returncode == 2
    assert "工作方案没有导入" in refused.stderr and "什么都没有保存" in refused.stderr
    assert "十四" in refused.stderr and "第34行" in refused.stderr
    assert "Traceback" not in refused.stderr

    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    assert tongnan(empty_url, "import-plan", str(binary)).returncode == 2

    no_tasks = tmp_path / "no-tasks.txt"
    no_tasks.write_text("\n".join(text.splitlines()[:12]), encoding="utf-8")
    refused = tongnan(empty_url, "import-plan", str(no_tasks))
    assert refused.returncode == 2
    assert "任务" in refused.stderr
    assert await _state(empty_url) == stored

    verify = tongnan(empty_url, "audit", "verify")
    assert verify.returncode == 0, verify.stderr
    assert f"{stored[2]} 条记录" in verify.stdout


async def test_token_create_shows_the_token_once_and_stores_its_hash(
    empty_url: DatabaseUrl,
) -> None:
    assert tongnan(empty_url, "migrate").returncode == 0
    assert tongnan(empty_url, "load-directory").returncode == 0

    created = tongnan(empty_url, "token", "create", "--unit", "双江镇", "--role", "UNIT_REPORTER")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("tn_") and len(token) > 40

    from tongnan.domain.directory.tokens import hash_token
    from tongnan.domain.models import ApiToken

    async with open_database(empty_url):
        stored = await ApiToken.get(prefix=token[:10])
        assert stored.token_hash == hash_token(token)
        assert token not in json.dumps([stored.token_hash, stored.prefix])

    unknown = tongnan(empty_url, "token", "create", "--unit", "不存在镇", "--role", "UNIT_REPORTER")
    assert unknown.returncode == 2
    assert "没有名为“不存在镇”的单位" in unknown.stderr


def test_a_bad_database_url_is_one_clear_line() -> None:
    env = dict(os.environ, TONGNAN_DATABASE_URL="mysql://nowhere/db")
    result = subprocess.run(
        [sys.executable, "-m", "tongnan.server.cli", "migrate"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "tongnan：错误：不支持“mysql”类型的数据库地址，请用 sqlite:// 或 postgres://"
    ]


async def test_a_docx_notice_is_imported_through_its_preview_token(
    empty_url: DatabaseUrl, tmp_path: Path
) -> None:
    name = "05-fund-projects-with-table.docx"
    path = tmp_path / name
    path.write_bytes(notice_bytes(name, tmp_path))
    assert tongnan(empty_url, "migrate").returncode == 0

    dry = tongnan(empty_url, "import-plan", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    preview = json.loads(dry.stdout)
    assert preview["source_kind"] == "docx"
    assert [u["name"] for u in preview["new_units"]] == ["各项目实施单位"]
    assert "新单位：第" in "\n".join(preview["preview"])
    token = preview["preview_token"]

    refused = tongnan(empty_url, "import-plan", str(path), "--token", token)
    assert refused.returncode == 2
    assert "各项目实施单位" in refused.stderr and "--create-units" in refused.stderr
    stale = tongnan(empty_url, "import-plan", str(path), "--token", "0" * 32 + ".0")
    assert stale.returncode == 2 and "重新预览" in stale.stderr
    assert (await _state(empty_url))[:2] == (0, 0)

    done = tongnan(empty_url, "import-plan", str(path), "--token", token, "--create-units")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported 潼乡振发〔2025〕11号")
    assert (await _state(empty_url))[:2] == (1, 4)


def test_a_notice_without_a_number_needs_code(tmp_path: Path) -> None:
    path = FIXTURES / "09-industry-tasks.csv"
    dry = tongnan(None, "import-plan", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    preview = json.loads(dry.stdout)
    assert preview["code"] is None
    assert any("--code" in warning for warning in preview["warnings"])
    coded = tongnan(None, "import-plan", str(path), "--dry-run", "--code", "潼农发〔2025〕30号")
    assert json.loads(coded.stdout)["code"] == "潼农发〔2025〕30号"
