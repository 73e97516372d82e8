"""Score many answer files: discovery, parallel scoring, duplicates, ranking, gates."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spbe_cli import gates as gates_mod
from spbe_cli import serialize
from spbe_cli.errors import OutputError, SpbeError
from spbe_cli.limits import DEFAULT, Limits

if TYPE_CHECKING:
    from spbe_cli.answers import MissingPolicy
from spbe_cli.names import normalize, slug, unique_stems
from spbe_cli.readers import SUFFIXES, crashed
from spbe_cli.result import Headline, Result

_ANSWER_KEYS = re.compile(
    r'^\s*["\']?(?:identitas|identity|jawaban|answers)["\']?\s*:', re.IGNORECASE | re.MULTILINE
)


@dataclass
class Outcome:
    """One input file's fate: what the batch keeps of its result, or its located errors."""

    file: str
    result: Headline | None = None
    errors: list[str] = field(default_factory=list)
    stem: str = ""
    gate_misses: list[str] = field(default_factory=list)
    # Written by the worker into the output folder under temporary names, by format (json,
    # md, html): the main process only renames them once the output names are known.
    staged: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.result is not None and not self.errors


def _skipped(path: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in path.parts if part not in (".", ".."))


def _looks_like_answers(path: Path) -> bool:
    """In folders, YAML/JSON files count only when they have an answers section at the top
    (CI workflows and configs beside the workbooks are passed over)."""
    if path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return True
    try:
        with path.open("rb") as f:
            head = f.read(65536).decode("utf-8", errors="replace")
    except OSError:
        return True
    return bool(_ANSWER_KEYS.search(head))


def discover(paths: Iterable[str], exclude: Path | None = None) -> tuple[list[Path], list[str]]:
    """Answer files under the given files, folders and globs, sorted; and what matched none."""
    found: set[Path] = set()
    unmatched: list[str] = []
    excluded = exclude.resolve() if exclude is not None else None

    def add(p: Path, explicit: bool) -> None:
        if excluded is not None and p.resolve().is_relative_to(excluded):
            return
        if explicit:
            found.add(p)
        elif p.suffix.lower() in SUFFIXES and not _skipped(p) and _looks_like_answers(p):
            found.add(p)

    for spec in paths:
        p = Path(spec)
        if p.is_dir():
            before = len(found)
            for child in p.rglob("*"):
                rel = child.relative_to(p)
                if child.is_file() and not _skipped(rel):
                    add(child, explicit=False)
            if len(found) == before:
                unmatched.append(spec)
        elif p.exists():
            add(p, explicit=True)
        elif glob.has_magic(spec):
            matches = [Path(m) for m in glob.glob(spec, recursive=True)]
            files = [m for m in matches if m.is_file()]
            for m in files:
                add(m, explicit=False)
            if not files:
                unmatched.append(spec)
        else:
            unmatched.append(spec)
    return sorted(found, key=lambda x: str(x)), unmatched


@dataclass(frozen=True)
class Job:
    rubric: str | None
    missing: MissingPolicy
    reports: tuple[str, ...]
    lang: str
    generated_at: str
    limits: Limits = DEFAULT
    out_dir: Path | None = None  # None: score only, write nothing
    run_id: str = "spbe"  # names this run's staged files, so that all can be found and removed


def score_one(path: Path, job: Job) -> Outcome:
    """Score one file; every expected failure becomes located errors, never an exception."""
    from spbe_cli import output
    from spbe_cli.pipeline import score_file

    out = Outcome(file=str(path))
    try:
        loaded, result = score_file(path, job.rubric, job.missing, None, job.limits)
        out.result = result.headline()
        if job.out_dir is not None:
            texts = {"json": serialize.result_text(result, compact=True)}
            if job.reports:
                texts |= _reports(result, loaded, job)
            for fmt, text in texts.items():
                out.staged[fmt] = output.stage(job.out_dir, text, f"{job.run_id}.{fmt}")
    except OutputError:
        raise  # the run cannot write its results: not this file's fault, and fatal
    except SpbeError as e:
        out.errors = [str(p) for p in e.problems]
    except Exception as e:  # a bug: keep the other files, say so loudly
        out.errors = [f"{path}: internal error (please report this bug): {type(e).__name__}: {e}"]
    # Nothing is staged before every text is made, and what a failed run staged is removed
    # by the main process by its run id, so there is nothing to clean up here.
    return out


# A PDF report starts as its HTML, staged under this format name by the worker; the main
# process prints it with one browser for the whole run (print_pdfs) before committing.
PDF_SOURCE = "pdf-source"


def _reports(result: Result, loaded: Any, job: Job) -> dict[str, str]:
    from spbe_cli.reports import report_texts

    fmts = tuple(dict.fromkeys("html" if f == "pdf" else f for f in job.reports))
    texts = report_texts(result, loaded, fmts, job.lang, job.generated_at)
    if "pdf" in job.reports:
        texts[PDF_SOURCE] = texts["html"] if "html" in job.reports else texts.pop("html")
    return texts


