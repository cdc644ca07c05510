"""The ``tongnan`` command line: migrate, load-directory, import-plan, serve, worker, demo, token,
user, audit.

Errors print one clear line (and the list of problems, for a refused plan), never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import json
import os
import secrets
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from tongnan.domain.common.actor import Actor
from tongnan.domain.common.database import DatabaseUrlError
from tongnan.domain.common.errors import DomainError
from tongnan.domain.common.migrate import NotMigrated, check_migrated, upgrade
from tongnan.domain.common.runtime import open_database
from tongnan.domain.common.values import Role
from tongnan.domain.directory import DirectoryEntry, DirectoryError, accounts, parse_directory
from tongnan.domain.directory.sync import sync_directory
from tongnan.domain.directory.tokens import create_token, revoke_token
from tongnan.domain.parsing import ParsedPlan, PlanParseError
from tongnan.domain.plans.bundled import bundled_directory, bundled_plan
from tongnan.domain.plans.plan_import import ImportResult, import_plan
from tongnan.domain.plans.plan_preview import (
    MAX_FILE_BYTES,
    PlanImportPreview,
    apply_plan_import,
    build_preview,
    directory_names,
    parse_file,
    preview_plan_import,
)
from tongnan.server.audit_key_source import audit_key, write_key_file
from tongnan.server.render_args import add_render_arguments
from tongnan.server.settings import Settings

MAX_PLAN_BYTES = MAX_FILE_BYTES
T = TypeVar("T")


class CliError(Exception):
    """A failure to report as one line on stderr, with exit status 2."""


def read_plan(path: Path, code: str | None = None) -> ParsedPlan:
    return parse_file(path.name, read_plan_bytes(path), code)


def read_plan_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_PLAN_BYTES:
            raise CliError(
                f"{path}：文件有{size}字节，工作方案通知最多{MAX_PLAN_BYTES}字节，请检查是不是选错了文件"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"读不了文件 {path}：{exc.strerror or exc}") from None
    return data


def read_directory(path: Path) -> tuple[DirectoryEntry, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"读不了单位名录 {path}：{exc}") from None
    try:
        return parse_directory(text)
    except DirectoryError as exc:
        raise CliError(f"{path}：{exc}") from None


def _run_db(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    async def main() -> T:
        async with open_database(settings.database_url):
            await check_migrated()
            return await work()

    return asyncio.run(main())


def _print_import(result: ImportResult) -> None:
    if result.created:
        print(f"imported {result.plan_code}: {len(result.changes)} changes")
    elif result.changes:
        print(f"updated {result.plan_code}: {len(result.changes)} changes")
    else:
        print(f"{result.plan_code} is already up to date: nothing changed")
    for change in result.changes:
        print(f"  {change}")
    for name in result.unlisted_units:
        print(f"  注意：工作方案里写了“{name}”，但单位名录里没有这个单位", file=sys.stderr)


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> None:
    """Upgrade the schema as the admin role; on PostgreSQL, also grant the application role."""
    from tongnan.domain.common.database_role import grant_app_role

    admin = settings.admin_database_url or settings.database_url
    upgrade(admin)
    print(f"migrated {admin.redacted()} to the newest revision")
    if admin.is_sqlite or not settings.app_role:
        return
    if admin.user == settings.app_role:
        print(
            f"note: {admin.user} owns the tables; set TONGNAN_ADMIN_DATABASE_URL to migrate as "
            "another role so the server can run with fewer rights",
            file=sys.stderr,
        )
        return
    asyncio.run(grant_app_role(admin, settings.app_role, settings.app_role_password))
    print(
        f"role {settings.app_role}: may read and write the application tables, only read and "
        "append the audit tables; run the server with it in TONGNAN_DATABASE_URL"
    )


def cmd_load_directory(args: argparse.Namespace, settings: Settings) -> None:
    entries = read_directory(Path(args.file) if args.file else bundled_directory())
    result = _run_db(settings, lambda: sync_directory(entries, Actor.operator()))
    print(f"directory: {len(result.created)} units created, {len(result.updated)} updates")


def cmd_import_plan(args: argparse.Namespace, settings: Settings) -> None:
    path = Path(args.file)
    content = read_plan_bytes(path)
    directory = (
        None
        if args.no_directory
        else read_directory(Path(args.directory) if args.directory else bundled_directory())
    )
    if args.dry_run:
        preview = _dry_run(settings, path.name, content, args.code, directory)
        json.dump(preview.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    parse_file(path.name, content, args.code)  # refuse a bad file before touching the database

    async def work() -> ImportResult:
        actor = Actor.operator()
        token = args.token
        if token is None:
            preview = await preview_plan_import(
                actor, path.name, content, code=args.code, directory=directory
            )
            token = preview.token
        return await apply_plan_import(
            actor,
            path.name,
            content,
            token,
            dt.datetime.now(dt.UTC),
            code=args.code,
            create_units=args.create_units,
            directory=directory,
        )

    _print_import(_run_db(settings, work))


def _dry_run(
    settings: Settings,
    name: str,
    content: bytes,
    code: str | None,
    directory: tuple[DirectoryEntry, ...] | None,
) -> PlanImportPreview:
    """The preview against the database when one is there and migrated; else against the
    directory file alone (said in the preview's notes)."""
    url = settings.database_url
    if not (url.is_sqlite and (url.path == ":memory:" or not Path(url.path).exists())):
        try:
            return _run_db(
                settings,
                lambda: preview_plan_import(
                    Actor.operator(), name, content, code=code, directory=directory
                ),
            )
        except (NotMigrated, OSError, DatabaseUrlError):
            pass
        except Exception as exc:
            if _database_error(exc) is None:
                raise
    plan = parse_file(name, content, code)
    preview = build_preview(name, content, plan, directory_names(directory))
    print("注意：没有连上已迁移的数据库，新单位只对照了单位名录文件", file=sys.stderr)
    return preview


def cmd_token_create(args: argparse.Namespace, settings: Settings) -> None:
    issued = _run_db(
        settings, lambda: create_token(args.unit, Role(args.role), Actor.operator(), args.name)
    )
    print(f"token for {issued.user_name} ({issued.role.value}); shown once, keep it safe:")
    print(issued.token)


def cmd_token_revoke(args: argparse.Namespace, settings: Settings) -> None:
    count = _run_db(settings, lambda: revoke_token(args.prefix, Actor.operator()))
    if count == 0:
        raise CliError(f"没有以“{args.prefix}”开头、仍在使用的访问令牌")
    print(f"revoked {count} token(s)")


def _password(args: argparse.Namespace) -> tuple[str, bool]:
    """The password given, or a new random one (``True``: print it, it was made here)."""
    if args.password:
        return args.password, False
    return secrets.token_urlsafe(12), True


def cmd_user_create(args: argparse.Namespace, settings: Settings) -> None:
    password, made = _password(args)
    user = _run_db(
        settings,
        lambda: accounts.create_user(
            Actor.operator(), args.name, args.unit, Role(args.role), password
        ),
    )
    unit = user.unit.name if user.unit is not None else "（不属于单位）"
    print(f"account {user.name} created: {user.role.value} of {unit}")
    if made:
        print(f"password (shown once, give it to its holder): {password}")


def cmd_user_disable(args: argparse.Namespace, settings: Settings) -> None:
    now = dt.datetime.now(dt.UTC)
    user = _run_db(settings, lambda: accounts.disable_by_name(Actor.operator(), args.name, now))
    print(f"account {user.name} disabled; its sessions have ended")


def cmd_user_reset_password(args: argparse.Namespace, settings: Settings) -> None:
    password, made = _password(args)
    now = dt.datetime.now(dt.UTC)
    user = _run_db(
        settings,
        lambda: accounts.set_password_by_name(Actor.operator(), args.name, password, now),
    )
    print(f"password of {user.name} reset; its sessions have ended")
    if made:
        print(f"new password (shown once, give it to its holder): {password}")


# the demo's accounts: name, password, role, unit (as the directory names it, or an alias)
DEMO_ACCOUNTS = (
    ("office", "office-demo-2025", Role.OFFICE_ADMIN, "专班办公室"),
    ("guilin", "town-demo-2025", Role.UNIT_REPORTER, "桂林街道"),
    ("rsj", "lead-demo-2025", Role.UNIT_REPORTER, "区人力社保局"),
)


async def _demo_accounts() -> list[str]:
    """Create the demo accounts (or give them back their demo passwords); their lines to print."""
    from tongnan.domain.models import User

    lines = []
    now = dt.datetime.now(dt.UTC)
    for name, password, role, unit in DEMO_ACCOUNTS:
        if await User.exists(name=name):
            user = await accounts.set_password_by_name(Actor.operator(), name, password, now)
        else:
            user = await accounts.create_user(Actor.operator(), name, unit, role, password, now)
        await user.fetch_related("unit")
        unit_name = user.unit.name if user.unit is not None else ""
        lines.append(f"  {name} / {password}  ({role.value}, {unit_name})")
    return lines


def cmd_audit_verify(args: argparse.Namespace, settings: Settings) -> None:
    from tongnan.domain.common.actor import Actor
    from tongnan.domain.common.audit_status import verify_and_record
    from tongnan.domain.common.audit_verify import Checkpoint
    from tongnan.domain.common.clock import SystemClock

    key = audit_key(settings)
    against = None
    if args.against:
        try:
            against = Checkpoint.parse(Path(args.against).read_text(encoding="utf-8"))
        except OSError as exc:
            raise CliError(f"读不了检查点文件 {args.against}：{exc.strerror or exc}") from None
    within = dt.timedelta(
        seconds=settings.audit_seal_interval_seconds + settings.audit_seal_grace_seconds
    )
    # recorded, so the office's 审计 page shows when the trail was last verified and how it went
    report = _run_db(
        settings,
        lambda: verify_and_record(
            Actor.operator(), key, SystemClock().now(), within, source="cli", against=against
        ),
    )
    if not report.ok:
        shown = report.problems[:20]
        more = report.problem_count - len(shown)
        lines = "".join(f"\n  {p}" for p in shown) + (f"\n  ……另有 {more} 处" if more else "")
        raise CliError(f"留痕核验没有通过，发现 {report.problem_count} 处问题：{lines}")
    recent = report.unsealed_recent
    pending = f"，另有 {recent} 条刚写入、尚待封存" if recent else ""
    checked = "，与检查点一致" if against is not None else ""
    print(f"留痕完整：{report.events} 条记录、{report.seals} 个封存核验无误{checked}{pending}")


def cmd_audit_checkpoint(args: argparse.Namespace, settings: Settings) -> None:
    from tongnan.domain.common.audit_verify import take_checkpoint
    from tongnan.domain.common.clock import SystemClock

    key = audit_key(settings)
    checkpoint = _run_db(settings, lambda: take_checkpoint(key, SystemClock().now()))
    text = json.dumps(checkpoint.to_json(), ensure_ascii=False)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    print(text)
    print(
        "请把上面这行检查点另存在数据库以外的地方（纸面或另一台机器），"
        "日后用 tongnan audit verify --against 文件 核对",
        file=sys.stderr,
    )


def cmd_audit_keygen(args: argparse.Namespace, settings: Settings) -> None:
    from tongnan.domain.common.audit_key import generate_key

    if not args.output:
        print(generate_key())
        return
    try:
        write_key_file(Path(args.output))
    except FileExistsError:
        raise CliError(
            f"{args.output} 已经存在，不会覆盖它（换了密钥，旧的封存就核验不了）"
        ) from None
    print(
        f"已生成留痕密钥 {args.output}：设 TONGNAN_AUDIT_KEY_FILE={args.output}，每个服务进程都用它"
    )


def cmd_worker(args: argparse.Namespace, settings: Settings) -> None:
    """Background work without serving requests: sealing the audit trail, delivering
    notifications and queueing the daily warning digest."""
    from tongnan.domain.common.clock import SystemClock
    from tongnan.domain.rules.warnings import WarningPolicy
    from tongnan.schema.common.plan_cache import PlanCache
    from tongnan.server.audit_sealer import run_sealer
    from tongnan.server.notifications.app_hooks import run_notifications

    key = audit_key(settings)
    clock = SystemClock()
    policy = WarningPolicy(yellow_within_days=settings.warning_yellow_days)

    async def work() -> None:
        plans = PlanCache()
        async with (
            run_sealer(settings.database_url, key, clock, settings.audit_seal_interval_seconds),
            run_notifications(settings, key, plans, clock, policy, deliver=True),
        ):
            await asyncio.Event().wait()  # until interrupted

    print(f"worker running on {settings.database_url.redacted()}", flush=True)
    _run_db(settings, work)


def cmd_round_open_scheduled(args: argparse.Namespace, settings: Settings) -> None:
    """Open this month's (or quarter's) round unless it is open already: for cron."""
    from tongnan.domain.common.clock import SystemClock, local_date
    from tongnan.domain.common.errors import Conflict
    from tongnan.domain.models.reporting import RoundKind
    from tongnan.domain.reporting.rounds import open_round, scheduled_round
    from tongnan.responsibility_matrix.duty_resolver import GraphDutyResolver

    now = SystemClock().now()
    kind = RoundKind(args.kind)
    name, due = scheduled_round(kind, local_date(now), args.due_day)

    async def work() -> str:
        try:
            # the schedule chose the due date: nobody is there to confirm it
            opened = await open_round(
                Actor.operator(),
                name,
                kind,
                due,
                GraphDutyResolver(),
                now,
                plan_code=args.plan,
                confirm=True,
            )
        except Conflict:
            return f"{name} is already open: nothing to do"
        notes = "".join(f"\n  note: {n}" for n in opened.unresolved)
        return f"opened {name}, due {due.isoformat()}: {opened.obligations} reports owed{notes}"

    print(_run_db(settings, work))


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> None:
    from tongnan.schema.schema import build_schema

    sdl = build_schema().as_str() + "\n"
    if args.output:
        Path(args.output).write_text(sdl, encoding="utf-8")
    else:
        sys.stdout.write(sdl)


def _serve(settings: Settings, workers: int = 1) -> None:
    """Serve on the settings' address: one process, or ``workers`` processes sharing the port."""
    import uvicorn

    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "timeout_keep_alive": settings.keep_alive_seconds,
        "limit_concurrency": settings.max_connections,
        "proxy_headers": False,  # the app reads X-Forwarded-For (TONGNAN_TRUSTED_PROXIES)
    }
    if workers == 1:
        from tongnan.server.app import create_app

        uvicorn.run(create_app(settings), **options)
        return
    # Each process builds its own app from the same environment (the address is uvicorn's):
    # its own caches, kept true by LISTEN on the change feed; one of them seals the audit
    # trail (an advisory lock); deliveries are claimed with SKIP LOCKED, digests once a day.
    os.environ.setdefault("TONGNAN_RENDER_WORKERS", "1")  # one render process per server process
    uvicorn.run(
        "tongnan.server.app:create_app",
        factory=True,
        workers=workers,
        # a process builds its schema and compiles the workbench's queries before it answers
        # the supervisor's checks: on a busy machine that takes longer than uvicorn's 5 s
        timeout_worker_healthcheck=60,
        **options,
    )


