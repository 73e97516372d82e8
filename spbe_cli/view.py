"""The report view: a Result + its rubric (+ the plan it shows) → pre-formatted,
pre-sorted text for the Markdown and HTML templates. Every number is written by
`numbers` (half-up, once, from the exact value). No I/O, no clock: the time is passed in."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import PurePath

from spbe_cli import charts, planview, richtext
from spbe_cli.i18n import TEXT, Lang, code_word, gloss, t
from spbe_cli.national import Figure
from spbe_cli.notices import warning_text
from spbe_cli.numbers import level_text, round_text, signed_text, weight_text
from spbe_cli.planning import Plan
from spbe_cli.result import Part, Result
from spbe_cli.rubric import LoadedRubric, Rubric, Source
from spbe_cli.scoring import TOP_WARNINGS, ItemScore, Notice


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
    explanation: tuple[richtext.Line, ...]  # the cell's lines, URLs as links
    evidence: tuple[richtext.Line, ...]
    level_class: str
    note: str


@dataclass(frozen=True)
class BandCell:
    """One predikat band in the report's band table."""

    name: str
    range_text: str
    current: bool
    css: str


@dataclass(frozen=True)
class Context:
    """A figure shown beside the institution's index (the national index of its year)."""

    label: str
    value: str
    source: str


# Caveats about the headline itself: shown directly under it, not with the other warnings.
HEADLINE_WARNINGS = ("predikat-boundary",)


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
    bands: list[BandCell]
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
    headline_notes: list[str] = field(default_factory=list)  # under the index (HEADLINE_WARNINGS)
    national: list[Context] = field(default_factory=list)  # beside the index (none or one)


@dataclass(frozen=True)
class _Ctx:
    """What every step of the view needs: the result, its rubric and the language."""

    result: Result
    rubric: Rubric
    lang: Lang

    @property
    def places(self) -> int:
        return self.result.places

    def index(self, value: Fraction) -> str:
        return round_text(value, self.places)

    def at(self, value: Fraction) -> float:
        """Where a chart draws an index: at the value it labels (the shown one)."""
        return float(self.index(value))

    def predikat(self, name: str) -> str:
        """A predikat as the reader sees it: its English gloss (from the rubric's band)
        beside the official name in English reports."""
        return gloss(self.lang, name, self.rubric.band_gloss(name))

    def css(self, name: str) -> str:
        """A predikat's colour class: its position in the rubric's band list."""
        at = self.rubric.band_position(name)
        return "" if at is None else f"p{at}"


def build(
    result: Result,
    loaded: LoadedRubric,
    lang: Lang,
    generated_at: str,
    plan: Plan | None = None,
    extra_warnings: tuple[Notice, ...] = (),
    national: tuple[Figure, Source] | None = None,
) -> ReportView:
    """The report of a result; `plan` is the recommendation it shows (none: no section);
    `national` the national index of its year, shown beside its own."""
    c = _Ctx(result, loaded.rubric, lang)
    index_text = c.index(result.index)
    self_summary, self_rows, self_note = _self_section(c)
    plan_summary, plan_rows, plan_more = _recommendation(c, plan)
    indicators = _indicator_rows(c)
    return ReportView(
        lang=lang,
        title=_title(c),
        index_name=c.rubric.index_name,
        identity=_identity(c),
        index=index_text,
        index_exact=result.overall.index_exact,
        predikat=c.predikat(result.predikat),
        predikat_css=c.css(result.predikat),
        gap=_gap(c),
        bands=_band_cells(c),
        band_svg=_band_svg(c),
        domains=[_part_row(c, d, with_domain=False) for d in result.domains],
        aspects=[_part_row(c, a, with_domain=bool(result.domains)) for a in result.aspects],
        aspect_bars=_aspect_bars(c),
        radar_aspects=_radar(c, "ra", result.aspects, "radar_aspects", "aspects"),
        radar_domains=_radar(c, "rd", result.domains, "radar_domains", "domains"),
        level_bars=_level_bars(c),
        indicators=indicators,
        notes=[i for i in indicators if i.explanation or i.evidence],
        self_summary=self_summary,
        self_rows=self_rows,
        self_note=self_note,
        warnings=_warnings(c, extra_warnings),
        footer=_footer(c, generated_at),
        labels=dict(TEXT[lang]),
        plan_summary=plan_summary,
        plan_rows=plan_rows,
        plan_more=plan_more,
        notices=[_warning_text(c, w) for w in result.warnings if w.code in TOP_WARNINGS],
        headline_notes=[
            _warning_text(c, w) for w in result.warnings if w.code in HEADLINE_WARNINGS
        ],
        national=_national(c, national),
    )