def print_pdfs(
    outcomes: list[Outcome], job: Job, session: Any, progress: Callable[[], None] | None = None
) -> None:
    """Each scored file's staged HTML printed to its staged PDF through one browser
    (`pdf.PdfSession`, several tabs at once); the HTML sources are removed afterwards."""
    from spbe_cli import output

    assert job.out_dir is not None
    sources = [(o, o.staged.pop(PDF_SOURCE)) for o in outcomes if PDF_SOURCE in o.staged]
    try:
        pages = ((o, src.read_text(encoding="utf-8")) for o, src in sources if o.ok)
        for o, data in session.render_many(pages):
            o.staged["pdf"] = output.stage(job.out_dir, data, f"{job.run_id}.pdf")
            if progress:
                progress()
    finally:
        output.discard(src for _, src in sources)


def _worker(args: tuple[Path, Job]) -> Outcome:
    return score_one(*args)


def score_all(
    paths: list[Path], job: Job, jobs: int, progress: Callable[[], None] | None = None
) -> list[Outcome]:
    """Score every file; the order of the result is the input's.

    Where processes can be forked (Linux, macOS), files are scored in worker processes
    even with one job: a file that makes the spreadsheet reader take its process down
    (calamine aborts on some inputs no check foresees) is then reported as that file's
    error, and the others are still scored. Elsewhere a single job runs in this process.
    """
    import multiprocessing

    fork = multiprocessing.get_context("fork") if os.name == "posix" else None
    if fork is None and (jobs <= 1 or len(paths) < 4):
        outcomes = []
        for p in paths:
            outcomes.append(score_one(p, job))
            if progress:
                progress()
        return outcomes
    from spbe_cli.rubric import all_builtin

    all_builtin()  # parsed once here; forked workers inherit the cache
    outcomes = []
    chunk = max(1, len(paths) // (max(jobs, 1) * 8))
    while len(outcomes) < len(paths):
        rest = paths[len(outcomes) :]
        for outcome in _in_workers(rest, job, max(1, min(jobs, len(rest))), chunk, fork):
            outcomes.append(outcome)
            if progress:
                progress()
        if len(outcomes) < len(paths):  # a worker died: the first file it did not report
            outcomes.append(_alone(paths[len(outcomes)], job, fork))  # is tried on its own
            if progress:
                progress()
            chunk = 1  # and the rest one by one, so that another crash is found as quickly
    return outcomes


def _in_workers(paths: list[Path], job: Job, jobs: int, chunk: int, ctx: Any) -> Iterator[Outcome]:
    """Outcomes in input order until all are done or a worker process dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        try:
            yield from pool.map(_worker, [(p, job) for p in paths], chunksize=chunk)
        except BrokenProcessPool:
            return
        except BaseException:  # an unwritable output or an interrupt: start nothing more
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _alone(path: Path, job: Job, ctx: Any) -> Outcome:
    """One file in a process of its own: if that process dies, the file is to blame."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        try:
            return pool.submit(score_one, path, job).result()
        except BrokenProcessPool:
            return Outcome(file=str(path), errors=[str(crashed(path, "its process died"))])


def institution_key(h: Headline) -> tuple[str, int]:
    inst = h.institution
    ident = f"code:{inst.code.strip().casefold()}" if inst.code else normalize(inst.name)
    return ident, inst.year


def mark_duplicates(outcomes: list[Outcome]) -> None:
    """The same institution and year twice: both files become errors naming each other."""
    groups: dict[tuple[str, int], list[Outcome]] = {}
    for o in outcomes:
        if o.result is not None and not o.errors:
            groups.setdefault(institution_key(o.result), []).append(o)
    for group in groups.values():
        if len(group) > 1:
            files = [o.file for o in group]
            for o in group:
                others = ", ".join(f for f in files if f != o.file)
                inst = o.result.institution if o.result else None
                o.errors.append(
                    f"{o.file}: {inst and inst.name} {inst and inst.year} is also in {others};"
                    " keep one answer file per institution and year"
                )


def ranked(outcomes: list[Outcome]) -> list[Outcome]:
    """Scored files by exact index (highest first), then name and file; errors last, by file."""
    good = [o for o in outcomes if o.ok]
    bad = [o for o in outcomes if not o.ok]

    def key(o: Outcome) -> tuple[Fraction, str, str]:
        assert o.result is not None
        return (-o.result.index, o.result.institution.name.casefold(), o.file)

    good.sort(key=key)
    bad.sort(key=lambda o: o.file)
    return good + bad


def assign_stems(outcomes: list[Outcome]) -> None:
    """Output file stems from institution and year, safe and unique, in input order."""
    bases = []
    for o in outcomes:
        if o.result is not None:
            inst = o.result.institution
            bases.append(slug(f"{inst.name}-{inst.year}"))
        else:
            bases.append(slug(Path(o.file).stem))
    for o, stem in zip(outcomes, unique_stems(bases), strict=True):
        o.stem = stem


def apply_gates(outcomes: list[Outcome], gates: gates_mod.Gates) -> None:
    for o in outcomes:
        if o.ok and o.result is not None and gates.active:
            o.gate_misses = gates_mod.check(o.result, gates)
