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
from typing import Any, NamedTuple

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
    return _head(r) | {"indicators": [_indicator_json(i) for i in r.indicators]} | _tail(r)


def _head(r: Result) -> dict[str, Any]:
    """The fields before the indicators."""
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
    }


def _tail(r: Result) -> dict[str, Any]:
    """The fields after the indicators."""
    return {
        "self_assessment": _self_json(r),
        "warnings": [
            {"code": w.code, "message": w.message, "params": w.params} for w in r.warnings
        ],
    }


def _part_json(p: Part, places: int, domain: bool) -> dict[str, Any]:
    """A domain (with its gloss and predikat) or an aspect (with its domain)."""
    out: dict[str, Any] = {"id": p.id, "name": p.name}
    out |= {"gloss": p.gloss} if domain else {"domain": p.domain}
    w, i = p.weight, p.index
    weight, index, index_exact = _part_numbers(
        w.numerator, w.denominator, i.numerator, i.denominator, places
    )
    out |= {"weight": weight, "index": index, "index_exact": index_exact}
    return out | {"predikat": p.predikat} if domain else out


@lru_cache(maxsize=4096)
def _part_numbers(wn: int, wd: int, n: int, d: int, places: int) -> tuple[float, float, str]:
    """A part's weight and index as JSON numbers, and its exact index: the rubric's weights
    and the few indices a handful of levels can give recur in every file."""
    index = Fraction(n, d)
    return _num(Fraction(wn, wd), 4), _num(index, places), exact_text(index)


def _indicator_json(i: ItemScore) -> dict[str, Any]:
    return _indicator_fields(_scored(i)) | {"explanation": i.explanation, "evidence": i.evidence}


Ratio = tuple[int, int]  # numerator, denominator: cheap to hash, unlike a Fraction


class Scored(NamedTuple):
    """What decides an indicator's JSON up to its two free texts (Penjelasan, Bukti
    Dukung): a nation's files repeat the same few of these."""

    id: str
    name: str
    aspect: str
    weight: Ratio
    level: Ratio
    level_name: str
    self_level: Ratio | None
    target: Ratio | None
    scored_by_missing: bool


def _scored(i: ItemScore) -> Scored:
    sl, target = i.self_level, i.target
    return Scored(
        i.id,
        i.name,
        i.aspect_id,
        i.weight.as_integer_ratio(),
        i.level.as_integer_ratio(),
        i.level_name,
        None if sl is None else sl.as_integer_ratio(),
        None if target is None else target.as_integer_ratio(),
        i.filled_by_missing,
    )


def _indicator_fields(s: Scored) -> dict[str, Any]:
    """An indicator's fields up to `target` (its free texts follow)."""
    weight, weight_exact, level, level_exact, contribution, contribution_exact = _item_numbers(
        *s.weight, *s.level
    )
    self_level = self_exact = target = None
    if s.self_level is not None:
        self_level, self_exact = _level_numbers(*s.self_level)
    if s.target is not None:
        target = _level_numbers(*s.target)[0]
    return {
        "id": s.id,
        "name": s.name,
        "aspect": s.aspect,
        "weight": weight,
        "weight_exact": weight_exact,
        "level": level,
        "level_exact": level_exact,
        "level_name": s.level_name,
        "self_level": self_level,
        "self_level_exact": self_exact,
        "contribution": contribution,
        "contribution_exact": contribution_exact,
        "scored_by_missing": s.scored_by_missing,
        "target": target,
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
    if compact:
        return _compact_text(result)
    return indented(to_json(result)) + "\n"


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


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _compact_text(r: Result) -> str:
    """`to_json` written compactly, byte for byte what json.dumps writes of it, with each
    indicator's text up to its free texts made once per combination (`_indicator_text`):
    a batch writes tens of thousands of indicators, and encoding them was most of the
    writing."""
    head = _COMPACT.encode(_head(r))  # `{…}`: its closing brace is dropped
    tail = _COMPACT.encode(_tail(r))  # `{…}`: its opening brace is dropped
    indicators = ",".join(_indicator_text(i) for i in r.indicators)
    return f'{head[:-1]},"indicators":[{indicators}],{tail[1:]}\n'


def _indicator_text(i: ItemScore) -> str:
    fields = _indicator_fields_text(_scored(i))  # `{…,"target":…}`
    explanation, evidence = _text_json(i.explanation), _text_json(i.evidence)
    return f'{fields[:-1]},"explanation":{explanation},"evidence":{evidence}}}'


def _text_json(text: str | None) -> str:
    return "null" if text is None else _COMPACT.encode(text)


@lru_cache(maxsize=8192)
def _indicator_fields_text(scored: Scored) -> str:
    return _COMPACT.encode(_indicator_fields(scored))
