"""Fuzzed answer files: every input gives a result or an SpbeError, never another exception."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from spbe_cli.answers import validate
from spbe_cli.cli.app import app
from spbe_cli.errors import SpbeError
from spbe_cli.readers import read_answers

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_2024 = EXAMPLES / "kabupaten-contoh-2024.xlsx"
JAWABAN_XML = "xl/worksheets/sheet3.xml"
SUFFIXES = (".xlsx", ".xls", ".ods", ".csv", ".yaml", ".json")
# Bounded for CI; SPBE_FUZZ_EXAMPLES=5000 fuzzes longer (the CLI tests run a third of that).
EXAMPLES_PER_TEST = int(os.environ.get("SPBE_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES_PER_TEST, deadline=None)
FEW = settings(max_examples=max(1, EXAMPLES_PER_TEST // 3), deadline=None)


@contextmanager
def answer_file(suffix: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"jawaban{suffix}"
        path.write_bytes(data)
        yield path


def read_and_validate(path: Path) -> None:
    """The library path of `spbe score`: a result, or an SpbeError; anything else escapes."""
    try:
        validate(read_answers(path))
    except SpbeError as e:
        assert e.problems, "an SpbeError without a problem"
        assert all(p.message for p in e.problems)
    except Exception:
        raise
    except BaseException as e:  # a Rust panic (pyo3 PanicException) is not an Exception
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise AssertionError(f"{type(e).__name__}: {e}") from e


def score_via_cli(path: Path) -> None:
    result = CliRunner().invoke(app, ["score", str(path), "-f", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert 0 <= json.loads(result.stdout)["index"] <= 5


# --- (a) random bytes -------------------------------------------------------------------

MAGIC = st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"])


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), head=MAGIC, body=st.binary(max_size=2_000))
def test_random_bytes(suffix: str, head: bytes, body: bytes) -> None:
    with answer_file(suffix, head + body) as path:
        read_and_validate(path)


@cache
def example_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(EXAMPLE_2024) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@FUZZ
@given(
    start=st.integers(0, 56_000),
    length=st.integers(0, 200),
    junk=st.binary(max_size=200) | st.sampled_from([b"<", b">", b"</c>", b'"', b"&", b"<v>"]),
)
def test_damaged_sheet_xml(start: int, length: int, junk: bytes) -> None:
    """The example workbook, its Jawaban sheet XML cut and patched (a valid zip around it)."""
    parts = dict(example_parts())
    xml = parts[JAWABAN_XML]
    parts[JAWABAN_XML] = xml[:start] + junk + xml[start + length :]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "jawaban.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for name, data in parts.items():
                zf.writestr(name, data)
        read_and_validate(path)


@FEW
@given(suffix=st.sampled_from(SUFFIXES), body=st.binary(max_size=500))
def test_random_bytes_via_cli(suffix: str, body: bytes) -> None:
    with answer_file(suffix, body) as path:
        score_via_cli(path)


# --- (b) random structures --------------------------------------------------------------

LEVEL_TEXT = st.from_regex(
    r"(Tingkat |Level |tk\. ?)?-?[0-9]{1,3}([.,][0-9]{1,4})?( ?/ ?[0-9]{1,2})?"
    r"( ?[-:.] ?[A-Za-z ]{0,12})?",
    fullmatch=True,
)
NAMES = st.sampled_from(
    ["Rintisan", "Terkelola", "Terdefinisi", "Terpadu dan Terukur", "Optimum", "Kolaborasi"]
)
TEXT = st.text(max_size=30)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, places=3),
    TEXT,
    LEVEL_TEXT,
    NAMES,
)
ANY = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
IDENTITY_KEYS = st.sampled_from(
    ["instansi", "Instansi", "tahun", "Year", "kode", "jenis", "provinsi", "rubrik", "tahap", "x"]
)
IDENTITY = (
    st.dictionaries(
        IDENTITY_KEYS,
        st.one_of(
            SCALAR,
            st.integers(1890, 2210),
            st.sampled_from(["permenpanrb-5-2018", "permenpanrb-59-2020", "permenpanrb-8-2026"]),
            st.sampled_from(["Kabupaten", "Kota", "final", "mandiri"]),
        ),
        max_size=8,
    )
    | ANY
)
ITEM = st.one_of(st.integers(0, 50).map(str), st.integers(0, 50), st.just("35-2"), TEXT)
FIELDS = st.sampled_from(
    ["tingkat", "Level", "tingkat_mandiri", "target", "penjelasan", "bukti_dukung", "no", "?"]
)
ANSWER = SCALAR | st.dictionaries(FIELDS, SCALAR | ANY, max_size=4)
JAWABAN = st.one_of(
    st.dictionaries(ITEM, ANSWER, max_size=50),
    st.lists(st.dictionaries(FIELDS, SCALAR, max_size=4), max_size=20),
    ANY,
)
SECTIONS = st.sampled_from(["identitas", "identity", "jawaban", "answers", "lain"])
DOCUMENT = st.one_of(
    st.fixed_dictionaries({"identitas": IDENTITY, "jawaban": JAWABAN}),
    st.dictionaries(SECTIONS, IDENTITY | JAWABAN, max_size=3),
    ANY,
)


def plain(value: Any) -> Any:
    """JSON/YAML-safe: Decimals as floats (or text when not finite), keys as strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else str(value)
    return value


