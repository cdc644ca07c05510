"""The notification settings (TONGNAN_NOTIFY_*, TONGNAN_SMTP_*, TONGNAN_PUBLIC_URL), checked at
start-up like every other setting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from tongnan.domain.notifications.backoff import RetryPolicy

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    text = env.get(name, "")
    if text == "":
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValueError(f"{name} 应是{low}到{high}之间的整数，现在是“{text}”")
    return int(text)


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name, "")
    if text == "":
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise ValueError(f"{name} 应是大于0的秒数，现在是“{text}”")
    return value


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    text = env.get(name, "").strip().lower()
    if text == "":
        return default
    if text not in {"0", "1", "true", "false", "yes", "no"}:
        raise ValueError(f"{name} 只能是 1 或 0，现在是“{text}”")
    return text in {"1", "true", "yes"}


@dataclass(frozen=True, slots=True)
class NotifySettings:
    worker: bool = True  # `tongnan serve` delivers too (0: only `tongnan worker` does)
    poll_seconds: float = 1.0  # an idle worker looks for due deliveries this often
    batch: int = 50  # deliveries claimed at once
    concurrency: int = 8  # sends in flight per worker
    backoff_base_seconds: float = 30.0
    backoff_max_seconds: float = 3600.0
    max_failures: int = 8  # then a dead letter
    lease_seconds: float = 60.0  # a claimed delivery is another worker's after this
    send_timeout_seconds: float = 10.0
    digest_hour: int = 9  # local hour (UTC+8) of the daily warning digest
    public_url: str = DEFAULT_PUBLIC_URL  # links in messages start with this
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = ""
    smtp_starttls: bool = True
    smtp_ca_file: str = ""  # trust this CA for the mail server's certificate (a private CA)

    def retry_policy(self) -> RetryPolicy:
        return RetryPolicy(
            base_seconds=self.backoff_base_seconds,
            max_seconds=self.backoff_max_seconds,
            max_failures=self.max_failures,
            lease_seconds=self.lease_seconds,
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> NotifySettings:
        public_url = env.get("TONGNAN_PUBLIC_URL", "") or DEFAULT_PUBLIC_URL
        if urlsplit(public_url).scheme not in {"http", "https"}:
            raise ValueError(
                f"TONGNAN_PUBLIC_URL 应是 http:// 或 https:// 开头的网址，现在是“{public_url}”"
            )
        lease = _seconds(env, "TONGNAN_NOTIFY_LEASE_SECONDS", 60.0)
        timeout = _seconds(env, "TONGNAN_NOTIFY_SEND_TIMEOUT_SECONDS", 10.0)
        if timeout >= lease:
            raise ValueError(
                f"TONGNAN_NOTIFY_SEND_TIMEOUT_SECONDS（{timeout}）应小于 "
                f"TONGNAN_NOTIFY_LEASE_SECONDS（{lease}），否则一次发送未完就会被别的进程重发"
            )
        return cls(
            worker=_flag(env, "TONGNAN_NOTIFY_WORKER", True),
            poll_seconds=_seconds(env, "TONGNAN_NOTIFY_POLL_SECONDS", 1.0),
            batch=_int(env, "TONGNAN_NOTIFY_BATCH", 50, 1, 1000),
            concurrency=_int(env, "TONGNAN_NOTIFY_CONCURRENCY", 8, 1, 256),
            backoff_base_seconds=_seconds(env, "TONGNAN_NOTIFY_BACKOFF_BASE_SECONDS", 30.0),
            backoff_max_seconds=_seconds(env, "TONGNAN_NOTIFY_BACKOFF_MAX_SECONDS", 3600.0),
            max_failures=_int(env, "TONGNAN_NOTIFY_MAX_FAILURES", 8, 1, 100),
            lease_seconds=lease,
            send_timeout_seconds=timeout,
            digest_hour=_int(env, "TONGNAN_NOTIFY_DIGEST_HOUR", 9, 0, 23),
            public_url=public_url,
            smtp_host=env.get("TONGNAN_SMTP_HOST", ""),
            smtp_port=_int(env, "TONGNAN_SMTP_PORT", 587, 1, 65535),
            smtp_user=env.get("TONGNAN_SMTP_USER", ""),
            smtp_password=env.get("TONGNAN_SMTP_PASSWORD", ""),
            smtp_from=env.get("TONGNAN_SMTP_FROM", ""),
            smtp_starttls=_flag(env, "TONGNAN_SMTP_STARTTLS", True),
            smtp_ca_file=env.get("TONGNAN_SMTP_CA_FILE", ""),
        )
