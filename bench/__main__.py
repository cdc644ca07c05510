"""One entry point for every benchmark, and the report they make.

    .venv/bin/python -m bench            # run them all, then write docs/BENCHMARKS.md
    .venv/bin/python -m bench matrix api # run some
    .venv/bin/python -m bench --report   # only rewrite docs/BENCHMARKS.md from bench/results/
    .venv/bin/python -m bench --report documents  # only that section (the others kept as they are)

Each benchmark is also a module of its own (python -m bench.NAME.run) that prints its table
and writes bench/results/NAME.json; the report is made from those files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from bench.report import write_report

BENCHMARKS = {
    "matrix": ["-m", "bench.matrix.run"],
    "api": ["-m", "bench.api.run", "--seconds", "10"],
    "compare": ["-m", "bench.compare.run", "--seconds", "10", "--repeats", "3"],
    "reporting": [
        "-m",
        "bench.reporting.run",
        "--submissions",
        "3000",
        "--clients",
        "32",
        "--repeats",
        "3",
    ],
    "documents": ["-m", "bench.documents.run"],
    "ledger": ["-m", "bench.ledger.run"],
    "notifications": ["-m", "bench.notifications.run"],
    "workers": ["-m", "bench.workers.run"],
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", help=f"some of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--report", action="store_true", help="only write docs/BENCHMARKS.md")
    args = parser.parse_args()
    unknown = set(args.names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    if not args.report:
        for name in args.names or list(BENCHMARKS):
            print(f"== {name}", flush=True)
            subprocess.run([sys.executable, *BENCHMARKS[name]], check=True)
    print(f"wrote {write_report(args.names)}")


if __name__ == "__main__":
    main()