def _national(c: _Ctx, found: tuple[Figure, Source] | None) -> list[Context]:
    if found is None:
        return []
    fig, source = found
    return [
        Context(
            t(c.lang, "national_index", index_name=c.rubric.index_name, year=fig.year),
            c.index(Fraction(fig.index)),
            t(
                c.lang,
                "national_source",
                source=source.citation,
                confidence=_conf(c.lang, fig.confidence.value),
            ),
        )
    ]


def _title(c: _Ctx) -> str:
    inst = c.result.institution
    name = t(c.lang, "report_title", index_name=c.rubric.index_name)
    return f"{name} — {inst.name} ({inst.year})"


def _identity(c: _Ctx) -> list[tuple[str, str]]:
    inst = c.result.institution
    identity = [
        (t(c.lang, "institution"), inst.name),
        (t(c.lang, "type"), inst.type or "–"),
        (t(c.lang, "province"), inst.province or "–"),
        (t(c.lang, "year"), str(inst.year)),
        (t(c.lang, "stage"), inst.stage or "–"),
        (t(c.lang, "rubric"), f"{c.rubric.id} — {c.rubric.title}"),
    ]
    if inst.code:
        identity.insert(1, (t(c.lang, "code"), inst.code))
    return identity


def _band_spans(rubric: Rubric) -> list[charts.BandSpan]:
    memo = rubric.memo("band-spans")  # the same for every report of the rubric
    if None not in memo:
        memo[None] = _make_band_spans(rubric)
    spans: list[charts.BandSpan] = memo[None]
    return spans


def _make_band_spans(rubric: Rubric) -> list[charts.BandSpan]:
    lo, hi = rubric.values.min, rubric.values.max
    spans = []
    for b in rubric.predikat.bands:
        start = Fraction(b.min if b.min is not None else lo)
        end = Fraction(b.max if b.max is not None else hi)
        if b.min is None:
            text = f"< {round_text(end, 2)}"
        elif b.max is None:
            text = f"≥ {round_text(start, 2)}"
        else:
            text = f"{round_text(start, 2)}–{round_text(end, 2)}"
        spans.append(charts.BandSpan(b.name, text, float(start), float(end)))
    return spans


def _band_cells(c: _Ctx) -> list[BandCell]:
    return [
        BandCell(c.predikat(s.label), s.range_text, s.label == c.result.predikat, f"p{i}")
        for i, s in enumerate(_band_spans(c.rubric))
    ]


def _band_svg(c: _Ctx) -> str:
    index_text = c.index(c.result.index)
    return charts.band_scale(
        _band_spans(c.rubric),  # official names on the chart; glosses are in its text
        c.at(c.result.index),
        index_text,
        t(c.lang, "band_scale"),
        t(
            c.lang,
            "band_scale_desc",
            index_name=c.rubric.index_name,
            index=index_text,
            predikat=c.predikat(c.result.predikat),
        ),
    )


def _gap(c: _Ctx) -> str:
    """How far the next predikat is: on the rounded basis from the shown index; on the
    exact basis the shortfall is rounded up, so that it is never understated."""
    bands = c.rubric.predikat.bands
    current = c.rubric.band_position(c.result.predikat)
    if current is None or current == len(bands) - 1:
        return t(c.lang, "gap_top")
    target = bands[current + 1]
    assert target.min is not None
    if c.result.basis == "rounded":
        need = Fraction(target.min) - Fraction(c.index(c.result.index))
        text = round_text(need, 2)
    else:
        need = Fraction(target.min) - c.result.index
        text = round_text(Fraction(math.ceil(need * 100), 100), 2)
    return t(c.lang, "gap_next", gap=text, predikat=c.predikat(target.name))


