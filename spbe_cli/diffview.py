"""Views of a diff for the terminal, Markdown and HTML: pre-formatted, pre-sorted text."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from spbe_cli.diff import Diff, signed
from spbe_cli.i18n import TEXT, Lang, t
from spbe_cli.names import normalize
from spbe_cli.numbers import round_text
from spbe_cli.rubric import PREDIKAT_ORDER


def _lv(v: Fraction | None) -> str:
    if v is None:
        return "–"
    return str(v.numerator) if v.denominator == 1 else round_text(v, 2)


@dataclass
class DiffView:
    lang: Lang
    labels: dict[str, str]
    title: str
    headline: list[tuple[str, str, str, str]]  # label, old, new, delta
    predikat: tuple[str, str, str]  # old, new, move word
    cross_note: str
    parts: list[list[str]]  # id, name, old, new, delta (domains then aspects)
    items: list[list[str]]  # id, name, old level, new level, contribution
    items_sum: str
    reached: list[str]
    lost: list[str]
    self_line: str
    gates: list[str] = field(default_factory=list)


def build(d: Diff, lang: Lang, index_name: str) -> DiffView:
    old, new = d.old, d.new

    def who(r: dict[str, Any]) -> str:
        return f"{r['institution']['name']} {r['institution']['year']}"

    move = d.predikat_move
    word = t(lang, "d_up") if move > 0 else t(lang, "d_down") if move < 0 else t(lang, "d_same")
    parts = [
        [p.id, p.name, round_text(p.old, 2), round_text(p.new, 2), signed(p.delta)]
        for p in [*d.domains, *d.aspects]
    ]
    items = [
        [c.id, c.name, _lv(c.old_level), _lv(c.new_level), signed(c.contribution, 4)]
        for c in d.items
    ]
    total = sum((c.contribution for c in d.items), Fraction(0))
    self_line = ""
    if d.self_old is not None and d.self_new is not None:
        self_line = (
            f"{t(lang, 'd_self')}: {round_text(d.self_old, 2)} → "
            f"{round_text(d.self_new, 2)} ({signed(d.self_new - d.self_old)})"
        )
    return DiffView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "d_title", index_name=index_name, old=who(old), new=who(new)),
        headline=[
            (
                t(lang, "d_index"),
                f"{Decimal(str(old['index'])):.2f}",
                f"{Decimal(str(new['index'])):.2f}",
                signed(d.delta),
            )
        ],
        predikat=(old["predikat"], new["predikat"], word),
        cross_note=""
        if d.comparable
        else t(lang, "d_cross", old=old["rubric"]["id"], new=new["rubric"]["id"]),
        parts=parts,
        items=items,
        items_sum=signed(total, 4) if d.comparable else "",
        reached=[f"{c.id} ({_lv(c.old_level)} → {_lv(c.new_level)})" for c in d.reached],
        lost=[f"{c.id} ({_lv(c.old_level)} → {_lv(c.new_level)})" for c in d.lost],
        self_line=self_line,
    )


@dataclass
class BatchDiffView:
    lang: Lang
    labels: dict[str, str]
    title: str
    rows: list[list[str]]  # name, old year, new year, old, new, Δ, predikat old → new
    moves: list[str]
    gains: list[list[str]]
    losses: list[list[str]]
    unmatched_old: list[str]
    unmatched_new: list[str]
    domain_ids: list[str]
    domain_rows: list[list[str]]
    gates: list[tuple[str, str]]


def match(
    old_rows: list[dict[str, Any]], new_rows: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Pair institutions by Kode where both have one, else by normalised name."""

    def keys(r: dict[str, Any]) -> list[str]:
        out = []
        if r.get("code"):
            out.append("code:" + str(r["code"]).strip().casefold())
        out.append("name:" + normalize(str(r.get("institution") or "")))
        return out

    by_key: dict[str, dict[str, Any]] = {}
    for r in new_rows:
        for k in keys(r):
            by_key.setdefault(k, r)
    pairs, used, unmatched_old = [], set(), []
    for r in old_rows:
        hit = next((by_key[k] for k in keys(r) if k in by_key and id(by_key[k]) not in used), None)
        if hit is None:
            unmatched_old.append(r)
        else:
            used.add(id(hit))
            pairs.append((r, hit))
    unmatched_new = [r for r in new_rows if id(r) not in used]
    return pairs, unmatched_old, unmatched_new


