"""The README's roles section, rendered from the permission tables (``permissions.RULES`` and
``permissions.READS``), so what the README says each role may read and write is the table the
code enforces. ``python -m tongnan.domain.common.permission_doc README.md`` rewrites the section;
a test fails when the README differs from the rendering.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tongnan.domain.common.permissions import READS, ROLE_NAMES, RULES, ReadRule, Rule
from tongnan.domain.common.values import Role

BEGIN = "<!-- roles: generated from tongnan/domain/common/permissions.py, do not edit by hand -->"
END = "<!-- end of roles -->"


def _write_cell(rule: Rule, role: Role) -> str:
    if role not in rule.roles:
        return "—"
    return "本单位" if role in rule.own_unit else "✓"


def _read_cell(rule: ReadRule, role: Role | None) -> str:
    if role is None:
        return "✓" if rule.anonymous else "—"
    if role in rule.every_unit:
        return "全部"
    parts = []
    if role in rule.own_unit:
        parts.append("本单位")
    if role in rule.as_lead:
        parts.append("牵头审核的")
    return "、".join(parts) or "—"


def _header(first: str, columns: list[str]) -> list[str]:
    return [
        "| " + " | ".join([first, *columns]) + " |",
        "|" + "---|" * (len(columns) + 1),
    ]


def render_roles() -> str:
    """The section between BEGIN and END: who may read what, who may write what."""
    roles = list(Role)
    names = [f"{ROLE_NAMES[r]} `{r.value}`" for r in roles]
    lines = [
        BEGIN,
        "### 角色与权限 / Roles",
        "",
        "Four roles; a token without a unit acts office-wide, a `UNIT_REPORTER` token acts",
        "for its unit. A draft report is seen by its own unit alone, not even by the office.",
        "Subscriptions, exports and documents follow the same reading rules.",
        "",
        "查看 / reads (全部: every unit's; 本单位: its own unit's, for documents those addressed",
        "to it; 牵头审核的: the submitted reports it reviews as a task's lead unit):",
        "",
        *_header("内容 / what", ["匿名 anonymous", *names]),
    ]
    for action, read in READS.items():
        cells = [_read_cell(read, None), *(_read_cell(read, r) for r in roles)]
        lines.append(f"| {read.thing} `{action}` | " + " | ".join(cells) + " |")
    lines += [
        "",
        "办理 / writes (✓: for any unit; 本单位: for its own unit only); anonymous callers write "
        "nothing:",
        "",
        *_header("操作 / action", names),
    ]
    for action, rule in RULES.items():
        cells = [_write_cell(rule, r) for r in roles]
        lines.append(f"| {rule.verb}{rule.thing} `{action}` | " + " | ".join(cells) + " |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def with_roles(readme: str) -> str:
    """``readme`` with its roles section replaced by the current rendering."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no section between {BEGIN!r} and {END!r}")
    return readme[:start] + render_roles() + readme[end + len(END) + 1 :]


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else "README.md")
    path.write_text(with_roles(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
