"""Rubric models: a regulation version as data, validated on load (weights, ids, bands)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from spbe_cli import yamlfile
from spbe_cli.errors import Problem, RubricError
from spbe_cli.resources import data_dir

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Confidence(StrEnum):
    PRIMARY = "primary"
    OFFICIAL_DATA = "official-data"
    CORROBORATED = "corroborated"
    SECONDARY = "secondary"  # one secondary source, plausible but not the regulation's text
    UNCONFIRMED = "unconfirmed"


class Source(Strict):
    citation: str = Field(description="Full citation of the source document.")
    url: str | None = Field(None, description="Where the source can be read, if public.")


class Provenance(Strict):
    sources: list[str] = Field(description="Keys of `sources` this part comes from.")
    confidence: Confidence
    note: str | None = None


class Years(Strict):
    first: int = Field(description="First evaluation year the rubric applies to.")
    last: int | None = Field(None, description="Last year, or null while in force.")

    def covers(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last)

    @property
    def text(self) -> str:
        return f"{self.first}–{self.last}" if self.last is not None else f"{self.first}–"


class ValueSpec(Strict):
    type: Literal["integer", "decimal"] = Field(description="Whole levels or decimals.")
    min: Decimal
    max: Decimal

    @cached_property
    def cache_key(self) -> tuple[str, Decimal, Decimal]:
        return (self.type, self.min, self.max)

    @model_validator(mode="after")
    def _range(self) -> ValueSpec:
        if self.min >= self.max:
            raise ValueError("min must be below max")
        if self.type == "integer" and (self.min % 1 or self.max % 1):
            raise ValueError("an integer scale needs whole min and max")
        return self


class Scale(Strict):
    id: Id
    name: str
    levels: dict[int, str] = Field(description="Level → level name.")
    general: dict[int, str] | None = Field(
        None,
        description="Level → a general description of that level on this scale, shown (and"
        " marked as general) for an indicator without a criterion of its own.",
    )

    @model_validator(mode="after")
    def _general_levels(self) -> Scale:
        unknown = sorted(set(self.general or {}) - set(self.levels))
        if unknown:
            raise ValueError(f"general describes levels {unknown} that the scale does not name")
        return self

    @cached_property
    def cache_key(self) -> tuple[tuple[int, str], ...]:
        return tuple(sorted(self.levels.items()))


class Band(Strict):
    name: str = Field(description="Predikat, in Indonesian.")
    gloss: str = Field(description="English gloss of the predikat.")
    min: Decimal | None = Field(None, description="Lower bound, null for no bound.")
    max: Decimal | None = Field(None, description="Upper bound, null for no bound.")
    min_inclusive: bool = True
    max_inclusive: bool = False

    @cached_property
    def _bounds(self) -> tuple[Fraction | None, Fraction | None]:
        return (
            Fraction(self.min) if self.min is not None else None,
            Fraction(self.max) if self.max is not None else None,
        )

    def contains(self, x: Fraction) -> bool:
        lo, hi = self._bounds
        if lo is not None and (x < lo or (x == lo and not self.min_inclusive)):
            return False
        return not (hi is not None and (x > hi or (x == hi and not self.max_inclusive)))


class Predikat(Strict):
    basis: Literal["rounded", "exact"] = Field(
        "rounded", description="Classify the rounded display index (default) or the exact one."
    )
    bands: list[Band] = Field(min_length=1, description="From lowest to highest.")

    @model_validator(mode="after")
    def _contiguous(self) -> Predikat:
        names = [b.name for b in self.bands]
        if len(set(names)) != len(names):
            raise ValueError("predikat names must be unique")
        if self.bands[0].min is not None or self.bands[-1].max is not None:
            raise ValueError("the lowest band needs min: null and the highest max: null")
        for i, (lo, hi) in enumerate(zip(self.bands, self.bands[1:], strict=False)):
            if lo.max is None or hi.min is None or lo.max != hi.min:
                raise ValueError(
                    f"bands[{i}] ({lo.name}) and bands[{i + 1}] ({hi.name}) are not contiguous:"
                    f" max {lo.max} vs min {hi.min}"
                )
            if lo.max_inclusive == hi.min_inclusive:
                raise ValueError(
                    f"bands[{i}] ({lo.name}) and bands[{i + 1}] ({hi.name}) must share {lo.max}"
                    " with exactly one of them inclusive"
                )
        return self


class Indicator(Strict):
    id: Id
    name: str
    weight: Decimal | None = Field(
        None, description="% of the whole index; omitted where the aspect shares equally."
    )
    scale: str | None = Field(None, description="Scale id; optional when there is one scale.")
    repeat: int = Field(
        1,
        ge=1,
        le=20,
        description="Answered up to this many times (ids N, N-2, …); the first is required.",
    )
    criteria: dict[int, str] | None = Field(None, description="Level → what must be true.")
    external_index: str | None = Field(
        None, description="Another agency's index this indicator takes its value from."
    )

    @property
    def weight_fraction(self) -> Fraction:
        return Fraction(self.weight or 0)

    @cached_property
    def item_ids(self) -> list[str]:
        return [self.id] + [f"{self.id}-{k}" for k in range(2, self.repeat + 1)]


class Aspect(Strict):
    id: Id
    name: str
    gloss: str | None = None
    weight: Decimal = Field(description="% of the whole index.")
    weighting: Literal["explicit", "equal-shares"] = Field(
        "explicit",
        description="explicit: each indicator has a weight; equal-shares: the aspect weight is"
        " divided equally by all scored items, repeats included.",
    )
    indicators: list[Indicator] = Field(min_length=1)

    @cached_property
    def weight_fraction(self) -> Fraction:
        return Fraction(self.weight)

    @model_validator(mode="after")
    def _weights(self) -> Aspect:
        given = [i.weight is not None for i in self.indicators]
        if self.weighting == "equal-shares":
            if any(given):
                raise ValueError("indicators of an equal-shares aspect take no weight")
        else:
            if not all(given):
                missing = [i.id for i in self.indicators if i.weight is None]
                raise ValueError(f"indicator weight missing for {', '.join(missing)}")
            total = sum((i.weight for i in self.indicators if i.weight is not None), Decimal(0))
            if total != self.weight:
                raise ValueError(
                    f"indicator weights add up to {total}, not to the aspect weight {self.weight}"
                )
        return self


class Domain(Strict):
    id: Id
    name: str
    gloss: str | None = None
    weight: Decimal
    aspects: list[Aspect] = Field(min_length=1)

    @cached_property
    def weight_fraction(self) -> Fraction:
        return Fraction(self.weight)

    @model_validator(mode="after")
    def _weights(self) -> Domain:
        total = sum((a.weight for a in self.aspects), Decimal(0))
        if total != self.weight:
            raise ValueError(f"aspect weights add up to {total}, not to the domain weight")
        return self


class Rubric(Strict):
    id: Id
    title: str
    index_name: str = Field("Indeks SPBE", description="What the index is called in reports.")
    regulation: str = Field(description="Citation of the regulation this rubric encodes.")
    years: Years
    values: ValueSpec
    scales: list[Scale] = Field(min_length=1)
    predikat: Predikat
    display_decimals: int = Field(2, ge=0, le=6)
    sources: dict[str, Source]
    provenance: dict[str, Provenance] = Field(
        description="Per part (structure, weights, names, levels, criteria, predikat, rounding)."
    )
    domains: list[Domain] = Field(default_factory=list)
    aspects: list[Aspect] = Field(
        default_factory=list, description="Only for rubrics without domains."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        if bool(self.domains) == bool(self.aspects):
            raise ValueError("give either domains (with their aspects) or aspects, not both")
        for part, prov in self.provenance.items():
            for s in prov.sources:
                if s not in self.sources:
                    raise ValueError(f"provenance.{part}: unknown source {s!r}")
        ids: set[str] = set()
        for kind, objs in (
            ("domain", self.domains),
            ("aspect", self.all_aspects),
            ("indicator", self.indicators),
        ):
            for o in objs:
                if o.id in ids:
                    raise ValueError(f"{kind} id {o.id!r} is used twice")
                ids.add(o.id)
        item_ids = [i for ind in self.indicators for i in ind.item_ids]
        if len(set(item_ids)) != len(item_ids):
            raise ValueError("a repeated indicator's item id collides with another indicator id")
        total = sum((a.weight for a in self.all_aspects), Decimal(0))
        if total != 100:
            raise ValueError(f"aspect weights add up to {total}, not to 100")
        scale_ids = {s.id for s in self.scales}
        lo, hi = self.values.min, self.values.max
        for scale in self.scales:
            if self.values.type == "integer" and sorted(scale.levels) != list(
                range(int(lo), int(hi) + 1)
            ):
                raise ValueError(f"scale {scale.id} must name every level from {lo} to {hi}")
        for ind in self.indicators:
            if ind.scale is None and len(self.scales) > 1:
                raise ValueError(f"indicator {ind.id}: scale is required (several scales)")
            if ind.scale is not None and ind.scale not in scale_ids:
                raise ValueError(f"indicator {ind.id}: unknown scale {ind.scale!r}")
            for level in ind.criteria or {}:
                if not lo <= level <= hi:
                    raise ValueError(
                        f"indicator {ind.id}: criterion for level {level} outside scale"
                    )
        return self

    @cached_property
    def all_aspects(self) -> list[Aspect]:
        return [a for d in self.domains for a in d.aspects] if self.domains else self.aspects

    @cached_property
    def indicators(self) -> list[Indicator]:
        return [i for a in self.all_aspects for i in a.indicators]

    @cached_property
    def _indicator_by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    def indicator(self, ind_id: str) -> Indicator | None:
        return self._indicator_by_id.get(ind_id)

    @cached_property
    def band_names(self) -> tuple[str, ...]:
        """The predikat names, lowest first: a predikat's rank is its position here."""
        return tuple(b.name for b in self.predikat.bands)

    def band_position(self, name: str) -> int | None:
        return self.band_names.index(name) if name in self.band_names else None

    def band_gloss(self, name: str) -> str | None:
        at = self.band_position(name)
        return None if at is None else self.predikat.bands[at].gloss

    @cached_property
    def _scales(self) -> dict[str, Scale]:
        return {s.id: s for s in self.scales}

    @cached_property
    def _domain_of(self) -> dict[str, Domain]:
        return {a.id: d for d in self.domains for a in d.aspects}

    @cached_property
    def _memos(self) -> dict[str, dict[Any, Any]]:
        return {}

    def memo(self, name: str) -> dict[Any, Any]:
        """A named table that another module derives from this rubric and keeps with it
        (scoring weights per answered set, bands of displayed indices)."""
        return self._memos.setdefault(name, {})

    def scale_of(self, ind: Indicator) -> Scale:
        if ind.scale is None:
            return self.scales[0]
        return self._scales[ind.scale]

    def item_indicator(self, item: str) -> Indicator | None:
        """The indicator of an item id (`35-2` → indicator 35)."""
        base = item.split("-")[0]
        return next((i for i in self.indicators if i.id in (item, base)), None)

    def guidance(self, ind: Indicator, level: int) -> tuple[str, bool] | None:
        """What must be true at `level` of an indicator, and whether it is only the scale's
        general guidance (True) rather than the indicator's own criterion (False)."""
        own = (ind.criteria or {}).get(level)
        if own:
            return own, False
        general = (self.scale_of(ind).general or {}).get(level)
        return (general, True) if general else None

    def domain_of(self, aspect: Aspect) -> Domain | None:
        return self._domain_of.get(aspect.id)

    def items(self) -> Iterator[tuple[str, Indicator, Aspect]]:
        """Every answerable item id with its indicator and aspect, in rubric order."""
        for a in self.all_aspects:
            for ind in a.indicators:
                for item in ind.item_ids:
                    yield item, ind, a

    def band(self, x: Fraction) -> Band:
        return next(b for b in self.predikat.bands if b.contains(x))

    def band_of_shown(self, shown: str) -> Band:
        """The band of a displayed (rounded) index such as `2.64`: a nation's indices show
        few distinct values, so each is looked up once and kept."""
        bands = self.memo("bands")
        found: Band | None = bands.get(shown)
        if found is None:
            found = self.band(Fraction(shown))
            if len(bands) < 20_000:
                bands[shown] = found
        return found

    @property
    def lowest_confidence(self) -> Confidence:
        order = list(Confidence)
        return max((p.confidence for p in self.provenance.values()), key=order.index)

    def unconfirmed_parts(self) -> list[str]:
        return [k for k, p in self.provenance.items() if p.confidence == Confidence.UNCONFIRMED]


