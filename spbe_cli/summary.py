"""Batch summaries: the rows (from outcomes), CSV, XLSX, Markdown and HTML.

Every number is written by `numbers.round_text` from the exact value; predikat order and
colours are positions in each rubric's band list."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from spbe_cli import charts, serialize, xlsx
from spbe_cli.i18n import TEXT, Lang, t
from spbe_cli.numbers import round_text
from spbe_cli.outcome import Outcome
from spbe_cli.render import render_view
from spbe_cli.result import Headline, SummaryRow
from spbe_cli.text import csv_safe


def rows(outcomes: list[Outcome]) -> list[SummaryRow]:
    """One row per input file, ranked (see batch.ranked); errors carry no rank."""
    out = []
    rank = 0
    for o in outcomes:
        if o.ok:
            rank += 1
        out.append(
            SummaryRow(
                file=o.file,
                headline=o.result,
                rank=rank if o.ok else None,
                errors=tuple(o.errors),
                gates=tuple(o.gate_misses) if o.ok else (),
                result=f"{o.stem}.json" if o.ok else None,
            )
        )
    return out


def to_json(table: list[SummaryRow]) -> str:
    return serialize.summary_json(table)


def _part_ids(table: list[SummaryRow], domains: bool) -> list[str]:
    ids = {i for r in table if r.ok and r.headline for i, _ in _of(r.headline, domains)}
    return sorted(ids, key=lambda s: (s[0], int(s[1:]) if s[1:].isdigit() else 0, s))


def _of(h: Headline, domains: bool) -> tuple[tuple[str, Fraction], ...]:
    return h.domains if domains else h.aspects


HEADER = (
    "rank",
    "file",
    "institution",
    "code",
    "type",
    "province",
    "year",
    "rubric",
    "index",
    "index_exact",
    "predikat",
    "predikat_boundary",
)


def flat(table: list[SummaryRow], numbers: bool) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for CSV (`numbers` False: indices as their 2-decimal text) and XLSX
    (numbers: the same rounded values as numbers): every domain and aspect a column."""
    doms, asps = _part_ids(table, True), _part_ids(table, False)
    header = [*HEADER, *doms, *asps, "status", "errors", "warnings"]
    body = []
    for r in table:
        data = serialize.summary_row(r)
        h = r.headline if r.ok else None

        def shown(value: Fraction | None, places: int) -> Any:
            if value is None:
                return None
            text = round_text(value, places)
            return float(text) if numbers else text

        places = h.places if h else 2
        cells: list[Any] = [data[k] for k in HEADER]
        cells[HEADER.index("index")] = shown(h.index if h else None, places)
        parts = (dict(h.domains) | dict(h.aspects)) if h else {}
        cells += [shown(parts.get(i), places) for i in (*doms, *asps)]
        cells += [data["status"], " | ".join(r.errors), " | ".join(data["warnings"])]
        body.append(cells)
    return header, body


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return csv_safe(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def to_csv(table: list[SummaryRow]) -> str:
    """Indices as the 2-decimal text a report shows (2.90, not 2.9)."""
    header, body = flat(table, numbers=False)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in body:
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue()


def _band_position(r: SummaryRow) -> int | None:
    h = r.headline
    if not r.ok or h is None or h.predikat not in h.bands:
        return None
    return h.bands.index(h.predikat)


def to_xlsx(table: list[SummaryRow]) -> bytes:
    header, body = flat(table, numbers=True)
    fills = [_band_position(r) for r in table]
    return xlsx.write(header, body, fills, fill_column=header.index("predikat"))


@dataclass
class SummaryView:
    lang: Lang
    labels: dict[str, str]
    title: str
    ranking: list[list[str]]
    ranking_css: list[str]
    counts: list[tuple[str, str, str]]  # predikat, count, css
    by_type: list[list[str]]
    by_province: list[list[str]]
    errors: list[tuple[str, str]]
    gates: list[tuple[str, str]]
    chart: str
    footer: str
    notices: list[str] = field(default_factory=list)  # said first (scoring.TOP_WARNINGS)


def _groups(table: list[SummaryRow], key: str) -> list[list[str]]:
    """Mean exact index per rubric and type (or province), rounded once."""
    groups: dict[tuple[str, str], list[Fraction]] = {}
    for r in table:
        h = r.headline
        if r.ok and h is not None:
            name = getattr(h.institution, key) or "–"
            groups.setdefault((h.rubric_id, name), []).append(h.index)
    return [
        [rubric, name, str(len(vals)), round_text(sum(vals, Fraction(0)) / len(vals), 2)]
        for (rubric, name), vals in sorted(groups.items())
    ]


def band_names(table: list[SummaryRow]) -> list[str]:
    """Every predikat of the rubrics in the table, each band list in its order (the
    built-in rubrics share one list: Kurang … Memuaskan)."""
    names: dict[str, None] = {}
    for r in table:
        if r.ok and r.headline is not None:
            names |= dict.fromkeys(r.headline.bands)
    return list(names)


def _ranking(ok: list[SummaryRow]) -> list[list[str]]:
    out = []
    for r in ok:
        h = r.headline
        assert h is not None
        inst = h.institution
        out.append(
            [
                str(r.rank),
                inst.name,
                inst.type or "–",
                inst.province or "–",
                str(inst.year),
                h.rubric_id,
                round_text(h.index, h.places),
                h.predikat,
            ]
        )
    return out


def build_view(table: list[SummaryRow], lang: Lang, generated_at: str, tool: str) -> SummaryView:
    ok = [r for r in table if r.ok and r.headline is not None]
    names = band_names(table)
    counter = Counter(r.headline.predikat for r in ok if r.headline)
    positions = [_band_position(r) for r in ok]
    return SummaryView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "s_title", n=len(table), ok=len(ok)),
        ranking=_ranking(ok),
        ranking_css=["" if p is None else f"p{p}" for p in positions],
        counts=[(p, str(counter.get(p, 0)), f"p{i}") for i, p in enumerate(names)],
        by_type=_groups(table, "type"),
        by_province=_groups(table, "province"),
        errors=[(r.file, m) for r in table if not r.ok for m in r.errors],
        gates=[(r.headline.institution.name, m) for r in ok if r.headline for m in r.gates],
        chart=charts.count_bars(
            [(p, counter.get(p, 0)) for p in names],
            t(lang, "s_distribution"),
            ", ".join(f"{p}: {counter.get(p, 0)}" for p in names),
        ),
        footer=t(lang, "s_footer", tool=tool, time=generated_at),
        notices=_notices(ok, lang),
    )


def _notices(ok: list[SummaryRow], lang: Lang) -> list[str]:
    """Files scored with a rubric that does not apply to their year, counted and named."""
    off = [r.headline for r in ok if r.headline and "rubric-year-mismatch" in r.headline.warnings]
    if not off:
        return []
    names = ", ".join(f"{h.institution.name} ({h.institution.year}, {h.rubric_id})" for h in off)
    return [t(lang, "s_rubric_year", n=len(off), names=names)]


def render(view: SummaryView, fmt: str) -> str:
    return render_view("summary", view, fmt)