def serve_workers(requested: int, settings: Settings) -> int:
    """How many server processes ``--workers`` asks for (0: one per core); refused on SQLite."""
    if requested < 0:
        raise CliError("--workers 不能是负数（0 表示每个处理器核一个进程）")
    workers = requested or (os.cpu_count() or 1)
    if workers > 1 and settings.database_url.is_sqlite:
        raise CliError(
            f"SQLite 数据库只能由一个服务进程使用，不能以 --workers {workers} 运行："
            "各进程之间听不到彼此的写入（缓存和订阅会停在旧数据），写入也会互相等待。"
            "多进程请改用 PostgreSQL（TONGNAN_DATABASE_URL），或去掉 --workers"
        )
    return workers


def cmd_serve(args: argparse.Namespace, settings: Settings) -> None:
    workers = serve_workers(args.workers, settings)
    _serve(_with_address(settings, args), workers)


def cmd_demo(args: argparse.Namespace, settings: Settings) -> None:
    upgrade(settings.database_url)
    parsed = read_plan(bundled_plan())
    directory = read_directory(bundled_directory())

    async def prepare() -> list[str]:
        _print_import(await import_plan(parsed, Actor.operator(), directory))
        return await _demo_accounts()

    lines = _run_db(settings, prepare)
    served = _with_address(settings, args)
    database = settings.database_url.redacted()
    print(f"serving on http://{served.host}:{served.port}/ (database {database})")
    print(f"demo accounts (sign in at http://{served.host}:{served.port}/):")
    for line in lines:
        print(line)
    _serve(served)


