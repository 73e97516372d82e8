"""Views of `spbe check`: the checklist (terminal, Markdown, HTML), its JSON, the folder
summary rows and the one line a score report carries. Pre-formatted, no arithmetic
beyond the one half-up formatter, no I/O."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from spbe_cli.check import SEVERITIES, AtRisk, Check, Finding, level_text
from spbe_cli.i18n import TEXT, Lang, gloss, in_words, t
from spbe_cli.numbers import exact_text, round_text
from spbe_cli.rubric import Rubric
from spbe_cli.scoring import Notice

FORMAT_VERSION = 1


def message(f: Finding, lang: Lang) -> str:
    """The finding in words: `c_CODE_REASON` where the reason changes the sentence."""
    reason = f.params.get("reason") or f.params.get("state")
    key = f"c_{f.code}_{reason}" if reason and f"c_{f.code}_{reason}" in TEXT[lang] else ""
    return t(lang, key or f"c_{f.code}", **f.params)


def _predikat(lang: Lang, name: str, rubric: Rubric) -> str:
    """The predikat with its English gloss from the rubric's band (English reports)."""
    return gloss(lang, name, rubric.band_gloss(name))


def _css(name: str, rubric: Rubric) -> str:
    """The predikat's colour class: its position in the rubric's band list."""
    at = rubric.band_position(name)
    return "" if at is None else f"p{at}"


def headline(c: Check, lang: Lang) -> str:
    """`12 klaim tanpa bukti: 2.63 Baik → 2.21 Cukup jika ditolak`, or that none is at risk."""
    risk, o = c.at_risk, c.score.overall
    if not risk.items:
        return t(lang, "ck_no_risk", index=o.display) if c.count("error") else t(lang, "ck_ready")
    return t(
        lang,
        "ck_headline",
        n=len(risk.items),
        index=o.display,
        predikat=_predikat(lang, o.predikat, c.loaded.rubric),
        risk=risk.overall.display,
        risk_predikat=_predikat(lang, risk.overall.predikat, c.loaded.rubric),
    )


@dataclass(frozen=True)
class ChecklistRow:
    id: str
    name: str
    level: str
    findings: list[tuple[str, str, str]]  # severity code, severity word, message + cell
    fixes: list[str]
    css: str  # the worst severity: `error`, `warning`, `info`


@dataclass
class CheckView:
    lang: Lang
    labels: dict[str, str]
    title: str
    identity: list[tuple[str, str]]
    index: str
    predikat: str
    predikat_css: str
    counts: str
    headline: str
    risk_index: str
    risk_exact: str
    risk_predikat: str
    risk_css: str
    drop: str
    at_risk: list[list[str]]  # id, name, level, level if rejected, cost to the index
    checklist: list[ChecklistRow]
    clean: str
    notes: list[str]
    footer: list[str] = field(default_factory=list)


def _checklist(c: Check, lang: Lang) -> tuple[list[ChecklistRow], int]:
    by_item: dict[str, list[Finding]] = {}
    for f in c.findings:
        by_item.setdefault(f.indicator, []).append(f)
    rows = []
    for it in c.score.items:
        found = by_item.get(it.id)
        if not found:
            continue
        worst = min(found, key=lambda f: SEVERITIES.index(f.severity)).severity
        fixes = list(dict.fromkeys(t(lang, f"fx_{f.code}") for f in found))
        rows.append(
            ChecklistRow(
                it.id,
                it.name,
                level_text(it.level),
                [
                    (
                        f.severity,
                        t(lang, f"sev_{f.severity}"),
                        f"{message(f, lang)} ({in_words(f.location, lang)})"
                        if f.location
                        else message(f, lang),
                    )
                    for f in found
                ],
                fixes,
                worst,
            )
        )
    return rows, len(c.score.items) - len(rows)


