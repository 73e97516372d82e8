"""Benchmark: `spbe batch` on N canonical workbooks against a bare python-calamine loop.

    python benchmarks/batch_bench.py [N] [--jobs J]

Generates N workbooks (default 600, the national scale) in a temporary folder, then times,
on the same files: (1) a bare loop that only opens each workbook with python-calamine and
reads its two sheets, (2) `spbe batch` as a user runs it (a fresh process, --quiet), and
(3) `spbe score` of one workbook from a cold process (median of 5). Peak memory is the
largest resident set of any one process of the run (ru_maxrss of the waited-for children).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(folder: Path, n: int) -> list[Path]:
    """N workbooks with the canonical layout and content: the template's four sheets, its
    headers, help texts and criteria, filled with random levels (written with openpyxl's
    fast write-only mode; `spbe template` itself adds styles and dropdowns)."""
    from openpyxl import Workbook

    from spbe_cli.rubric import load_builtin
    from spbe_cli.template import JAWABAN_HEADERS, _guide

    loaded = load_builtin("permenpanrb-59-2020")
    rubric = loaded.rubric
    items = list(rubric.items())
    guides = [_guide(rubric, ind, item) for item, ind, _ in items]
    criteria = [
        (ind.id, ind.name, level, name, (ind.criteria or {}).get(level))
        for ind in rubric.indicators
        for level, name in sorted(rubric.scale_of(ind).levels.items())
    ]
    rnd = random.Random(2023)
    paths = []
    for k in range(n):
        wb = Workbook(write_only=True)
        guide = wb.create_sheet("Petunjuk")
        for line in ("Lembar jawaban Indeks SPBE", f"Rubrik: {rubric.id}", "Isi kolom Tingkat."):
            guide.append([line])
        ident = wb.create_sheet("Identitas")
        for row in (
            ("Instansi", f"Kabupaten Bench {k:03d}", "Wajib."),
            ("Tahun", 2024, "Wajib."),
            ("Kode", f"B{k:04d}", ""),
            ("Jenis", "Kabupaten", ""),
            ("Provinsi", f"Provinsi {k % 38:02d}", ""),
            ("Rubrik", rubric.id, ""),
            ("Tahap", "final", ""),
        ):
            ident.append(row)
        ans = wb.create_sheet("Jawaban")
        ans.append([h for h, _ in JAWABAN_HEADERS])
        for (item, ind, aspect), help_text in zip(items, guides, strict=True):
            level = rnd.randint(1, 5)
            ans.append(
                [
                    item,
                    aspect.id,
                    ind.name,
                    str(ind.weight),
                    level,
                    min(5, level + rnd.randint(0, 1)),
                    None,
                    None,
                    None,
                    help_text,
                ]
            )
        crit = wb.create_sheet("Kriteria")
        crit.append(["No", "Indikator", "Tingkat", "Nama tingkat", "Kriteria"])
        for row in criteria:
            crit.append(list(row))
        path = folder / f"kab-{k:03d}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


def bare_loop(paths: list[Path]) -> float:
    import python_calamine as pc

    start = time.perf_counter()
    for p in paths:
        wb = pc.CalamineWorkbook.from_path(str(p))
        wb.get_sheet_by_name("Identitas").to_python()
        wb.get_sheet_by_name("Jawaban").to_python()
    return time.perf_counter() - start


def timed(cmd: list[str]) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=600)
    ap.add_argument("--jobs", type=int, default=0)
    args = ap.parse_args()
    spbe = shutil.which("spbe") or sys.exit("spbe is not installed in this environment")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        t0 = time.perf_counter()
        paths = generate(folder, args.n)
        print(
            f"generated {len(paths)} workbooks in {time.perf_counter() - t0:.1f} s", file=sys.stderr
        )
        bare = min(bare_loop(paths) for _ in range(3))
        runs = []
        for _ in range(3):
            out = Path(tmp) / "out"
            shutil.rmtree(out, ignore_errors=True)
            cmd = [spbe, "batch", str(folder), "--out", str(out), "--quiet"]
            if args.jobs:
                cmd += ["--jobs", str(args.jobs)]
            runs.append(timed(cmd))
        batch_wall = min(w for w, _ in runs)
        batch_peak = max(p for _, p in runs)
        cold = [timed([spbe, "score", str(paths[0]), "--format", "json"])[0] for _ in range(5)]
    cpu = platform.processor() or platform.machine()
    print(f"machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}")
    print("| measure | result | target |\n|---|---|---|")
    print(f"| bare python-calamine loop, {args.n} workbooks | {bare:.2f} s | |")
    print(
        f"| `spbe batch`, {args.n} workbooks (wall, best of 3) | {batch_wall:.2f} s "
        f"({batch_wall / bare:.1f}× the bare loop) | ≤ 2× |"
    )
    print(f"| `spbe batch` peak memory (largest process) | {batch_peak / 1024:.0f} MB | ≤ 150 MB |")
    print(
        f"| `spbe score` one workbook, cold process (median of 5) | "
        f"{statistics.median(cold):.2f} s | ≤ 0.3 s |"
    )


if __name__ == "__main__":
    main()
