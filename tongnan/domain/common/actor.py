"""Who is acting: the principal behind every write, recorded in the audit trail."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from tongnan.domain.common.values import Role


@dataclass(frozen=True, slots=True)
class Actor:
    """A caller: a token's user, or an operator at the command line."""

    name: str
    role: Role
    unit_id: int | None = None
    unit_name: str | None = None

    @classmethod
    def operator(cls) -> Actor:
        """The person running ``tongnan`` on the server: acts for the office."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(name=f"cli:{user}", role=Role.OFFICE_ADMIN)
