"""Settings from the environment (TONGNAN_*), read once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tongnan.domain.database import DatabaseUrl

DEFAULT_DATABASE_URL = "sqlite://var/tongnan.db"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: DatabaseUrl = field(
        default_factory=lambda: DatabaseUrl.parse(DEFAULT_DATABASE_URL)
    )
    env: str = "development"
    host: str = "127.0.0.1"
    port: int = 8000

    @property
    def production(self) -> bool:
        return self.env == "production"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        port_text = env.get("TONGNAN_PORT", "8000")
        if not port_text.isdigit():
            raise ValueError(f"TONGNAN_PORT must be a number, got {port_text!r}")
        return cls(
            database_url=DatabaseUrl.parse(env.get("TONGNAN_DATABASE_URL", DEFAULT_DATABASE_URL)),
            env=env.get("TONGNAN_ENV", "development"),
            host=env.get("TONGNAN_HOST", "127.0.0.1"),
            port=int(port_text),
        )
