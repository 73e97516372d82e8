"""The one loader of saved JSON: a result (`spbe score -f json`) or a batch's summary.json,
read back through pydantic into the typed models, and checked against its rubric.

A bad file is an InputError naming the file and the field path
(`result.json: indicators[12].level_exact: not a number`): never a traceback, never a
hang. Bounded in size (the caller's byte limit), nesting, entries and digits."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from spbe_cli.answers import Answer, Answers, Identity
from spbe_cli.diff import FailedFile
from spbe_cli.errors import InputError, Invalid, Problem, invalid_words
from spbe_cli.i18n import Msg, msg
from spbe_cli.numbers import exact_text
from spbe_cli.readers.mapping import json_problem
from spbe_cli.result import Headline, InputStamp, Institution, Result, RubricStamp, SummaryRow
from spbe_cli.result import build as build_result
from spbe_cli.rubric import LoadedRubric, Rubric
from spbe_cli.scoring import Notice, score
from spbe_cli.serialize import FORMAT_VERSION

MAX_TEXT = 10_000  # characters of any one string
MAX_ITEMS = 5_000  # indicators, domains, aspects, warnings of one result
MAX_ROWS = 200_000  # rows of one summary.json

# An exact number as the serializer writes it: a decimal, or a ratio such as 7/6 (levels).
# Digits are bounded so that no file can make the arithmetic slow.
_EXACT = re.compile(r"-?\d{1,15}(?:\.\d{1,40})?|\d{1,15}/[1-9]\d{0,14}")


def _exact(value: Any) -> Fraction:
    if isinstance(value, str) and _EXACT.fullmatch(value.strip()):
        return Fraction(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**15:
        return Fraction(value)
    raise Invalid("model.load.not_number")


def _number(value: Any) -> Fraction:
    """An exact text or a JSON number (a target is written as a number)."""
    if isinstance(value, float) and value == value and abs(value) < 1e15:
        return Fraction(repr(value))
    return _exact(value)


def _shown(value: Any) -> float:
    """A displayed number (the rounded twin of an `*_exact`): finite, never used for sums."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise Invalid("model.load.not_number")


Exact = Annotated[Fraction, BeforeValidator(_exact)]
Number = Annotated[Fraction, BeforeValidator(_number)]
Shown = Annotated[float, BeforeValidator(_shown)]
Text = Annotated[str, Field(max_length=MAX_TEXT)]


class _Model(BaseModel):
    # Unknown fields are passed over: later versions only ever add fields.
    model_config = ConfigDict(extra="ignore", frozen=True, arbitrary_types_allowed=True)


class _Tool(_Model):
    name: Text
    version: Text


class _Rubric(_Model):
    id: Text
    title: Text = ""
    sha256: Text = ""
    builtin: bool = False
    selected_by: Text = ""
    confidence: dict[Text, Text] = Field(default_factory=dict, max_length=100)


class _Input(_Model):
    file: Text
    sha256: Text


class _Institution(_Model):
    name: Text
    code: Text | None = None
    type: Text | None = None
    province: Text | None = None
    year: int = Field(ge=1900, le=2200)
    stage: Text | None = None


class _Indicator(_Model):
    id: Text
    level: Shown | None = None
    level_exact: Exact | None = None
    weight_exact: Exact | None = None
    self_level: Shown | None = None
    self_level_exact: Exact | None = None
    scored_by_missing: bool = False
    target: Number | None = None
    explanation: Text | None = None
    evidence: Text | None = None


class _Notice(_Model):
    code: Text
    message: Text
    params: dict[Text, Text] = Field(default_factory=dict, max_length=100)


class _ResultFile(_Model):
    format_version: Literal[1]
    tool: _Tool
    rubric: _Rubric
    input: _Input | None = None
    institution: _Institution
    index: Shown
    index_exact: Exact
    predikat: Text
    predikat_basis: Literal["rounded", "exact"]
    domains: list[dict[str, Any]] = Field(max_length=MAX_ITEMS)
    aspects: list[dict[str, Any]] = Field(max_length=MAX_ITEMS)
    indicators: list[_Indicator] = Field(min_length=1, max_length=MAX_ITEMS)
    warnings: list[_Notice] = Field(max_length=MAX_ITEMS)


class _Row(_Model):
    rank: int | None = None
    file: Text
    institution: Text | None = None
    code: Text | None = None
    type: Text | None = None
    province: Text | None = None
    year: int | None = Field(None, ge=1900, le=2200)
    rubric: Text | None = None
    index: Shown | None = None
    index_exact: Exact | None = None
    predikat: Text | None = None
    predikat_boundary: bool | None = None
    domains: dict[Text, Shown] = Field(default_factory=dict, max_length=MAX_ITEMS)
    aspects: dict[Text, Shown] = Field(default_factory=dict, max_length=MAX_ITEMS)
    domains_exact: dict[Text, Exact] = Field(default_factory=dict, max_length=MAX_ITEMS)
    aspects_exact: dict[Text, Exact] = Field(default_factory=dict, max_length=MAX_ITEMS)
    status: Literal["ok", "error"]
    errors: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    warnings: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    gates: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    result: Text | None = None
    rank_shared: bool | None = None