def _with_address(settings: Settings, args: argparse.Namespace) -> Settings:
    """The settings from the environment, with the address given on the command line."""
    return dataclasses.replace(
        settings, host=args.host or settings.host, port=args.port or settings.port
    )


def cmd_render(args: argparse.Namespace, settings: Settings) -> None:
    """Print a document to PDF (or, with --all-urge-notices, every urge notice to a folder)."""
    from tongnan.server.documents.fonts import MissingFonts, check_fonts
    from tongnan.server.documents.printing import render_command

    try:
        check_fonts()
    except MissingFonts as exc:
        raise CliError(str(exc)) from None
    _run_db(settings, lambda: render_command(args, yellow_days=settings.warning_yellow_days))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tongnan", description="潼南区巩固拓展脱贫攻坚成果 work-plan server"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="create or upgrade the database schema").set_defaults(
        func=cmd_migrate
    )

    p = sub.add_parser("load-directory", help="load the unit directory (default: the bundled one)")
    p.add_argument("file", nargs="?")
    p.set_defaults(func=cmd_load_directory)

    p = sub.add_parser(
        "import-plan",
        help="import a work-plan notice (.txt, .docx, .pdf, .html, .xlsx or .csv)",
    )
    p.add_argument("file")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="print the preview (outline, assumptions, new units, token) as JSON, store nothing",
    )
    p.add_argument("--code", help="the plan's document number, when the notice has none")
    p.add_argument(
        "--create-units", action="store_true", help="create the units the directory lacks"
    )
    p.add_argument("--token", help="the dry run's preview_token: store exactly that preview")
    p.add_argument("--directory", help="directory file to apply first (default: the bundled one)")
    p.add_argument("--no-directory", action="store_true", help="do not apply a directory file")
    p.set_defaults(func=cmd_import_plan)

    for name, func, text in (
        ("serve", cmd_serve, "run the server"),
        ("demo", cmd_demo, "migrate, import the bundled plan and serve"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--host")
        p.add_argument("--port", type=int)
        if name == "serve":
            p.add_argument(
                "--workers",
                type=int,
                default=1,
                metavar="N",
                help="server processes sharing the port (PostgreSQL only; 0: one per core)",
            )
        p.set_defaults(func=func)

    token = sub.add_parser("token", help="API tokens").add_subparsers(
        dest="token_command", required=True
    )
    p = token.add_parser("create", help="create a token (shown once)")
    p.add_argument("--unit", help="the unit the token acts for (omit for office-wide accounts)")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--name", help="user name (default: UNIT/role)")
    p.set_defaults(func=cmd_token_create)
    p = token.add_parser("revoke", help="revoke tokens by their printed prefix")
    p.add_argument("prefix")
    p.set_defaults(func=cmd_token_revoke)

    users = sub.add_parser("user", help="accounts (name and password)").add_subparsers(
        dest="user_command", required=True
    )
    p = users.add_parser("create", help="open an account (prints a password unless given)")
    p.add_argument("name")
    p.add_argument("--unit", help="the account's unit (omit for office-wide accounts)")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--password", help="its password (default: a new random one, printed once)")
    p.set_defaults(func=cmd_user_create)
    p = users.add_parser("disable", help="disable an account; its sessions end")
    p.add_argument("name")
    p.set_defaults(func=cmd_user_disable)
    p = users.add_parser("reset-password", help="set a new password; its sessions end")
    p.add_argument("name")
    p.add_argument("--password", help="the new password (default: a new random one, printed)")
    p.set_defaults(func=cmd_user_reset_password)

    rounds = sub.add_parser("round", help="reporting rounds").add_subparsers(
        dest="round_command", required=True
    )
    p = rounds.add_parser("open-scheduled", help="open the current month's or quarter's round")
    p.add_argument("--kind", choices=["MONTHLY", "QUARTERLY"], default="MONTHLY")
    p.add_argument("--due-day", type=int, default=25, help="day of the month it is due (1–28)")
    p.add_argument("--plan", help="plan code (default: the current plan)")
    p.set_defaults(func=cmd_round_open_scheduled)

    p = sub.add_parser("render", help="print an official document to PDF")
    add_render_arguments(p)
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.set_defaults(func=cmd_export_schema)

    audit_cmd = sub.add_parser("audit", help="audit trail").add_subparsers(
        dest="audit_command", required=True
    )
    p = audit_cmd.add_parser("verify", help="prove the trail whole: hashes, seals, checkpoints")
    p.add_argument("--against", metavar="FILE", help="a checkpoint printed by audit checkpoint")
    p.set_defaults(func=cmd_audit_verify)
    p = audit_cmd.add_parser("checkpoint", help="store and print the head of the seal chain")
    p.add_argument("-o", "--output", help="also write it to this file")
    p.set_defaults(func=cmd_audit_checkpoint)
    p = audit_cmd.add_parser("keygen", help="make a new audit key")
    p.add_argument("-o", "--output", help="write it to this file (mode 600) instead of stdout")
    p.set_defaults(func=cmd_audit_keygen)
    sub.add_parser(
        "worker", help="background work: seal the audit trail, deliver notifications"
    ).set_defaults(func=cmd_worker)
    return parser


def _database_error(exc: BaseException) -> str | None:
    """A one-line description of a database connection failure, or None if it is something else."""
    name = type(exc).__name__
    if isinstance(exc, ConnectionError | OSError) or name in {
        "DBConnectionError",
        "OperationalError",
        "InvalidCatalogNameError",
        "InvalidPasswordError",
        "CannotConnectNowError",
        "ConnectionDoesNotExistError",
    }:
        return f"连不上数据库：{exc}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        args.func(args, settings)
    except PlanParseError as exc:
        print(
            f"tongnan：错误：工作方案没有导入，发现{len(exc.problems)}处问题，什么都没有保存：",
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except (
        CliError,
        DatabaseUrlError,
        DomainError,
        NotMigrated,
        ValueError,
    ) as exc:
        print(f"tongnan：错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = _database_error(exc)
        print(f"tongnan：错误：{message or f'{type(exc).__name__}: {exc}'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
