"""Benchmark: PDF reports. `spbe batch --reports pdf` on N canonical workbooks (default 60).

    python benchmarks/pdf_bench.py [N] [--runs R]

Generates N workbooks as batch_bench.py does, then times, on the same files: `spbe batch
--reports html` and `spbe batch --reports pdf` as a user runs them (a fresh process,
--quiet, a fresh output folder; best and median of R runs), one `spbe score -o x.pdf` from
a cold process, and, in this process, the N HTML reports printed by one browser driven over
its DevTools pipe, one tab at a time (batch prints two at a time), against one
`--print-to-pdf` run per report (what Windows gets). Needs Chromium, Google Chrome or
Microsoft Edge (or SPBE_BROWSER).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from batch_bench import generate, timed  # noqa: E402


def print_all(htmls: list[str], mode: str) -> float:
    from spbe_cli import pdf

    start = time.perf_counter()
    with pdf.PdfSession(mode=mode) as session:  # type: ignore[arg-type]
        for html in htmls:
            session.render(html)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=60)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    spbe = shutil.which("spbe") or sys.exit("spbe is not installed in this environment")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        paths = generate(folder, args.n)
        series: dict[str, list[float]] = {"html": [], "pdf": []}
        peak = 0
        for k in range(args.runs):
            for fmt in series:
                os.sync()
                out = Path(tmp) / f"out-{fmt}-{k}"
                cmd = [spbe, "batch", str(folder), "--out", str(out), "-q", "--reports", fmt]
                wall, rss = timed(cmd)
                series[fmt].append(wall)
                peak = max(peak, rss) if fmt == "pdf" else peak
        pdfs = sorted((Path(tmp) / "out-pdf-0").glob("*.pdf"))
        assert len(pdfs) == args.n, f"{len(pdfs)} PDFs for {args.n} workbooks"
        size = statistics.median(p.stat().st_size for p in pdfs)
        single = statistics.median(
            timed([spbe, "score", str(paths[0]), "-o", str(Path(tmp) / f"one{k}.pdf")])[0]
            for k in range(3)
        )
        htmls = [p.read_text(encoding="utf-8") for p in (Path(tmp) / "out-html-0").glob("*.html")]
        pipe = print_all(htmls, "pipe")
        oneshot = print_all(htmls, "oneshot") if os.name == "posix" else None
    n = args.n
    html_best, pdf_best = min(series["html"]), min(series["pdf"])
    print(f"machine: {os.cpu_count()} cores; {args.runs} runs each")
    print("| measure | result |\n|---|---|")
    print(
        f"| `spbe batch --reports html`, {n} workbooks (best; median"
        f" {statistics.median(series['html']):.1f} s) | {html_best:.1f} s |"
    )
    print(
        f"| `spbe batch --reports pdf`, {n} workbooks (best; median"
        f" {statistics.median(series['pdf']):.1f} s) | {pdf_best:.1f} s"
        f" ({(pdf_best - html_best) / n:.2f} s per PDF beyond the HTML) |"
    )
    print(f"| median PDF size (47 indicators) | {size / 1024:.0f} KB |")
    print(f"| `spbe batch --reports pdf` peak memory (largest process) | {peak / 1024:.0f} MB |")
    print(f"| `spbe score -o x.pdf`, one workbook, cold (median of 3) | {single:.1f} s |")
    print(f"| {n} reports, one browser over its DevTools pipe, one tab at a time | {pipe:.1f} s |")
    if oneshot is not None:
        print(f"| {n} reports, one `--print-to-pdf` browser run each | {oneshot:.1f} s |")


if __name__ == "__main__":
    main()
