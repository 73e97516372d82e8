"""Score many answer files: discovery, parallel scoring, duplicates, ranking, gates."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from spbe_cli import gates as gates_mod
from spbe_cli import isolate, output, runguard, summary
from spbe_cli.answers import MissingPolicy
from spbe_cli.discovery import discover
from spbe_cli.errors import InputError, OutputError, Problem, SpbeError
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.names import normalize, slug, stem, unique_stems
from spbe_cli.outcome import Outcome
from spbe_cli.pipeline import report_texts, score_file
from spbe_cli.readers import crashed, read_bytes
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


def score_one(path: Path, job: Job) -> Outcome:
    """Score one file; every expected failure becomes located errors, never an exception."""
    out = Outcome(file=str(path))
    try:
        loaded, _answers, _score, result = score_file(
            path, job.rubric, job.missing, None, job.limits
        )
        out.result = slim(result)
        if job.out_dir is not None:
            texts = {"json": json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n"}
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


def _reports(result: dict[str, Any], loaded: Any, job: Job) -> dict[str, str]:
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


SLIM_KEYS = ("institution", "index", "index_exact", "predikat", "predikat_boundary")


def slim(result: dict[str, Any]) -> dict[str, Any]:
    """What the batch needs of a result (ranking, duplicates, gates, summaries): sent back
    from a worker instead of the whole result, which travels as its encoded JSON."""
    return {
        **{k: result[k] for k in SLIM_KEYS},
        "rubric": {"id": result["rubric"]["id"]},
        "domains": [{"id": d["id"], "index": d["index"]} for d in result["domains"]],
        "aspects": [{"id": a["id"], "index": a["index"]} for a in result["aspects"]],
        "warnings": [w["code"] for w in result["warnings"]],
    }


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
            answer = Outcome(file=str(path), errors=[str(crashed(path, answer.why))])
        outcomes.append(answer)
        if progress:
            progress()
    return outcomes


def institution_key(result: dict[str, Any]) -> tuple[str, int]:
    inst = result["institution"]
    ident = (
        f"code:{inst['code'].strip().casefold()}" if inst.get("code") else normalize(inst["name"])
    )
    return ident, int(inst["year"])


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
                inst = o.result["institution"] if o.result else {}
                o.errors.append(
                    f"{o.file}: {inst.get('name')} {inst.get('year')} is also in {others};"
                    " keep one answer file per institution and year"
                )


def ranked(outcomes: list[Outcome]) -> list[Outcome]:
    """Scored files by exact index (highest first), then name and file; errors last, by file."""
    good = [o for o in outcomes if o.ok]
    bad = [o for o in outcomes if not o.ok]

    def key(o: Outcome) -> tuple[Decimal, str, str]:
        r = o.result or {}
        return (-Decimal(r["index_exact"]), r["institution"]["name"].casefold(), o.file)

    good.sort(key=key)
    bad.sort(key=lambda o: o.file)
    return good + bad


def assign_stems(outcomes: list[Outcome]) -> None:
    """Output file stems from institution and year, safe and unique, in input order."""
    bases = []
    for o in outcomes:
        if o.result is not None:
            inst = o.result["institution"]
            bases.append(stem(inst["name"], inst["year"]))
        else:
            bases.append(slug(Path(o.file).stem))
    for o, unique in zip(outcomes, unique_stems(bases), strict=True):
        o.stem = unique


def apply_gates(outcomes: list[Outcome], gates: gates_mod.Gates) -> None:
    for o in outcomes:
        if o.ok and gates.active:
            o.gate_misses = gates_mod.check(o.result, gates)  # type: ignore[arg-type]


def load_rows(
    path: Path, rubric: str | None = None, jobs: int = 1
) -> tuple[list[dict[str, Any]], list[str]]:
    """Summary rows for a batch diff: a summary.json, a folder holding one, or a folder of
    answer files (scored now). Returns the scored rows and the problems of the others."""
    target = path / "summary.json" if path.is_dir() else path
    if target.is_file() and target.suffix.lower() == ".json":
        data = json.loads(read_bytes(target).decode("utf-8-sig"))
        if not isinstance(data, dict) or "rows" not in data:
            raise InputError([Problem(str(target), "", "not a spbe summary (no rows)")])
        rows = data["rows"]
        return [r for r in rows if r.get("status") == "ok"], [
            m for r in rows if r.get("status") != "ok" for m in r.get("errors", [])
        ]
    files, unmatched = discover([str(path)])
    if unmatched or not files:
        raise InputError([Problem(str(path), "", "no answer files or summary.json here")])
    job = Job(rubric, "error", (), "id", "")
    outcomes = score_all(files, job, jobs)
    mark_duplicates(outcomes)
    rows = summary.rows(ranked(outcomes))
    return [r for r in rows if r["status"] == "ok"], [
        m for r in rows if r["status"] != "ok" for m in r["errors"]
    ]
