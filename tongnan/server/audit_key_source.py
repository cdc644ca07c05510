"""Where the audit key comes from: the setting, a key file, or (in development only) a file
under var/ made on first use. Production refuses to start without one."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tongnan.domain.common.audit_key import generate_key, parse_key
from tongnan.server.settings import Settings

DEVELOPMENT_KEY_FILE = Path("var") / "audit.key"


class MissingAuditKey(ValueError):
    """Production without an audit key."""


def read_key_file(path: Path) -> bytes:
    try:
        return parse_key(path.read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"读不了留痕密钥文件 {path}：{exc}") from None


def write_key_file(path: Path) -> None:
    """A new key in a file only its owner may read; never overwrites one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(generate_key() + "\n")


def audit_key(settings: Settings) -> bytes:
    """The key every process of this installation seals and verifies with."""
    if settings.audit_key:
        return parse_key(settings.audit_key)
    if settings.audit_key_file:
        return read_key_file(Path(settings.audit_key_file))
    if settings.production:
        raise MissingAuditKey(
            "生产环境必须设置留痕密钥：TONGNAN_AUDIT_KEY 或 TONGNAN_AUDIT_KEY_FILE"
            "（用 tongnan audit keygen 生成，各服务进程用同一个）"
        )
    if not DEVELOPMENT_KEY_FILE.exists():
        with contextlib.suppress(FileExistsError):  # another process made it first
            write_key_file(DEVELOPMENT_KEY_FILE)
    return read_key_file(DEVELOPMENT_KEY_FILE)
