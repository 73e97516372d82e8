"""Views of a plan: terminal rows, Markdown, CSV and JSON (pre-formatted text)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from spbe_cli.i18n import TEXT, Lang, t
from spbe_cli.numbers import exact_text, level_text, round_text
from spbe_cli.planning import Plan
from spbe_cli.text import csv_safe


@dataclass
class PlanView:
    lang: Lang
    labels: dict[str, str]
    title: str
    summary: list[str]
    rows: list[list[str]]  # no, indicator, name, from → to, gain, index after, criterion


def build(p: Plan, lang: Lang, institution: str) -> PlanView:
    target = p.target_name or round_text(p.target_index, 2)
    lines = [t(lang, "p_current", index=round_text(p.current, 2), exact=exact_text(p.current))]
    lines += _outcome(p, lang, target)
    lines.append(assumptions(p, lang, target))
    rows = [
        [
            str(n),
            s.indicator,
            s.name,
            f"{level_text(s.from_level)} → {s.to_level}",
            "+" + round_text(s.gain, 4),
            round_text(s.index_after, 2),
            t(lang, "p_general", criterion=s.criterion) if s.criterion_general else s.criterion,
        ]
        for n, s in enumerate(p.steps, start=1)
    ]
    return PlanView(
        lang,
        dict(TEXT[lang]),
        t(lang, "p_title", institution=institution, target=target),
        lines,
        rows,
    )


def _outcome(p: Plan, lang: Lang, target: str) -> list[str]:
    """What the plan achieves: met already, reached (in how many steps, at what cost, by
    rounding only), reached only partly within --max-steps, or out of reach (and why)."""
    if p.already:
        return [t(lang, "p_already", target=target)]
    lines = []
    after = round_text(p.index_after, 2)
    if p.reachable:
        lines.append(t(lang, "p_steps", n=len(p.steps), target=target, index=after))
    elif p.max_steps is not None:
        lines.append(t(lang, "p_within", max=p.max_steps, index=after, target=target))
    if p.costed and p.steps:
        lines.append(t(lang, "p_cost", cost=exact_text(p.total_cost, 0, 4)))
    if p.rounding_only:
        n = p.exact_basis_steps
        index = exact_text(p.index_after, 2, 6)
        lines.append(
            t(
                lang,
                "p_rounding",
                target=round_text(p.target_index, 2),
                index=index,
                n="–" if n is None else str(n),
            )
        )
    if p.needed_steps is not None:
        lines.append(t(lang, "p_needs", target=target, n=p.needed_steps))
    elif p.uncapped_steps is not None:
        lines.append(t(lang, "p_capped", target=target, cap=p.max_raise, n=p.uncapped_steps))
    elif not p.reachable:
        lines.append(t(lang, "p_unreachable", target=target))
    return lines


def assumptions(p: Plan, lang: Lang, target: str) -> str:
    """The assumptions a plan rests on, in one sentence: costs, cap, step limit, target."""
    if p.cost_source is not None:
        parts = [t(lang, "p_assume_cost_file", source=p.cost_source)]
    else:
        parts = [t(lang, "p_assume_cost_each")]
    if p.max_raise is not None:
        parts.append(t(lang, "p_assume_cap", n=p.max_raise))
    else:
        parts.append(t(lang, "p_assume_no_cap"))
    if p.max_steps is not None:
        parts.append(t(lang, "p_assume_max_steps", n=p.max_steps))
    basis = t(lang, f"basis_{p.basis}")
    parts.append(t(lang, "p_assume_target", target=target, basis=basis))
    return t(lang, "p_assume", parts="; ".join(parts))


def to_json(p: Plan) -> dict[str, Any]:
    return {
        "format_version": 1,
        "target": {"predikat": p.target_name, "index": float(round_text(p.target_index, 2))},
        "current": {"index": float(round_text(p.current, 2)), "index_exact": exact_text(p.current)},
        "reachable": p.reachable,
        "already_met": p.already,
        "needed_steps": p.needed_steps,
        "max_steps": p.max_steps,
        "max_raise": p.max_raise,
        "uncapped_steps": p.uncapped_steps,
        "costs": p.cost_source,
        "index_after": float(round_text(p.index_after, 2)),
        "index_after_exact": exact_text(p.index_after),
        "basis": p.basis,
        "rounding_only": p.rounding_only,
        "exact_basis_steps": p.exact_basis_steps,
        "total_cost": float(p.total_cost),
        "steps": [
            {
                "indicator": s.indicator,
                "from": level_text(s.from_level),
                "to": s.to_level,
                "gain": float(round_text(s.gain, 6)),
                "gain_exact": exact_text(s.gain),
                "index_after": float(round_text(s.index_after, 2)),
                "index_after_exact": exact_text(s.index_after),
                "cost": float(s.cost),
                "criterion": s.criterion,
            }
            for s in p.steps
        ],
    }


def to_csv(p: Plan) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["step", "indicator", "name", "from", "to", "gain", "index_after", "cost", "criterion"]
    )
    for n, s in enumerate(p.steps, start=1):
        cells = [
            n,
            s.indicator,
            s.name,
            level_text(s.from_level),
            s.to_level,
            exact_text(s.gain),
            round_text(s.index_after, 2),
            exact_text(s.cost, 0, 4),
            s.criterion,
        ]
        w.writerow([csv_safe(c) for c in cells])
    return buf.getvalue()