def _part_row(c: _Ctx, p: Part, with_domain: bool) -> Row:
    cells = [p.id, gloss(c.lang, p.name, p.gloss)]
    if with_domain:
        cells.append(p.domain or "")
    cells += [weight_text(p.weight), c.index(p.index), c.predikat(p.predikat)]
    return Row(cells, c.css(p.predikat))


def _aspect_bars(c: _Ctx) -> list[tuple[str, str, str]]:
    lo, hi = float(c.rubric.values.min), float(c.rubric.values.max)
    return [(a.id, _unicode_bar(c.at(a.index), lo, hi), c.index(a.index)) for a in c.result.aspects]


def _radar(c: _Ctx, uid: str, parts: tuple[Part, ...], title: str, what: str) -> str:
    """A radar of aspects (with the self-assessment beside them) or domains; fewer than
    three parts make no radar."""
    if len(parts) < 3:
        return ""
    second = None
    if uid == "ra" and c.result.self_assessment is not None:
        second = _aspect_self(c.result)
    return charts.radar(
        uid,
        [(p.id, c.at(p.index)) for p in parts],
        float(c.rubric.values.min),
        float(c.rubric.values.max),
        t(c.lang, title),
        t(
            c.lang,
            "radar_desc",
            what=t(c.lang, what).lower(),
            values=", ".join(f"{p.id} {c.index(p.index)}" for p in parts),
        ),
        second=second,
        legend=(t(c.lang, "final"), t(c.lang, "self")) if second is not None else None,
    )


def _level_bars(c: _Ctx) -> str:
    items = c.result.indicators
    return charts.level_bars(
        [(i.id, float(i.level), level_text(i.level)) for i in items],
        float(c.rubric.values.min),
        float(c.rubric.values.max),
        t(c.lang, "bars_title"),
        t(c.lang, "bars_desc", values=", ".join(f"{i.id}: {level_text(i.level)}" for i in items)),
    )


def _indicator_rows(c: _Ctx) -> list[IndicatorRow]:
    rows = []
    for i in c.result.indicators:
        w, lv = i.weight, i.level
        level, weight, contribution, css = _item_texts(
            w.numerator, w.denominator, lv.numerator, lv.denominator
        )
        rows.append(
            IndicatorRow(
                id=i.id,
                name=i.name,
                aspect=i.aspect_id,
                level=level,
                level_name=i.level_name,
                weight=weight,
                contribution=contribution,
                next_step=_next_step(c, i)[0],
                explanation=richtext.lines(i.explanation),
                evidence=richtext.lines(i.evidence),
                level_class=css,
                note=t(c.lang, "scored_by_missing") if i.filled_by_missing else "",
            )
        )
    return rows


@lru_cache(maxsize=8192)
def _item_texts(wn: int, wd: int, ln: int, ld: int) -> tuple[str, str, str, str]:
    """An item's level, weight, contribution and level class as a report shows them, from
    weight and level as numerators and denominators (cheap to hash, unlike a Fraction): a
    nation's reports repeat the same few combinations."""
    weight, level = Fraction(wn, wd), Fraction(ln, ld)
    return (
        level_text(level),
        weight_text(weight),
        round_text(level * weight / 100, 4),  # the item's contribution to the index
        f"l{math.floor(level)}",
    )


def _next_step(c: _Ctx, item: ItemScore) -> tuple[str, bool]:
    """What the next level of an item asks, and whether that is only the scale's general
    text. Kept with the rubric per language: a batch's reports ask the same few."""
    memo = c.rubric.memo(f"next-step-{c.lang}")
    key = (item.indicator_id, item.level.numerator, item.level.denominator)
    found: tuple[str, bool] | None = memo.get(key)
    if found is None:
        found = _make_next_step(c, item)
        if len(memo) < 20_000:
            memo[key] = found
    return found


def _make_next_step(c: _Ctx, item: ItemScore) -> tuple[str, bool]:
    ind = c.rubric.indicator(item.indicator_id)
    if ind is None:
        return "", False
    if item.level >= c.rubric.values.max:
        return t(c.lang, "top_level"), False
    nxt = math.floor(item.level) + 1
    found = c.rubric.guidance(ind, nxt)
    if found and not found[1]:
        return t(c.lang, "next_level_text", level=nxt, criterion=found[0]), False
    name = c.rubric.scale_of(ind).levels.get(nxt, "")
    if found:  # the scale's general description: say so
        text = t(c.lang, "next_level_general", level=nxt, name=name, criterion=found[0])
        return text, True
    return t(c.lang, "next_level_no_criterion", level=nxt, name=name), False


