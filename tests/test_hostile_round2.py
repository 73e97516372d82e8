"""Hostile inputs, round two: special files in and out, silent loss in a batch, numeric
extremes in rubrics, terminal and CI-log injection, look-alike names, bad environment
values and unsafe written files. Each case runs in a forked child like test_hostile's."""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from test_hostile import (  # the same harness: a forked child, 5 s, 200 MB, no traceback
    ANSWERS_2025,
    EXAMPLE_2024,
    EXAMPLE_2026,
    RUBRIC_8_2026,
    Case,
    Outcome,
    Run,
    csv_2024,
    json_answers,
    rubric_file,
    score,
    verify,
    warm_parent,  # noqa: F401  (autouse: the parent caches what every fork inherits)
    workbook,
)

GIB = 2**30

# --- builders --------------------------------------------------------------------------


def fifo(tmp: Path, name: str) -> Path:
    path = tmp / name
    os.mkfifo(path)
    return path


def link(tmp: Path, name: str, to: str | Path) -> Path:
    path = tmp / name
    path.symlink_to(to)
    return path


def answers_csv(tmp: Path, name: str, institution: str, folder: str = "in") -> Path:
    (tmp / folder).mkdir(exist_ok=True)
    path = tmp / folder / name
    path.write_text(csv_2024(institution), encoding="utf-8")
    return path


def batch(tmp: Path, *extra: str, folder: str = "in") -> Run:
    return Run(["batch", str(tmp / folder), "--out", str(tmp / "out"), *extra], tmp / folder)