@FUZZ
@given(document=DOCUMENT, as_json=st.booleans())
def test_random_documents(document: Any, as_json: bool) -> None:
    data = plain(document)
    if as_json:
        text = json.dumps(data, ensure_ascii=False)
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with answer_file(".json" if as_json else ".yaml", text.encode("utf-8")) as path:
        read_and_validate(path)


NUMBER_TOKEN = st.from_regex(r"-?[0-9]{1,5}(\.[0-9]{1,5})?([eE][-+]?[0-9]{1,4})?", fullmatch=True)


@FUZZ
@given(
    levels=st.dictionaries(st.integers(1, 47).map(str), NUMBER_TOKEN, min_size=1),
    year=st.sampled_from(["2019", "2024", "2026", "2.024e3"]) | NUMBER_TOKEN,
)
def test_number_tokens_in_json(levels: dict[str, str], year: str) -> None:
    """Numbers as JSON can write them (`1E400`, `-0.0e-7`), as levels and as Tahun."""
    answers = ", ".join(f'"{k}": {v}' for k, v in levels.items())
    text = f'{{"identitas": {{"instansi": "X", "tahun": {year}}}, "jawaban": {{{answers}}}}}'
    with answer_file(".json", text.encode()) as path:
        read_and_validate(path)


@FEW
@given(document=st.fixed_dictionaries({"identitas": IDENTITY, "jawaban": JAWABAN}))
def test_random_documents_via_cli(document: Any) -> None:
    text = yaml.safe_dump(plain(document), allow_unicode=True)
    with answer_file(".yaml", text.encode("utf-8")) as path:
        score_via_cli(path)


CSV_CELL = st.one_of(TEXT, LEVEL_TEXT, NAMES, st.integers(0, 60).map(str), st.just(""))


@FUZZ
@given(
    identity=st.lists(st.tuples(IDENTITY_KEYS, CSV_CELL), max_size=5),
    header=st.lists(st.sampled_from(["No", "Tingkat", "Indikator", "Target", "x", ""]), max_size=6),
    rows=st.lists(st.lists(CSV_CELL, max_size=6), max_size=50),
    sep=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_random_csv(
    identity: list[tuple[str, str]],
    header: list[str],
    rows: list[list[str]],
    sep: str,
    encoding: str,
) -> None:
    lines = [[k, v] for k, v in identity] + [header] + rows
    text = "\r\n".join(sep.join(c.replace(sep, " ") for c in line) for line in lines)
    with answer_file(".csv", text.encode(encoding, errors="replace")) as path:
        read_and_validate(path)


# --- random cell values in a real workbook ----------------------------------------------

CELL_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(min_value=-1e300, max_value=1e300),
    st.decimals(min_value=-1000, max_value=1000, places=4),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)),
    st.times(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    LEVEL_TEXT,
    NAMES,
    st.sampled_from(["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "=F2-1", "=1/0", "=A1", "=E3"]),
)
CELLS = st.one_of(
    st.tuples(
        st.just("Identitas"), st.sampled_from([f"{c}{r}" for c in "AB" for r in range(1, 9)])
    ),
    st.tuples(
        st.just("Jawaban"), st.sampled_from([f"{c}{r}" for c in "AEFG" for r in range(1, 49)])
    ),
)


@cache
def example_workbook() -> Workbook:
    return load_workbook(EXAMPLE_2024)


NUMBER_FORMAT = st.sampled_from(["", "General", "0.00", "yyyy-mm-dd", "h:mm:ss", "[h]:mm:ss"])
Edit = tuple[tuple[str, str], Any, str]  # cell, value, number format


@FUZZ
@given(edits=st.lists(st.tuples(CELLS, CELL_VALUE, NUMBER_FORMAT), min_size=1, max_size=6))
def test_random_cell_values(edits: list[Edit]) -> None:
    wb = example_workbook()
    old = {(s, ref): (wb[s][ref].value, wb[s][ref].number_format) for (s, ref), _, _ in edits}
    try:
        for (sheet, ref), value, number_format in edits:
            wb[sheet][ref] = value
            if number_format:
                wb[sheet][ref].number_format = number_format
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "jawaban.xlsx"
            wb.save(path)
            read_and_validate(path)
    finally:
        for (sheet, ref), (value, number_format) in old.items():
            wb[sheet][ref] = value
            wb[sheet][ref].number_format = number_format
