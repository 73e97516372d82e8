"""Views of a diff for the terminal, Markdown and HTML: pre-formatted, pre-sorted text,
every number from the exact value by `numbers` (half-up, once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from spbe_cli.diff import BatchDiff, Diff, Failure
from spbe_cli.i18n import TEXT, Lang, t
from spbe_cli.numbers import level_text, round_text, signed_text
from spbe_cli.result import Headline, SummaryRow
from spbe_cli.safetext import file_name


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
class Section:
    """One part of a batch diff, the same in every output: a heading ("" for the main
    table), then a table (`columns`: header and alignment, `rows`) or a list (`items`)."""

    key: str  # stable, language-free: what a test or a stylesheet can name
    title: str
    columns: list[tuple[str, str]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class BatchDiffView:
    """The terminal, Markdown and HTML forms all print `sections`, in order."""

    lang: Lang
    labels: dict[str, str]
    title: str
    moves: list[str]
    sections: list[Section]

    @property
    def headings(self) -> list[str]:
        return [s.title for s in self.sections if s.title]


def _row(d: Diff) -> list[str]:
    places = d.new.places
    return [
        d.new.institution.name,
        str(d.old.institution.year),
        str(d.new.institution.year),
        round_text(d.old.index, places),
        round_text(d.new.index, places),
        signed_text(d.delta, places),
        d.old.predikat,
        d.new.predikat,
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


def _failed_rows(failures: tuple[Failure, ...], lang: Lang) -> list[list[str]]:
    """Institution, the side that failed, its file, the other year's file, the reasons."""
    return [
        [
            f.name or "–",
            t(lang, "d_side_" + f.side),
            file_name(f.failed.file),
            file_name(f.other.file) if f.other else "–",
            "; ".join(_unprefixed(m, f.failed.file) for m in f.failed.reasons),
        ]
        for f in failures
    ]


def _unprefixed(message: str, file: str) -> str:
    """A located message without its file name, which the table shows in its own column."""
    return message.removeprefix(f"{file_name(file)}: ")


def _main_columns(lang: Lang) -> list[tuple[str, str]]:
    keys = ("d_year_old", "d_year_new", "d_index_old", "d_index_new")
    return [
        (t(lang, "institution"), "left"),
        *((t(lang, k), "right") for k in keys),
        (t(lang, "d_delta"), "right"),
        (t(lang, "d_predikat_old"), "left"),
        (t(lang, "d_predikat_new"), "left"),
    ]


def build_batch(b: BatchDiff, lang: Lang, gates: list[tuple[str, str]]) -> BatchDiffView:
    ranked = sorted(b.diffs, key=lambda d: (-d.delta, d.new.institution.name))
    gains = [f"{d.new.institution.name}: {signed_text(d.delta)}" for d in ranked if d.delta > 0]
    falls = sorted(b.diffs, key=lambda d: (d.delta, d.new.institution.name))
    losses = [f"{d.new.institution.name}: {signed_text(d.delta)}" for d in falls if d.delta < 0]
    domain_ids, domain_rows = _domain_rows(b.diffs)
    inst = (t(lang, "institution"), "left")
    failed_columns = [
        inst,
        *((t(lang, k), "left") for k in ("d_failed_side", "d_failed_file", "d_other_file")),
        (t(lang, "d_failed_reason"), "left"),
    ]
    sections = [
        Section("changes", "", _main_columns(lang), [_row(d) for d in b.diffs]),
        Section("gains", t(lang, "d_gains"), items=gains[:5]),
        Section("losses", t(lang, "d_losses"), items=losses[:5]),
        Section(
            "domains",
            f"{t(lang, 'domains')} ({t(lang, 'd_delta')})",
            [inst, *((i, "right") for i in domain_ids)],
            domain_rows,
        ),
        Section("failed", t(lang, "d_failed"), failed_columns, _failed_rows(b.failures, lang)),
        Section("unmatched_old", t(lang, "d_unmatched_old"), items=_unmatched(b.unmatched_old)),
        Section("unmatched_new", t(lang, "d_unmatched_new"), items=_unmatched(b.unmatched_new)),
        Section("gates", t(lang, "s_gates"), items=[f"{n}: {m}" for n, m in gates]),
    ]
    return BatchDiffView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "d_title_batch", n=len(b.diffs)),
        moves=_moves(b.diffs, lang),
        sections=[s for s in sections if s.rows or s.items],
    )