def summary_rows(tmp: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((tmp / "out" / "summary.json").read_text())["rows"]
    return rows


# outputs


def output_into(make: Callable[[Path], Path]) -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        target = make(tmp)
        return Run(["score", str(EXAMPLE_2024), "-f", "json", "-o", str(target)], target)

    return build


def still_a_link_to(to: str) -> Callable[[Run, Outcome], None]:
    def check(run: Run, _: Outcome) -> None:
        assert run.file.is_symlink() and os.readlink(run.file) == to

    return check


def still_a_fifo(run: Run, _: Outcome) -> None:
    assert stat.S_ISFIFO(os.lstat(run.file).st_mode)


READ_FROM_FIFO: dict[str, bytes] = {}


def fifo_with_reader(tmp: Path) -> Path:
    """A FIFO with a reader in this (parent) process that collects what is written."""
    path = fifo(tmp, "result.json")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a reader before any writer comes

    def read() -> None:
        chunks, seen = [], False
        import select

        while True:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                break
            chunk = os.read(fd, 1 << 16)
            if chunk:
                chunks.append(chunk)
                seen = True
            elif seen:  # the writer is done
                break
        os.close(fd)
        READ_FROM_FIFO[str(path)] = b"".join(chunks)

    threading.Thread(target=read, daemon=True).start()
    return path


def fifo_got_the_result(run: Run, outcome: Outcome) -> None:
    still_a_fifo(run, outcome)
    for _ in range(100):
        if str(run.file) in READ_FROM_FIFO:
            break
        threading.Event().wait(0.05)
    assert json.loads(READ_FROM_FIFO[str(run.file)])["index"] == 2.63


def through_a_link(tmp: Path) -> Path:
    (tmp / "real").mkdir()
    return link(tmp, "result.json", tmp / "real" / "result.json")


def wrote_through(run: Run, _: Outcome) -> None:
    assert run.file.is_symlink()
    assert json.loads((run.file.parent / "real" / "result.json").read_text())["index"] == 2.63


# inputs


def special_answers(make: Callable[[Path], Path]) -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        return score(make(tmp))

    return build


def special_rubric(make: Callable[[Path], Path], check: bool = False) -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        path = make(tmp)
        if check:
            return Run(["rubrics", "check", str(path)], path)
        return score(EXAMPLE_2026, "--rubric", str(path), file=path)

    return build


def sparse(tmp: Path, name: str, size: int) -> Path:
    path = tmp / name
    with path.open("wb") as f:
        f.truncate(size)
    return path


def special_report(tmp: Path) -> Run:
    path = fifo(tmp, "result.json")
    return Run(["report", str(path)], path)


def special_costs(tmp: Path) -> Run:
    path = link(tmp, "costs.yaml", "/dev/zero")
    return Run(["plan", str(EXAMPLE_2024), "--costs", str(path), "-f", "json"], path)


def fifo_named_in_batch(tmp: Path) -> Run:
    path = fifo(tmp, "x.xlsx")
    return Run(["batch", str(path), "--out", str(tmp / "out")], path)


# silent loss


def one_line_json_and_flow_yaml(tmp: Path) -> Run:
    (tmp / "in").mkdir()
    data = {"identitas": ANSWERS_2025["identitas"], "jawaban": ANSWERS_2025["jawaban"]}
    other = {**data, "identitas": {**data["identitas"], "instansi": "Kabupaten Lain", "kode": "1"}}
    (tmp / "in" / "a.json").write_text(json.dumps(data))  # one line, keys not at a line start
    (tmp / "in" / "b.yaml").write_text(yaml.safe_dump(other, default_flow_style=True, width=10**6))
    return batch(tmp)


def both_scored(run: Run, _: Outcome) -> None:
    rows = summary_rows(Path(run.args[3]).parent)
    assert sorted(r["file"].rsplit("/", 1)[-1] for r in rows if r["status"] == "ok") == [
        "a.json",
        "b.yaml",
    ]


def link_out_of_the_folder(tmp: Path) -> Run:
    answers_csv(tmp, "good.csv", "Kabupaten Contoh")
    secret = answers_csv(tmp, "secret.csv", "Kabupaten Rahasia", folder="elsewhere")
    link(tmp / "in", "leak.csv", secret)
    (tmp / "in" / "sub").mkdir()
    link(tmp / "in" / "sub", "up", tmp / "elsewhere")  # a folder link out, too
    return batch(tmp, "--verbose")


def nothing_leaked(run: Run, outcome: Outcome) -> None:
    tmp = Path(run.args[3]).parent
    for p in (tmp / "out").iterdir():
        assert "Rahasia" not in p.read_bytes().decode("utf-8", "replace"), p.name
    assert [r["institution"] for r in summary_rows(tmp)] == ["Kabupaten Contoh"]
    assert "Rahasia" not in outcome.stdout + outcome.stderr


def special_files_in_a_folder(tmp: Path) -> Run:
    answers_csv(tmp, "good.csv", "Kabupaten Contoh")
    fifo(tmp / "in", "pipe.xlsx")
    link(tmp / "in", "zero.yaml", "/dev/zero")
    (tmp / "in" / "notes.txt").write_text("not answers")
    return batch(tmp, "--verbose")


# numeric extremes

FIRST_WEIGHT = '        weight: 5\n      - id: "2"'  # indicator 1's


def many_indicators(count: int) -> Callable[[Path], Run]:
    """Aspect A1 with `count` indicators whose weights add up to its 10%."""

    def build(tmp: Path) -> Run:
        start = RUBRIC_8_2026.index("    indicators:\n", RUBRIC_8_2026.index("id: A1"))
        end = RUBRIC_8_2026.index("  - id: A2")
        weight = Decimal(10) / count
        items = ", ".join(f"{{id: x{i}, name: I, weight: {weight}}}" for i in range(count))
        text = RUBRIC_8_2026[:start] + f"    indicators: [{items}]\n" + RUBRIC_8_2026[end:]
        path = tmp / "rubric.yaml"
        path.write_text(text, encoding="utf-8")
        return Run(["rubrics", "check", str(path)], path)

    return build


def plan_with(tmp: Path, *extra: str) -> Run:
    return Run(["plan", str(EXAMPLE_2024), "-f", "json", *extra], tmp)


def huge_cost(tmp: Path) -> Run:
    path = tmp / "costs.yaml"
    path.write_text('costs:\n  "1": 1e999999999\n  "2": 1e-999999999\n')
    return Run(["plan", str(EXAMPLE_2024), "--costs", str(path), "-f", "json"], path)


def many_jobs(tmp: Path) -> Run:
    answers_csv(tmp, "a.csv", "Kabupaten Contoh")
    return batch(tmp, "--jobs", "400")


# terminal and CI-log injection

NASTY = "Kab \x1b]0;pwned\x07\x1b[2J\u202eXYZ [link=http://evil.example]klik[/link] [/x] [red]"


def nasty_csv(tmp: Path) -> Run:
    path = answers_csv(tmp, "nasty.csv", NASTY)
    return Run(["score", str(path)], path)


def nasty_batch(tmp: Path) -> Run:
    answers_csv(tmp, "nasty.csv", NASTY)
    answers_csv(tmp, "twin.csv", NASTY)  # a duplicate: the name reaches the error lines too
    return batch(tmp)


def no_raw_controls(_: Run, outcome: Outcome) -> None:
    text = outcome.stdout + outcome.stderr
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b]0;pwned" in text  # shown, escaped
    assert "[link=http://evil.example]" in text and "[/x]" in text  # shown, not applied