class LoadedRubric(BaseModel):
    """A rubric with where it came from and the sha256 of its bytes."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    rubric: Rubric
    path: str
    sha256: str
    builtin: bool

    @cached_property
    def item_index(self) -> dict[str, tuple[Indicator, Aspect]]:
        return {item: (ind, a) for item, ind, a in self.rubric.items()}


MAX_RUBRIC_BYTES = 2_000_000


def parse_rubric(data: bytes, name: str, builtin: bool = False) -> LoadedRubric:
    """Validate rubric bytes; every problem located by YAML line and field path."""
    if len(data) > MAX_RUBRIC_BYTES:
        raise RubricError(
            [Problem(name, "", f"rubric file is larger than {MAX_RUBRIC_BYTES} bytes")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RubricError([Problem(name, "", f"not UTF-8 text (byte {e.start})")]) from None
    try:
        raw, node = yamlfile.load(text)
    except yamlfile.YamlProblem as e:
        where = f"line {e.line}" if e.line else ""
        raise RubricError([Problem(name, where, e.message)]) from None
    if not isinstance(raw, dict):
        raise RubricError([Problem(name, "", "a rubric file must be a YAML mapping")])
    try:
        rubric = Rubric.model_validate(raw)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            loc = [p for p in err["loc"] if isinstance(p, int | str)]
            line = yamlfile.locate(node, loc)
            path = yamlfile.path_text(loc)
            where = ", ".join(x for x in (f"line {line}" if line else "", path) if x)
            msg = str(err["msg"]).removeprefix("Value error, ")
            problems.append(Problem(name, where, msg))
        raise RubricError(problems) from None
    return LoadedRubric(
        rubric=rubric, path=name, sha256=hashlib.sha256(data).hexdigest(), builtin=builtin
    )


@cache
def builtin_ids() -> tuple[str, ...]:
    folder = data_dir("rubrics")
    return tuple(
        sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))
    )


@cache
def load_builtin(rubric_id: str) -> LoadedRubric:
    ids = builtin_ids()
    if rubric_id not in ids:
        raise RubricError(f"unknown rubric id {rubric_id!r}; built-in rubrics: {', '.join(ids)}")
    data = (data_dir("rubrics") / f"{rubric_id}.yaml").read_bytes()
    return parse_rubric(data, f"{rubric_id}.yaml", builtin=True)


def load_rubric(spec: str) -> LoadedRubric:
    """A built-in id, or a path to a rubric YAML file."""
    if spec in builtin_ids():
        return load_builtin(spec)
    path = Path(spec)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        try:
            data = path.read_bytes()
        except OSError as e:
            raise RubricError([Problem(spec, "", f"cannot read rubric: {e.strerror}")]) from None
        return parse_rubric(data, spec)
    return load_builtin(spec)


def all_builtin() -> list[LoadedRubric]:
    return [load_builtin(i) for i in builtin_ids()]


def rubric_for_year(year: int) -> LoadedRubric:
    """The built-in rubric in force for an evaluation year: the latest that starts at or
    before it, else the earliest (years before any rubric)."""
    rubrics = sorted(all_builtin(), key=lambda r: r.rubric.years.first)
    chosen = [r for r in rubrics if r.rubric.years.first <= year]
    return chosen[-1] if chosen else rubrics[0]
