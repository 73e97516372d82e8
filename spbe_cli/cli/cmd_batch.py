"""`spbe batch`: many institutions in one run."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from spbe_cli import __version__, manifest
from spbe_cli import output as out
from spbe_cli.cli.common import (
    EXIT_GATE,
    EXIT_INPUT,
    MAX_RAISE,
    Lang,
    Missing,
    file_limits,
    parsed_gates,
    report_stamp,
    terminal,
)
from spbe_cli.cli.options import (
    FailUnderOpt,
    GeneratedAtOpt,
    LangOpt,
    MaxRaiseOpt,
    MinDomainOpt,
    MinPredikatOpt,
    MissingOpt,
    RubricOpt,
)
from spbe_cli.errors import Problem, SpbeError, os_reason
from spbe_cli.i18n import Lang as TextLang
from spbe_cli.i18n import Msg, in_words, msg, t
from spbe_cli.safetext import printable


def batch(
    paths: Annotated[list[str], typer.Argument()],
    out_dir: Annotated[Path, typer.Option("--out")] = Path("spbe-out"),
    rubric: RubricOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0)] = 0,
    reports: Annotated[str | None, typer.Option("--reports")] = None,
    lang: LangOpt = Lang.id,
    missing: MissingOpt = Missing.error,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    allow_invalid: Annotated[bool, typer.Option("--allow-invalid")] = False,
    generated_at: GeneratedAtOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    fail_under: FailUnderOpt = None,
    min_predikat: MinPredikatOpt = None,
    min_domain: MinDomainOpt = None,
    max_raise: MaxRaiseOpt = MAX_RAISE,
) -> None:
    """Score many institutions in one run: results, reports, ranked summaries, CI gates."""
    # cold start: the batch and its summaries (the pipeline, pydantic) for this command only
    from spbe_cli import batch as b
    from spbe_cli import discovery, runguard, summary

    gates = parsed_gates(fail_under, min_predikat, min_domain, rubric)
    formats = tuple(f.strip().lower() for f in (reports or "").split(",") if f.strip())
    bad = [f for f in formats if f not in ("md", "html", "pdf")]
    if bad:
        raise SpbeError(msg("cli.batch.bad_reports", formats=", ".join(bad)))
    browser = _browser(lang.words) if "pdf" in formats else None
    stamp = report_stamp(generated_at)
    found = discovery.find(paths, exclude=out_dir)
    unmatched = [Problem(u, "", _nothing_here(u, out_dir)) for u in found.unmatched]
    if found.problems or unmatched:
        raise SpbeError([*found.problems, *unmatched])
    files = found.files
    _prepare(out_dir)
    workers = _workers(jobs, len(files), quiet, lang.words)
    run_id = f"spbe-{os.getpid()}-{os.urandom(4).hex()}"
    job = b.Job(
        rubric, missing.value, formats, lang.value, stamp, file_limits(), out_dir, run_id, max_raise
    )
    # one run at a time in --out; SIGTERM/SIGHUP end it like Ctrl-C (runguard)
    try:
        with runguard.locked(out_dir), runguard.stop_signals_interrupt():
            try:
                outcomes = _run_with_progress(b, files, job, workers, quiet)
                b.mark_duplicates(outcomes, lang.value)
                b.assign_stems(outcomes)
                b.apply_gates(outcomes, gates, lang.value)
                ordered = b.ranked(outcomes)
                if browser is not None:
                    # cold start: the PDF printer, for --reports pdf only
                    from spbe_cli import pdf

                    with pdf.PdfSession(browser=browser, lang=lang.words, created=stamp) as session:
                        _print_with_progress(b, ordered, job, session, quiet)
                inputs = out.protect(files)
                written = []
                for o in ordered:
                    if o.ok:
                        while o.staged:
                            fmt, tmp = o.staged.popitem()
                            out.commit(tmp, str(out_dir / f"{o.stem}.{fmt}"), inputs)
                            written.append(f"{o.stem}.{fmt}")
            finally:  # what was not committed (duplicates, an error, an interrupt) is removed
                out.discard(out_dir.glob(f".{run_id}.*.tmp"))
            table = summary.rows(ordered)
            written += _write_summaries(table, out_dir, lang.value, stamp, inputs)
            # only now, with every output written: the previous run's others are removed
            cleanup = manifest.replace(out_dir, written, inputs)
    except runguard.Stopped as e:
        _stopped(e, lang.words)
    skipped = [(path, in_words(why, lang.words)) for path, why in found.skipped]
    _print_batch(ordered, table, out_dir, quiet, skipped, verbose, lang.words)
    _print_cleanup(cleanup, lang.words, quiet)
    invalid = [o for o in ordered if not o.ok]
    missed = [o for o in ordered if o.gate_misses]
    if invalid and not allow_invalid:
        raise typer.Exit(EXIT_INPUT)
    if missed:
        raise typer.Exit(EXIT_GATE)


def _prepare(out_dir: Path) -> None:
    """The output folder exists and can be written: one error now, before any scoring."""
    if out_dir.exists() and not out_dir.is_dir():
        raise SpbeError([Problem(str(out_dir), "", msg("cli.batch.out_is_file"))])
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        why = msg("cli.cannot_create_folder", reason=os_reason(e))
        raise SpbeError([Problem(str(out_dir), "", why)]) from None
    out.discard([out.stage(out_dir, "", "spbe-probe")])


def _write_summaries(
    table: list[Any], out_dir: Path, lang: str, stamp: str, inputs: Any
) -> list[str]:
    """summary.json, .csv, .xlsx, .md and .html of the run's rows; their names."""
    # cold start: the summary writers (openpyxl, jinja2), after the scoring only
    from spbe_cli import summary, summarybook

    view = summary.build_view(table, lang, stamp, f"spbe-cli {__version__}")  # type: ignore[arg-type]
    files: dict[str, str | bytes] = {
        "summary.json": summary.to_json(table),
        "summary.csv": summary.to_csv(table),
        "summary.xlsx": summarybook.to_xlsx(table, lang),  # type: ignore[arg-type]
        "summary.md": summary.render(view, "md"),
        "summary.html": summary.render(view, "html"),
    }
    for name, data in files.items():
        out.write(str(out_dir / name), data, inputs)
    return list(files)


