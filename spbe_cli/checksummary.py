"""Folder summaries of `spbe check`: one row per file (errors, warnings, index and index at
risk) as summary.json, .csv, .xlsx, .md and .html, the way `spbe batch` writes its own."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from spbe_cli import xlsx
from spbe_cli.check import Check
from spbe_cli.checkview import FORMAT_VERSION
from spbe_cli.i18n import TEXT, Lang, t
from spbe_cli.numbers import exact_text, round_text
from spbe_cli.render import render_view
from spbe_cli.rubric import builtin_ids, load_builtin
from spbe_cli.text import csv_safe


class Row(Protocol):
    """One file of a folder check (checkrun.Row), as the summaries read it."""

    @property
    def file(self) -> str: ...
    @property
    def check(self) -> Check | None: ...
    @property
    def errors(self) -> list[str]: ...
    @property
    def stem(self) -> str: ...


HEADER = (
    "file",
    "institution",
    "code",
    "year",
    "rubric",
    "index",
    "index_exact",
    "predikat",
    "errors",
    "warnings",
    "infos",
    "at_risk_index",
    "at_risk_index_exact",
    "at_risk_predikat",
    "drop",
    "drop_exact",
    "status",
    "problems",
    "check",
)


def rows(checked: Sequence[Row]) -> list[dict[str, Any]]:
    """Ordered by index at risk (lowest first: who needs help first), then name; files
    that could not be checked last, by file."""

    def key(r: Row) -> tuple[Any, ...]:
        if r.check is None:
            return (1, 0, "", r.file)
        name = r.check.answers.identity.name.casefold()
        return (0, r.check.at_risk.overall.index, name, r.file)

    out: list[dict[str, Any]] = []
    for r in sorted(checked, key=key):
        c = r.check
        if c is None:
            out.append(dict.fromkeys(HEADER) | {"file": r.file, "status": "error"})
            out[-1]["problems"] = r.errors
            continue
        ident, o, risk = c.answers.identity, c.score.overall, c.at_risk
        out.append(
            {
                "file": r.file,
                "institution": ident.name,
                "code": ident.code,
                "year": ident.year,
                "rubric": c.loaded.rubric.id,
                "index": o.display,
                "index_exact": exact_text(o.index),
                "predikat": o.predikat,
                "errors": c.count("error"),
                "warnings": c.count("warning"),
                "infos": c.count("info"),
                "at_risk_index": risk.overall.display,
                "at_risk_index_exact": exact_text(risk.overall.index),
                "at_risk_predikat": risk.overall.predikat,
                "drop": round_text(risk.drop, 2),
                "drop_exact": exact_text(risk.drop),
                "status": "ok",
                "problems": [],
                "check": f"{r.stem}.json",
            }
        )
    return out


def _number(value: Any) -> Any:
    """Indices travel as their displayed 2-decimal text and become JSON numbers here."""
    return float(value) if isinstance(value, str) else value


def to_json(table: list[dict[str, Any]]) -> str:
    numeric = {"index", "at_risk_index", "drop"}
    body = [{k: _number(v) if k in numeric else v for k, v in r.items()} for r in table]
    return (
        json.dumps({"format_version": FORMAT_VERSION, "rows": body}, ensure_ascii=False, indent=2)
        + "\n"
    )


def _position(r: dict[str, Any], key: str) -> int | None:
    """A row's predikat as a position in its rubric's band list (built-in rubrics; a
    custom rubric's row is not coloured)."""
    rubric_id, name = r.get("rubric"), r.get(key)
    if rubric_id not in builtin_ids() or name is None:
        return None
    return load_builtin(str(rubric_id)).rubric.band_position(str(name))


def _css(position: int | None) -> str:
    return "" if position is None else f"p{position}"


def _flat(r: dict[str, Any]) -> list[Any]:
    return [" | ".join(r[h]) if h == "problems" else r[h] for h in HEADER]


def to_csv(table: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for r in table:
        w.writerow(["" if v is None else csv_safe(v) for v in _flat(r)])
    return buf.getvalue()


# summary.xlsx: (row key, catalogue key of its header), the institution first, the file last
XLSX_COLUMNS = (
    ("institution", "institution"),
    ("code", "code"),
    ("year", "year"),
    ("rubric", "rubric"),
    ("index", "index"),
    ("predikat", "predikat"),
    ("errors", "ck_errors"),
    ("warnings", "ck_warnings"),
    ("infos", "x_infos"),
    ("at_risk_index", "ck_risk_index"),
    ("at_risk_predikat", "ck_risk_predikat"),
    ("drop", "ck_drop"),
    ("index_exact", "x_index_exact"),
    ("at_risk_index_exact", "x_risk_exact"),
    ("drop_exact", "x_drop_exact"),
    ("problems", "s_problem"),
    ("check", "x_check_file"),
    ("file", "s_file"),
)


def _xlsx_cell(r: dict[str, Any], key: str) -> xlsx.Value | xlsx.Cell:
    value = r[key]
    if key in ("index", "at_risk_index", "drop"):
        return None if value is None else xlsx.Cell(float(value), "0.00")
    if key in ("predikat", "at_risk_predikat"):
        return xlsx.Cell(value, fill=xlsx.fill_of(_position(r, key)))
    if key == "problems":
        return "\n".join(value)
    return value  # type: ignore[no-any-return]


def to_xlsx(table: list[dict[str, Any]], lang: Lang = "id") -> bytes:
    """One sheet, headers in `lang`, numbers as numbers, predikat coloured by band."""
    header = [t(lang, k) for _, k in XLSX_COLUMNS]
    body = [[_xlsx_cell(r, key) for key, _ in XLSX_COLUMNS] for r in table]
    return xlsx.write_book([xlsx.Sheet(t(lang, "x_sheet_readiness"), header, body)])


@dataclass
class SummaryView:
    lang: Lang
    labels: dict[str, str]
    title: str
    rows: list[
        list[str]
    ]  # institution, year, index, predikat, errors, warnings, risk, risk predikat
    css: list[str]  # the predikat at risk's colour class
    predikat_css: list[str]
    errors: list[tuple[str, str]]
    footer: str


def build_view(
    table: list[dict[str, Any]], lang: Lang, generated_at: str, tool: str
) -> SummaryView:
    ok = [r for r in table if r["status"] == "ok"]
    return SummaryView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "ck_summary_title", ok=len(ok), n=len(table)),
        rows=[
            [
                r["institution"],
                str(r["year"]),
                r["index"],
                r["predikat"],
                str(r["errors"]),
                str(r["warnings"]),
                r["at_risk_index"],
                r["at_risk_predikat"],
                "-" + r["drop"] if r["drop"] != "0.00" else r["drop"],
            ]
            for r in ok
        ],
        css=[_css(_position(r, "at_risk_predikat")) for r in ok],
        predikat_css=[_css(_position(r, "predikat")) for r in ok],
        errors=[(r["file"], m) for r in table if r["status"] != "ok" for m in r["problems"]],
        footer=t(lang, "s_footer", tool=tool, time=generated_at),
    )


def render(view: SummaryView, fmt: str) -> str:
    return render_view("check-summary", view, fmt)


def checklist_text(view: Any, fmt: str) -> str:
    """One institution's checklist as Markdown or HTML (a self-contained page: what a PDF
    renderer is handed)."""
    return render_view("check", view, fmt)
