"""Settings from the environment (TONGNAN_*), read once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tongnan.domain.common.database import DatabaseUrl
from tongnan.domain.common.file_store import FileStore, parse_store
from tongnan.domain.directory import SignInLimits
from tongnan.domain.rules.sign_in import FailurePolicy, SessionTimeouts
from tongnan.domain.supervision.sheet_limits import SheetLimits
from tongnan.server.client_address import Network, parse_networks
from tongnan.server.notifications.config import NotifySettings

if TYPE_CHECKING:  # the schema is imported by the server, not by every command that reads these
    from tongnan.schema.schema import SchemaOptions

DEFAULT_DATABASE_URL = "sqlite://var/tongnan.db"
DEFAULT_TRUSTED_DOCUMENTS = "web/dist/operations.json"  # used when present


def default_web_root() -> Path:
    """``<repo>/web/dist``: the workbench's build beside the package (TONGNAN_WEB_ROOT)."""
    return Path(__file__).resolve().parents[2] / "web" / "dist"


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    text = env.get(name)
    if text is None or text == "":
        return default
    if not text.isdigit() or int(text) < minimum:
        raise ValueError(f"{name} 应是不小于{minimum}的整数，现在是“{text}”")
    return int(text)


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name)
    if text is None or text == "":
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise ValueError(f"{name} 应是大于0的秒数，现在是“{text}”")
    return value


def _flag(env: Mapping[str, str], name: str) -> bool:
    text = env.get(name, "").strip().lower()
    if text in ("", "0", "false", "no"):
        return False
    if text in ("1", "true", "yes"):
        return True
    raise ValueError(f"{name} 只能是 true 或 false，现在是“{text}”")


def _store(env: Mapping[str, str]) -> str:
    spec = env.get("TONGNAN_UPLOAD_STORE", "db").strip() or "db"
    try:
        parse_store(spec)
    except ValueError:
        raise ValueError(
            f"TONGNAN_UPLOAD_STORE 只能是 db 或 folder:/文件夹路径，现在是“{spec}”"
        ) from None
    return spec


def _budget(env: Mapping[str, str]) -> int:
    """A caller's bucket must hold the costliest query allowed (by default it does)."""
    max_cost = _int(env, "TONGNAN_MAX_COST", 50_000)
    budget = _int(env, "TONGNAN_COST_BUDGET", max(100_000, max_cost), minimum=0)
    if 0 < budget < max_cost:
        raise ValueError(
            f"TONGNAN_COST_BUDGET 应是0（不限）或不小于 TONGNAN_MAX_COST（{max_cost}），"
            f"现在是{budget}"
        )
    return budget


def _default_url() -> DatabaseUrl:
    return DatabaseUrl.parse(DEFAULT_DATABASE_URL)


