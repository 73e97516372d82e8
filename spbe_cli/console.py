"""Terminal rendering with rich: the score table, the rubric list and a rubric's structure."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from spbe_cli.answers import how_chosen
from spbe_cli.i18n import Lang, code_word, in_words, t
from spbe_cli.notices import warning_text
from spbe_cli.numbers import percent_text, round_text, signed_text, weight_text
from spbe_cli.result import Result
from spbe_cli.rubric import Aspect, Domain, LoadedRubric, Rubric
from spbe_cli.safetext import printable, terminal_text
from spbe_cli.scoring import TOP_WARNINGS


def clean(text: object) -> str:
    """The one sanitiser for text on a terminal or in a CI log: control characters shown
    escaped, on one line, and rich markup (`[link=…]`, `[/x]`) shown, never applied."""
    return escape(printable(str(text)))


class _SafeTable(Table):
    """A table whose text cells pass `clean` (rich renders markup in plain strings)."""

    def add_row(self, *cells: Any, **kwargs: Any) -> None:
        super().add_row(*(clean(c) if isinstance(c, str) else _text(c) for c in cells), **kwargs)


def _text(cell: Any) -> Any:
    """A rich Text cell keeps its styles and line breaks unless it holds other control
    characters; then it is shown escaped, in its base style."""
    if isinstance(cell, Text) and terminal_text(cell.plain) != cell.plain:
        return Text(terminal_text(cell.plain), style=cell.style)
    return cell


def say(console: Console, text: str, style: str = "", prefix: str = "") -> None:
    """One message line: `prefix` is markup of ours, `text` is shown as it is."""
    console.print(f"{prefix}{clean(text)}", style=style, soft_wrap=True)


# Predikat colours by position in the rubric's band list, lowest first (as the reports).
BAND_STYLES = ("bold red", "bold yellow", "bold green", "bold cyan", "bold magenta")


def _p(name: str, position: int | None) -> Text:
    style = "bold" if position is None else BAND_STYLES[position % len(BAND_STYLES)]
    return Text(printable(name), style=style)


def _at(css: str) -> int | None:
    """A view's colour class (`p2`) back to its band position."""
    return int(css[1:]) if css[1:].isdigit() else None


def _columns(table: Table, columns: list[tuple[str, str]]) -> None:
    for col, j in columns:
        table.add_column(col, justify=j)  # type: ignore[arg-type]


def score_table(console: Console, result: Result, rubric: Rubric, lang: Lang) -> None:
    """The result in the terminal; every number by `numbers` from the exact value."""
    inst = result.institution
    bits = [
        inst.name,
        inst.type,
        inst.province,
        str(inst.year),
        t(lang, "cli.stage", stage=inst.stage) if inst.stage else None,
    ]
    console.print(Text(printable(" · ".join(b for b in bits if b)), style="bold"))
    chosen = selected_by_text(lang, result.rubric.selected_by)
    say(console, t(lang, "cli.rubric_line", id=result.rubric.id, why=chosen), "dim")
    warning = t(lang, "cli.warning")
    top = [w for w in result.warnings if w.code in TOP_WARNINGS]
    for w in top:  # how the whole result must be read: before its numbers
        say(console, f"{warning}: {warning_text(lang, result, w)}", "bold yellow")
    places = result.places

    def pred(name: str) -> Text:
        return _p(name, rubric.band_position(name))

    line = Text(printable(f"{rubric.index_name}: "))
    line.append(round_text(result.index, places), style="bold")
    line.append("  ")
    line.append_text(pred(result.predikat))
    exact = t(lang, "cli.exact", value=result.overall.index_exact)
    line.append(f"   ({exact})", style="dim")
    console.print(line)
    weight, index = t(lang, "cli.col.weight"), t(lang, "cli.col.index")
    if result.domains:
        table = _SafeTable(title=t(lang, "domains"), title_justify="left", show_edge=False)
        cols = [("", "left"), (t(lang, "domain"), "left"), (weight, "right"), (index, "right")]
        _columns(table, [*cols, (t(lang, "predikat"), "left")])
        for d in result.domains:
            cells = [d.id, d.name, weight_text(d.weight), round_text(d.index, places)]
            table.add_row(*cells, pred(d.predikat))
        console.print(table)
    table = _SafeTable(title=t(lang, "aspects"), title_justify="left", show_edge=False)
    has_domains = bool(result.domains)
    cols = [("", "left"), (t(lang, "cli.col.aspect"), "left")]
    cols += [(t(lang, "domain"), "left")] if has_domains else []
    _columns(table, [*cols, (weight, "right"), (index, "right")])
    for a in result.aspects:
        cells = [a.id, a.name] + ([a.domain or ""] if has_domains else [])
        table.add_row(*cells, weight_text(a.weight), round_text(a.index, places))
    console.print(table)
    sa = result.self_assessment
    if sa:
        line = Text(t(lang, "cli.self_index", index=round_text(sa.index, places)) + " ")
        line.append_text(pred(sa.predikat))
        diff = signed_text(sa.index - result.index, places)
        line.append("  " + t(lang, "cli.self_difference", difference=diff))
        console.print(line)
    for w in result.warnings:
        if w not in top:
            say(console, f"{warning}: {warning_text(lang, result, w)}", "yellow")


