"""Benchmark: `spbe check` on N institutions whose every claim names an evidence file.

    python benchmarks/check_bench.py [N]

Generates N answer files (YAML, PermenPANRB 59/2020, default 100) in a temporary folder,
each beside its own evidence tree (47 indicator folders with a small PDF each, one `Bukti
Dukung` path and one URL per indicator), then times from fresh processes, best of 3:
`spbe batch` on the folder (scoring, with the evidence line of every result), `spbe check`
on the folder (findings, index at risk, summaries) and `spbe check` of one file with
`--evidence` (median of 5).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def generate(folder: Path, n: int) -> list[Path]:
    paths = []
    for k in range(n):
        inst = folder / f"kab-{k:03d}"
        lines = [
            f"identitas: {{instansi: Kabupaten Bench {k:03d}, tahun: 2025, kode: B{k:04d},"
            " rubrik: permenpanrb-59-2020}",
            "jawaban:",
        ]
        for i in range(1, 48):
            (inst / "bukti" / f"{i:02d}").mkdir(parents=True, exist_ok=True)
            (inst / "bukti" / f"{i:02d}" / "dokumen.pdf").write_bytes(PDF)
            level = 1 + (k + i) % 4
            evidence = f"bukti/{i:02d}/dokumen.pdf; https://kab{k}.go.id/spbe/{i}"
            lines.append(
                f"  {i}: {{tingkat: {level}, penjelasan: ada, bukti_dukung: '{evidence}'}}"
            )
        path = inst / "jawaban.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def timed(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=100)
    n = parser.parse_args().n
    spbe = str(Path(sys.executable).with_name("spbe"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", "spbe_cli"], check=True)
    work = Path(tempfile.mkdtemp(prefix="spbe-check-bench-"))
    try:
        src = work / "in"
        files = generate(src, n)
        out = work / "out"
        batch = timed([spbe, "batch", str(src), "--out", str(out / "b"), "-q"], 3)
        folder = timed([spbe, "check", str(src), "-o", str(out / "c")], 3)
        one = files[0]
        single = timed(
            [spbe, "check", str(one), "--evidence", str(one.parent / "bukti"), "-f", "json"], 5
        )
        print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"spbe batch, {n} files with evidence:  best {min(batch):.2f} s")
        print(f"spbe check, {n} files (folder mode):  best {min(folder):.2f} s")
        print(f"spbe check, one file with --evidence: median {statistics.median(single):.2f} s")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
