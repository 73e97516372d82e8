"""The report view: a result (the JSON contract) + its rubric → pre-formatted, pre-sorted
text for the Markdown and HTML templates. No I/O, no clock: the time is passed in."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from pathlib import PurePath
from typing import Any

from spbe_cli import charts
from spbe_cli.i18n import PREDIKAT_GLOSS_EN, TEXT, Lang, gloss, t
from spbe_cli.rubric import LoadedRubric, Rubric
from spbe_cli.scoring import TOP_WARNINGS


@dataclass(frozen=True)
class Row:
    cells: list[str]
    css: str = ""


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    name: str
    aspect: str
    level: str
    level_name: str
    weight: str
    contribution: str
    next_step: str
    explanation: str
    evidence: str
    level_class: str
    note: str


@dataclass(frozen=True)
class Band:
    name: str
    range_text: str
    current: bool
    css: str


@dataclass
class ReportView:
    lang: Lang
    title: str
    index_name: str
    identity: list[tuple[str, str]]
    index: str
    index_exact: str
    predikat: str
    predikat_css: str
    gap: str
    bands: list[Band]
    band_svg: str
    domains: list[Row]
    aspects: list[Row]
    aspect_bars: list[tuple[str, str, str]]  # id, unicode bar, index (for Markdown)
    radar_aspects: str
    radar_domains: str
    level_bars: str
    indicators: list[IndicatorRow]
    notes: list[IndicatorRow]  # indicators with an explanation or evidence
    self_summary: list[tuple[str, str]]
    self_rows: list[Row]
    self_note: str
    warnings: list[str]
    footer: list[str]
    plan_summary: list[str]
    plan_rows: list[list[str]]  # indicator, name, from → to, gain, index after, criterion
    plan_more: str
    labels: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)  # shown at the top (see TOP_WARNINGS)


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


def _fmt(value: Any, places: int = 2) -> str:
    return f"{_d(value):.{places}f}"


def _band_spans(rubric: Rubric) -> list[charts.BandSpan]:
    lo, hi = rubric.values.min, rubric.values.max
    spans = []
    for b in rubric.predikat.bands:
        start = b.min if b.min is not None else lo
        end = b.max if b.max is not None else hi
        if b.min is None:
            text = f"< {_fmt(end)}"
        elif b.max is None:
            text = f"≥ {_fmt(start)}"
        else:
            text = f"{_fmt(start)}–{_fmt(end)}"
        spans.append(charts.BandSpan(b.name, text, float(start), float(end)))
    return spans


def _gap(rubric: Rubric, result: dict[str, Any], lang: Lang) -> str:
    names = [b.name for b in rubric.predikat.bands]
    current = names.index(result["predikat"])
    if current == len(names) - 1:
        return t(lang, "gap_top")
    target = rubric.predikat.bands[current + 1]
    assert target.min is not None
    if result["predikat_basis"] == "rounded":
        need = target.min - _d(result["index"])
    else:  # exact basis: round the shortfall up so it is never understated
        need = (target.min - _d(result["index_exact"])).quantize(Decimal("0.01"), ROUND_CEILING)
    return t(lang, "gap_next", gap=f"{need:.2f}", predikat=_predikat(lang, target.name))


def _predikat(lang: Lang, name: str) -> str:
    return gloss(lang, name, PREDIKAT_GLOSS_EN.get(name))


def _level_text(value: Any) -> str:
    return str(value) if isinstance(value, int) else _fmt(value)


def _next_step(rubric: Rubric | None, ind_id: str, level: Any, lang: Lang) -> str:
    if rubric is None:
        return ""
    ind = next(
        (i for i in rubric.indicators if i.id == ind_id.split("-")[0] or i.id == ind_id), None
    )
    if ind is None:
        return ""
    top = int(rubric.values.max)
    nxt = math.floor(_d(level)) + 1
    if _d(level) >= top:
        return t(lang, "top_level")
    found = rubric.guidance(ind, nxt)
    if found and not found[1]:
        return t(lang, "next_level_text", level=nxt, criterion=found[0])
    name = rubric.scale_of(ind).levels.get(nxt, "")
    if found:  # the scale's general description: say so
        return t(lang, "next_level_general", level=nxt, name=name, criterion=found[0])
    return t(lang, "next_level_no_criterion", level=nxt, name=name)


def _general_guidance(rubric: Rubric, ind_id: str, level: Any) -> bool:
    """Whether the next level of an item is described only by the scale's general text."""
    ind = rubric.item_indicator(ind_id)
    nxt = math.floor(_d(level)) + 1
    found = rubric.guidance(ind, nxt) if ind is not None else None
    return found is not None and found[1]


