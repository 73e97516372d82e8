"""The one JSON serializer: a Result as the documented result contract, summary rows as
summary.json (both format_version 1; fields are only ever added, never renamed).

Numbers are JSON numbers rounded half-up by `numbers.round_text`, each beside its exact
text (`*_exact`)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any

from spbe_cli.numbers import exact_level, exact_text, round_half_up, round_text
from spbe_cli.result import Headline, Part, Result, SummaryRow
from spbe_cli.scoring import Classified, ItemScore

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


def to_json(r: Result) -> dict[str, Any]:
    """The result as the documented JSON object (field order is part of the contract)."""
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": r.tool[0], "version": r.tool[1]},
        "rubric": {
            "id": r.rubric.id,
            "title": r.rubric.title,
            "sha256": r.rubric.sha256,
            "builtin": r.rubric.builtin,
            "selected_by": r.rubric.selected_by,
            "confidence": dict(r.rubric.confidence),
        },
        "input": {"file": r.input.file, "sha256": r.input.sha256} if r.input else None,
        "institution": {
            "name": r.institution.name,
            "code": r.institution.code,
            "type": r.institution.type,
            "province": r.institution.province,
            "year": r.institution.year,
            "stage": r.institution.stage,
        },
        **_classified(r.overall, r.places),
        "predikat_basis": r.basis,
        "domains": [_part_json(d, r.places, domain=True) for d in r.domains],
        "aspects": [_part_json(a, r.places, domain=False) for a in r.aspects],
        "indicators": [_indicator_json(i) for i in r.indicators],
        "self_assessment": _self_json(r),
        "warnings": [
            {"code": w.code, "message": w.message, "params": w.params} for w in r.warnings
        ],
    }


def _part_json(p: Part, places: int, domain: bool) -> dict[str, Any]:
    """A domain (with its gloss and predikat) or an aspect (with its domain)."""
    out: dict[str, Any] = {"id": p.id, "name": p.name}
    out |= {"gloss": p.gloss} if domain else {"domain": p.domain}
    out |= {
        "weight": _num(p.weight, 4),
        "index": _num(p.index, places),
        "index_exact": exact_text(p.index),
    }
    return out | {"predikat": p.predikat} if domain else out


def _indicator_json(i: ItemScore) -> dict[str, Any]:
    weight, weight_exact, level, level_exact, contribution, contribution_exact = _item_numbers(
        i.weight.numerator, i.weight.denominator, i.level.numerator, i.level.denominator
    )
    self_level = self_exact = target = None
    if (sl := i.self_level) is not None:
        self_level, self_exact = _level_numbers(sl.numerator, sl.denominator)
    if i.target is not None:
        target = _level_numbers(i.target.numerator, i.target.denominator)[0]
    return {
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


def _self_json(r: Result) -> dict[str, Any] | None:
    sa = r.self_assessment
    if sa is None:
        return None
    return {
        **_classified(sa, r.places),
        "difference": _num(sa.index - r.index, r.places),
        "difference_exact": exact_text(sa.index - r.index),
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
    return _level(level), exact_level(level)


def _level(value: Fraction) -> int | float:
    if value.denominator == 1:
        return value.numerator
    return float(round_half_up(value, 6))


def summary_row(row: SummaryRow) -> dict[str, Any]:
    """One row of summary.json (the batch's table: ranked, errors last)."""
    h = row.headline
    inst = h.institution if h is not None else None
    ok = h is not None and row.ok
    shown = h.texts if ok and h else None  # rounded once for all of a batch's summaries
    return {
        "rank": row.rank,
        "file": row.file,
        "institution": inst.name if inst else None,
        "code": inst.code if inst else None,
        "type": inst.type if inst else None,
        "province": inst.province if inst else None,
        "year": inst.year if inst else None,
        "rubric": h.rubric_id if h else None,
        "index": float(shown.index) if shown else None,
        "index_exact": shown.index_exact if shown else None,
        "predikat": h.predikat if ok and h else None,
        "predikat_boundary": h.boundary if ok and h else None,
        "domains": {i: float(v) for i, v in shown.domains.items()} if shown else {},
        "aspects": {i: float(v) for i, v in shown.aspects.items()} if shown else {},
        "status": "ok" if ok else "error",
        "errors": list(row.errors),
        "warnings": list(h.warnings) if ok and h else [],
        "gates": list(row.gates),
        "result": row.result,
        "domains_exact": dict(shown.domains_exact) if shown else {},
        "aspects_exact": dict(shown.aspects_exact) if shown else {},
        "group": h.group_id if ok and h else None,
        "rank_shared": row.shared if ok else None,
    }


def summary_groups(rows: list[SummaryRow]) -> list[dict[str, Any]]:
    """The groups (year and rubric) the rows were ranked and averaged in, in their order."""
    by: dict[str, list[Headline]] = {}
    for r in rows:
        if r.ok and r.headline is not None:
            by.setdefault(r.headline.group_id, []).append(r.headline)
    out = []
    for gid, hs in by.items():
        mean = sum((h.index for h in hs), Fraction(0)) / len(hs)
        out.append(
            {
                "group": gid,
                "year": hs[0].institution.year,
                "rubric": hs[0].rubric_id,
                "files": len(hs),
                "mean_index": _num(mean, hs[0].places),
                "mean_index_exact": exact_text(mean),
            }
        )
    return out


def summary_json(rows: list[SummaryRow]) -> str:
    table = [summary_row(r) for r in rows]
    data = {"format_version": FORMAT_VERSION, "rows": table, "groups": summary_groups(rows)}
    return indented(data) + "\n"


def result_text(result: Result, compact: bool = False) -> str:
    """The result JSON as text: indented for people, compact in a batch's output folder."""
    data = to_json(result)
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return indented(data) + "\n"


class _Unusual(Exception):
    """A value `indented` leaves to the json module."""


def indented(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, byte for byte, several times as
    fast for what this module builds (the json module's indented output is pure Python:
    a third of a 200-file batch's summary.json). Anything but dicts with text keys, lists,
    text, integers, finite floats, booleans and None is left to json.dumps whole."""
    out: list[str] = []
    try:
        _indent(data, "\n", out)
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


def _indent(value: Any, newline: str, out: list[str]) -> None:
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner, sep = newline + "  ", "{"
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            _item(f"{sep}{inner}{encode_basestring(key)}: ", item, inner, out)
            sep = ","
        out.append(newline + "}")
    elif kind is list:
        if not value:
            out.append("[]")
            return
        inner, sep = newline + "  ", "["
        for item in value:
            _item(sep + inner, item, inner, out)
            sep = ","
        out.append(newline + "]")
    else:
        out.append(_scalar(value))


def _item(prefix: str, item: Any, newline: str, out: list[str]) -> None:
    """One member of a dict or list after its `prefix` (separator, indent, key)."""
    leaf = _LEAVES.get(type(item))
    if leaf is None:  # a dict or a list (or something unusual)
        out.append(prefix)
        _indent(item, newline, out)
    else:
        out.append(prefix + leaf(item))


def _scalar(value: Any) -> str:
    leaf = _LEAVES.get(type(value))
    if leaf is None:
        raise _Unusual
    return leaf(value)


def _float(value: float) -> str:
    if not math.isfinite(value):
        raise _Unusual  # NaN and Infinity: as the json module writes them
    return repr(value)


_LEAVES: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
}
