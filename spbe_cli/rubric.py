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

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from spbe_cli import yamlfile
from spbe_cli.errors import Invalid, Problem, RubricError, Words, invalid_words
from spbe_cli.files import read_regular
from spbe_cli.i18n import Msg, msg
from spbe_cli.resources import data_dir
from spbe_cli.safetext import printable, xml_text

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40)]

# Bounds on every number and text of a rubric, so that whatever `rubrics check` accepts is
# scored, reported and planned in bounded time and memory (a weight of 1e-999999999 or a
# scale up to 1e6 would not be). Real rubrics stay far inside them.
MAX_PLACES = 6  # decimals of a weight, a scale bound or a band bound
LEVEL_RANGE = (Decimal(0), Decimal(10))  # where scale and band bounds may lie (SPBE: 1–5)
MAX_INTEGER_LEVELS = 11  # levels of an integer scale
MAX_ITEMS = 100  # answerable items (indicators with their repeats); built-in: 47 at most
MAX_TEXT = 2_000  # characters of a name, title, criterion or citation


def bounded_decimal(
    value: Decimal, lo: Decimal, hi: Decimal, places: int = MAX_PLACES
) -> Msg | None:
    """Why `value` is not a plain number from `lo` to `hi` with at most `places` decimals
    (None when it is). Checked on the written digits, before any exact arithmetic."""
    if not value.is_finite():
        return msg("rubric.num.not_number", value=str(value))
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        return msg("rubric.num.places", value=f"{value:.12}", places=places)
    if not lo <= value <= hi:
        return msg("rubric.num.outside", value=f"{value:.12}", lo=lo, hi=hi)
    return None


def _checked(lo: Decimal, hi: Decimal, positive: bool = False) -> AfterValidator:
    def check(value: Decimal) -> Decimal:
        why = bounded_decimal(value, lo, hi)
        if why is None and positive and value <= 0:
            why = msg("rubric.num.not_positive", value=str(value))
        if why is not None:
            raise Invalid(why.key, **why.params)
        return value

    return AfterValidator(check)