def _warning_text(w: dict[str, Any], lang: Lang, basis: str, index_exact: str) -> str:
    key = f"w_{w['code']}"
    if key not in TEXT[lang]:
        return str(w["message"])
    params = dict(w.get("params", {}))
    params.setdefault("exact_value", index_exact)
    params.setdefault("basis", t(lang, f"basis_{basis}"))
    try:
        return t(lang, key, **params)
    except KeyError:
        return str(w["message"])


def build(
    result: dict[str, Any],
    loaded: LoadedRubric,
    lang: Lang,
    generated_at: str,
    extra_warnings: list[dict[str, Any]] | None = None,
) -> ReportView:
    rubric = loaded.rubric
    inst = result["institution"]
    lo, hi = float(rubric.values.min), float(rubric.values.max)
    band_names = [b.name for b in rubric.predikat.bands]

    def pcss(name: str) -> str:
        return f"p{band_names.index(name)}" if name in band_names else ""

    identity = [
        (t(lang, "institution"), inst["name"]),
        (t(lang, "type"), inst["type"] or "–"),
        (t(lang, "province"), inst["province"] or "–"),
        (t(lang, "year"), str(inst["year"])),
        (t(lang, "stage"), inst["stage"] or "–"),
        (t(lang, "rubric"), f"{rubric.id} — {rubric.title}"),
    ]
    if inst.get("code"):
        identity.insert(1, (t(lang, "code"), inst["code"]))

    spans = _band_spans(rubric)
    bands = [
        Band(_predikat(lang, s.label), s.range_text, s.label == result["predikat"], f"p{i}")
        for i, s in enumerate(spans)
    ]
    index_text = _fmt(result["index"])
    band_svg = charts.band_scale(
        spans,  # official Indonesian names on the chart; glosses are in the text equivalent
        float(result["index"]),
        index_text,
        t(lang, "band_scale"),
        t(
            lang,
            "band_scale_desc",
            index_name=rubric.index_name,
            index=index_text,
            predikat=_predikat(lang, result["predikat"]),
        ),
    )

    dom_gloss = {d.id: d.gloss for d in rubric.domains}
    asp_gloss = {a.id: a.gloss for a in rubric.all_aspects}
    domains = [
        Row(
            [
                d["id"],
                gloss(lang, d["name"], dom_gloss.get(d["id"])),
                _fmt(d["weight"]),
                _fmt(d["index"]),
                _predikat(lang, d["predikat"]),
            ],
            pcss(d["predikat"]),
        )
        for d in result["domains"]
    ]
    basis_rounded = result["predikat_basis"] == "rounded"
    aspects = []
    for a in result["aspects"]:
        p = rubric.band(_frac(_d(a["index"]) if basis_rounded else _d(a["index_exact"]))).name
        cells = [a["id"], gloss(lang, a["name"], asp_gloss.get(a["id"]))]
        if result["domains"]:
            cells.append(a["domain"] or "")
        cells += [_fmt(a["weight"]), _fmt(a["index"]), _predikat(lang, p)]
        aspects.append(Row(cells, pcss(p)))
    aspect_bars = [
        (a["id"], _unicode_bar(float(a["index"]), lo, hi), _fmt(a["index"]))
        for a in result["aspects"]
    ]

    self_levels = {i["id"]: i["self_level"] for i in result["indicators"]}
    has_self = result["self_assessment"] is not None
    aspect_self = _aspect_self(result) if has_self else None
    radar_aspects = (
        charts.radar(
            "ra",
            [(a["id"], float(a["index"])) for a in result["aspects"]],
            lo,
            hi,
            t(lang, "radar_aspects"),
            t(
                lang,
                "radar_desc",
                what=t(lang, "aspects").lower(),
                values=", ".join(f"{a['id']} {_fmt(a['index'])}" for a in result["aspects"]),
            ),
            second=aspect_self,
            legend=(t(lang, "final"), t(lang, "self")),
        )
        if len(result["aspects"]) >= 3
        else ""
    )
    radar_domains = (
        charts.radar(
            "rd",
            [(d["id"], float(d["index"])) for d in result["domains"]],
            lo,
            hi,
            t(lang, "radar_domains"),
            t(
                lang,
                "radar_desc",
                what=t(lang, "domains").lower(),
                values=", ".join(f"{d['id']} {_fmt(d['index'])}" for d in result["domains"]),
            ),
        )
        if len(result["domains"]) >= 3
        else ""
    )
    level_bars = charts.level_bars(
        [(i["id"], float(i["level"]), _level_text(i["level"])) for i in result["indicators"]],
        lo,
        hi,
        t(lang, "bars_title"),
        t(
            lang,
            "bars_desc",
            values=", ".join(f"{i['id']}: {_level_text(i['level'])}" for i in result["indicators"]),
        ),
    )

    indicators = [
        IndicatorRow(
            id=i["id"],
            name=i["name"],
            aspect=i["aspect"],
            level=_level_text(i["level"]),
            level_name=i["level_name"],
            weight=_weight(i),
            contribution=_contribution(i),
            next_step=_next_step(rubric, i["id"], i["level"], lang),
            explanation=i.get("explanation") or "",
            evidence=i.get("evidence") or "",
            level_class=f"l{math.floor(_d(i['level']))}",
            note=t(lang, "scored_by_missing") if i.get("scored_by_missing") else "",
        )
        for i in result["indicators"]
    ]

    self_summary: list[tuple[str, str]] = []
    self_rows: list[Row] = []
    self_note = ""
    if has_self:
        sa = result["self_assessment"]
        self_summary = [
            (t(lang, "self_index"), f"{_fmt(sa['index'])} ({_predikat(lang, sa['predikat'])})"),
            (t(lang, "final_index"), f"{index_text} ({_predikat(lang, result['predikat'])})"),
            (t(lang, "difference"), f"{_d(sa['difference']):+.2f}"),
        ]
        for i in result["indicators"]:
            s = self_levels[i["id"]]
            if s is None or _d(s) == _d(i["level"]):
                continue
            diff = _d(s) - _d(i["level"])
            self_rows.append(
                Row(
                    [
                        i["id"],
                        i["name"],
                        _level_text(s),
                        _level_text(i["level"]),
                        f"{diff:+}" if diff == diff.to_integral() else f"{diff:+.2f}",
                    ]
                )
            )
        if not self_rows:
            self_note = t(lang, "no_differences")

    warnings = [
        _warning_text(w, lang, result["predikat_basis"], result["index_exact"])
        for w in [*result["warnings"], *(extra_warnings or [])]
    ]
    if any(_general_guidance(rubric, i["id"], i["level"]) for i in result["indicators"]):
        warnings.append(t(lang, "general_guidance_note"))
    confidence = "; ".join(f"{part}: {p.confidence.value}" for part, p in rubric.provenance.items())
    tool = result["tool"]
    footer = [
        t(lang, "footer", tool=tool["name"], version=tool["version"], time=generated_at),
        t(lang, "rubric_stamp", id=result["rubric"]["id"], sha=result["rubric"]["sha256"]),
        f"{t(lang, 'confidence')}: {confidence}",
    ]
    if result.get("input"):
        footer.append(
            t(
                lang,
                "input_stamp",
                file=PurePath(result["input"]["file"]).name,
                sha=result["input"]["sha256"],
            )
        )

    plan_summary, plan_rows, plan_more = _recommendation(result, loaded, lang)
    title = (
        f"{t(lang, 'report_title', index_name=rubric.index_name)} — {inst['name']} ({inst['year']})"
    )
    return ReportView(
        lang=lang,
        title=title,
        index_name=rubric.index_name,
        identity=identity,
        index=index_text,
        index_exact=result["index_exact"],
        predikat=_predikat(lang, result["predikat"]),
        predikat_css=pcss(result["predikat"]),
        gap=_gap(rubric, result, lang),
        bands=bands,
        band_svg=band_svg,
        domains=domains,
        aspects=aspects,
        aspect_bars=aspect_bars,
        radar_aspects=radar_aspects,
        radar_domains=radar_domains,
        level_bars=level_bars,
        indicators=indicators,
        notes=[i for i in indicators if i.explanation or i.evidence],
        self_summary=self_summary,
        self_rows=self_rows,
        self_note=self_note,
        warnings=warnings,
        footer=footer,
        labels=dict(_labels(lang)),
        plan_summary=plan_summary,
        plan_rows=plan_rows,
        plan_more=plan_more,
        notices=[
            _warning_text(w, lang, result["predikat_basis"], result["index_exact"])
            for w in result["warnings"]
            if w["code"] in TOP_WARNINGS
        ],
    )


