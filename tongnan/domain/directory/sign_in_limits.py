"""The failed sign-ins this process has seen, per account name and per client address, and what
they mean now (the rules of ``domain/rules/sign_in``): how long the next attempt must wait.

Kept in memory: a restart forgets them (a lock then simply starts over).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tongnan.domain.rules.sign_in import FailurePolicy, Failures, current, failed, retry_after

MAX_KEYS = 100_000  # beyond this, keys whose failures no longer count are dropped


@dataclass(slots=True)
class SignInLimits:
    """Failures per account (``account``) and per address (``address``, looser)."""

    account: FailurePolicy = field(default_factory=FailurePolicy)
    address: FailurePolicy = field(
        default_factory=lambda: FailurePolicy(free=10, lock_after=50, lock_seconds=900.0)
    )
    _accounts: dict[str, Failures] = field(default_factory=dict)
    _addresses: dict[str, Failures] = field(default_factory=dict)

    def retry_after(self, name: str, address: str, now: dt.datetime) -> int:
        """Seconds until ``name`` may be tried from ``address`` (0: now)."""
        return max(
            retry_after(self.account, self._accounts.get(name, Failures()), now),
            retry_after(self.address, self._addresses.get(address, Failures()), now),
        )

    def failed(self, name: str, address: str, now: dt.datetime) -> None:
        if len(self._accounts) + len(self._addresses) > MAX_KEYS:
            self._prune(now)
        self._accounts[name] = failed(self.account, self._accounts.get(name, Failures()), now)
        self._addresses[address] = failed(
            self.address, self._addresses.get(address, Failures()), now
        )

    def succeeded(self, name: str) -> None:
        """The account's count starts over (the address's does not: one good account must not
        clear an address that is guessing at others)."""
        self._accounts.pop(name, None)

    def _prune(self, now: dt.datetime) -> None:
        for table, policy in ((self._accounts, self.account), (self._addresses, self.address)):
            for key in [k for k, v in table.items() if retry_after(policy, v, now) == 0]:
                if current(policy, table[key], now).count <= policy.free:
                    del table[key]
