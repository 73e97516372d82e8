"""The versioned JSON result contract (format_version 1) built from a Score."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

from spbe_cli import __version__
from spbe_cli.answers import Answers
from spbe_cli.numbers import exact_text, round_half_up, round_text
from spbe_cli.rubric import LoadedRubric
from spbe_cli.scoring import Classified, Score

FORMAT_VERSION = 1


def _num(value: Fraction, places: int) -> float:
    """A JSON number with `places` decimals, from the half-up rounded text (never round())."""
    return float(round_text(value, places))


def _classified(c: Classified, places: int) -> dict[str, Any]:
    return {
        "index": _num(c.index, places),
        "index_exact": exact_text(c.index),
        "predikat": c.predikat,
        "predikat_boundary": c.boundary,
    }


def build(loaded: LoadedRubric, answers: Answers, score: Score, selected_by: str) -> dict[str, Any]:
    rubric = loaded.rubric
    places = rubric.display_decimals
    ident = answers.identity
    by_id = {d.id: d for d in rubric.domains}
    domains = []
    for d in score.domains:
        c = (
            rubric.band_of_shown(round_text(d.index, places))
            if score.basis == "rounded"
            else rubric.band(d.index)
        )
        domains.append(
            {
                "id": d.id,
                "name": d.name,
                "gloss": by_id[d.id].gloss,
                "weight": _num(d.weight, 4),
                "index": _num(d.index, places),
                "index_exact": exact_text(d.index),
                "predikat": c.name,
            }
        )
    aspects = [
        {
            "id": a.id,
            "name": a.name,
            "domain": a.parent,
            "weight": _num(a.weight, 4),
            "index": _num(a.index, places),
            "index_exact": exact_text(a.index),
        }
        for a in score.aspects
    ]
    indicators = []
    for i in score.items:
        weight, weight_exact, level, level_exact, contribution, contribution_exact = _item_numbers(
            i.weight.numerator, i.weight.denominator, i.level.numerator, i.level.denominator
        )
        self_level = self_exact = target = None
        if (sl := i.self_level) is not None:
            self_level, self_exact = _level_numbers(sl.numerator, sl.denominator)
        if i.target is not None:
            target = _level_numbers(i.target.numerator, i.target.denominator)[0]
        indicators.append(
            {
                "id": i.id,
                "name": i.name,
                "aspect": i.aspect_id,
                "weight": weight,
                "weight_exact": weight_exact,
                "level": level,
                "level_exact": level_exact,
                "level_name": i.level_name,
                "self_level": self_level,
                "self_level_exact": self_exact,
                "contribution": contribution,
                "contribution_exact": contribution_exact,
                "scored_by_missing": i.filled_by_missing,
                "target": target,
                "explanation": i.explanation,
                "evidence": i.evidence,
            }
        )
    self_assessment = None
    if score.self_assessment is not None:
        sa = score.self_assessment
        self_assessment = {
            **_classified(sa, places),
            "difference": _num(sa.index - score.overall.index, places),
            "difference_exact": exact_text(sa.index - score.overall.index),
        }
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "spbe-cli", "version": __version__},
        "rubric": {
            "id": rubric.id,
            "title": rubric.title,
            "sha256": loaded.sha256,
            "builtin": loaded.builtin,
            "selected_by": selected_by,
            "confidence": {k: p.confidence.value for k, p in rubric.provenance.items()},
        },
        "input": {"file": answers.file, "sha256": answers.sha256},
        "institution": {
            "name": ident.name,
            "code": ident.code,
            "type": ident.type.value if ident.type else None,
            "province": ident.province,
            "year": ident.year,
            "stage": ident.stage.value if ident.stage else None,
        },
        **_classified(score.overall, places),
        "predikat_basis": score.basis,
        "domains": domains,
        "aspects": aspects,
        "indicators": indicators,
        "self_assessment": self_assessment,
        "warnings": [
            {"code": w.code, "message": w.message, "params": w.params} for w in score.warnings
        ],
    }


@lru_cache(maxsize=8192)
def _item_numbers(
    wn: int, wd: int, ln: int, ld: int
) -> tuple[float, str, int | float, str, float, str]:
    """An item's numbers for a weight and a level, both as numerator and denominator (cheap
    to hash): a nation's files repeat the same few combinations."""
    weight, level = Fraction(wn, wd), Fraction(ln, ld)
    contribution = level * weight / 100
    return (
        _num(weight, 6),
        exact_text(weight),
        *_level_numbers(ln, ld),
        _num(contribution, 6),
        exact_text(contribution),
    )


@lru_cache(maxsize=4096)
def _level_numbers(n: int, d: int) -> tuple[int | float, str]:
    level = Fraction(n, d)
    return _level(level), _exact_level(level)


def _exact_level(value: Fraction) -> str:
    """A level as exact text: `3`, `1.26`, or a ratio such as `7/6` when it does not end."""
    if value.denominator == 1:
        return str(value.numerator)
    text = exact_text(value, min_places=0, repeating_places=0)
    return text if Fraction(text) == value else f"{value.numerator}/{value.denominator}"


def _level(value: Fraction) -> int | float:
    if value.denominator == 1:
        return value.numerator
    return float(round_half_up(value, 6))