def _frac(value: Decimal) -> Any:
    return Fraction(value)


def _weight(i: dict[str, Any]) -> str:
    exact = i.get("weight_exact") or str(i["weight"])
    d = _d(exact)
    return f"{d:.2f}" if len(exact.split(".")[-1]) <= 2 or "." not in exact else f"{d:.4f}"


def _contribution(i: dict[str, Any]) -> str:
    return f"{_d(i.get('contribution_exact') or i['contribution']):.4f}"


def _unicode_bar(value: float, lo: float, hi: float, width: int = 20) -> str:
    filled = round(width * (value - lo) / (hi - lo)) if hi > lo else 0
    return "█" * filled + "░" * (width - filled)


def _aspect_self(result: dict[str, Any]) -> list[float]:
    """Self-assessed aspect indices from the indicator weights and self levels."""
    totals: dict[str, Decimal] = {}
    for i in result["indicators"]:
        w = _d(i.get("weight_exact") or i["weight"])
        totals[i["aspect"]] = totals.get(i["aspect"], Decimal(0)) + w * _d(i["self_level"])
    return [float(totals.get(a["id"], Decimal(0)) / _d(a["weight"])) for a in result["aspects"]]


def _labels(lang: Lang) -> dict[str, str]:
    return TEXT[lang]


PLAN_ROWS = 10


def _recommendation(
    result: dict[str, Any], loaded: LoadedRubric, lang: Lang
) -> tuple[list[str], list[list[str]], str]:
    """The plan to the next predikat (`spbe plan`), shortened for the report."""
    # import cost: the plan and the diff model it starts from are a report's alone; a
    # batch's summaries are rendered through this module's neighbours without them.
    from spbe_cli import planning, planview
    from spbe_cli.diff import side_from_result

    side = side_from_result(result, loaded)
    if side.score is None:
        return [], [], ""
    target, name = planning.target_from(loaded.rubric, side.score, None)
    p = planning.plan(loaded.rubric, side.score, target, name, result["predikat_basis"])
    v = planview.build(p, lang, result["institution"]["name"], costs=False)
    rows = [[r[1], r[2], r[3], r[4], r[5], r[6]] for r in v.rows[:PLAN_ROWS]]
    more = t(lang, "p_more", n=len(v.rows) - PLAN_ROWS) if len(v.rows) > PLAN_ROWS else ""
    return v.summary[1:], rows, more