def _short(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise Invalid("rubric.text.too_long", n=f"{len(text):,}", most=f"{MAX_TEXT:,}")
    if xml_text(text) != text or printable(text.replace("\n", " ")) != text.replace("\n", " "):
        raise Invalid("rubric.text.control", text=repr(printable(text)[:60]))
    return text


Weight = Annotated[Decimal, _checked(Decimal(0), Decimal(100), positive=True)]
LevelNumber = Annotated[Decimal, _checked(*LEVEL_RANGE)]
Text = Annotated[str, AfterValidator(_short)]


# The five predikat of every built-in rubric, lowest first. Used only where results of
# different rubrics meet (gates, batch summaries, diffs); each rubric's own bands decide
# its predikat.
PREDIKAT_ORDER = ("Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan")


def _exact_sum(values: Iterator[Decimal | None]) -> Fraction:
    """A sum of written decimals, exactly (a Decimal sum rounds to 28 digits, and
    50.0000000000000000000000000001 + 50 would pass as 100)."""
    return sum((Fraction(v) for v in values if v is not None), Fraction(0))


def _shown(total: Fraction) -> str:
    """A sum of decimals with at most MAX_PLACES places, as decimals."""
    return f"{Decimal(total.numerator) / Decimal(total.denominator):f}"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Confidence(StrEnum):
    PRIMARY = "primary"
    OFFICIAL_DATA = "official-data"
    CORROBORATED = "corroborated"
    SECONDARY = "secondary"  # one secondary source, plausible but not the regulation's text
    UNCONFIRMED = "unconfirmed"


class Source(Strict):
    citation: Text = Field(description="Full citation of the source document.")
    url: Text | None = Field(None, description="Where the source can be read, if public.")


class Provenance(Strict):
    sources: list[str] = Field(description="Keys of `sources` this part comes from.")
    confidence: Confidence
    note: Text | None = None


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
    min: LevelNumber
    max: LevelNumber

    @cached_property
    def cache_key(self) -> tuple[str, Decimal, Decimal]:
        return (self.type, self.min, self.max)

    @model_validator(mode="after")
    def _range(self) -> ValueSpec:
        if self.min >= self.max:
            raise Invalid("rubric.values.min_max")
        if self.type == "integer" and (self.min % 1 or self.max % 1):
            raise Invalid("rubric.values.whole")
        if self.type == "integer" and self.max - self.min >= MAX_INTEGER_LEVELS:
            raise Invalid("rubric.values.levels", most=MAX_INTEGER_LEVELS)
        return self


class Scale(Strict):
    id: Id
    name: Text
    levels: dict[int, Text] = Field(description="Level → level name.", max_length=101)
    general: dict[int, Text] | None = Field(
        None,
        description="Level → a general description of that level on this scale, shown (and"
        " marked as general) for an indicator without a criterion of its own.",
    )

    @model_validator(mode="after")
    def _general_levels(self) -> Scale:
        unknown = sorted(set(self.general or {}) - set(self.levels))
        if unknown:
            raise Invalid("rubric.scale.general", levels=str(unknown))
        return self

    @cached_property
    def cache_key(self) -> tuple[tuple[int, str], ...]:
        return tuple(sorted(self.levels.items()))


class Band(Strict):
    name: Text = Field(description="Predikat, in Indonesian.")
    gloss: Text = Field(description="English gloss of the predikat.")
    min: LevelNumber | None = Field(None, description="Lower bound, null for no bound.")
    max: LevelNumber | None = Field(None, description="Upper bound, null for no bound.")
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
            raise Invalid("rubric.bands.unique")
        if self.bands[0].min is not None or self.bands[-1].max is not None:
            raise Invalid("rubric.bands.open_ends")
        for i, (lo, hi) in enumerate(zip(self.bands, self.bands[1:], strict=False)):
            if lo.max is None or hi.min is None or lo.max != hi.min:
                raise Invalid(
                    "rubric.bands.gap", i=i, j=i + 1, lo=lo.name, hi=hi.name, max=lo.max, min=hi.min
                )
            if lo.max_inclusive == hi.min_inclusive:
                raise Invalid(
                    "rubric.bands.share", i=i, j=i + 1, lo=lo.name, hi=hi.name, bound=lo.max
                )
        return self


class Indicator(Strict):
    id: Id
    name: Text
    weight: Weight | None = Field(
        None, description="% of the whole index; omitted where the aspect shares equally."
    )
    scale: str | None = Field(None, description="Scale id; optional when there is one scale.")
    repeat: int = Field(
        1,
        ge=1,
        le=20,
        description="Answered up to this many times (ids N, N-2, …); the first is required.",
    )
    criteria: dict[int, Text] | None = Field(
        None, description="Level → what must be true.", max_length=101
    )
    external_index: Text | None = Field(
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
    name: Text
    gloss: Text | None = None
    weight: Weight = Field(description="% of the whole index.")
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
                raise Invalid("rubric.weights.equal_shares")
        else:
            if not all(given):
                missing = [i.id for i in self.indicators if i.weight is None]
                raise Invalid("rubric.weights.missing", ids=", ".join(missing))
            total = _exact_sum(i.weight for i in self.indicators)
            if total != Fraction(self.weight):
                raise Invalid("rubric.weights.aspect", total=_shown(total), weight=self.weight)
        return self


class Domain(Strict):
    id: Id
    name: Text
    gloss: Text | None = None
    weight: Weight
    aspects: list[Aspect] = Field(min_length=1)

    @cached_property
    def weight_fraction(self) -> Fraction:
        return Fraction(self.weight)

    @model_validator(mode="after")
    def _weights(self) -> Domain:
        total = _exact_sum(a.weight for a in self.aspects)
        if total != Fraction(self.weight):
            raise Invalid("rubric.weights.domain", total=_shown(total))
        return self


class Rubric(Strict):
    id: Id
    title: Text
    index_name: Text = Field("Indeks SPBE", description="What the index is called in reports.")
    regulation: Text = Field(description="Citation of the regulation this rubric encodes.")
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
            raise Invalid("rubric.domains_or_aspects")
        for part, prov in self.provenance.items():
            for s in prov.sources:
                if s not in self.sources:
                    raise Invalid("rubric.provenance.source", part=part, source=repr(s))
        ids: set[str] = set()
        for key, objs in (
            ("rubric.id_twice.domain", self.domains),
            ("rubric.id_twice.aspect", self.all_aspects),
            ("rubric.id_twice.indicator", self.indicators),
        ):
            for o in objs:
                if o.id in ids:
                    raise Invalid(key, id=repr(o.id))
                ids.add(o.id)
        item_ids = [i for ind in self.indicators for i in ind.item_ids]
        if len(set(item_ids)) != len(item_ids):
            raise Invalid("rubric.repeat_collides")
        items = sum(i.repeat for i in self.indicators)
        if items > MAX_ITEMS:
            raise Invalid("rubric.too_many_items", n=f"{items:,}", most=MAX_ITEMS)
        total = _exact_sum(a.weight for a in self.all_aspects)
        if total != 100:
            raise Invalid("rubric.weights.total", total=_shown(total))
        scale_ids = {s.id for s in self.scales}
        lo, hi = self.values.min, self.values.max
        for i, b in enumerate(self.predikat.bands):
            for bound in (b.min, b.max):
                if bound is not None and not lo <= bound <= hi:
                    raise Invalid(
                        "rubric.bands.outside", i=i, name=b.name, bound=bound, lo=lo, hi=hi
                    )
        for scale in self.scales:
            if self.values.type == "integer" and sorted(scale.levels) != list(
                range(int(lo), int(hi) + 1)
            ):
                raise Invalid("rubric.scale.every_level", scale=scale.id, lo=lo, hi=hi)
        for ind in self.indicators:
            if ind.scale is None and len(self.scales) > 1:
                raise Invalid("rubric.indicator.scale_required", id=ind.id)
            if ind.scale is not None and ind.scale not in scale_ids:
                raise Invalid("rubric.indicator.unknown_scale", id=ind.id, scale=repr(ind.scale))
            for level in ind.criteria or {}:
                if not lo <= level <= hi:
                    raise Invalid("rubric.indicator.criterion_level", id=ind.id, level=level)
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
        """The band of an exact index; a nation's indices repeat, so each is looked up once
        and kept (by numerator and denominator: a Fraction's own hash is slow)."""
        bands = self.memo("exact bands")
        key = x.as_integer_ratio()
        found: Band | None = bands.get(key)
        if found is None:
            found = next(b for b in self.predikat.bands if b.contains(x))
            if len(bands) < 20_000:
                bands[key] = found
        return found

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


# Built-in rubrics are under 50 KB; pure-Python YAML parsing makes every 100 KB cost time.
MAX_RUBRIC_BYTES = 500_000
MAX_RUBRIC_NODES = 20_000  # YAML nodes; the built-in rubrics have under 3,000


# pydantic's error types that need no value from the error, in spbe's words
_PLAIN = {
    "missing": "rubric.pyd.missing",
    "extra_forbidden": "rubric.pyd.extra",
    "too_short": "rubric.pyd.empty",
}
# `int_type`, `decimal_parsing`, …: the kind of value expected
_TYPES = ("int", "decimal", "float", "string", "bool", "dict", "list", "model")


def _own_words(err: Any) -> Words:
    """A validation error in spbe's words: pydantic's wording changes between versions."""
    kind, ctx = str(err["type"]), err.get("ctx") or {}
    shown = printable(repr(err.get("input")))[:60]
    if kind == "value_error":
        return invalid_words(ctx.get("error")) or msg("rubric.pyd.invalid", value=shown)
    if kind in _PLAIN:
        return msg(_PLAIN[kind])
    if kind == "string_pattern_mismatch":
        return msg("rubric.pyd.pattern", value=shown)
    if kind in ("string_too_long", "too_long"):
        return msg("rubric.pyd.too_long", most=ctx.get("max_length"))
    if kind == "greater_than_equal":
        return msg("rubric.pyd.too_small", value=shown, least=ctx.get("ge"))
    if kind == "less_than_equal":
        return msg("rubric.pyd.too_large", value=shown, most=ctx.get("le"))
    if kind in ("literal_error", "enum"):
        return msg("rubric.pyd.choice", value=shown, expected=ctx.get("expected"))
    type_name = kind.split("_")[0]
    if kind.endswith(("_type", "_parsing")) and type_name in _TYPES:
        return msg("rubric.pyd.type", value=shown, type=msg(f"rubric.type.{type_name}"))
    return msg("rubric.pyd.invalid", value=shown)


def read_rubric_file(path: Path) -> bytes:
    """A rubric file's bytes: a regular file, its size checked before a byte is read."""
    return read_regular(path, MAX_RUBRIC_BYTES, "rubric file", RubricError)


def parse_rubric(data: bytes, name: str, builtin: bool = False) -> LoadedRubric:
    """Validate rubric bytes; every problem located by YAML line and field path."""
    if len(data) > MAX_RUBRIC_BYTES:
        raise RubricError(
            [
                Problem(
                    name,
                    "",
                    msg(
                        "rubric.file.too_big", size=f"{len(data):,}", limit=f"{MAX_RUBRIC_BYTES:,}"
                    ),
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RubricError([Problem(name, "", msg("rubric.file.utf8", byte=e.start))]) from None
    try:
        raw, node = yamlfile.load(text, MAX_RUBRIC_NODES, guarded=not builtin)
    except yamlfile.YamlProblem as e:
        where: Words = msg("rubric.where.line", line=e.line) if e.line else ""
        raise RubricError([Problem(name, where, e.message)]) from None
    if not isinstance(raw, dict):
        raise RubricError([Problem(name, "", msg("rubric.file.not_mapping"))])
    try:
        rubric = Rubric.model_validate(raw)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            loc = [p for p in err["loc"] if isinstance(p, int | str)]
            line = yamlfile.locate(node, loc)
            path = yamlfile.path_text(loc)
            problems.append(Problem(name, _where(line, path), _own_words(err)))
        raise RubricError(problems) from None
    return LoadedRubric(
        rubric=rubric, path=name, sha256=hashlib.sha256(data).hexdigest(), builtin=builtin
    )


def _where(line: int | None, path: str) -> Words:
    """`line 3, aspects[2].weight`, `line 3` or the field path alone."""
    if line and path:
        return msg("rubric.where.line_path", line=line, path=path)
    return msg("rubric.where.line", line=line) if line else path


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
        raise RubricError(msg("rubric.unknown_id", id=repr(rubric_id), ids=", ".join(ids)))
    data = (data_dir("rubrics") / f"{rubric_id}.yaml").read_bytes()
    return parse_rubric(data, f"{rubric_id}.yaml", builtin=True)


def load_rubric(spec: str) -> LoadedRubric:
    """A built-in id, or a path to a rubric YAML file."""
    if spec in builtin_ids():
        return load_builtin(spec)
    path = Path(spec)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return parse_rubric(read_rubric_file(path), spec)
    return load_builtin(spec)


def all_builtin() -> list[LoadedRubric]:
    return [load_builtin(i) for i in builtin_ids()]


def rubric_for_year(year: int) -> LoadedRubric:
    """The built-in rubric in force for an evaluation year: the latest that starts at or
    before it, else the earliest (years before any rubric)."""
    rubrics = sorted(all_builtin(), key=lambda r: r.rubric.years.first)
    chosen = [r for r in rubrics if r.rubric.years.first <= year]
    return chosen[-1] if chosen else rubrics[0]