def build_batch(
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
    unmatched_old: list[dict[str, Any]],
    unmatched_new: list[dict[str, Any]],
    lang: Lang,
    fail_on_drop: Decimal | None,
    predikat_drop: bool,
) -> BatchDiffView:
    def dec(r: dict[str, Any]) -> Decimal:
        return Decimal(str(r["index_exact"] or r["index"]))

    rows, deltas, gates = [], [], []
    ups: dict[str, int] = {}
    downs: dict[str, int] = {}
    dom_ids = sorted({d for o, n in pairs if o["rubric"] == n["rubric"] for d in n["domains"]})
    domain_rows = []
    for o, n in sorted(pairs, key=lambda p: (-(dec(p[1]) - dec(p[0])), str(p[1]["institution"]))):
        delta = Decimal(str(n["index"])) - Decimal(str(o["index"]))
        po, pn = o["predikat"], n["predikat"]
        if po in PREDIKAT_ORDER and pn in PREDIKAT_ORDER:
            step = PREDIKAT_ORDER.index(pn) - PREDIKAT_ORDER.index(po)
            if step > 0:
                ups[pn] = ups.get(pn, 0) + 1
            elif step < 0:
                downs[pn] = downs.get(pn, 0) + 1
        else:
            step = 0
        rows.append(
            [
                n["institution"],
                str(o["year"]),
                str(n["year"]),
                f"{o['index']:.2f}",
                f"{n['index']:.2f}",
                f"{delta:+.2f}",
                f"{po} → {pn}",
            ]
        )
        deltas.append((delta, n["institution"]))
        if o["rubric"] == n["rubric"]:
            domain_rows.append(
                [n["institution"]]
                + [
                    f"{Decimal(str(n['domains'][d])) - Decimal(str(o['domains'][d])):+.2f}"
                    if d in n["domains"] and d in o["domains"]
                    else "–"
                    for d in dom_ids
                ]
            )
        if fail_on_drop is not None and -delta > fail_on_drop:
            gates.append(
                (
                    n["institution"],
                    f"index fell {o['index']:.2f} → {n['index']:.2f}"
                    f" ({delta:+.2f}, tolerance {fail_on_drop})",
                )
            )
        if predikat_drop and step < 0:
            gates.append((n["institution"], f"predikat fell {po} → {pn}"))
    moves = [
        t(lang, "d_moved_up", n=c, predikat=p)
        for p, c in sorted(ups.items(), key=lambda x: PREDIKAT_ORDER.index(x[0]))
    ]
    moves += [
        t(lang, "d_moved_down", n=c, predikat=p)
        for p, c in sorted(downs.items(), key=lambda x: PREDIKAT_ORDER.index(x[0]))
    ]
    gains = [
        [name, f"{d:+.2f}"] for d, name in sorted(deltas, key=lambda x: (-x[0], x[1]))[:5] if d > 0
    ]
    losses = [
        [name, f"{d:+.2f}"] for d, name in sorted(deltas, key=lambda x: (x[0], x[1]))[:5] if d < 0
    ]
    return BatchDiffView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "d_title_batch", n=len(pairs)),
        rows=rows,
        moves=moves,
        gains=gains,
        losses=losses,
        unmatched_old=[f"{r['institution']} ({r['year']}, {r['file']})" for r in unmatched_old],
        unmatched_new=[f"{r['institution']} ({r['year']}, {r['file']})" for r in unmatched_new],
        domain_ids=dom_ids,
        domain_rows=domain_rows,
        gates=gates,
    )
