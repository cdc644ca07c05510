"""What a phase of the notification bench cost, measured from outside the processes: the CPU
each process used (from /proc), PostgreSQL's backends of the bench database among them; and,
sampled while the phase runs, the backends' wait events, lock waits, the change notifications
sent on ``tongnan_changes`` (by kind) and how often a plan's structure was loaded (the scans of
the ``section`` table: only a plan view, and a plan document, read the plan's sections).
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_SECONDS = 0.1


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of ``pid`` and its threads, or None when it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def _cpu_of(pids: list[int]) -> dict[int, float]:
    return {p: c for p in pids if (c := cpu_seconds(p)) is not None}


@dataclass
class _Samples:
    waits: Counter[str] = field(default_factory=Counter)
    active: int = 0
    samples: int = 0
    lock_waits: int = 0
    notifications: Counter[str] = field(default_factory=Counter)
    backends: set[int] = field(default_factory=set)


class Phase:
    """``with Phase(dsn, database, {"server": pid, …}) as phase: …``; then ``phase.result``.

    A process named by a callable is looked up at the end too (workers started in the phase)."""

    def __init__(self, dsn: str, database: str, processes: dict[str, list[int]]) -> None:
        self.dsn = dsn
        self.database = database
        self.processes = processes
        self.result: dict[str, Any] = {}
        self._samples = _Samples()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._started_cpu: dict[str, dict[int, float]] = {}
        self._pg_started: dict[int, float] = {}
        self._scans_started = 0
        self._wall = 0.0
        self._proc_last: dict[str, dict[int, float]] = {}

    def add(self, name: str, pids: list[int]) -> None:
        """A process started during the phase: counted from now (it did nothing before)."""
        self.processes[name] = self.processes.get(name, []) + pids
        self._started_cpu.setdefault(name, {}).update({p: 0.0 for p in pids})

    def __enter__(self) -> Phase:
        self._thread.start()
        self._ready.wait(15)
        self._started_cpu = {n: _cpu_of(p) for n, p in self.processes.items()}
        self._wall = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.perf_counter() - self._wall
        ended = {n: _cpu_of(p) for n, p in self.processes.items()}
        self._stop.set()
        self._thread.join(15)
        cpu: dict[str, float] = {}
        for name, pids in self.processes.items():
            start = self._started_cpu.get(name, {})
            last = {**self._proc_last.get(name, {}), **ended[name]}  # a process gone: last seen
            cpu[name] = sum(last.get(p, start.get(p, 0.0)) - start.get(p, 0.0) for p in pids)
        s = self._samples
        pg = sum(
            (cpu_seconds(p) or self._pg_last.get(p, 0.0)) - self._pg_started.get(p, 0.0)
            for p in s.backends
        )
        cpu["postgres (bench database's backends)"] = pg
        self.result = {
            "seconds": round(wall, 2),
            "cpu_seconds": {n: round(v, 2) for n, v in cpu.items()},
            "cpu_share_of_one_core": {n: round(v / wall, 2) for n, v in cpu.items()},
            "machine_load_1min": round(os.getloadavg()[0], 1),
            "postgres": {
                "samples": s.samples,
                "mean_active_backends": round(s.active / max(s.samples, 1), 2),
                "waits_seen": dict(s.waits.most_common(8)),
                "lock_waits_seen": s.lock_waits,
                "change_notifications": dict(s.notifications.most_common()),
                "plan_structure_loads": self._scans,
            },
        }

    _pg_last: dict[int, float]
    _scans: int

    def _run(self) -> None:
        asyncio.run(self._sample())

    async def _sample(self) -> None:
        conn = await asyncpg.connect(self.dsn)
        s = self._samples
        self._pg_last = {}

        def heard(_c: Any, _pid: int, _channel: str, payload: str) -> None:
            try:
                s.notifications[str(json.loads(payload)["kind"])] += 1
            except (ValueError, KeyError):
                s.notifications["?"] += 1

        scans = """SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)
                     FROM pg_stat_user_tables WHERE relname = 'section'"""
        try:
            await conn.add_listener("tongnan_changes", heard)
            pids = await self._backends(conn)
            s.backends.update(pids)
            self._pg_started = _cpu_of(pids)
            await conn.execute("SELECT pg_stat_clear_snapshot()")
            self._scans_started = int(await conn.fetchval(scans))
            self._ready.set()
            while not self._stop.is_set():
                rows = await conn.fetch(
                    """SELECT pid, state, wait_event_type, wait_event FROM pg_stat_activity
                        WHERE datname = $1 AND pid <> pg_backend_pid()""",
                    self.database,
                )
                s.samples += 1
                for r in rows:
                    if r["pid"] not in s.backends:
                        s.backends.add(r["pid"])
                        self._pg_started[r["pid"]] = 0.0  # connected during the phase
                    if r["state"] == "active":
                        s.active += 1
                        s.waits[f"{r['wait_event_type'] or 'CPU'}:{r['wait_event'] or '-'}"] += 1
                s.lock_waits += int(
                    await conn.fetchval("SELECT count(*) FROM pg_locks WHERE NOT granted")
                )
                self._pg_last.update(_cpu_of(list(s.backends)))
                for name, pids in list(self.processes.items()):
                    self._proc_last.setdefault(name, {}).update(_cpu_of(pids))
                await asyncio.sleep(SAMPLE_SECONDS)
            await conn.execute("SELECT pg_stat_clear_snapshot()")
            await asyncio.sleep(0.6)  # the statistics reach the view within half a second
            self._scans = int(await conn.fetchval(scans)) - self._scans_started
        finally:
            await conn.close()

    async def _backends(self, conn: asyncpg.Connection) -> list[int]:
        rows = await conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            self.database,
        )
        return [int(r["pid"]) for r in rows]