class _SummaryFile(_Model):
    format_version: Literal[1]
    rows: list[_Row] = Field(max_length=MAX_ROWS)


# --- JSON text → data, bounded ---------------------------------------------------------


def _no_constant(text: str) -> Any:
    raise Invalid("model.load.json_constant", text=text)


def _bounded_number(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if len(text) > 40:
            raise Invalid("model.load.digits", number=text[:20])
        value = convert(text)
        if value in (float("inf"), float("-inf")):
            raise Invalid("model.load.range", number=text)
        return value

    return parse


def _parse_json(data: bytes, name: str, what: Msg) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(name, "", msg("model.load.utf8", what=what))]) from None
    try:
        return json.loads(
            text,
            parse_constant=_no_constant,
            parse_float=_bounded_number(float),
            parse_int=_bounded_number(int),
        )
    except json.JSONDecodeError as e:
        raise InputError([json_problem(name, e)]) from None
    except RecursionError:
        raise InputError([Problem(name, "", msg("model.load.deep"))]) from None
    except ValueError as e:
        why = invalid_words(e) or msg("model.load.invalid")
        raise InputError([Problem(name, "", msg("model.load.invalid_json", why=why))]) from None


def field_path(loc: tuple[int | str, ...]) -> str:
    """pydantic's location as the path a reader types: `indicators[12].level_exact`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_WORDS = {
    "missing": "model.load.missing",
    "string_type": "model.load.text",
    "int_type": "model.load.whole",
    "int_parsing": "model.load.whole",
    "bool_type": "model.load.bool",
    "bool_parsing": "model.load.bool",
    "list_type": "model.load.list",
    "dict_type": "model.load.object",
    "model_type": "model.load.object",
    "too_long": "model.load.too_long",
    "too_short": "model.load.empty",
    "greater_than_equal": "model.load.too_small",
    "less_than_equal": "model.load.too_large",
}


def _problems(name: str, err: ValidationError) -> list[Problem]:
    out = []
    for e in err.errors(include_url=False)[:20]:
        kind = e["type"]
        if kind == "value_error":
            message = invalid_words(e["ctx"]["error"]) or msg("model.load.invalid")
        elif kind == "literal_error":
            message = msg("model.load.must_be", expected=e["ctx"]["expected"])
        else:
            message = msg(_WORDS.get(kind, "model.load.invalid"))
        out.append(Problem(name, field_path(e["loc"]), message))
    return out


def _validate(model: type[_Model], data: Any, name: str, what: Msg) -> Any:
    if not isinstance(data, dict):
        raise InputError([Problem(name, "", msg("model.load.not_object", what=what))])
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise InputError(_problems(name, e)) from None


# --- a saved result ---------------------------------------------------------------------


def result_file(data: bytes, name: str) -> _ResultFile:
    """The saved result's fields, validated (no rubric yet: it names its rubric)."""
    what = msg("model.load.a_result")
    parsed = _parse_json(data, name, what)
    version = parsed.get("format_version") if isinstance(parsed, dict) else None
    if isinstance(parsed, dict) and version != FORMAT_VERSION:
        message = msg("model.load.version", version=repr(version), known=FORMAT_VERSION)
        raise InputError([Problem(name, field_path(("format_version",)), message)])
    found: _ResultFile = _validate(_ResultFile, parsed, name, what)
    return found


def result_from_file(saved: _ResultFile, loaded: LoadedRubric, name: str) -> Result:
    """Rebuild the exact result from the saved levels and its rubric; the saved weights and
    index must be the ones the rubric gives (a file edited by hand is refused)."""
    rubric = loaded.rubric
    answers = _answers(saved, rubric, name)
    sc = score(rubric, answers, saved.predikat_basis)
    problems = _disagreements(saved, sc.items, sc.overall.index, name)
    if problems:
        raise InputError(problems)
    r = build_result(
        loaded, answers, sc, saved.rubric.selected_by, (saved.tool.name, saved.tool.version)
    )
    return dataclasses.replace(
        r,
        rubric=RubricStamp(
            saved.rubric.id,
            saved.rubric.title,
            saved.rubric.sha256,
            saved.rubric.builtin,
            saved.rubric.selected_by,
            tuple(saved.rubric.confidence.items()),
        ),
        input=InputStamp(saved.input.file, saved.input.sha256) if saved.input else None,
        institution=Institution(**saved.institution.model_dump()),
        # What was said when it was scored (the evidence readiness line too).
        warnings=tuple(Notice(w.code, w.message, dict(w.params)) for w in saved.warnings),
    )


def _level(i: _Indicator, at: int, name: str) -> Fraction:
    if i.level_exact is not None:
        return i.level_exact
    if i.level is not None:
        return Fraction(str(i.level))
    where = field_path(("indicators", at, "level_exact"))
    raise InputError([Problem(name, where, msg("model.load.missing"))])