def _print_cleanup(done: Any, lang: TextLang, quiet: bool) -> None:
    """What the manifest replacement removed (unless --quiet) and what it left alone."""
    warning = t(lang, "cli.warning")

    def tell(key: str, prefix: str = "", **params: Any) -> None:
        text = t(lang, "cli.manifest." + key, manifest=manifest.NAME, **params)
        typer.echo(printable(prefix + text), err=True)

    def why(code: str) -> str:
        code, _, detail = code.partition(": ")
        return t(lang, "cli.manifest.why." + code, detail=detail)

    if done.ignored:
        tell("ignored", f"{warning}: ", why=why(done.ignored))
    if done.removed and not quiet:
        tell("removed", n=len(done.removed), names=", ".join(done.removed))
    for name, code in done.skipped:
        tell("skipped", f"{warning}: ", name=name, why=why(code))
    if done.unwritten:
        tell("unwritten", f"{warning}: ", why=done.unwritten)


def _browser(lang: TextLang) -> str:
    """The browser for `--reports pdf`, found before any scoring: none fails at once."""
    # cold start: the PDF printer, for --reports pdf only
    from spbe_cli import pdf

    return pdf.find_browser(os.environ, lang)


def _print_with_progress(b: Any, ordered: list[Any], job: Any, session: Any, quiet: bool) -> None:
    if quiet or not sys.stderr.isatty():
        b.print_pdfs(ordered, job, session)
        return
    # cold start: rich's progress bar only on a terminal
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("PDF", total=sum(1 for o in ordered if o.ok))
        b.print_pdfs(ordered, job, session, lambda: progress.advance(task))


def _nothing_here(spec: str, out_dir: Path) -> Msg:
    """Why a path gave no answer files: the output folder is never searched for them."""
    if Path(spec).exists() and Path(spec).resolve().is_relative_to(out_dir.resolve()):
        return msg("cli.batch.inside_out", out=str(out_dir))
    return msg("cli.no_answer_files")


