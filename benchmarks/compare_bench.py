"""Benchmark: this checkout against an earlier commit, run for run, on the same files.

On a shared machine the time of one run varies by more than the difference between two
versions, so the two are not timed an hour apart but alternately, round after round: a
cold `spbe score` (JSON of a canonical workbook; JSON and the table people see of the 2024
example, whose Bukti Dukung are checked too), and `spbe batch` on N canonical workbooks
(as `batch_bench.py` makes them). For each, the median and best of the wall time
and of the processor time (user + system of every process of the run).

    python benchmarks/compare_bench.py 9a65d58 --n 600 --rounds 7

The earlier commit is checked out with `git worktree` into a temporary folder and put
first on PYTHONPATH for its runs (same interpreter, same installed libraries); its
bytecode is compiled first, like this checkout's.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_bench import CPU, generate, timed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def checkout(ref: str, where: Path) -> Path:
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(where), ref], check=True
    )
    compileall.compile_dir(str(where / "spbe_cli"), quiet=1)
    return where


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("old", help="the earlier commit (e.g. 9a65d58)")
    ap.add_argument("--n", type=int, default=600, help="workbooks in the batch")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    spbe = shutil.which("spbe") or sys.exit("spbe is not installed in this environment")
    compileall.compile_dir(str(ROOT / "spbe_cli"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        old = checkout(args.old, base / "old")
        try:
            (base / "in").mkdir()
            paths = generate(base / "in", args.n)
            example = ROOT / "examples" / "kabupaten-contoh-2024.xlsx"
            measures = {
                "cold `spbe score -f json`, canonical workbook": [
                    spbe,
                    "score",
                    str(paths[0]),
                    "-f",
                    "json",
                ],
                "cold `spbe score -f json`, 2024 example (Bukti Dukung checked)": [
                    spbe,
                    "score",
                    str(example),
                    "-f",
                    "json",
                ],
                "cold `spbe score` (table), 2024 example": [spbe, "score", str(example)],
                f"`spbe batch`, {len(paths)} workbooks": [spbe, "batch", str(base / "in")],
            }
            results = run_rounds(measures, {"before": str(old), "after": ""}, base, args.rounds)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)])
    report(results, args)


def run_rounds(
    measures: dict[str, list[str]], versions: dict[str, str], base: Path, rounds: int
) -> dict[tuple[str, str], list[tuple[float, float]]]:
    results: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for k in range(rounds):
        for name, cmd in measures.items():
            for version, pythonpath in versions.items():
                env_path = pythonpath or os.environ.get("PYTHONPATH", "")
                if cmd[1] == "batch":
                    os.sync()
                    cmd = [*cmd[:3], "--out", str(base / f"out-{version}-{k}"), "--quiet"]
                wall = timed_with(cmd, env_path)
                results.setdefault((name, version), []).append((wall, CPU[-1]))
        print(f"round {k + 1} of {rounds} done", file=sys.stderr)
    return results


def timed_with(cmd: list[str], pythonpath: str) -> float:
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = pythonpath
    try:
        return timed(cmd)[0]
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


def report(
    results: dict[tuple[str, str], list[tuple[float, float]]], args: argparse.Namespace
) -> None:
    print(f"machine: {os.cpu_count()} cores; {args.rounds} alternating rounds; before = {args.old}")
    print("| measure | before: wall median (best) | after | before: CPU median (best) | after |")
    print("|---|---|---|---|---|")
    for name in dict.fromkeys(n for n, _ in results):
        cells = []
        for i in (0, 1):
            for version in ("before", "after"):
                xs = [r[i] for r in results[(name, version)]]
                cells.append(f"{statistics.median(xs):.2f} s ({min(xs):.2f} s)")
        print(f"| {name} | {cells[0]} | {cells[1]} | {cells[2]} | {cells[3]} |")


if __name__ == "__main__":
    main()
