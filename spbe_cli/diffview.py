"""Views of a diff for the terminal, Markdown and HTML: pre-formatted, pre-sorted text,
every number from the exact value by `numbers` (half-up, once)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from spbe_cli.diff import BatchDiff, Diff
from spbe_cli.i18n import TEXT, Lang, t
from spbe_cli.numbers import level_text, round_text, signed_text
from spbe_cli.result import Headline, SummaryRow


def _level_or_dash(v: Fraction | None) -> str:
    return "–" if v is None else level_text(v)


@dataclass
class DiffView:
    lang: Lang
    labels: dict[str, str]
    title: str
    headline: list[tuple[str, str, str, str]]  # label, old, new, delta
    predikat: tuple[str, str, str]  # old, new, move word
    predikat_rank: tuple[int | None, int | None]  # positions in each side's band list
    cross_note: str
    parts: list[list[str]]  # id, name, old, new, delta (domains then aspects)
    items: list[list[str]]  # id, name, old level, new level, contribution
    items_sum: str
    reached: list[str]
    lost: list[str]
    self_line: str


def _move_word(lang: Lang, move: int | None) -> str:
    if move is None:
        return t(lang, "d_incomparable")
    return t(lang, "d_up" if move > 0 else "d_down" if move < 0 else "d_same")


def _cross_note(d: Diff, lang: Lang) -> str:
    notes = []
    if not d.comparable:
        notes.append(t(lang, "d_cross", old=d.old.rubric_id, new=d.new.rubric_id))
    if d.predikat_move is None:
        notes.append(t(lang, "d_bands_differ"))
    return " ".join(notes)


def _rank(h: Headline) -> int | None:
    return h.bands.index(h.predikat) if h.predikat in h.bands else None


def build(d: Diff, lang: Lang, index_name: str) -> DiffView:
    def who(h: Headline) -> str:
        return f"{h.institution.name} {h.institution.year}"

    places = d.new.places
    parts = [
        [p.id, p.name, round_text(p.old, places), round_text(p.new, places), signed_text(p.delta)]
        for p in [*d.domains, *d.aspects]
    ]
    items = [
        [
            c.id,
            c.name,
            _level_or_dash(c.old_level),
            _level_or_dash(c.new_level),
            signed_text(c.contribution, 4),
        ]
        for c in d.items
    ]
    total = sum((c.contribution for c in d.items), Fraction(0))
    self_line = ""
    if d.self_old is not None and d.self_new is not None:
        self_line = (
            f"{t(lang, 'd_self')}: {round_text(d.self_old, places)} → "
            f"{round_text(d.self_new, places)} ({signed_text(d.self_new - d.self_old)})"
        )
    old_index, new_index = round_text(d.old.index, places), round_text(d.new.index, places)
    return DiffView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "d_title", index_name=index_name, old=who(d.old), new=who(d.new)),
        headline=[(t(lang, "d_index"), old_index, new_index, signed_text(d.delta, places))],
        predikat=(d.old.predikat, d.new.predikat, _move_word(lang, d.predikat_move)),
        predikat_rank=(_rank(d.old), _rank(d.new)),
        cross_note=_cross_note(d, lang),
        parts=parts,
        items=items,
        items_sum=signed_text(total, 4) if d.comparable else "",
        reached=[
            f"{c.id} ({_level_or_dash(c.old_level)} → {_level_or_dash(c.new_level)})"
            for c in d.reached
        ],
        lost=[
            f"{c.id} ({_level_or_dash(c.old_level)} → {_level_or_dash(c.new_level)})"
            for c in d.lost
        ],
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


def _row(d: Diff) -> list[str]:
    places = d.new.places
    return [
        d.new.institution.name,
        str(d.old.institution.year),
        str(d.new.institution.year),
        round_text(d.old.index, places),
        round_text(d.new.index, places),
        signed_text(d.delta, places),
        f"{d.old.predikat} → {d.new.predikat}",
    ]


def _moves(diffs: tuple[Diff, ...], lang: Lang) -> list[str]:
    """How many moved up to (or down to) each predikat, in band order; a note when some
    pairs' band lists differ (their predikat are not compared)."""
    ups: dict[tuple[int, str], int] = {}
    downs: dict[tuple[int, str], int] = {}
    for d in diffs:
        if d.predikat_move:
            key = (d.new.bands.index(d.new.predikat), d.new.predikat)
            side = ups if d.predikat_move > 0 else downs
            side[key] = side.get(key, 0) + 1
    moves = [t(lang, "d_moved_up", n=c, predikat=p) for (_, p), c in sorted(ups.items())]
    moves += [t(lang, "d_moved_down", n=c, predikat=p) for (_, p), c in sorted(downs.items())]
    if any(d.predikat_move is None for d in diffs):
        moves.append(t(lang, "d_bands_differ"))
    return moves


def _domain_rows(diffs: tuple[Diff, ...]) -> tuple[list[str], list[list[str]]]:
    ids = sorted({p.id for d in diffs if d.comparable for p in d.domains})
    rows = []
    for d in diffs:
        if d.comparable:
            by_id = {p.id: p for p in d.domains}
            cells = [signed_text(by_id[i].delta) if i in by_id else "–" for i in ids]
            rows.append([d.new.institution.name, *cells])
    return ids, rows


def _unmatched(rows: tuple[SummaryRow, ...]) -> list[str]:
    out = []
    for r in rows:
        inst = r.headline.institution if r.headline else None
        out.append(f"{inst.name if inst else '–'} ({inst.year if inst else '–'}, {r.file})")
    return out


def build_batch(b: BatchDiff, lang: Lang, gates: list[tuple[str, str]]) -> BatchDiffView:
    ranked = sorted(b.diffs, key=lambda d: (-d.delta, d.new.institution.name))
    gains = [[d.new.institution.name, signed_text(d.delta)] for d in ranked if d.delta > 0][:5]
    falls = sorted(b.diffs, key=lambda d: (d.delta, d.new.institution.name))
    losses = [[d.new.institution.name, signed_text(d.delta)] for d in falls if d.delta < 0][:5]
    domain_ids, domain_rows = _domain_rows(b.diffs)
    return BatchDiffView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "d_title_batch", n=len(b.diffs)),
        rows=[_row(d) for d in b.diffs],
        moves=_moves(b.diffs, lang),
        gains=gains,
        losses=losses,
        unmatched_old=_unmatched(b.unmatched_old),
        unmatched_new=_unmatched(b.unmatched_new),
        domain_ids=domain_ids,
        domain_rows=domain_rows,
        gates=gates,
    )
