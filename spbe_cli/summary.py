"""Batch summaries: rows (summary.json), CSV, XLSX, Markdown and HTML, from outcomes."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from spbe_cli import charts, xlsx
from spbe_cli.i18n import TEXT, Lang, t
from spbe_cli.outcome import Outcome
from spbe_cli.render import render_view
from spbe_cli.rubric import PREDIKAT_ORDER
from spbe_cli.text import csv_safe

FORMAT_VERSION = 1


def rows(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    """One row per input file, ranked (see batch.ranked); errors carry status "error"."""
    out = []
    rank = 0
    for o in outcomes:
        r = o.result
        if o.ok and r is not None:
            rank += 1
            inst = r["institution"]
            out.append(
                {
                    "rank": rank,
                    "file": o.file,
                    "institution": inst["name"],
                    "code": inst["code"],
                    "type": inst["type"],
                    "province": inst["province"],
                    "year": inst["year"],
                    "rubric": r["rubric"]["id"],
                    "index": r["index"],
                    "index_exact": r["index_exact"],
                    "predikat": r["predikat"],
                    "predikat_boundary": r["predikat_boundary"],
                    "domains": {d["id"]: d["index"] for d in r["domains"]},
                    "aspects": {a["id"]: a["index"] for a in r["aspects"]},
                    "status": "ok",
                    "errors": [],
                    "warnings": r.get("warnings", []),
                    "gates": o.gate_misses,
                    "result": f"{o.stem}.json",
                }
            )
        else:
            inst = (r or {}).get("institution") or {}
            out.append(
                {
                    "rank": None,
                    "file": o.file,
                    "institution": inst.get("name"),
                    "code": inst.get("code"),
                    "type": inst.get("type"),
                    "province": inst.get("province"),
                    "year": inst.get("year"),
                    "rubric": (r or {}).get("rubric", {}).get("id"),
                    "index": None,
                    "index_exact": None,
                    "predikat": None,
                    "predikat_boundary": None,
                    "domains": {},
                    "aspects": {},
                    "status": "error",
                    "errors": o.errors,
                    "warnings": [],
                    "gates": [],
                    "result": None,
                }
            )
    return out


def to_json(table: list[dict[str, Any]]) -> str:
    return (
        json.dumps({"format_version": FORMAT_VERSION, "rows": table}, ensure_ascii=False, indent=2)
        + "\n"
    )


def _part_ids(table: list[dict[str, Any]], key: str) -> list[str]:
    ids = {i for r in table for i in r[key]}
    return sorted(ids, key=lambda s: (s[0], int(s[1:]) if s[1:].isdigit() else 0, s))


def flat(table: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for CSV and XLSX: every domain and aspect in its own column."""
    doms, asps = _part_ids(table, "domains"), _part_ids(table, "aspects")
    header = [
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
        *doms,
        *asps,
        "status",
        "errors",
        "warnings",
    ]
    body = []
    for r in table:
        body.append(
            [
                r["rank"],
                r["file"],
                r["institution"],
                r["code"],
                r["type"],
                r["province"],
                r["year"],
                r["rubric"],
                r["index"],
                r["index_exact"],
                r["predikat"],
                r["predikat_boundary"],
                *(r["domains"].get(d) for d in doms),
                *(r["aspects"].get(a) for a in asps),
                r["status"],
                " | ".join(r["errors"]),
                " | ".join(r.get("warnings", [])),
            ]
        )
    return header, body


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return csv_safe(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _two(value: Any) -> Any:
    """An index (a float already rounded half-up to 2 places) as its 2-decimal text, padded
    from its shortest form (`2.9` → `2.90`): exact, no rounding happens here."""
    if isinstance(value, bool) or not isinstance(value, float | int):
        return value
    whole, _, frac = repr(value).partition(".")
    if len(frac) <= 2 and whole.lstrip("-").isdigit() and (not frac or frac.isdigit()):
        return f"{whole}.{frac.ljust(2, '0')}"
    return str(Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def to_csv(table: list[dict[str, Any]]) -> str:
    """Indices as the 2-decimal text a report shows (2.90, not 2.9)."""
    header, body = flat(table)
    numeric = {i for i, h in enumerate(header) if h == "index" or h[:1] in "DA" and h[1:].isdigit()}
    body = [[_two(v) if i in numeric else v for i, v in enumerate(row)] for row in body]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in body:
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue()


def to_xlsx(table: list[dict[str, Any]]) -> bytes:
    header, body = flat(table)
    fills = [
        PREDIKAT_ORDER.index(r["predikat"]) if r["predikat"] in PREDIKAT_ORDER else None
        for r in table
    ]
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


def _mean(values: list[Decimal]) -> str:
    mean = sum(values, Decimal(0)) / len(values)
    return str(mean.quantize(Decimal("0.01"), ROUND_HALF_UP))


def _groups(table: list[dict[str, Any]], key: str, lang: Lang) -> list[list[str]]:
    groups: dict[tuple[str, str], list[Decimal]] = {}
    for r in table:
        if r["status"] == "ok":
            name = r[key] or "–"
            groups.setdefault((r["rubric"], name), []).append(Decimal(r["index_exact"]))
    return [
        [rubric, name, str(len(vals)), _mean(vals)]
        for (rubric, name), vals in sorted(groups.items())
    ]


def build_view(
    table: list[dict[str, Any]], lang: Lang, generated_at: str, tool: str
) -> SummaryView:
    ok = [r for r in table if r["status"] == "ok"]
    ranking = [
        [
            str(r["rank"]),
            r["institution"],
            r["type"] or "–",
            r["province"] or "–",
            str(r["year"]),
            r["rubric"],
            f"{Decimal(str(r['index'])):.2f}",
            r["predikat"],
        ]
        for r in ok
    ]
    css = [
        f"p{PREDIKAT_ORDER.index(r['predikat'])}" if r["predikat"] in PREDIKAT_ORDER else ""
        for r in ok
    ]
    counter = Counter(r["predikat"] for r in ok)
    counts = [(p, str(counter.get(p, 0)), f"p{i}") for i, p in enumerate(PREDIKAT_ORDER)]
    counts += [(p, str(n), "") for p, n in sorted(counter.items()) if p not in PREDIKAT_ORDER]
    chart = charts.count_bars(
        [(p, counter.get(p, 0)) for p in PREDIKAT_ORDER],
        t(lang, "s_distribution"),
        ", ".join(f"{p}: {counter.get(p, 0)}" for p in PREDIKAT_ORDER),
    )
    return SummaryView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "s_title", n=len(table), ok=len(ok)),
        ranking=ranking,
        ranking_css=css,
        counts=counts,
        by_type=_groups(table, "type", lang),
        by_province=_groups(table, "province", lang),
        errors=[(r["file"], m) for r in table if r["status"] == "error" for m in r["errors"]],
        gates=[(r["institution"], m) for r in ok for m in r["gates"]],
        chart=chart,
        footer=t(lang, "s_footer", tool=tool, time=generated_at),
        notices=_notices(ok, lang),
    )


def _notices(ok: list[dict[str, Any]], lang: Lang) -> list[str]:
    """Files scored with a rubric that does not apply to their year, counted and named."""
    off = [r for r in ok if "rubric-year-mismatch" in r.get("warnings", [])]
    if not off:
        return []
    names = ", ".join(f"{r['institution']} ({r['year']}, {r['rubric']})" for r in off)
    return [t(lang, "s_rubric_year", n=len(off), names=names)]


def render(view: SummaryView, fmt: str) -> str:
    return render_view("summary", view, fmt)
