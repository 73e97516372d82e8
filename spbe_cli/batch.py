"""Score many answer files: discovery, parallel scoring, duplicates, ranking, gates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from spbe_cli import gates as gates_mod
from spbe_cli import isolate, output, runguard, serialize
from spbe_cli.answers import MissingPolicy
from spbe_cli.errors import OutputError, SpbeError
from spbe_cli.i18n import Lang, t
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.names import normalize, slug, stem, unique_stems
from spbe_cli.outcome import Outcome
from spbe_cli.pipeline import score_file
from spbe_cli.planning import DEFAULT_MAX_RAISE
from spbe_cli.readers import crashed
from spbe_cli.reports import PlanChoices, report_texts
from spbe_cli.result import Headline, Result
from spbe_cli.rubric import all_builtin


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
    max_raise: int | None = DEFAULT_MAX_RAISE  # the reports' Rekomendasi: levels per indicator


def score_one(path: Path, job: Job) -> Outcome:
    """Score one file; every expected failure becomes located errors, never an exception."""
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
        out.errors = [p.text(_lang(job)) for p in e.problems]
    except Exception as e:  # a bug: keep the other files, say so loudly
        kind, detail = type(e).__name__, str(e)
        out.errors = [t(_lang(job), "model.batch.internal", file=path, kind=kind, detail=detail)]
    # Nothing is staged before every text is made, and what a failed run staged is removed
    # by the main process by its run id, so there is nothing to clean up here.
    return out


# A PDF report starts as its HTML, staged under this format name by the worker; the main
# process prints it with one browser for the whole run (print_pdfs) before committing.
PDF_SOURCE = "pdf-source"


def _reports(result: Result, loaded: Any, job: Job) -> dict[str, str]:
    fmts = tuple(dict.fromkeys("html" if f == "pdf" else f for f in job.reports))
    choices = PlanChoices(max_raise=job.max_raise)
    texts = report_texts(result, loaded, fmts, job.lang, job.generated_at, (), choices)
    if "pdf" in job.reports:
        texts[PDF_SOURCE] = texts["html"] if "html" in job.reports else texts.pop("html")
    return texts


def print_pdfs(
    outcomes: list[Outcome], job: Job, session: Any, progress: Callable[[], None] | None = None
) -> None:
    """Each scored file's staged HTML printed to its staged PDF through one browser
    (`pdf.PdfSession`, several tabs at once); the HTML sources are removed afterwards."""
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


def _lang(job: Job) -> Lang:
    return cast(Lang, job.lang)


def _worker(args: tuple[Path, Job]) -> Outcome:
    return score_one(*args)


def score_all(
    paths: list[Path], job: Job, jobs: int, progress: Callable[[], None] | None = None
) -> list[Outcome]:
    """Score every file in worker processes (isolate.imap), even with one job: a file that
    makes the spreadsheet reader take its process down (calamine aborts on some inputs no
    check foresees) is then that file's error, and the others are still scored. The order
    of the result is the input's."""
    all_builtin()  # parsed once here: forked workers inherit the cache
    outcomes = []
    tasks = [(p, job) for p in paths]
    # stop signals are the main process's (runguard): it stops the workers, removes what
    # they staged
    answers = isolate.imap(
        _worker, tasks, jobs, job.limits.budget, initializer=runguard.worker_init
    )
    for path, answer in zip(paths, answers, strict=True):
        if isinstance(answer, isolate.Died):
            answer = Outcome(file=str(path), errors=[crashed(path, answer.why).text(_lang(job))])
        outcomes.append(answer)
        if progress:
            progress()
    return outcomes


def institution_key(h: Headline) -> tuple[str, int]:
    inst = h.institution
    ident = f"code:{inst.code.strip().casefold()}" if inst.code else normalize(inst.name)
    return ident, inst.year


def mark_duplicates(outcomes: list[Outcome], lang: Lang) -> None:
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
                    t(
                        lang,
                        "model.batch.duplicate",
                        file=o.file,
                        name=inst and inst.name,
                        year=inst and inst.year,
                        others=others,
                    )
                )


def ranked(outcomes: list[Outcome]) -> list[Outcome]:
    """Scored files by group (year, newest first, then rubric), then by shown index
    (highest first; files showing the same index share a rank and are listed by name), then
    file; errors last, by file."""
    good = [o for o in outcomes if o.ok]
    bad = [o for o in outcomes if not o.ok]

    def key(o: Outcome) -> tuple[int, str, Decimal, str, str]:
        assert o.result is not None
        year, rubric = o.result.group
        return (-year, rubric, -o.result.shown, o.result.institution.name.casefold(), o.file)

    good.sort(key=key)
    bad.sort(key=lambda o: o.file)
    return good + bad


def assign_stems(outcomes: list[Outcome]) -> None:
    """Output file stems from institution and year, safe and unique, in input order."""
    bases = []
    for o in outcomes:
        if o.result is not None:
            inst = o.result.institution
            bases.append(stem(inst.name, inst.year))
        else:
            bases.append(slug(Path(o.file).stem))
    for o, unique in zip(outcomes, unique_stems(bases), strict=True):
        o.stem = unique


def apply_gates(outcomes: list[Outcome], gates: gates_mod.Gates, lang: Lang) -> None:
    for o in outcomes:
        if o.ok and o.result is not None and gates.active:
            o.gate_misses = gates_mod.check(o.result, gates, lang)