def _run_with_progress(b: Any, files: list[Path], job: Any, workers: int, quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return b.score_all(files, job, workers)
    from rich.progress import Progress  # cold start: rich only for a terminal

    with Progress(transient=True) as progress:
        task = progress.add_task(t(job.lang, "cli.batch.scoring"), total=len(files))
        return b.score_all(files, job, workers, lambda: progress.advance(task))


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may use, not the machine's
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _workers(jobs: int, files: int, quiet: bool, lang: TextLang) -> int:
    """Worker processes: one per CPU by default, never more than CPUs or files."""
    cpus = _cpus()
    if jobs > cpus:
        if not quiet:
            typer.echo(t(lang, "cli.batch.jobs_capped", jobs=jobs, cpus=cpus), err=True)
        jobs = cpus
    return max(1, min(jobs or cpus, files))


def _print_rankings(console: Any, table: list[Any], title: str, lang: TextLang) -> None:
    """One table per group (year and rubric), each ranked within itself, at most 20 rows;
    several groups are said first."""
    # cold start: rich and the summary only when there is something to print
    from rich.table import Table

    from spbe_cli.console import clean
    from spbe_cli.numbers import round_text
    from spbe_cli.summary import group_label, groups

    by_group = groups(table)
    several = len(by_group) > 1
    console.print(title, soft_wrap=True)  # its own line, unwrapped (a table title wraps)
    if several:
        names = "; ".join(f"{group_label(lang, g)} ({len(rs)})" for g, rs in by_group.items())
        console.print(clean(t(lang, "s_groups", n=len(by_group), names=names)))
    for group, rows in by_group.items():
        heading = clean(group_label(lang, group)) if several else None
        tab = Table(show_edge=False, title=heading, title_justify="left")
        for key, justify in (
            ("s_rank", "right"),
            ("institution", "left"),
            ("year", "right"),
            ("rubric", "left"),
            ("index", "right"),
            ("predikat", "left"),
        ):
            tab.add_column(t(lang, key), justify=justify)  # type: ignore[arg-type]
        for r in rows[:20]:
            h = r.headline
            assert h is not None
            tab.add_row(
                r.rank_text,
                clean(h.institution.name),
                str(h.institution.year),
                clean(h.rubric_id.removeprefix("permenpanrb-")),
                round_text(h.index, h.places),
                clean(h.predikat),
            )
        if len(rows) > 20:
            tab.add_row("…", t(lang, "cli.batch.more", n=len(rows) - 20), "", "", "", "")
        console.print(tab)


def _stopped(e: Any, lang: TextLang) -> None:
    """A stop signal: what this run staged is gone already; say so and exit 128 + n."""
    typer.echo(t(lang, "cli.batch.stopped", signal=e.name), err=True)
    raise typer.Exit(128 + e.signum)


def _print_batch(
    ordered: list[Any],
    table: list[Any],
    out_dir: Path,
    quiet: bool,
    skipped: list[tuple[str, str]],
    verbose: bool,
    lang: TextLang = "id",
) -> None:
    off = [r for r in table if r.headline and "rubric-year-mismatch" in r.headline.warnings]
    if quiet and not off and not any(o.errors or o.gate_misses for o in ordered):
        return  # nothing to say (and rich is not even imported)
    # cold start: rich only when there is something to print
    from rich.console import Console

    from spbe_cli.console import clean, say
    from spbe_cli.safetext import file_name

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    ok = [r for r in table if r.ok and r.headline is not None]
    if not quiet:
        console = terminal()
        title = t(lang, "cli.batch.scored", ok=len(ok), n=len(table), out=file_name(str(out_dir)))
        if skipped:
            title += t(lang, "cli.batch.skipped", n=len(skipped))
            title += "" if verbose else t(lang, "cli.batch.skipped_hint")
        _print_rankings(console, table, clean(title), lang)
        if verbose:
            for path, why in skipped:
                said = f"{file_name(path)}: {in_words(why, lang)}"
                say(err, said, prefix=f"{t(lang, 'cli.batch.skipped_prefix')}: ")
    if off:
        names = ", ".join(
            f"{r.headline.institution.name} ({r.headline.institution.year}, {r.headline.rubric_id})"
            for r in off
        )
        said = t(lang, "cli.batch.year_mismatch", n=len(off), names=names)
        say(err, said, prefix=f"[bold yellow]{t(lang, 'cli.warning')}:[/] ")
    for o in ordered:
        for m in o.errors:
            say(err, m, prefix=f"[bold red]{t(lang, 'cli.error')}:[/] ")
    for o in ordered:
        for m in o.gate_misses:
            name = o.result.institution.name if o.result else o.file
            say(err, f"{name}: {m}", prefix=f"[bold yellow]{t(lang, 'cli.gate_failed')}:[/] ")