def _answers(saved: _ResultFile, rubric: Rubric, name: str) -> Answers:
    items = {item: ind for item, ind, _ in rubric.items()}
    lo, hi = Fraction(rubric.values.min), Fraction(rubric.values.max)
    answers: dict[str, Answer] = {}
    problems = []
    for at, i in enumerate(saved.indicators):
        if i.id not in items:
            why = msg("model.load.not_in_rubric", id=repr(i.id), rubric=rubric.id)
            problems.append(Problem(name, field_path(("indicators", at, "id")), why))
            continue
        level = _level(i, at, name)
        self_level = i.self_level_exact
        if self_level is None and i.self_level is not None:
            self_level = Fraction(str(i.self_level))
        for field, value in (("level_exact", level), ("self_level_exact", self_level)):
            if value is not None and not lo <= value <= hi:
                why = msg("model.load.outside", lo=lo, hi=hi)
                problems.append(Problem(name, field_path(("indicators", at, field)), why))
        answers[i.id] = Answer(
            i.id, level, self_level, i.target, i.explanation, i.evidence, i.id, i.scored_by_missing
        )
    if problems:
        raise InputError(problems)
    inst = saved.institution
    identity = Identity.model_construct(name=inst.name, year=inst.year, code=inst.code)
    file = saved.input.file if saved.input else ""
    ordered = {item: answers[item] for item in items if item in answers}
    return Answers.model_construct(file=file, sha256="", identity=identity, items=ordered)


def _disagreements(
    saved: _ResultFile, items: list[Any], index: Fraction, name: str
) -> list[Problem]:
    weights = {i.id: i.weight for i in items}
    problems = []
    for at, i in enumerate(saved.indicators):
        w = i.weight_exact
        if w is not None and w != weights.get(i.id) and exact_text(w) != exact_text(weights[i.id]):
            want = exact_text(weights[i.id])
            why = msg("model.load.weight", want=want)
            problems.append(Problem(name, field_path(("indicators", at, "weight_exact")), why))
    if exact_text(saved.index_exact) != exact_text(index):
        why = msg("model.load.index", index=exact_text(index))
        problems.append(Problem(name, field_path(("index_exact",)), why))
    return problems


# --- a batch's summary.json -------------------------------------------------------------


def summary_rows(
    data: bytes, name: str, bands_of: Callable[[str], tuple[tuple[str, ...], int]]
) -> list[SummaryRow]:
    """summary.json → its rows; `bands_of(rubric id)` gives that rubric's band names and
    display decimals (empty bands when the rubric is not at hand)."""
    return _summary_rows(_summary_file(data, name), name, bands_of)


def summary_side(
    data: bytes, name: str, bands_of: Callable[[str], tuple[tuple[str, ...], int]]
) -> tuple[list[SummaryRow], list[FailedFile]]:
    """summary.json as one side of a batch diff: its scored rows, and its error rows as
    failed files with the institution, code and year a row still names (a duplicate)."""
    found = _summary_file(data, name)
    rows = _summary_rows(found, name, bands_of)
    failed = [
        FailedFile(r.file, tuple(r.errors), r.institution, r.code, r.year)
        for r in found.rows
        if r.status != "ok"
    ]
    return [r for r in rows if r.ok], failed


def _summary_file(data: bytes, name: str) -> _SummaryFile:
    what = msg("model.load.a_summary")
    parsed = _parse_json(data, name, what)
    found: _SummaryFile = _validate(_SummaryFile, parsed, name, what)
    return found


def _summary_rows(
    found: _SummaryFile, name: str, bands_of: Callable[[str], tuple[tuple[str, ...], int]]
) -> list[SummaryRow]:
    out = []
    for at, r in enumerate(found.rows):
        headline = _headline(r, at, name, bands_of) if r.status == "ok" else None
        out.append(
            SummaryRow(
                r.file,
                headline,
                r.rank if headline is not None else None,
                tuple(r.errors),
                tuple(r.gates),
                r.result,
                bool(r.rank_shared) and headline is not None,
            )
        )
    return out


def _headline(
    r: _Row, at: int, name: str, bands_of: Callable[[str], tuple[tuple[str, ...], int]]
) -> Headline:
    needed: dict[str, object] = {"institution": r.institution, "year": r.year}
    needed |= {"rubric": r.rubric, "index_exact": r.index_exact, "predikat": r.predikat}
    needed |= {"rank": r.rank}
    missing = [k for k, v in needed.items() if v is None]
    if missing:
        why = msg("model.load.missing_scored")
        raise InputError([Problem(name, field_path(("rows", at, missing[0])), why)])
    assert r.rubric and r.institution and r.year and r.index_exact is not None and r.predikat
    bands, places = bands_of(r.rubric)

    def parts(shown: dict[str, float], exact: dict[str, Fraction]) -> tuple[Any, ...]:
        return tuple((k, exact.get(k, Fraction(str(v)))) for k, v in shown.items())

    return Headline(
        Institution(r.institution, r.code, r.type, r.province, r.year, None),
        r.rubric,
        bands,
        places,
        r.index_exact,
        r.predikat,
        bool(r.predikat_boundary),
        parts(r.domains, r.domains_exact),
        parts(r.aspects, r.aspects_exact),
        tuple(r.warnings),
    )