def build(c: Check, lang: Lang, generated_at: str, tool: str, notes: list[str]) -> CheckView:
    a = c.answers
    rubric = c.loaded.rubric
    o, risk = c.score.overall, c.at_risk
    rows, clean = _checklist(c, lang)
    identity = [
        (t(lang, "institution"), a.identity.name),
        (t(lang, "year"), str(a.identity.year)),
        (t(lang, "rubric"), f"{rubric.id} — {rubric.title}"),
        (t(lang, "s_file"), PurePath(a.file).name),
    ]
    return CheckView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "ck_title", institution=a.identity.name, year=a.identity.year),
        identity=identity,
        index=o.display,
        predikat=_predikat(lang, o.predikat, c.loaded.rubric),
        predikat_css=_css(o.predikat, c.loaded.rubric),
        counts=t(lang, "ck_counts", **c.counts),
        headline=headline(c, lang),
        risk_index=risk.overall.display,
        risk_exact=exact_text(risk.overall.index),
        risk_predikat=_predikat(lang, risk.overall.predikat, c.loaded.rubric),
        risk_css=_css(risk.overall.predikat, c.loaded.rubric),
        drop=round_text(-risk.drop, 2) if risk.drop else "0.00",
        at_risk=[
            [
                r.item.id,
                r.item.name,
                level_text(r.item.level),
                level_text(r.to),
                round_text(-r.drop, 4),
            ]
            for r in risk.items
        ],
        checklist=rows,
        clean=t(lang, "ck_clean", n=clean),
        notes=notes,
        footer=[t(lang, "s_footer", tool=tool, time=generated_at)],
    )


def _risk_json(risk: AtRisk) -> dict[str, Any]:
    return {
        "index": float(risk.overall.display),
        "index_exact": exact_text(risk.overall.index),
        "predikat": risk.overall.predikat,
        "drop": float(round_text(risk.drop, 2)),
        "drop_exact": exact_text(risk.drop),
        "indicators": [
            {
                "id": r.item.id,
                "name": r.item.name,
                "level": level_text(r.item.level),
                "level_at_risk": level_text(r.to),
                "drop": float(round_text(r.drop, 6)),
                "drop_exact": exact_text(r.drop),
            }
            for r in risk.items
        ],
    }


def to_dict(c: Check, lang: Lang, tool: dict[str, str]) -> dict[str, Any]:
    """The JSON contract of `spbe check` (format_version 1)."""
    a, o = c.answers, c.score.overall
    ident = a.identity
    return {
        "format_version": FORMAT_VERSION,
        "tool": tool,
        "input": {"file": a.file, "sha256": a.sha256},
        "institution": {
            "name": ident.name,
            "code": ident.code,
            "type": ident.type.value if ident.type else None,
            "province": ident.province,
            "year": ident.year,
        },
        "rubric": {"id": c.loaded.rubric.id, "sha256": c.loaded.sha256},
        "previous": c.previous,
        "index": float(o.display),
        "index_exact": exact_text(o.index),
        "predikat": o.predikat,
        "findings": [
            {
                "indicator": f.indicator,
                "code": f.code,
                "severity": f.severity,
                "message": message(f, lang),
                "location": in_words(f.location, lang),
                "params": f.params,
            }
            for f in c.findings
        ],
        "counts": c.counts,
        "at_risk": _risk_json(c.at_risk),
    }


def to_json(c: Check, lang: Lang, tool: dict[str, str]) -> str:
    return json.dumps(to_dict(c, lang, tool), ensure_ascii=False, indent=2) + "\n"


def readiness(c: Check) -> Notice:
    """The score report's one line, as a warning its renderers translate
    (`w_evidence-readiness`, or `w_evidence-ready` when nothing is at risk)."""
    risk, o = c.at_risk, c.score.overall
    params = {"errors": str(c.count("error")), "warnings": str(c.count("warning"))}
    counts = f"evidence readiness: {params['errors']} errors, {params['warnings']} warnings"
    if not risk.items:
        return Notice("evidence-ready", f"{counts}; the index is not at risk", params)
    params |= {
        "n": str(len(risk.items)),
        "index": o.display,
        "risk": risk.overall.display,
        "risk_predikat": risk.overall.predikat,
    }
    message = (
        f"{counts}; {params['n']} unsupported claims: {o.display} → {risk.overall.display}"
        f" {risk.overall.predikat} if rejected"
    )
    return Notice("evidence-readiness", message, params)