def newline_in_file_name(tmp: Path) -> Run:
    path = tmp / "a\n::error title=pwned::owned.xlsx"
    return score(path)


def one_line_per_message(_: Run, outcome: Outcome) -> None:
    for line in (outcome.stdout + outcome.stderr).splitlines():
        assert not line.startswith("::"), line


def escaped_cell_text(tmp: Path) -> Run:
    """ESC and BEL as the XLSX format escapes them (`_x001B_`), which calamine decodes;
    shown as a table on the terminal (JSON would escape them anyway)."""
    wb = load_workbook(EXAMPLE_2024)
    wb["Identitas"]["B1"] = "Kabupaten _x001B_]0;pwned_x0007_ Contoh"
    path = tmp / "jawaban.xlsx"
    wb.save(path)
    return Run(["score", str(path)], path)


def escaped_in_table(_: Run, outcome: Outcome) -> None:
    # newer calamine decodes the escapes, 0.3.0 keeps the text: never a raw ESC either way
    shown = ("Kabupaten \\x1b]0;pwned\\x07 Contoh", "Kabupaten _x001B_]0;pwned_x0007_ Contoh")
    assert any(s in outcome.stdout for s in shown)


# look-alikes


def lookalike_sheet(wb: Workbook) -> None:
    fake = wb.copy_worksheet(wb["Jawaban"])
    fake.title = "J\u0430waban"  # Cyrillic а
    wb.move_sheet(fake, -(len(wb.sheetnames) - 1))
    wb["Jawaban"].sheet_state = "hidden"


def zero_width_sheet(wb: Workbook) -> None:
    fake = wb.copy_worksheet(wb["Jawaban"])
    fake.title = "Jawa\u200bban"
    wb["Jawaban"].sheet_state = "hidden"


def cyrillic_institution(tmp: Path) -> Run:
    path = answers_csv(tmp, "a.csv", "Kabupaten C\u043entoh")
    return score(path)


def twins(first: str, second: str) -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        answers_csv(tmp, "a.csv", first)
        answers_csv(tmp, "b.csv", second)
        return batch(tmp)

    return build


# environment and options


def with_env(name: str, value: str, *extra: str) -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        return Run(["score", str(EXAMPLE_2024), "-f", "md", *extra], tmp, {name: value})

    return build


def surrogate_json(tmp: Path) -> Run:
    path = tmp / "a.json"
    path.write_text(json_answers("2").replace('"Kabupaten Contoh"', '"Kab \\ud800 X"'))
    return score(path)


def template_with(institution: str) -> Callable[[Path], Run]:
    def build(tmp: Path) -> Run:
        path = tmp / "t.xlsx"
        return Run(["template", "-o", str(path), "--institution", institution], path)

    return build