def selected_by_text(lang: Lang, selected_by: str) -> str:
    """How the rubric was chosen, in words (the result JSON keeps its English form)."""
    return in_words(how_chosen(selected_by), lang)


def rubric_list(console: Console, rubrics: list[LoadedRubric], lang: Lang) -> None:
    table = _SafeTable(show_edge=False)
    table.add_column(t(lang, "cli.col.id"), no_wrap=True)
    table.add_column(t(lang, "cli.col.years"), no_wrap=True)
    table.add_column(t(lang, "cli.col.indicators"), justify="right", no_wrap=True)
    table.add_column(t(lang, "cli.col.index_confidence"), min_width=24)
    for lr in rubrics:
        r = lr.rubric
        years = f"{r.years.first}–{r.years.last}" if r.years.last else f"{r.years.first}–"
        unconfirmed = ", ".join(code_word(lang, "part", p) for p in r.unconfirmed_parts())
        conf = (
            t(lang, "cli.unconfirmed", parts=unconfirmed)
            if unconfirmed
            else code_word(lang, "conf", r.lowest_confidence.value)
        )
        table.add_row(r.id, years, str(len(r.indicators)), f"{r.index_name}; {conf}")
    console.print(table)
    say(console, t(lang, "cli.rubrics_hint"), "dim")


def rubric_show(console: Console, lr: LoadedRubric, lang: Lang) -> None:
    r = lr.rubric
    console.print(Text(printable(f"{r.id}: {r.title}"), style="bold"))
    say(console, r.regulation, "dim")
    say(console, f"sha256 {lr.sha256}", "dim")
    vs = r.values
    basis = t(lang, f"basis_{r.predikat.basis}")
    kind = t(lang, f"cli.values.{vs.type}")
    say(console, t(lang, "cli.values", kind=kind, min=vs.min, max=vs.max, basis=basis))
    for s in r.scales:
        names = ", ".join(f"{k} {v}" for k, v in sorted(s.levels.items()))
        say(console, t(lang, "cli.scale", id=s.id, name=s.name, levels=names))
    bands = []
    for b in r.predikat.bands:
        lo = f"{b.min} {'≤' if b.min_inclusive else '<'} " if b.min is not None else ""
        hi = f" {'≤' if b.max_inclusive else '<'} {b.max}" if b.max is not None else ""
        bands.append(f"{lo}x{hi} {b.name}")
    say(console, t(lang, "predikat") + ": " + "; ".join(bands))
    console.print(_structure(r, lang))
    for part, p in r.provenance.items():
        # the notes of the built-in rubrics are written in English: shown in English only
        note = f" — {p.note}" if p.note and lang == "en" else ""
        conf = code_word(lang, "conf", p.confidence.value)
        say(console, f"{code_word(lang, 'part', part)}: {conf} ({', '.join(p.sources)}){note}")


def _structure(r: Rubric, lang: Lang) -> Table:
    """Domains, aspects and indicators of a rubric with their weights and scales."""
    table = _SafeTable(show_edge=False)
    _columns(
        table,
        [
            (t(lang, "cli.col.id"), "left"),
            (t(lang, "name"), "left"),
            (t(lang, "cli.col.weight"), "right"),
            (t(lang, "cli.col.scale"), "left"),
        ],
    )
    groups: list[tuple[Domain | None, list[Aspect]]] = (
        [(d, d.aspects) for d in r.domains] if r.domains else [(None, r.aspects)]
    )
    for d, aspects in groups:
        if d is not None:
            table.add_row(
                Text(d.id, style="bold"),
                Text(d.name, style="bold"),
                percent_text(d.weight_fraction),
                "",
            )
        for a in aspects:
            share = f" ({t(lang, 'cli.shared_equally')})" if a.weighting == "equal-shares" else ""
            table.add_row(
                Text(a.id, style="cyan"),
                Text(a.name + share, style="cyan"),
                percent_text(a.weight_fraction),
                "",
            )
            for ind in a.indicators:
                w = percent_text(ind.weight_fraction) if ind.weight is not None else ""
                w = w or t(lang, "cli.shared")
                rep = f" ×{ind.repeat} ({', '.join(ind.item_ids)})" if ind.repeat > 1 else ""
                ext = ""
                if ind.external_index:
                    ext = f" [{t(lang, 'cli.from_index', index=ind.external_index)}]"
                table.add_row("  " + ind.id, ind.name + rep + ext, w, r.scale_of(ind).id)
    return table