def _warnings(c: _Ctx, extra: tuple[Notice, ...]) -> list[str]:
    """Every warning in the reader's language (but for those under the headline), and a
    note when a next step is only the scale's general guidance."""
    shown = (w for w in (*c.result.warnings, *extra) if w.code not in HEADLINE_WARNINGS)
    texts = [_warning_text(c, w) for w in shown]
    if any(_next_step(c, i)[1] for i in c.result.indicators):
        texts.append(t(c.lang, "general_guidance_note"))
    return texts


def _self_section(c: _Ctx) -> tuple[list[tuple[str, str]], list[Row], str]:
    """The self-assessment (Tingkat Mandiri) beside the final index, and every indicator
    whose self level differs from the final one."""
    r = c.result
    sa = r.self_assessment
    if sa is None:
        return [], [], ""
    summary = [
        (t(c.lang, "self_index"), f"{c.index(sa.index)} ({c.predikat(sa.predikat)})"),
        (t(c.lang, "final_index"), f"{c.index(r.index)} ({c.predikat(r.predikat)})"),
        (t(c.lang, "difference"), signed_text(sa.index - r.index, c.places)),
    ]
    rows = [
        Row(
            [
                i.id,
                i.name,
                level_text(i.self_level),
                level_text(i.level),
                level_text(i.self_level - i.level, signed=True),
            ]
        )
        for i in r.indicators
        if i.self_level is not None and i.self_level != i.level
    ]
    return summary, rows, "" if rows else t(c.lang, "no_differences")


def _warning_text(c: _Ctx, w: Notice) -> str:
    return warning_text(c.lang, c.result, w)


def _footer(c: _Ctx, generated_at: str) -> list[str]:
    r = c.result
    confidence = "; ".join(
        f"{code_word(c.lang, 'part', part)}: {_conf(c.lang, p.confidence.value)}"
        for part, p in c.rubric.provenance.items()
    )
    footer = [
        t(c.lang, "footer", tool=r.tool[0], version=r.tool[1], time=generated_at),
        t(c.lang, "rubric_stamp", id=r.rubric.id, sha=r.rubric.sha256),
        f"{t(c.lang, 'confidence')}: {confidence}",
    ]
    if r.input is not None:
        footer.append(
            t(c.lang, "input_stamp", file=PurePath(r.input.file).name, sha=r.input.sha256)
        )
    return footer


def _unicode_bar(value: float, lo: float, hi: float, width: int = 20) -> str:
    filled = round(width * (value - lo) / (hi - lo)) if hi > lo else 0
    return "█" * filled + "░" * (width - filled)


def _aspect_self(result: Result) -> list[float]:
    """Self-assessed aspect indices from the item weights and self levels (chart only).
    Exact sums in integers over one common denominator (Fraction sums normalise at every
    step); a quotient of integers is the correctly rounded float of the exact value."""
    zero = Fraction(0)
    items = [(i.aspect_id, i.weight, i.self_level or zero) for i in result.indicators]
    den = math.lcm(*(w.denominator * sl.denominator for _, w, sl in items))
    totals: dict[str, int] = {}
    for aspect, w, sl in items:
        share = w.numerator * sl.numerator * (den // (w.denominator * sl.denominator))
        totals[aspect] = totals.get(aspect, 0) + share
    return [
        totals.get(a.id, 0) * a.weight.denominator / (den * a.weight.numerator)
        for a in result.aspects
    ]


PLAN_ROWS = 10


def _recommendation(c: _Ctx, plan: Plan | None) -> tuple[list[str], list[list[str]], str]:
    """The plan to the next predikat (what `spbe plan` shows), shortened for the report."""
    if plan is None:
        return [], [], ""
    v = planview.build(plan, c.lang, c.result.institution.name)
    rows = [r[1:] for r in v.rows[:PLAN_ROWS]]
    more = t(c.lang, "p_more", n=len(v.rows) - PLAN_ROWS) if len(v.rows) > PLAN_ROWS else ""
    return v.summary[1:], rows, more


def _conf(lang: Lang, code: str) -> str:
    return code_word(lang, "conf", code)