def text_not_formula(run: Run, _: Outcome) -> None:
    cell = load_workbook(run.file)["Identitas"]["B1"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://evil.example","klik")'


# unsafe files written


def summary_xlsx_reads_back(run: Run, _: Outcome) -> None:
    tmp = Path(run.args[3]).parent
    rows = list(load_workbook(tmp / "out" / "summary.xlsx").active.values)
    assert "Kabupaten Contoh" in rows[1]  # U+FFFF dropped, the workbook valid XML


def long_name(tmp: Path) -> Run:
    answers_csv(tmp, "a.csv", "Kabupaten " + "Panjang Sekali " * 19)
    return batch(tmp)


def year_kept(run: Run, _: Outcome) -> None:
    tmp = Path(run.args[3]).parent
    assert [p.name for p in (tmp / "out").glob("kabupaten-*.json")][0].endswith("-2024.json")


CASES = [
    # special files as outputs
    Case(
        "output-link-to-dev-null",
        output_into(lambda tmp: link(tmp, "null.json", "/dev/null")),
        exit_code=0,
        check=still_a_link_to("/dev/null"),
    ),
    Case(
        "output-fifo-without-reader",
        output_into(lambda tmp: fifo(tmp, "result.json")),
        ["{file}: tidak ada program yang membaca dari pipe ini"],
        check=still_a_fifo,
    ),
    Case(
        "output-fifo-with-reader",
        output_into(fifo_with_reader),
        exit_code=0,
        check=fifo_got_the_result,
    ),
    Case("output-through-a-link", output_into(through_a_link), exit_code=0, check=wrote_through),
    # special files as inputs
    Case(
        "fifo-named-xlsx",
        special_answers(lambda tmp: fifo(tmp, "x.xlsx")),
        ["{file}: ini pipa bernama (FIFO), bukan berkas"],
    ),
    Case(
        "dev-zero-link-as-answers",
        special_answers(lambda tmp: link(tmp, "a.yaml", "/dev/zero")),
        ["{file}: ini perangkat, bukan berkas"],
    ),
    Case(
        "fifo-as-rubric",
        special_rubric(lambda tmp: fifo(tmp, "r.yaml")),
        ["{file}: ini pipa bernama (FIFO), bukan berkas rubrik"],
    ),
    Case(
        "fifo-in-rubrics-check",
        special_rubric(lambda tmp: fifo(tmp, "r.yaml"), check=True),
        ["{file}: ini pipa bernama (FIFO), bukan berkas rubrik"],
    ),
    Case(
        "dev-zero-link-as-rubric",
        special_rubric(lambda tmp: link(tmp, "r.yaml", "/dev/zero")),
        ["{file}: ini perangkat, bukan berkas rubrik"],
    ),
    Case(
        "rubric-2-gib-checked-before-reading",
        special_rubric(lambda tmp: sparse(tmp, "r.yaml", 2 * GIB), check=True),
        ["{file}: berkas rubrik berukuran 2,147,483,648 bita; batasnya 500,000"],
    ),
    Case("fifo-as-result-for-report", special_report, ["{file}: ini pipa bernama (FIFO)"]),
    Case("dev-zero-link-as-costs", special_costs, ["{file}: ini perangkat, bukan berkas"]),
    Case("fifo-named-in-batch", fifo_named_in_batch, ["{file}: ini pipa bernama (FIFO)"]),
    # silent loss
    Case(
        "batch-one-line-json-and-flow-yaml",
        one_line_json_and_flow_yaml,
        exit_code=0,
        check=both_scored,
    ),
    Case(
        "batch-link-out-of-the-folder",
        link_out_of_the_folder,
        [
            "{file}/leak.csv: tautan ke tempat di luar folder yang diberikan",
            "{file}/sub/up: tautan ke tempat di luar folder yang diberikan",
        ],
        exit_code=0,
        check=nothing_leaked,
    ),
    Case(
        "batch-special-files-in-a-folder",
        special_files_in_a_folder,
        [
            "{file}/pipe.xlsx: pipa bernama (FIFO), bukan berkas biasa",
            "{file}/zero.yaml: tautan ke tempat di luar folder yang diberikan",
            "{file}/notes.txt: bukan jenis berkas jawaban",
        ],
        exit_code=0,
    ),
    # numeric extremes in rubrics
    Case(
        "rubric-weight-1e-999999999",
        rubric_file(
            '        weight: 5\n      - id: "2"', '        weight: 1e-999999999\n      - id: "2"'
        ),
        ["aspects[0].indicators[0].weight: ", "memiliki lebih dari 6 angka desimal"],
    ),
    Case(
        "rubric-weights-sum-beyond-28-digits",
        rubric_file("    weight: 10\n", "    weight: 10.0000000000000000000000000001\n"),
        ["aspects[0].weight: ", "memiliki lebih dari 6 angka desimal"],
    ),
    Case(
        "rubric-weights-sum-off-by-a-millionth",
        rubric_file(
            '        weight: 5\n      - id: "2"', '        weight: 5.000001\n      - id: "2"'
        ),
        ["jumlah bobot indikator 10.000001, tidak sama dengan bobot aspek 10"],
    ),
    Case(
        "rubric-negative-weight",
        rubric_file(FIRST_WEIGHT, FIRST_WEIGHT.replace("5", "-5")),
        ["aspects[0].indicators[0].weight: ", "di luar rentang 0–100"],
    ),
    Case(
        "rubric-band-bound-1e999999999",
        rubric_file("max: 4.0}", "max: 1e999999999}"),
        ["predikat.bands[3].max: ", "di luar rentang 0–10"],
    ),
    Case(
        "rubric-decimal-scale-max-1e6",
        rubric_file("max: 5.00}", "max: 1e6}"),
        ["values.max: ", "di luar rentang 0–10"],
    ),
    Case(
        "rubric-integer-scale-max-1e8",
        rubric_file("{type: decimal, min: 1.00, max: 5.00}", "{type: integer, min: 1, max: 1e8}"),
        ["values.max: ", "di luar rentang 0–10"],
    ),
    Case(
        "rubric-20000-indicators",
        many_indicators(20_000),
        [("batasnya 500,000", "lebih dari 20,000")],
    ),
    Case(
        "rubric-1000-indicators",
        many_indicators(1_000),
        [
            "1,018 butir yang dijawab (indikator beserta ulangannya); rubrik paling banyak"
            " memuat 100"
        ],
    ),
    Case(
        "rubric-control-characters-in-a-name",
        rubric_file('name: "Tata Kelola dan Manajemen"', 'name: "Tata \\e[2J Kelola"'),
        ["aspects[0].name: ", "karakter kendali tidak diperbolehkan"],
    ),
    Case(
        "costs-1e-plus-minus-999999999",
        huge_cost,
        ["{file}: baris 2: biaya '1e999999999' bukan angka"],
    ),
    Case(
        "target-1e999999999",
        lambda tmp: plan_with(tmp, "--target", "1e999999999"),
        ["--target: '1e999999999' bukan predikat"],
    ),
    Case(
        "target-nan",
        lambda tmp: plan_with(tmp, "--target", "NaN"),
        ["--target: 'NaN' bukan predikat"],
    ),
    Case(
        "jobs-400-capped",
        many_jobs,
        ["catatan: --jobs 400 dibatasi menjadi"],
        exit_code=0,
    ),
    # terminal and CI-log injection
    Case("control-and-markup-in-a-name", nasty_csv, exit_code=0, check=no_raw_controls),
    Case(
        "control-and-markup-in-batch-errors",
        nasty_batch,
        ["juga ada di"],
        check=no_raw_controls,
    ),
    Case(
        "newline-in-a-file-name",
        newline_in_file_name,
        ["'", "\\n::error title=pwned::owned.xlsx': berkas tidak ditemukan"],
        check=one_line_per_message,
    ),
    Case(
        "xlsx-escaped-control-in-a-cell",
        escaped_cell_text,
        exit_code=0,
        forbid=("\x1b", "\x07"),
        check=escaped_in_table,
    ),
    # look-alikes
    Case(
        "lookalike-visible-sheet-before-hidden-real-one",
        workbook(lookalike_sheet),
        ["mirip 'Jawaban' tetapi memuat huruf Sirilik atau Yunani"],
    ),
    Case(
        "zero-width-sheet-name-beside-hidden-real-one",
        workbook(zero_width_sheet),
        ["beberapa lembar bisa menjadi lembar Jawaban"],
    ),
    Case(
        "cyrillic-letter-in-institution",
        cyrillic_institution,
        ["mencampur huruf Latin dengan huruf Sirilik atau Yunani"],
    ),
    Case(
        "zero-width-twin-institution",
        twins("Kabupaten Contoh", "Kabupaten\u200b Contoh"),
        ["{file}/a.csv: Kabupaten Contoh 2024 juga ada di"],
    ),
    Case(
        "pemerintah-kab-is-kabupaten",
        twins("Pemerintah Kab. Contoh", "Kabupaten Contoh"),
        ["{file}/a.csv: Pemerintah Kab. Contoh 2024 juga ada di"],
    ),
    Case("kota-is-not-kabupaten", twins("Kota Contoh", "Kabupaten Contoh"), exit_code=0),
    # environment and options
    Case(
        "env-superscript-two",
        with_env("SPBE_MAX_ROWS", "²"),
        ["SPBE_MAX_ROWS: '²' bukan bilangan bulat dari 1 sampai 1,000,000"],
    ),
    Case(
        "env-5000-digits",
        with_env("SPBE_MAX_FILE_MB", "9" * 5000),
        ["SPBE_MAX_FILE_MB: '99999999999999999999…' bukan bilangan bulat"],
    ),
    Case(
        "source-date-epoch-out-of-range",
        with_env("SOURCE_DATE_EPOCH", "99999999999999"),
        ["SOURCE_DATE_EPOCH: '99999999999999' bukan jumlah detik sejak 1970"],
    ),
    Case(
        "source-date-epoch-superscript",
        with_env("SOURCE_DATE_EPOCH", "¹²"),
        ["SOURCE_DATE_EPOCH: '¹²' bukan jumlah detik sejak 1970"],
    ),
    Case(
        "generated-at-out-of-range",
        with_env("X", "", "--generated-at", "9999-12-31T23:59:59-05:00"),
        ["--generated-at: '9999-12-31T23:59:59-05:00' bukan waktu ISO 8601"],
    ),
    Case(
        "lone-surrogate-in-json",
        surrogate_json,
        ["{file}: baris 1: \\ud800 hanya separuh karakter"],
    ),
    Case(
        "control-character-in-template-institution",
        template_with("Kab \x1b]0;x\x07"),
        ["--institution: 'Kab \\x1b]0;x\\x07' mengandung karakter kendali"],
    ),
    # unsafe files written
    Case(
        "template-institution-formula",
        template_with('=HYPERLINK("http://evil.example","klik")'),
        exit_code=0,
        check=text_not_formula,
    ),
    Case(
        "template-institution-undecodable-bytes",
        template_with("Kab \udcff"),
        ["--institution: Kab \\udcff bukan teks yang sah"],
    ),
    Case(
        "summary-xlsx-without-xml-forbidden-characters",
        lambda tmp: (answers_csv(tmp, "a.csv", "Kabupaten Contoh\uffff"), batch(tmp))[1],
        exit_code=0,
        check=summary_xlsx_reads_back,
    ),
    Case("long-name-keeps-the-year", long_name, exit_code=0, check=year_kept),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_round2(case: Case, tmp_path: Path) -> None:
    verify(case, tmp_path)