def diff_table(console: Console, view: Any) -> None:
    console.print(Text(printable(view.title), style="bold"))
    for label, old, new, delta in view.headline:
        console.print(clean(f"{label}: {old} → {new}  "), Text(printable(delta), style="bold"))
    old_p, new_p, word = view.predikat
    old_at, new_at = view.predikat_rank
    line = Text("Predikat: ")
    line.append_text(_p(old_p, old_at))
    line.append(" → ")
    line.append_text(_p(new_p, new_at))
    line.append(printable(f" ({word})"))
    console.print(line)
    if view.cross_note:
        say(console, view.cross_note, "yellow")
    L = view.labels
    if view.parts:
        t = _SafeTable(show_edge=False)
        _columns(
            t,
            [
                ("", "left"),
                (L["name"], "left"),
                (L["d_old"], "right"),
                (L["d_new"], "right"),
                ("Δ", "right"),
            ],
        )
        for r in view.parts:
            t.add_row(*r)
        console.print(t)
    if view.items:
        t = _SafeTable(show_edge=False, title=view.labels["d_indicators"], title_justify="left")
        _columns(
            t,
            [
                ("", "left"),
                (L["indicators"], "left"),
                (L["d_old"], "right"),
                (L["d_new"], "right"),
                (L["contribution"], "right"),
            ],
        )
        for r in view.items:
            t.add_row(*r)
        t.add_row("", view.labels["d_sum"], "", "", view.items_sum)
        console.print(t)
    if view.self_line:
        say(console, view.self_line)


def batch_diff_table(console: Console, view: Any) -> None:
    """Every section of the batch diff view, as the Markdown and HTML forms have them."""
    console.print(Text(printable(view.title), style="bold"))
    if view.moves:
        say(console, ", ".join(view.moves))
    for section in view.sections:
        if section.title:
            console.print()
            console.print(Text(printable(section.title), style="bold"))
        if section.columns:
            table = _SafeTable(show_edge=False)
            _columns(table, [(clean(name), j) for name, j in section.columns])
            for r in section.rows:
                table.add_row(*r)
            console.print(table)
        for item in section.items:
            say(console, item, prefix="- ")


def plan_table(console: Console, view: Any) -> None:
    console.print(Text(printable(view.title), style="bold"))
    for line in view.summary:
        say(console, line)
    if view.rows:
        L = view.labels
        t = _SafeTable(show_edge=False)
        _columns(
            t,
            [
                ("#", "right"),
                (L["id_col"], "left"),
                (L["indicators"], "left"),
                (L["p_from_to"], "left"),
                (L["p_gain"], "right"),
                (L["p_after"], "right"),
                (L["p_criterion"], "left"),
            ],
        )
        for r in view.rows:
            t.add_row(*r)
        console.print(t)


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def check_table(console: Console, v: Any) -> None:
    """`spbe check` on a terminal: the headline, then each indicator's findings."""
    console.print(Text(printable(v.title), style="bold"))
    line = Text(
        printable(f"{v.labels['index']} {v.index} {v.predikat} → {v.labels['ck_risk_index']} ")
    )
    line.append(f"{v.risk_index} {v.risk_predikat}", style="bold")
    line.append(f" ({v.drop})   {v.counts}", style="dim")
    console.print(line)
    console.print(Text(printable(v.headline), style="bold"))
    for n in v.notes:
        console.print(Text(printable(n), style="dim"), soft_wrap=True)
    if v.at_risk:
        risk = _SafeTable(show_edge=False, title=v.labels["ck_at_risk"], title_justify="left")
        _columns(
            risk,
            [
                (v.labels["id_col"], "right"),
                (v.labels["indicators"], "left"),
                (v.labels["ck_level"], "right"),
                (v.labels["ck_to"], "right"),
                (v.labels["ck_drop"], "right"),
            ],
        )
        for r in v.at_risk[:10]:
            risk.add_row(Text(r[0]), Text(r[1]), *r[2:])
        if len(v.at_risk) > 10:
            risk.add_row("…", Text(f"+{len(v.at_risk) - 10}"), "", "", "")
        console.print(risk)
    if not v.checklist:
        return
    t = _SafeTable(show_edge=False, title=v.labels["ck_checklist"], title_justify="left")
    _columns(
        t,
        [
            (v.labels["id_col"], "right"),
            (v.labels["ck_level"], "right"),
            (v.labels["ck_findings"], "left"),
        ],
    )
    for r in v.checklist:
        found = Text()
        for i, (sev, word, msg) in enumerate(r.findings):
            if i:
                found.append("\n")
            found.append(f"{word}: ", style=_SEVERITY_STYLE.get(sev, ""))
            found.append(msg)
        t.add_row(Text(r.id), r.level, found)
    console.print(t)
    console.print(Text(printable(v.clean), style="dim"))


def check_summary_table(console: Console, v: Any) -> None:
    t = _SafeTable(show_edge=False, title=v.title, title_justify="left")
    L = v.labels
    _columns(
        t,
        [
            (L["institution"], "left"),
            (L["year"], "right"),
            (L["index"], "right"),
            (L["predikat"], "left"),
            (L["ck_errors"], "right"),
            (L["ck_warnings"], "right"),
            (L["ck_risk_index"], "right"),
            (L["ck_risk_predikat"], "left"),
            ("Δ", "right"),
        ],
    )
    for r, css, risk in zip(v.rows, v.predikat_css, v.css, strict=True):
        t.add_row(Text(r[0]), *r[1:3], _p(r[3], _at(css)), *r[4:7], _p(r[7], _at(risk)), r[8])
    console.print(t)
