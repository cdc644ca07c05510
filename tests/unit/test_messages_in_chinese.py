"""Every message a person reads is in Chinese: no refusal, parse problem or sheet error in
tongnan/ is written as an English sentence (codes and English stay in the server log)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.language import is_english

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tongnan"

# Constructors whose message argument a person reads, besides every ``raise X("…")``.
MESSAGE_CALLS = {"Problem": 1, "SheetError": 3}

# Raised for programmers or written to the log only, never shown to a person; each with why.
LOG_ONLY = {
    # a value the snapshot encoder cannot store: a programming error, logged as a fault
    ("tongnan/domain/documents/context_snapshot.py", "TypeError"),
    ("tongnan/domain/documents/context_snapshot.py", "ValueError"),
    # the README check run by the tests on the developers' own README
    ("tongnan/domain/common/permission_doc.py", "ValueError"),
    # internal look-ups of the graph; the schema catches them and answers in its own words
    ("tongnan/responsibility_matrix/graph.py", "UnknownUnitError"),
    ("tongnan/responsibility_matrix/graph.py", "UnknownTaskError"),
    ("tongnan/responsibility_matrix/graph.py", "NotAGroupError"),
    ("tongnan/responsibility_matrix/cache.py", "KeyError"),
    # the render pool's own faults: logged, the route answers with a Chinese message
    ("tongnan/server/documents/render.py", "RenderTimeout"),
    ("tongnan/server/documents/render.py", "AssertionError"),
    # two finders registered for one node type: a programming error at import time
    ("tongnan/schema/common/nodes.py", "RuntimeError"),
    # WeasyPrint's URL fetcher refusals: WeasyPrint logs them, the document prints without
    ("tongnan/server/documents/fetcher.py", "FetchRefused"),
    # a compiled plan stepping aside: caught, counted, the query rerun on graphql-core
    ("tongnan/schema/compiled/plan.py", "NotProjectable"),
}


def _literal(node: ast.expr) -> str | None:
    """The text a message expression writes, with ``{}`` for each value filled in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if left is None and right is None:
            return None
        return (left or "{}") + (right or "{}")
    return None


def _messages(tree: ast.AST) -> list[tuple[int, str, ast.expr]]:
    found: list[tuple[int, str, ast.expr]] = []
    for node in ast.walk(tree):
        call = node.exc if isinstance(node, ast.Raise) else node
        if not isinstance(call, ast.Call):
            continue
        name = ast.unparse(call.func).rsplit(".", 1)[-1]
        if isinstance(node, ast.Raise) and call.args:
            found.append((node.lineno, name, call.args[0]))
        elif name in MESSAGE_CALLS and len(call.args) > MESSAGE_CALLS[name]:
            found.append((call.lineno, name, call.args[MESSAGE_CALLS[name]]))
    return found


def english_messages(root: Path, base: Path = ROOT) -> list[str]:
    """``path:line: Class: message`` for every English message under ``root``."""
    out = []
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(base).as_posix()
        for line, name, arg in _messages(ast.parse(path.read_text(encoding="utf-8"))):
            text = _literal(arg)
            if text is not None and is_english(text) and (where, name) not in LOG_ONLY:
                out.append(f"{where}:{line}: {name}: {text}")
    return out


def test_no_user_facing_message_is_written_in_english() -> None:
    assert english_messages(SOURCE) == []


def test_the_allowed_log_only_messages_still_exist() -> None:
    """An entry of LOG_ONLY whose raise is gone is removed, so the list stays short and true."""
    raised = set()
    for where, _ in LOG_ONLY:
        tree = ast.parse((ROOT / where).read_text(encoding="utf-8"))
        raised |= {(where, name) for _, name, _ in _messages(tree)}
    assert raised >= LOG_ONLY


def test_the_check_catches_english_and_passes_chinese(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "def f(x):\n"
        "    if x == 1:\n"
        "        raise Invalid(f'round {x} is closed: reports are no longer taken')\n"
        "    if x == 2:\n"
        "        raise Forbidden(f'{x} owes no report on task 14')\n"
        "    if x == 3:\n"
        "        problems.append(Problem(3, 'no issue date'))\n"
        "    if x == 4:\n"
        "        raise Conflict(f'调度“{x}”已结束，不再接收报告')\n"
        "    if x == 5:\n"
        "        raise GraphQLError(f'filter.unitName：单位名录中没有“{x}”')\n"
        "    if x == 6:\n"
        "        raise ValueError(f'{x} is not a date (write it as 2025年6月30日)')\n"
        "    raise ValueError(f'TONGNAN_ENV 只能是 development 或 production，现在是{x}')\n",
        encoding="utf-8",
    )
    found = english_messages(tmp_path, tmp_path)
    assert sorted(int(m.split(":")[1]) for m in found) == [3, 5, 7, 13]
