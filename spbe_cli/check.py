"""Evidence readiness: findings per indicator and the index at risk if the errors hold.

Pure but for the probing it is handed (`evidence.Roots`, the only file access): answers
and their exact score in, a Check out. Codes are stable and language-free; messages are
made from the catalogue by the view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Literal

from spbe_cli import evidence as ev
from spbe_cli.answers import Answer, Answers
from spbe_cli.errors import InputError, Words
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.numbers import round_text
from spbe_cli.rubric import LoadedRubric
from spbe_cli.scoring import Classified, ItemScore, Score, classify, score

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# Every code with its severity: the contract of `spbe check` (README, JSON, exit codes).
CODES: dict[str, Severity] = {
    "no-evidence": "error",
    "no-explanation": "warning",
    "evidence-missing": "error",
    "evidence-empty": "error",
    "evidence-type": "warning",
    "evidence-outside": "error",
    "evidence-folder": "error",
    "evidence-url": "warning",
    "evidence-shared": "warning",
    "jump": "warning",
    "drop": "info",
    "self-gap": "warning",
    "described": "info",
}
_PROBE_CODES = {
    "missing": "evidence-missing",
    "empty": "evidence-empty",
    "type": "evidence-type",
    "outside": "evidence-outside",
}


@dataclass(frozen=True)
class Finding:
    indicator: str  # the item id (`12`, `35-2`)
    code: str
    location: Words  # `Jawaban!G14`, `line 12, jawaban.11.bukti_dukung`
    params: dict[str, str] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return CODES[self.code]


@dataclass(frozen=True)
class RiskItem:
    """One indicator with an error finding: its claim, where it would fall, and what
    that costs the index (exact)."""

    item: ItemScore
    to: Fraction
    drop: Fraction


@dataclass(frozen=True)
class AtRisk:
    overall: Classified  # the index if every indicator with an error finding fell
    drop: Fraction
    items: list[RiskItem]  # by drop, largest first, then rubric order


@dataclass(frozen=True)
class Check:
    answers: Answers
    loaded: LoadedRubric
    score: Score
    findings: list[Finding]  # rubric order, then the order found
    at_risk: AtRisk
    has_evidence: bool  # the file uses Bukti Dukung at all
    previous: str | None = None  # last year's file, when it was compared

    def count(self, severity: Severity) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in SEVERITIES}


def _where(answer: Answer, *columns: str) -> Words:
    for c in columns:
        cell = answer.cells.get(c)
        if cell is not None:
            return cell.where
    return answer.where


def _blank(answer: Answer, column: str) -> bool:
    cell = answer.cells.get(column)
    return cell is None or not str(cell.value if cell.value is not None else "").strip()


def level_text(v: Fraction) -> str:
    """A level as shown: `3`, or a decimal level to 2 places (`2.50`, 7/6 → `1.17`)."""
    return str(v.numerator) if v.denominator == 1 else round_text(v, 2)


def _item_findings(
    it: ItemScore,
    answer: Answer,
    items: list[ev.Item],
    floor: Fraction,
    where: Prober,
    previous: Mapping[str, Fraction] | None,
) -> list[Finding]:
    found: list[Finding] = []
    at_evidence = _where(answer, "evidence", "level")
    claimed = it.level > floor
    lv = {"level": level_text(it.level)}
    if claimed and not items:
        found.append(Finding(it.id, "no-evidence", at_evidence, lv))
    if claimed and _blank(answer, "explanation"):
        found.append(Finding(it.id, "no-explanation", _where(answer, "explanation", "level"), lv))
    state = where.folder_state(it.indicator_id) if claimed else None
    if state not in (None, "ok"):
        found.append(Finding(it.id, "evidence-folder", at_evidence, {"state": str(state), **lv}))
    for item in items:
        found.extend(_item_finding(it, item, at_evidence, where))
    found.extend(_history(it, answer, previous))
    if it.self_level is not None and abs(it.self_level - it.level) >= 2:
        found.append(
            Finding(
                it.id,
                "self-gap",
                _where(answer, "self_level", "level"),
                {"self_level": level_text(it.self_level), **lv},
            )
        )
    return found


def _item_finding(it: ItemScore, item: ev.Item, at: Words, where: Prober) -> list[Finding]:
    item_id = it.id
    text = {"item": item.text[:120]}
    if item.kind == "text":
        return [Finding(item_id, "described", at, text)]
    if item.kind == "url":
        reason = ev.url_problem(item.text)
        return [Finding(item_id, "evidence-url", at, {**text, "reason": reason})] if reason else []
    p = where.probe(item.text, it.indicator_id)
    if p.status == "ok":
        return []
    params = {**text, "reason": p.reason} if p.reason else text
    return [Finding(item_id, _PROBE_CODES[p.status], at, params)]


def _history(
    it: ItemScore, answer: Answer, previous: Mapping[str, Fraction] | None
) -> list[Finding]:
    before = previous.get(it.id) if previous else None
    if before is None:
        return []
    params = {"previous": level_text(before), "level": level_text(it.level)}
    at = _where(answer, "level")
    if it.level - before > 1 and _blank(answer, "explanation"):
        return [Finding(it.id, "jump", at, params)]
    if it.level < before:
        return [Finding(it.id, "drop", at, params)]
    return []


class Prober:
    """The probing `check` is given: evidence.Roots with its answers' results kept, so
    the same document named for several indicators is looked at once."""

    def __init__(self, roots: ev.Roots) -> None:
        self.roots = roots
        self._seen: dict[tuple[str, str], ev.Probe] = {}

    def probe(self, text: str, indicator: str) -> ev.Probe:
        key = (text, indicator if self.roots.folders else "")
        if key not in self._seen:
            self._seen[key] = ev.probe(text, self.roots.for_indicator(indicator))
        return self._seen[key]

    def folder_state(self, indicator: str) -> str | None:
        return self.roots.folder_state(indicator)


def _shared(
    sc: Score, docs: dict[str, list[ev.Item]], answers: Answers, where: Prober
) -> list[Finding]:
    """One document as the only evidence of several indicators at different levels."""
    groups: dict[str, list[ItemScore]] = {}
    for it in sc.items:
        items = docs.get(it.id, [])
        if len(items) == 1 and items[0].kind != "text":
            item = items[0]
            key = ev.document_key(item.text)
            if item.kind == "path":
                key = where.probe(item.text, it.indicator_id).at or key
            groups.setdefault(key, []).append(it)
    out: list[Finding] = []
    for group in groups.values():
        if len(group) > 1 and len({g.level for g in group}) > 1:
            for g in group:
                others = ", ".join(o.id for o in group if o is not g)
                doc = docs[g.id][0].text[:120]
                at = _where(answers.items[g.id], "evidence", "level")
                out.append(Finding(g.id, "evidence-shared", at, {"item": doc, "others": others}))
    return out


def at_risk(
    loaded: LoadedRubric,
    answers: Answers,
    sc: Score,
    failing: set[str],
    previous: Mapping[str, Fraction] | None = None,
) -> AtRisk:
    """The exact index if each failing item fell to the scale minimum (or, with last
    year's levels, to last year's level where that is lower than claimed), through the
    same scoring as the claim."""
    rubric = loaded.rubric
    floor = Fraction(rubric.values.min)
    lowered: dict[str, Fraction] = {}
    for it in sc.items:
        if it.id not in failing:
            continue
        before = previous.get(it.id) if previous else None
        to = before if before is not None and before < it.level else floor
        if to < it.level:
            lowered[it.id] = to
    if not lowered:  # nothing would fall: the claim stands
        return AtRisk(sc.overall, Fraction(0), [])
    items = {
        k: replace(a, level=lowered[k]) if k in lowered else a for k, a in answers.items.items()
    }
    risky = score(rubric, answers.model_copy(update={"items": items}), sc.basis)
    order = {it.id: n for n, it in enumerate(sc.items)}
    risk = [
        RiskItem(it, lowered[it.id], (it.level - lowered[it.id]) * it.weight / 100)
        for it in sc.items
        if it.id in lowered
    ]
    risk.sort(key=lambda r: (-r.drop, order[r.item.id]))
    shown = classify(rubric, risky.overall.index, sc.basis)
    return AtRisk(shown, sc.overall.index - risky.overall.index, risk)


def check(
    loaded: LoadedRubric,
    answers: Answers,
    sc: Score,
    roots: ev.Roots,
    previous: Mapping[str, Fraction] | None = None,
    previous_name: str | None = None,
    limits: Limits = DEFAULT,
) -> Check:
    """Every finding of one institution's answers, and the index at risk."""
    where = Prober(roots)
    floor = Fraction(loaded.rubric.values.min)
    docs: dict[str, list[ev.Item]] = {}
    findings: list[Finding] = []
    for it in sc.items:
        answer = answers.items[it.id]
        cell = answer.cells.get("evidence")
        items = ev.split(cell.value, cell.where, answers.file, limits) if cell else []
        docs[it.id] = items
        findings.extend(_item_findings(it, answer, items, floor, where, previous))
    shared = _shared(sc, docs, answers, where)
    if shared:
        order = {it.id: n for n, it in enumerate(sc.items)}
        findings = sorted([*findings, *shared], key=lambda f: order[f.indicator])
    failing = {f.indicator for f in findings if f.severity == "error"}
    has_evidence = any(docs.values())
    risk = at_risk(loaded, answers, sc, failing, previous)
    return Check(answers, loaded, sc, findings, risk, has_evidence, previous_name)


def uses_evidence(answers: Answers) -> bool:
    """Whether any answer has something in Bukti Dukung (a template's empty column is not
    use)."""
    return any(not _blank(a, "evidence") for a in answers.items.values())


def for_score(
    path: Path, loaded: LoadedRubric, answers: Answers, sc: Score, limits: Limits = DEFAULT
) -> Check | None:
    """The check a score report summarises in one line: evidence probed beside the answer
    file. None when the answers do not use Bukti Dukung, or when it cannot be read (a
    cell over the limits: `spbe check` says where)."""
    if not uses_evidence(answers):
        return None
    try:
        return check(loaded, answers, sc, ev.roots(path, None), limits=limits)
    except InputError:
        return None


def exit_code(checks: list[Check], strict: bool) -> int:
    """0 no error findings; 1 error findings (warnings too with --strict)."""
    bad = any(c.count("error") or (strict and c.count("warning")) for c in checks)
    return 1 if bad else 0
