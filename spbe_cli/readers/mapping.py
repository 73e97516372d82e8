"""YAML/JSON answers: `identitas` (or `identity`) and `jawaban` (or `answers`) mappings."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from spbe_cli import yamlfile
from spbe_cli.errors import Collector, InputError, Problem, Words
from spbe_cli.i18n import msg
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.readers.raw import COLUMNS, IDENTITY_KEYS, SHEETS, Cell, RawAnswers, RawRow
from spbe_cli.text import norm

_KEY_ALIASES = {norm(a): k for k, names in IDENTITY_KEYS.items() for a in names}
_FIELD_ALIASES = {norm(a): k for k, names in COLUMNS.items() for a in names}
_SECTIONS = {norm(a): k for k, names in SHEETS.items() for a in names}


def _json_load(name: str, text: str) -> Any:
    def no_dupes(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                raise _Duplicate(k)
            out[k] = v
        return out

    try:
        return json.loads(
            text, object_pairs_hook=no_dupes, parse_float=_json_float, parse_int=_json_int
        )
    except _TooLong:
        m = re.search(r"[-+]?[0-9][0-9.eE+-]{30,}", text)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        number = m.group(0)[:20] if m else "?"
        said = msg("input.mapping.long_number", number=number)
        raise InputError([Problem(name, _line(line), said)]) from None
    except json.JSONDecodeError as e:
        raise InputError([json_problem(name, e)]) from None
    except _Duplicate as e:
        try:  # the YAML reader finds the lines of both keys; JSON is (nearly) YAML
            yamlfile.load(text)
        except yamlfile.YamlProblem as y:
            raise InputError([Problem(name, _line(y.line), y.message)]) from None
        said = msg("input.mapping.duplicate_key", name=repr(e.key))
        raise InputError([Problem(name, "", said)]) from None
    except RecursionError:
        raise InputError([Problem(name, "", msg("input.mapping.json_deep"))]) from None
    except ValueError:
        raise InputError([Problem(name, "", msg("input.mapping.json_invalid"))]) from None


def _line(line: int | None) -> Words:
    """`line 3` as a place in a file, or nothing when the line is not known."""
    return msg("input.where.line", line=line) if line else ""


def json_problem(name: str, e: json.JSONDecodeError) -> Problem:
    """spbe's own words with the place Python's parser found (its wording is not ours)."""
    return Problem(name, _line(e.lineno), msg("input.mapping.json_syntax", column=e.colno))


class _TooLong(Exception):
    pass


def _json_int(text: str) -> int:
    if len(text) > 30:
        raise _TooLong
    return int(text)


def _json_float(text: str) -> Decimal:
    if len(text) > 60:
        raise _TooLong
    return Decimal(text)


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def read_mapping(
    name: str, text: str, sha256: str, is_json: bool, limits: Limits = DEFAULT
) -> RawAnswers:
    if not text.strip():
        raise InputError([Problem(name, "", msg("input.file.empty"))])
    if is_json:
        data = _json_load(name, text)
        node = None
    else:
        try:
            data, node = yamlfile.load(text, limits.yaml_nodes)
        except yamlfile.YamlProblem as e:
            raise InputError([Problem(name, _line(e.line), e.message)]) from None

    _refuse_half_characters(name, text, data)

    def where(*path: str | int) -> Words:
        line = yamlfile.locate(node, path) if node is not None else None
        p = yamlfile.path_text(path)
        return msg("input.where.line_path", line=line, path=p) if line else p

    out = Collector(name)
    if not isinstance(data, dict):
        raise InputError([Problem(name, "", msg("input.mapping.not_mapping"))])
    sections: dict[str, str] = {}
    for key in data:
        role = _SECTIONS.get(norm(str(key)))
        if role is None:
            out.add(where(key), msg("input.mapping.unknown_section", section=repr(key)))
        else:
            sections[role] = key
    identity: dict[str, Cell] = {}
    rows: list[RawRow] = []
    identity_found = "identity" in sections and isinstance(data[sections["identity"]], dict)
    if "identity" not in sections:
        out.add("", msg("input.mapping.no_identity"))
    else:
        identity = _identity(data[sections["identity"]], sections["identity"], where, out)
    if "answers" not in sections:
        out.add("", msg("input.mapping.no_answers"))
    else:
        rows = _answers(data[sections["answers"]], sections["answers"], where, out)
    return RawAnswers(
        file=name,
        sha256=sha256,
        identity=identity,
        identity_where=sections.get("identity", "identitas"),
        rows=rows,
        answers_where=sections.get("answers", "jawaban"),
        problems=out.problems,
        identity_found=identity_found,
        answers_found="answers" in sections and isinstance(data[sections["answers"]], dict | list),
    )


Where = Callable[..., Words]

# A \\u escape of half a UTF-16 pair with no other half beside it.
_LONE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _has_half_character(value: Any) -> bool:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if not v.isascii() and any(0xD800 <= ord(c) <= 0xDFFF for c in v):
                return True
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def _refuse_half_characters(name: str, text: str, data: Any) -> None:
    """A lone surrogate (`"\\ud800"`) decodes to text that no file or terminal can hold."""
    if "\\u" not in text or not _has_half_character(data):
        return
    m = _LONE_ESCAPE.search(text)
    where = _line(text.count(chr(10), 0, m.start()) + 1) if m else ""
    found = m.group(0) if m else msg("input.mapping.an_escape")
    raise InputError([Problem(name, where, msg("input.mapping.surrogate", escape=found))])


def _identity(section: Any, key: str, where: Where, out: Collector) -> dict[str, Cell]:
    found: dict[str, Cell] = {}
    if not isinstance(section, dict):
        out.add(where(key), msg("input.mapping.identity_not_mapping"))
        return found
    for k, v in section.items():
        canon = _KEY_ALIASES.get(norm(str(k)))
        if canon is None:
            out.add(where(key, str(k)), msg("input.mapping.unknown_identity_key", name=repr(k)))
        elif canon in found:
            said = msg("input.identity.twice", name=str(k), first=found[canon].where)
            out.add(where(key, str(k)), said)
        else:
            found[canon] = Cell(v, where(key, str(k)))
    return found


def _answers(section: Any, key: str, where: Where, out: Collector) -> list[RawRow]:
    rows: list[RawRow] = []
    if isinstance(section, dict):
        items: list[tuple[Any, Any, tuple[str, str | int]]] = [
            (k, v, (key, str(k))) for k, v in section.items()
        ]
    elif isinstance(section, list):
        items = []
        for i, entry in enumerate(section):
            if not isinstance(entry, dict):
                out.add(where(key, i), msg("input.mapping.answer_not_mapping"))
                continue
            ident = next(
                (v for k, v in entry.items() if _FIELD_ALIASES.get(norm(str(k))) == "id"), None
            )
            items.append((ident, entry, (key, i)))
    else:
        out.add(where(key), msg("input.mapping.answers_not_mapping"))
        return rows
    for ident, value, path in items:
        cells = {"id": Cell(ident, where(*path))}
        if isinstance(value, dict):
            for fk, fv in value.items():
                canon = _FIELD_ALIASES.get(norm(str(fk)))
                if canon is None:
                    out.add(where(*path, fk), msg("input.mapping.unknown_field", field=repr(fk)))
                elif canon != "id":
                    cells[canon] = Cell(fv, where(*path, fk))
        else:
            cells["level"] = Cell(value, where(*path))
        cells.setdefault("level", Cell(None, where(*path)))
        rows.append(RawRow(cells=cells))
    return rows
