"""The result of scoring one institution: a typed, frozen model with exact values (Fraction),
built once from the Score; and the row a batch summary keeps of it.

Every view, gate, summary, diff and plan reads these models; `serialize.py` writes them as
JSON (the format_version 1 contracts) and `loader.py` reads saved JSON back into them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from spbe_cli import __version__
from spbe_cli.answers import Answers
from spbe_cli.numbers import exact_level, exact_text, round_half_up, round_text
from spbe_cli.rubric import LoadedRubric, Rubric
from spbe_cli.scoring import Basis, Classified, ItemScore, Notice, Score


@dataclass(frozen=True)
class RubricStamp:
    """Which rubric scored the result, and how it was chosen."""

    id: str
    title: str
    sha256: str
    builtin: bool
    selected_by: str
    confidence: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class InputStamp:
    file: str
    sha256: str


@dataclass(frozen=True)
class Institution:
    name: str
    code: str | None
    type: str | None
    province: str | None
    year: int
    stage: str | None


@dataclass(frozen=True)
class Part:
    """A domain or an aspect: exact index and its predikat (on the result's basis)."""

    id: str
    name: str
    gloss: str | None
    weight: Fraction
    index: Fraction
    predikat: str
    domain: str | None = None  # an aspect's domain


@dataclass(frozen=True)
class HeadlineTexts:
    """A headline's numbers as the summaries write them: shown (half-up to the rubric's
    decimals, `numbers.round_text`) and exact, parts by id in the rubric's order."""

    index: str
    index_exact: str
    domains: dict[str, str]
    aspects: dict[str, str]
    domains_exact: dict[str, str]
    aspects_exact: dict[str, str]


@dataclass(frozen=True)
class Headline:
    """What a batch keeps of a result (ranking, duplicates, gates, summaries): small enough
    to come back from a worker process; the whole result travels as its JSON text."""

    institution: Institution
    rubric_id: str
    bands: tuple[str, ...]  # the rubric's predikat names, lowest first
    places: int
    index: Fraction
    predikat: str
    boundary: bool
    domains: tuple[tuple[str, Fraction], ...]
    aspects: tuple[tuple[str, Fraction], ...]
    warnings: tuple[str, ...] = ()  # the codes of the result's warnings
    indicators: tuple[tuple[str, Fraction], ...] = ()  # levels (the summary workbook's matrix)

    @property
    def group(self) -> tuple[int, str]:
        """Year and rubric: indices are ranked and averaged only within one group (another
        instrument, or another year's evaluation, is not the same measure)."""
        return self.institution.year, self.rubric_id

    @property
    def group_id(self) -> str:
        """The group as summary.json and summary.csv name it: `2024/permenpanrb-59-2020`."""
        return f"{self.institution.year}/{self.rubric_id}"

    @property
    def shown(self) -> Decimal:
        """The index as displayed (half-up to the rubric's decimals): equal shown indices
        share a rank."""
        return round_half_up(self.index, self.places)

    @cached_property
    def texts(self) -> HeadlineTexts:
        """Its numbers as text, each rounded once however many summaries write it (a
        batch's JSON, CSV and workbook)."""
        places = self.places
        return HeadlineTexts(
            round_text(self.index, places),
            exact_text(self.index),
            {i: round_text(v, places) for i, v in self.domains},
            {i: round_text(v, places) for i, v in self.aspects},
            {i: exact_level(v) for i, v in self.domains},
            {i: exact_level(v) for i, v in self.aspects},
        )


@dataclass(frozen=True)
class Result:
    """One institution's scored result. Exact values; display text comes from
    `numbers.round_text` in the views, once."""

    tool: tuple[str, str]  # name, version
    rubric: RubricStamp
    input: InputStamp | None
    institution: Institution
    overall: Classified
    basis: Basis
    places: int  # the rubric's display decimals
    bands: tuple[str, ...]  # the rubric's predikat names, lowest first
    domains: tuple[Part, ...]
    aspects: tuple[Part, ...]
    indicators: tuple[ItemScore, ...]
    self_assessment: Classified | None
    warnings: tuple[Notice, ...]

    @property
    def index(self) -> Fraction:
        return self.overall.index

    @property
    def predikat(self) -> str:
        return self.overall.predikat

    def headline(self) -> Headline:
        return Headline(
            self.institution,
            self.rubric.id,
            self.bands,
            self.places,
            self.index,
            self.predikat,
            self.overall.boundary,
            tuple((d.id, d.index) for d in self.domains),
            tuple((a.id, a.index) for a in self.aspects),
            tuple(w.code for w in self.warnings),
            tuple((i.id, i.level) for i in self.indicators),
        )


def part_predikat(rubric: Rubric, index: Fraction, basis: Basis) -> str:
    """A part's predikat on the result's basis (the shown value, or the exact one)."""
    if basis == "rounded":
        return rubric.band_of_shown(round_text(index, rubric.display_decimals)).name
    return rubric.band(index).name


def build(
    loaded: LoadedRubric,
    answers: Answers,
    score: Score,
    selected_by: str,
    tool: tuple[str, str] = ("spbe-cli", __version__),
) -> Result:
    """The result of a score: built once, read by everything after."""
    rubric = loaded.rubric
    ident = answers.identity
    return Result(
        tool=tool,
        rubric=RubricStamp(
            rubric.id,
            rubric.title,
            loaded.sha256,
            loaded.builtin,
            selected_by,
            tuple((k, p.confidence.value) for k, p in rubric.provenance.items()),
        ),
        input=InputStamp(answers.file, answers.sha256),
        institution=Institution(
            ident.name,
            ident.code,
            ident.type.value if ident.type else None,
            ident.province,
            ident.year,
            ident.stage.value if ident.stage else None,
        ),
        overall=score.overall,
        basis=score.basis,
        places=rubric.display_decimals,
        bands=tuple(b.name for b in rubric.predikat.bands),
        domains=_parts(rubric, score, domains=True),
        aspects=_parts(rubric, score, domains=False),
        indicators=tuple(score.items),
        self_assessment=score.self_assessment,
        warnings=tuple(score.warnings),
    )


def _parts(rubric: Rubric, score: Score, domains: bool) -> tuple[Part, ...]:
    glosses = {d.id: d.gloss for d in rubric.domains} | {a.id: a.gloss for a in rubric.all_aspects}
    return tuple(
        Part(
            g.id,
            g.name,
            glosses.get(g.id),
            g.weight,
            g.index,
            part_predikat(rubric, g.index, score.basis),
            g.parent,
        )
        for g in (score.domains if domains else score.aspects)
    )


@dataclass(frozen=True)
class SummaryRow:
    """One input file of a batch: its headline when it was scored (also for a duplicate,
    which is an error row), its rank when it counts, its errors and missed gates."""

    file: str
    headline: Headline | None
    rank: int | None = None
    errors: tuple[str, ...] = ()
    gates: tuple[str, ...] = ()
    result: str | None = None  # the result file's name in the output folder
    shared: bool = False  # another row of its group has the same shown index, and rank

    @property
    def ok(self) -> bool:
        return self.rank is not None

    @property
    def rank_text(self) -> str:
        """`3`, or `3=` for a rank shared with another row of the group."""
        return "" if self.rank is None else f"{self.rank}{'=' if self.shared else ''}"