@dataclass(frozen=True, slots=True)
class Settings:
    """``TONGNAN_ENV=production`` turns off GraphiQL, introspection and field suggestions and
    masks internal errors; the limits apply in every environment."""

    database_url: DatabaseUrl = field(default_factory=_default_url)
    env: str = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 4000
    max_cost: int = 50_000
    max_body_bytes: int = 1_048_576
    max_response_bytes: int = 4_194_304  # a larger answer is replaced by an error
    cost_budget: int = 100_000  # cost points per caller (a bucket); 0: no per-caller budget
    cost_refill_per_minute: int = 100_000
    trusted_proxies: tuple[Network, ...] = ()  # peers whose X-Forwarded-For is believed
    response_cache_entries: int = 512
    warning_yellow_days: int = 3
    warning_sweep_seconds: int = 60
    render_timeout_seconds: int = 60  # a document render over this answers 503
    render_workers: int = 0  # render processes; 0: up to 2, as the CPUs allow
    render_warm_up: bool = False  # start a render process and load the fonts at start-up
    # the garbage collector: start-up's objects frozen, generation 0 collected after this many
    # allocations (0: Python's defaults, nothing frozen); server.collector
    gc_young_threshold: int = 0
    # the audit trail: the sealing key (hex, or a file holding it) and how often to seal
    audit_key: str = ""
    audit_key_file: str = ""
    audit_seal_interval_seconds: float = 1.0
    audit_seal_grace_seconds: float = 60.0  # verify: sealed within interval + grace
    # PostgreSQL least privilege: `tongnan migrate` connects as the admin URL and grants to the
    # application role, which the server's TONGNAN_DATABASE_URL then names
    admin_database_url: DatabaseUrl | None = None
    app_role: str = "tongnan_app"
    app_role_password: str = ""
    body_timeout_seconds: int = 30  # a request body not received within this is refused (408)
    keep_alive_seconds: int = 5  # uvicorn: an idle keep-alive connection is closed after this
    max_connections: int = 200  # uvicorn: above this many connections and tasks, 503
    sheet_max_rows: int = 10_000  # an uploaded .xlsx sheet (ledger import) …
    sheet_max_columns: int = 30
    sheet_max_cells: int = 150_000
    sheet_max_unpacked_bytes: int = 16 * 1024 * 1024
    sheet_max_errors: int = 50  # … row errors listed in the answer (the rest are counted)
    # websocket upgrades from browsers: the server's own host, plus these origins
    allowed_origins: tuple[str, ...] = ()
    # the workbench's build (web/dist), served at /
    web_root: Path = field(default_factory=default_web_root)
    # evidence (佐证材料): the largest file accepted, where the bytes live, and whether the
    # office's verification (销号) needs an item to carry some
    upload_max_bytes: int = 20 * 1024 * 1024
    upload_store: str = "db"  # "db" or "folder:/path"
    verify_requires_evidence: bool = False

    def file_store(self) -> FileStore:
        return parse_store(self.upload_store)

    # browser sessions: ended after this long unused, and this long after sign-in in any case
    session_idle_seconds: float = 1800.0
    session_absolute_seconds: float = 43200.0
    # failed sign-ins, per account: free ones, then a delay doubling up to a maximum, then a lock
    login_free_failures: int = 3
    login_delay_seconds: float = 1.0
    login_max_delay_seconds: float = 60.0
    login_lock_failures: int = 10
    login_lock_seconds: float = 900.0
    # … and per client address (looser: an office shares one address)
    login_address_free_failures: int = 10
    login_address_lock_failures: int = 50
    # the web build's manifest of trusted GraphQL documents ("" : the default path when present)
    trusted_documents: str = ""
    notify: NotifySettings = field(default_factory=NotifySettings)  # TONGNAN_NOTIFY_*, SMTP

    @property
    def production(self) -> bool:
        return self.env == "production"

    def sheet_limits(self) -> SheetLimits:
        return SheetLimits(
            max_rows=self.sheet_max_rows,
            max_columns=self.sheet_max_columns,
            max_cells=self.sheet_max_cells,
            max_unpacked_bytes=self.sheet_max_unpacked_bytes,
            max_errors=self.sheet_max_errors,
        )

    def session_timeouts(self) -> SessionTimeouts:
        return SessionTimeouts(
            idle=self.session_idle_seconds, absolute=self.session_absolute_seconds
        )

    def sign_in_limits(self) -> SignInLimits:
        account = FailurePolicy(
            free=self.login_free_failures,
            delay=self.login_delay_seconds,
            max_delay=self.login_max_delay_seconds,
            lock_after=self.login_lock_failures,
            lock_seconds=self.login_lock_seconds,
        )
        address = FailurePolicy(
            free=self.login_address_free_failures,
            delay=self.login_delay_seconds,
            max_delay=self.login_max_delay_seconds,
            lock_after=self.login_address_lock_failures,
            lock_seconds=self.login_lock_seconds,
        )
        return SignInLimits(account=account, address=address)

    def schema_options(self) -> SchemaOptions:
        from tongnan.schema.schema import SchemaOptions

        return SchemaOptions(
            max_depth=self.max_depth,
            max_aliases=self.max_aliases,
            max_tokens=self.max_tokens,
            max_cost=self.max_cost,
            production=self.production,
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        mode = env.get("TONGNAN_ENV", "development")
        if mode not in {"development", "production"}:
            raise ValueError(f"TONGNAN_ENV 只能是 development 或 production，现在是“{mode}”")
        return cls(
            database_url=DatabaseUrl.parse(env.get("TONGNAN_DATABASE_URL", DEFAULT_DATABASE_URL)),
            env=mode,
            host=env.get("TONGNAN_HOST", "127.0.0.1"),
            port=_int(env, "TONGNAN_PORT", 8000),
            max_depth=_int(env, "TONGNAN_MAX_DEPTH", 12),
            max_aliases=_int(env, "TONGNAN_MAX_ALIASES", 30),
            max_tokens=_int(env, "TONGNAN_MAX_TOKENS", 4000),
            max_cost=_int(env, "TONGNAN_MAX_COST", 50_000),
            max_body_bytes=_int(env, "TONGNAN_MAX_BODY_BYTES", 1_048_576),
            max_response_bytes=_int(env, "TONGNAN_MAX_RESPONSE_BYTES", 4_194_304),
            cost_budget=_budget(env),
            cost_refill_per_minute=_int(env, "TONGNAN_COST_REFILL_PER_MINUTE", 100_000),
            trusted_proxies=parse_networks(env.get("TONGNAN_TRUSTED_PROXIES", "")),
            response_cache_entries=_int(env, "TONGNAN_RESPONSE_CACHE_ENTRIES", 512, minimum=0),
            warning_yellow_days=_int(env, "TONGNAN_WARNING_YELLOW_DAYS", 3, minimum=0),
            warning_sweep_seconds=_int(env, "TONGNAN_WARNING_SWEEP_SECONDS", 60, minimum=0),
            render_timeout_seconds=_int(env, "TONGNAN_RENDER_TIMEOUT_SECONDS", 60),
            render_workers=_int(env, "TONGNAN_RENDER_WORKERS", 0, minimum=0),
            render_warm_up=env.get("TONGNAN_RENDER_WARM_UP", "1") not in {"0", "false", "no"},
            gc_young_threshold=_int(env, "TONGNAN_GC_YOUNG_THRESHOLD", 10_000, minimum=0),
            audit_key=env.get("TONGNAN_AUDIT_KEY", ""),
            audit_key_file=env.get("TONGNAN_AUDIT_KEY_FILE", ""),
            audit_seal_interval_seconds=_seconds(env, "TONGNAN_AUDIT_SEAL_INTERVAL_SECONDS", 1.0),
            audit_seal_grace_seconds=_seconds(env, "TONGNAN_AUDIT_SEAL_GRACE_SECONDS", 60.0),
            admin_database_url=(
                DatabaseUrl.parse(env["TONGNAN_ADMIN_DATABASE_URL"])
                if env.get("TONGNAN_ADMIN_DATABASE_URL")
                else None
            ),
            app_role=env.get("TONGNAN_APP_ROLE", "tongnan_app"),
            app_role_password=env.get("TONGNAN_APP_ROLE_PASSWORD", ""),
            body_timeout_seconds=_int(env, "TONGNAN_BODY_TIMEOUT_SECONDS", 30),
            keep_alive_seconds=_int(env, "TONGNAN_KEEP_ALIVE_SECONDS", 5),
            max_connections=_int(env, "TONGNAN_MAX_CONNECTIONS", 200),
            sheet_max_rows=_int(env, "TONGNAN_SHEET_MAX_ROWS", 10_000),
            sheet_max_columns=_int(env, "TONGNAN_SHEET_MAX_COLUMNS", 30),
            sheet_max_cells=_int(env, "TONGNAN_SHEET_MAX_CELLS", 150_000),
            sheet_max_unpacked_bytes=_int(
                env, "TONGNAN_SHEET_MAX_UNPACKED_BYTES", 16 * 1024 * 1024
            ),
            sheet_max_errors=_int(env, "TONGNAN_SHEET_MAX_ERRORS", 50),
            allowed_origins=tuple(
                o.strip() for o in env.get("TONGNAN_ALLOWED_ORIGINS", "").split(",") if o.strip()
            ),
            web_root=(
                Path(env["TONGNAN_WEB_ROOT"]) if env.get("TONGNAN_WEB_ROOT") else default_web_root()
            ),
            upload_max_bytes=_int(env, "TONGNAN_UPLOAD_MAX_BYTES", 20 * 1024 * 1024),
            upload_store=_store(env),
            verify_requires_evidence=_flag(env, "TONGNAN_VERIFY_REQUIRES_EVIDENCE"),
            session_idle_seconds=_seconds(env, "TONGNAN_SESSION_IDLE_SECONDS", 1800.0),
            session_absolute_seconds=_seconds(env, "TONGNAN_SESSION_ABSOLUTE_SECONDS", 43200.0),
            login_free_failures=_int(env, "TONGNAN_LOGIN_FREE_FAILURES", 3, minimum=0),
            login_delay_seconds=_seconds(env, "TONGNAN_LOGIN_DELAY_SECONDS", 1.0),
            login_max_delay_seconds=_seconds(env, "TONGNAN_LOGIN_MAX_DELAY_SECONDS", 60.0),
            login_lock_failures=_int(env, "TONGNAN_LOGIN_LOCK_FAILURES", 10),
            login_lock_seconds=_seconds(env, "TONGNAN_LOGIN_LOCK_SECONDS", 900.0),
            login_address_free_failures=_int(
                env, "TONGNAN_LOGIN_ADDRESS_FREE_FAILURES", 10, minimum=0
            ),
            login_address_lock_failures=_int(env, "TONGNAN_LOGIN_ADDRESS_LOCK_FAILURES", 50),
            trusted_documents=env.get("TONGNAN_TRUSTED_DOCUMENTS", ""),
            notify=NotifySettings.from_env(env),
        )
