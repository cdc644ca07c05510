"""Province benchmark: build time, memory, question latencies, incremental update vs rebuild.

Run: .venv/bin/python -m bench.matrix.run [--seed N] [--samples N] [--out PATH]
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from bench.matrix.generate import ProvinceShape, generate_province
from tongnan.domain.common.values import AssignmentRole, Membership, UnitKind
from tongnan.domain.plans.plan_snapshot import PlanSnapshot
from tongnan.responsibility_matrix import MatrixRegistry, ResponsibilityGraph

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "results" / "matrix.json"


def _stats(samples_ns: Sequence[int]) -> dict[str, float]:
    ordered = sorted(samples_ns)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median_us": statistics.median(ordered) / 1000,
        "p99_us": p99 / 1000,
    }


def _time(call: Callable[..., object], *args: Any) -> int:
    start = time.perf_counter_ns()
    call(*args)
    return time.perf_counter_ns() - start


def _concrete(rg: ResponsibilityGraph) -> list[int]:
    return [u for u in rg.unit_ids if not rg.is_group(u)]


def _questions(
    registry: MatrixRegistry, plans: list[PlanSnapshot], rng: random.Random, samples: int
) -> dict[str, dict[str, float]]:
    graphs = [registry.get(p.plan_id) for p in plans]
    for rg in graphs:  # warm: a served graph has answered before
        rg.matrix()
    picks = []
    for _ in range(samples):
        rg = rng.choice(graphs)
        number = rng.randint(1, len(rg.task_ids))
        unit = rng.choice(_concrete(rg))
        picks.append((rg, number, unit))
    names = [(rg, number, rg.unit_ref(unit).name) for rg, number, unit in picks]
    out: dict[str, dict[str, float]] = {}
    gc.collect()
    out["accountability_chain"] = _stats(
        [_time(rg.accountability_chain, n, u) for rg, n, u in names]
    )
    out["reviewers_of"] = _stats([_time(rg.reviewers_of, n, u) for rg, n, u in names])
    out["responsible_for"] = _stats([_time(rg.responsible_for, n) for rg, n, _ in names])
    out["duties_of"] = _stats([_time(rg.duties_of, u) for rg, _, u in names])
    few = names[: max(20, samples // 20)]
    out["gaps"] = _stats([_time(rg.gaps) for rg, _, _ in few])
    out["matrix"] = _stats([_time(rg.matrix) for rg, _, _ in few])
    out["chain_svg"] = _stats([_time(rg.chain_svg, n) for rg, n, _ in few])
    out["matrix_svg"] = _stats([_time(rg.matrix_svg) for rg, _, _ in few])
    out["to_csv"] = _stats([_time(rg.matrix().to_csv) for rg, _, _ in few])
    xlsx = few[:20]
    out["to_xlsx"] = _stats([_time(rg.matrix().to_xlsx) for rg, _, _ in xlsx])
    return out


def _updates(
    registry: MatrixRegistry, plans: list[PlanSnapshot], rng: random.Random, rounds: int
) -> dict[str, dict[str, float]]:
    add, remove, members, chain_after, rebuild = [], [], [], [], []
    for _ in range(rounds):
        snapshot = rng.choice(plans)
        rg = registry.get(snapshot.plan_id)
        task_id = rng.choice(rg.task_ids)
        number = rg.task_ref(task_id).number
        free = [
            u
            for u in rg.unit_ids
            if rg.unit_record(u).kind is UnitKind.DEPARTMENT
            and u not in rg.assigned(task_id, AssignmentRole.RESPONSIBLE)
            and u not in rg.assigned(task_id, AssignmentRole.LEAD)
        ]
        if not free:
            continue
        unit = rng.choice(free)
        rg.accountability_chain(number, unit)  # warm caches, as a serving graph is
        responsible = AssignmentRole.RESPONSIBLE
        add.append(_time(registry.add_assignment, task_id, unit, responsible))
        chain_after.append(_time(rg.accountability_chain, number, unit))
        remove.append(_time(registry.remove_assignment, task_id, unit, responsible))
        related = next(u for u in rg.unit_ids if rg.membership(u) is Membership.PER_TASK)
        towns = [u for u in rg.unit_ids if rg.unit_record(u).kind is UnitKind.TOWN]
        chosen = rng.sample(towns, 8)
        members.append(_time(registry.set_members, related, chosen, task_id))
    for _ in range(max(20, rounds // 5)):
        snapshot = rng.choice(plans)
        rebuild.append(_time(ResponsibilityGraph, snapshot))
    return {
        "add_assignment": _stats(add),
        "remove_assignment": _stats(remove),
        "set_members": _stats(members),
        "first_chain_after_update": _stats(chain_after),
        "full_rebuild_one_plan": _stats(rebuild),
    }


def run(seed: int, samples: int, rounds: int) -> dict[str, Any]:
    shape = ProvinceShape()
    start = time.perf_counter()
    plans = generate_province(seed, shape)
    generate_s = time.perf_counter() - start

    gc.collect()
    registry = MatrixRegistry()
    start = time.perf_counter()
    for snapshot in plans:
        registry.put(snapshot)
    build_s = time.perf_counter() - start
    graphs = [registry.get(p.plan_id) for p in plans]
    edges = sum(rg.graph.number_of_edges() for rg in graphs)
    nodes = sum(rg.graph.number_of_nodes() for rg in graphs)

    gc.collect()
    tracemalloc.start()
    kept = [ResponsibilityGraph(p) for p in plans]
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept

    rng = random.Random(seed)
    questions = _questions(registry, plans, rng, samples)
    updates = _updates(registry, plans, rng, rounds)
    rebuild = updates["full_rebuild_one_plan"]["median_us"]
    update = max(
        updates[k]["median_us"] for k in ("add_assignment", "remove_assignment", "set_members")
    )
    return {
        "meta": {
            "seed": seed,
            "python": sys.version.split()[0],
            "networkx": nx.__version__,
            "machine": platform.machine(),
            "districts": shape.districts,
            "plans": len(plans),
            "tasks": sum(len(p.tasks) for p in plans),
            "units": sum(len(p.units) for p in plans),
            "nodes": nodes,
            "edges": edges,
        },
        "build": {
            "generate_s": generate_s,
            "build_all_s": build_s,
            "build_per_plan_ms": build_s * 1000 / len(plans),
        },
        "memory": {
            "tracemalloc_peak_mb": peak / 2**20,
            "tracemalloc_kept_mb": current / 2**20,
        },
        "questions": questions,
        "updates": updates,
        "targets": {
            "chain_median_us": questions["accountability_chain"]["median_us"],
            "chain_under_1ms": questions["accountability_chain"]["median_us"] < 1000,
            "rebuild_over_slowest_update": rebuild / update,
            "update_100x_cheaper": rebuild / update >= 100,
        },
    }


def _table(result: dict[str, Any]) -> str:
    meta, build, memory = result["meta"], result["build"], result["memory"]
    lines = [
        f"province: {meta['plans']} plans, {meta['tasks']} tasks, {meta['units']} units, "
        f"{meta['nodes']} nodes, {meta['edges']} edges (seed {meta['seed']}, "
        f"python {meta['python']}, networkx {meta['networkx']})",
        f"generate {build['generate_s'] * 1000:.0f} ms; build all graphs "
        f"{build['build_all_s'] * 1000:.0f} ms ({build['build_per_plan_ms']:.2f} ms/plan); "
        f"tracemalloc peak {memory['tracemalloc_peak_mb']:.1f} MB",
        "",
        f"{'question':<28}{'n':>7}{'median µs':>12}{'p99 µs':>12}",
    ]
    for name, s in result["questions"].items():
        lines.append(f"{name:<28}{s['n']:>7}{s['median_us']:>12.1f}{s['p99_us']:>12.1f}")
    lines += ["", f"{'update vs rebuild':<28}{'n':>7}{'median µs':>12}{'p99 µs':>12}"]
    for name, s in result["updates"].items():
        lines.append(f"{name:<28}{s['n']:>7}{s['median_us']:>12.1f}{s['p99_us']:>12.1f}")
    t = result["targets"]
    lines += [
        "",
        f"chain median {t['chain_median_us']:.1f} µs (target < 1000: "
        f"{'ok' if t['chain_under_1ms'] else 'MISSED'}); rebuild / slowest update median = "
        f"{t['rebuild_over_slowest_update']:.0f}× (target ≥ 100: "
        f"{'ok' if t['update_100x_cheaper'] else 'MISSED'})",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--samples", type=int, default=2000, help="queries per question")
    parser.add_argument("--rounds", type=int, default=500, help="incremental update rounds")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    result = run(args.seed, args.samples, args.rounds)
    print(_table(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
