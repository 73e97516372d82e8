"""Benchmark: `spbe batch` on N canonical workbooks against a bare python-calamine loop.

    python benchmarks/batch_bench.py [N] [--jobs J]

Generates N workbooks (default 600, the national scale) in a temporary folder, then times,
on the same files: (1) a bare loop that only opens each workbook with python-calamine and
reads its two sheets, (2) `spbe batch` as a user runs it (a fresh process, --quiet), (3) the
same with `--reports md,html` (every institution's two reports), and (4) `spbe score` of
one workbook from a cold process (median of 9). Peak memory is the
largest resident set of any one process of the run (ru_maxrss of the waited-for children);
processor time is user + system time of a run's processes, steadier than the wall time on a
machine shared with other jobs.

The package's bytecode is compiled first, as installing a wheel does: an editable install
run with PYTHONDONTWRITEBYTECODE=1 (as some CI images set) would otherwise recompile every
changed module in every timed process.
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
    """N canonical workbooks: `spbe template`'s own workbook (four sheets, styles,
    dropdowns, help texts and criteria), filled with random levels by openpyxl."""
    import io

    from openpyxl import load_workbook

    from spbe_cli.rubric import load_builtin
    from spbe_cli.template import build_template

    wb = load_workbook(io.BytesIO(build_template(load_builtin("permenpanrb-59-2020"))))
    ident, ans = wb["Identitas"], wb["Jawaban"]
    header = [c.value for c in ans[1]]
    level_col = header.index("Tingkat") + 1
    self_col = header.index("Tingkat Mandiri") + 1
    rnd = random.Random(2023)
    paths = []
    for k in range(n):
        ident["B1"], ident["B2"], ident["B3"] = f"Kabupaten Bench {k:03d}", 2024, f"B{k:04d}"
        ident["B4"], ident["B5"] = "Kabupaten", f"Provinsi {k % 38:02d}"
        for row in range(2, ans.max_row + 1):
            level = rnd.randint(1, 5)
            ans.cell(row=row, column=level_col, value=level)
            ans.cell(row=row, column=self_col, value=min(5, level + rnd.randint(0, 1)))
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


def create_files(folder: Path, n: int) -> float:
    """What the output disk charges for n new files (the batch writes one result per
    workbook): create, write 18 KB, close. A virtual machine's disk can make this alone
    cost more than all the reading."""
    folder.mkdir()
    data = b"x" * 18_000
    start = time.perf_counter()
    for k in range(n):
        fd = os.open(folder / f"f{k}.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, data)
        os.close(fd)
    return time.perf_counter() - start


def batch_runs(
    spbe: str, folder: Path, base: Path, jobs: int, extra: tuple[str, ...] = (), times: int = 5
) -> list[tuple[float, int]]:
    runs = []
    for k in range(times):
        # A fresh folder each run, and the last run's writes flushed first: deleting or
        # still writing back its files while timing would time the file system, not spbe.
        os.sync()
        out = base / f"out{'-'.join(extra)}{k}"
        cmd = [spbe, "batch", str(folder), "--out", str(out), "--quiet", *extra]
        if jobs:
            cmd += ["--jobs", str(jobs)]
        runs.append(timed(cmd))
    return runs


def timed(cmd: list[str]) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall, max(before.ru_maxrss, after.ru_maxrss)


# The processor time (user + system) of each timed command and its children, in order: on
# a machine shared with other jobs it varies less than the wall time.
CPU: list[float] = []


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=600)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument(
        "--ram-out",
        default="/dev/shm",
        help="a RAM-backed folder for a second series with the outputs off the disk ('' to skip)",
    )
    args = ap.parse_args()
    spbe = shutil.which("spbe") or sys.exit("spbe is not installed in this environment")
    import compileall

    import spbe_cli

    compileall.compile_dir(str(Path(spbe_cli.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        t0 = time.perf_counter()
        paths = generate(folder, args.n)
        print(
            f"generated {len(paths)} workbooks in {time.perf_counter() - t0:.1f} s", file=sys.stderr
        )
        os.sync()  # the generated workbooks' writeback must not land in a timed run
        bare = min(bare_loop(paths) for _ in range(3))
        cold = [timed([spbe, "score", str(paths[0]), "--format", "json"])[0] for _ in range(9)]
        cold_cpu = CPU[-9:]
        runs = batch_runs(spbe, folder, Path(tmp), args.jobs)
        batch_cpu = CPU[-5:]
        batch_wall = min(w for w, _ in runs)
        batch_median = statistics.median(w for w, _ in runs)
        batch_peak = max(p for _, p in runs)
        reports = min(
            w
            for w, _ in batch_runs(spbe, folder, Path(tmp), args.jobs, ("--reports", "md,html"), 3)
        )
        os.sync()
        disk = create_files(Path(tmp) / "created", args.n)
        ram = None
        if args.ram_out and Path(args.ram_out).is_dir():
            os.sync()
            with tempfile.TemporaryDirectory(dir=args.ram_out) as ram_tmp:
                ram = min(w for w, _ in batch_runs(spbe, folder, Path(ram_tmp), args.jobs))
    cpu = platform.processor() or platform.machine()
    print(f"machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}")
    print("| measure | result | target |\n|---|---|---|")
    print(f"| bare python-calamine loop, {args.n} workbooks | {bare:.2f} s | |")
    print(
        f"| `spbe batch`, {args.n} workbooks (wall, best of 5; median {batch_median:.2f} s)"
        f" | {batch_wall:.2f} s ({batch_wall / bare:.1f}× the bare loop) | no slower |"
    )
    print(
        f"| … its processor time (best of 5; median {statistics.median(batch_cpu):.2f} s)"
        f" | {min(batch_cpu):.2f} s | |"
    )
    print(
        f"| `spbe batch --reports md,html`, {args.n} workbooks (best of 3) | {reports:.2f} s"
        f" ({reports / batch_wall:.1f}× the plain batch) | ≤ 2.5× the plain batch |"
    )
    if ram is not None:
        print(
            f"| `spbe batch`, outputs in RAM ({args.ram_out}, best of 5) | {ram:.2f} s"
            f" ({ram / bare:.1f}×) | |"
        )
    print(
        f"| creating {args.n} files of 18 KB on the output disk (os.open loop) | {disk:.2f} s | |"
    )
    print(f"| `spbe batch` peak memory (largest process) | {batch_peak / 1024:.0f} MB | ≤ 150 MB |")
    print(
        f"| `spbe score` one workbook, cold process (median of 9) | "
        f"{statistics.median(cold):.2f} s | ≤ 0.25 s |"
    )
    print(
        f"| … its processor time (best of 9; median {statistics.median(cold_cpu):.2f} s)"
        f" | {min(cold_cpu):.2f} s | |"
    )


if __name__ == "__main__":
    main()
