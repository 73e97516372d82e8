"""The result model: one half-up rounding in every output, exact Δ in both diff forms, the
loader's located errors, number options, and predikat taken from the rubric's bands."""

from __future__ import annotations

import cProfile
import csv
import io
import json
import pstats
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from rich.console import Console
from typer.testing import CliRunner

from spbe_cli import pipeline, render, reports, serialize, summary, summarybook, view
from spbe_cli.answers import Answer, Answers, Identity
from spbe_cli.batch import Outcome
from spbe_cli.cli.app import app
from spbe_cli.console import score_table
from spbe_cli.numbers import level_text, round_text, weight_text
from spbe_cli.render import md_escape
from spbe_cli.result import Result, build
from spbe_cli.rubric import LoadedRubric, load_builtin
from spbe_cli.scoring import score

R2026 = "permenpanrb-8-2026"
IDS_2026 = [str(i) for i in range(1, 21)]


def answers_yaml(
    path: Path, levels: dict[str, str], name: str = "Kab A", year: int = 2026, rubric: str = R2026
) -> Path:
    lines = [f"  {json.dumps(k)}: {v}\n" for k, v in levels.items()]
    path.write_text(
        f"identitas:\n  instansi: {name}\n  tahun: {year}\n  kode: K1\n  rubrik: {rubric}\n"
        "jawaban:\n" + "".join(lines),
        encoding="utf-8",
    )
    return path


def levels_2026(**given: str) -> dict[str, str]:
    return {i: given.get(f"i{i}", "2.62") for i in IDS_2026}


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- one rounding -------------------------------------------------------------------------


def test_ties_round_half_up_in_every_report(runner: CliRunner, tmp_path: Path) -> None:
    """1.125 → 1.13 (not Python's half-even 1.12), 0.05625 → 0.0563, 2.465 → 2.47,
    3.645 → 3.65, in Markdown and HTML alike."""
    path = answers_yaml(tmp_path / "a.yaml", levels_2026(i1="1.125", i2="2.465", i3="3.645"))
    for fmt in ("md", "html"):
        text = run(runner, "score", str(path), "-f", fmt)
        for shown in ("1.13", "0.0563", "2.47", "3.65"):
            assert shown in text, (fmt, shown)
        for wrong in ("1.12", "0.0562", "2.46", "3.64"):
            assert wrong not in text, (fmt, wrong)


def _levels(rubric_id: str) -> st.SearchStrategy[dict[str, Fraction]]:
    rubric = load_builtin(rubric_id).rubric
    ids = [i for i, _, _ in rubric.items()]
    if rubric.values.type == "integer":
        level = st.integers(1, 5).map(Fraction)
    else:  # 8/2026 decimals, with x.xx5 ties and the worked cases
        ties = st.sampled_from(["1.125", "2.465", "3.645", "1.005", "4.995", "2.675", "4.515"])
        level = st.one_of(
            ties.map(Fraction),
            st.decimals(1, 5, places=3).map(lambda d: Fraction(str(d))),
            st.integers(1, 5).map(Fraction),
        )
    return st.lists(level, min_size=len(ids), max_size=len(ids)).map(
        lambda xs: dict(zip(ids, xs, strict=True))
    )


def _result(rubric_id: str, levels: dict[str, Fraction]) -> tuple[Result, LoadedRubric]:
    loaded = load_builtin(rubric_id)
    items = {i: Answer(i, lv, lv, where=i) for i, lv in levels.items()}
    ident = Identity(name="Kab P", year=2026, code="P1")
    answers = Answers(file="p.yaml", sha256="", identity=ident, items=items)
    return build(loaded, answers, score(loaded.rubric, answers), "test"), loaded


def _md_rows(md: str, first: str) -> list[str]:
    """The cells of the first Markdown table row that starts with `first`."""
    line = next(x for x in md.splitlines() if x.startswith(f"| {md_escape(first)} | "))
    return [c.strip() for c in line.strip("| ").split(" | ")]


def _check_markdown(r: Result, md: str) -> None:
    places = r.places
    assert f": **{round_text(r.index, places)}** —" in md
    for p in (*r.domains, *r.aspects):
        cells = _md_rows(md, p.id)
        assert cells[-3:-1] == [weight_text(p.weight), round_text(p.index, places)]
    section = md[md.index("<details>") :]
    for i in r.indicators:
        cells = _md_rows(section, i.id)
        assert cells[2] == level_text(i.level)
        assert cells[4:6] == [weight_text(i.weight), round_text(i.contribution, 4)]


def _check_html(r: Result, html: str) -> None:
    assert f'<div class="value">{round_text(r.index, r.places)}</div>' in html
    for i in r.indicators:
        m = re.search(
            rf'<th scope="row">{re.escape(i.id)}</th>\s*<td>.*?</td>\s*'
            r'<td class="num"><span class="level">(.*?)</span>.*?</td>\s*'
            r'<td class="num">(.*?)</td>\s*<td class="num">(.*?)</td>',
            html,
            re.DOTALL,
        )
        assert m is not None
        assert m.groups() == (
            level_text(i.level),
            weight_text(i.weight),
            round_text(i.contribution, 4),
        )
    for p in (*r.domains, *r.aspects):
        m = re.search(
            rf'<th scope="row">{re.escape(p.id)}</th>.*?<td class="num">(.*?)</td>'
            r'<td class="num">(.*?)</td>',
            html,
        )
        assert m is not None and m.groups() == (weight_text(p.weight), round_text(p.index, 2))


def _check_terminal(r: Result, loaded: LoadedRubric) -> None:
    console = Console(record=True, width=250, file=io.StringIO())
    score_table(console, r, loaded.rubric, "id")
    text = console.export_text()
    assert f"{loaded.rubric.index_name}: {round_text(r.index, r.places)} " in text
    rows = {c[0]: c for c in ([x.strip() for x in line.split("│")] for line in text.splitlines())}
    for d in r.domains:
        assert rows[d.id][-3:-1] == [weight_text(d.weight), round_text(d.index, 2)]
    for a in r.aspects:
        assert rows[a.id][-2:] == [weight_text(a.weight), round_text(a.index, 2)]


def _check_json(r: Result) -> None:
    data = json.loads(serialize.result_text(r))
    assert data["index"] == float(round_text(r.index, r.places))
    for got, part in zip(
        [*data["domains"], *data["aspects"]], [*r.domains, *r.aspects], strict=True
    ):
        assert got["index"] == float(round_text(part.index, r.places))
    for got, i in zip(data["indicators"], r.indicators, strict=True):
        assert got["contribution"] == float(round_text(i.contribution, 6))
        assert Fraction(got["level_exact"]) == i.level
        assert got["level"] == float(round_text(i.level, 6))


def _check_summaries(r: Result) -> None:
    table = summary.rows([Outcome(file="p.yaml", result=r.headline(), stem="p")])
    parts = {p.id: p.index for p in (*r.domains, *r.aspects)} | {"index": r.index}
    row = list(csv.DictReader(io.StringIO(summary.to_csv(table))))[0]
    for key, exact in parts.items():
        assert row[key] == round_text(exact, 2)
    book = load_workbook(io.BytesIO(summarybook.to_xlsx(table, "en")))
    values = {}
    for name, key in (("Summary", "Index"), ("Domains", None), ("Aspects", None)):
        sheet = book[name]
        for head, cell in zip(sheet[1], sheet[2], strict=True):
            if key is None and str(head.value)[:1] in "DA" and str(head.value)[1:2].isdigit():
                values[str(head.value).split()[0]] = cell.value
            elif head.value == key:
                values["index"] = cell.value
    assert set(values) == set(parts)
    for key, exact in parts.items():
        assert Decimal(repr(values[key])) == Decimal(round_text(exact, 2))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=st.sampled_from(["permenpanrb-5-2018", "permenpanrb-59-2020", R2026]).flatmap(
        lambda rid: st.tuples(st.just(rid), _levels(rid))
    )
)
def test_every_number_shown_is_round_text_of_the_exact_value(
    case: tuple[str, dict[str, Fraction]],
) -> None:
    r, loaded = _result(*case)
    plan = reports.recommendation(r, loaded)
    v = view.build(r, loaded, "id", "2026-01-01 00:00 UTC", plan)
    _check_markdown(r, render.render(v, "md"))
    _check_html(r, render.render(v, "html"))
    _check_terminal(r, loaded)
    _check_json(r)
    _check_summaries(r)


# --- exact Δ, one shape -----------------------------------------------------------------


def test_single_and_batch_diff_give_the_same_exact_delta(runner: CliRunner, tmp_path: Path) -> None:
    """2.6249 (shown 2.62) → 2.6251 (shown 2.63): Δ is +0.00 (exactly 0.0002) in both
    forms; the batch form used to subtract the shown values (+0.01)."""
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = answers_yaml(tmp_path / "old" / "a.yaml", levels_2026(i6="2.65", i8="2.72"), year=2025)
    new = answers_yaml(tmp_path / "new" / "a.yaml", levels_2026(i6="2.63", i8="2.74"))
    single = json.loads(run(runner, "diff", str(old), str(new), "-f", "json"))
    both = json.loads(run(runner, "diff", str(old.parent), str(new.parent), "-f", "json"))
    assert (single["old"]["index"], single["new"]["index"]) == (2.62, 2.63)
    assert single["delta"] == 0.0 and single["delta_exact"] == "0.0002"
    (row,) = both["rows"]
    assert (row["delta"], row["delta_exact"]) == (single["delta"], single["delta_exact"])
    assert set(row) == set(single) - {"gates"}
    assert isinstance(row["old"]["year"], int) and row["predikat_change"] == 0
    md = run(runner, "diff", str(old.parent), str(new.parent), "-f", "md")
    assert "| +0.00 |" in md and "+0.01" not in md


# --- the loader -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("saved")
    path = answers_yaml(folder / "a.yaml", levels_2026(i1="1.125"))
    data: dict[str, object] = json.loads(
        CliRunner().invoke(app, ["score", str(path), "-f", "json"]).stdout
    )
    return data


def _edit(data: dict[str, object], path: str, value: object) -> dict[str, object]:
    copy = json.loads(json.dumps(data))
    target = copy
    keys = [int(k) if k.isdigit() else k for k in re.split(r"[.\[\]]+", path) if k]
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = value
    return copy


@pytest.mark.parametrize(
    ("path", "value", "where", "message"),
    [
        ("indicators[12].level_exact", "abc", "indicators[12].level_exact", "not a number"),
        ("indicators[0].level_exact", "1/0", "indicators[0].level_exact", "not a number"),
        ("indicators[3].level_exact", "1e999999999", "indicators[3].level_exact", "not a number"),
        ("indicators[3].level_exact", "9" * 400, "indicators[3].level_exact", "not a number"),
        ("indicators[3].level_exact", [1, 2], "indicators[3].level_exact", "not a number"),
        ("indicators[2].level_exact", "7", "indicators[2].level_exact", "outside 1–5"),
        ("indicators[2].id", "99", "indicators[2].id", "is not in rubric"),
        ("indicators[1].weight_exact", "7.00", "indicators[1].weight_exact", "rubric's weight"),
        ("index_exact", "4.00", "index_exact", "the levels give"),
        ("institution.year", "dua ribu", "institution.year", "whole number"),
        ("indicators", [], "indicators", "must not be empty"),
    ],
)
def test_a_bad_result_is_a_located_error(
    runner: CliRunner,
    tmp_path: Path,
    saved: dict[str, object],
    path: str,
    value: object,
    where: str,
    message: str,
) -> None:
    bad = tmp_path / "result.json"
    bad.write_text(json.dumps(_edit(saved, path, value)), encoding="utf-8")
    for args in (["report", str(bad), "-f", "md"], ["plan", str(bad)]):
        result = runner.invoke(app, [*args, "--lang", "en"])
        assert result.exit_code == 2, result.output
        assert f"{bad}: {where}: " in result.stderr and message in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        '{"format_version": 1, "index": NaN}',
        '{"format_version": 1, "index": 1e999999999}',
        '{"format_version": 1, "index": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        "[1, 2, 3]",
        '{"format_version": 1, "tool": ',
    ],
)
def test_hostile_result_json_is_exit_2(runner: CliRunner, tmp_path: Path, text: str) -> None:
    bad = tmp_path / "result.json"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["report", str(bad)])
    assert result.exit_code == 2 and result.stderr.startswith(f"galat: {bad}")


@pytest.mark.parametrize(
    "content",
    [b'{"format_version": 1, "rows": [{"rank": 1, "fi', b"\xff\xfe\x00garbage", b'{"rows": 3}'],
)
def test_a_bad_summary_in_a_batch_diff_is_exit_2(
    runner: CliRunner, tmp_path: Path, content: bytes
) -> None:
    old, new = tmp_path / "a", tmp_path / "b"
    for folder in (old, new):
        folder.mkdir()
    answers_yaml(new / "x.yaml", levels_2026())
    (old / "summary.json").write_bytes(content)
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 2 and f"galat: {old / 'summary.json'}" in result.stderr


# --- numbers typed by people ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["score", "{f}", "--fail-under", "nan"], "--fail-under"),
        (["score", "{f}", "--fail-under", "inf"], "--fail-under"),
        (["score", "{f}", "--min-domain", "A1=nan"], "--min-domain"),
        (["diff", "{f}", "{f}", "--fail-on-drop", "nan"], "--fail-on-drop"),
        (["plan", "{f}", "--target", "nan"], "--target"),
    ],
)
def test_non_finite_numbers_are_usage_errors(
    runner: CliRunner, tmp_path: Path, args: list[str], option: str
) -> None:
    f = str(answers_yaml(tmp_path / "a.yaml", levels_2026()))
    result = runner.invoke(app, [a.replace("{f}", f) for a in args])
    assert result.exit_code == 2
    assert f"galat: {option}: 'nan'" in result.stderr or f"galat: {option}: 'inf'" in result.stderr
    assert (
        "A1=" in result.stderr
        or "bukan angka" in result.stderr
        or "bukan predikat" in result.stderr
    )


def test_a_cost_of_inf_is_located(runner: CliRunner, tmp_path: Path) -> None:
    f = answers_yaml(tmp_path / "a.yaml", levels_2026())
    costs = tmp_path / "c.yaml"
    costs.write_text('"1": inf\n"2": 1e999999999\n', encoding="utf-8")
    result = runner.invoke(app, ["plan", str(f), "--costs", str(costs)])
    assert result.exit_code == 2
    assert (
        f"{costs}: baris 1: biaya" in result.stderr and f"{costs}: baris 2: biaya" in result.stderr
    )


# --- predikat from the rubric's bands ---------------------------------------------------

BANDS = [
    ("Rendah", "Low"),
    ("Sedang", "Medium"),
    ("Tinggi", "High"),
    ("Sangat Tinggi", "Very high"),
    ("Istimewa", "Outstanding"),
]
BUILTIN_BANDS = ["Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan"]


@pytest.fixture
def custom_rubric(tmp_path: Path) -> Path:
    text = (Path(__file__).parent.parent / "rubrics" / "permenpanrb-8-2026.yaml").read_text(
        encoding="utf-8"
    )
    text = re.sub(r"(?m)^id: .*$", "id: kustom-2026", text)
    for (name, gloss), old in zip(BANDS, BUILTIN_BANDS, strict=True):
        text = re.sub(
            rf'\{{name: "{old}", gloss: "[^"]*"', f'{{name: "{name}", gloss: "{gloss}"', text
        )
    path = tmp_path / "kustom.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rubric_with_its_own_band_names_works_end_to_end(
    runner: CliRunner, tmp_path: Path, custom_rubric: Path
) -> None:
    answers = tmp_path / "in"
    answers.mkdir()
    f = answers_yaml(answers / "a.yaml", levels_2026(), rubric="kustom-2026")
    r = str(custom_rubric)
    gate = runner.invoke(app, ["score", str(f), "-r", r, "--min-predikat", "Sangat Tinggi"])
    assert gate.exit_code == 1 and "predikat Tinggi di bawah Sangat Tinggi" in gate.stderr
    assert runner.invoke(app, ["score", str(f), "-r", r, "--min-predikat", "Tinggi"]).exit_code == 0
    unknown = runner.invoke(app, ["score", str(f), "-r", r, "--min-predikat", "Baik"])
    assert (
        unknown.exit_code == 2 and "'Baik' bukan salah satu dari Rendah, Sedang" in unknown.stderr
    )
    md = run(runner, "score", str(f), "-r", r, "-f", "md", "--lang", "en")
    assert "Tinggi (High)" in md and "Sangat Tinggi (Very high)" in md
    out = tmp_path / "out"
    run(runner, "batch", str(answers), "-r", r, "--out", str(out), "--min-predikat", "Tinggi")
    summary_md = (out / "summary.md").read_text(encoding="utf-8")
    assert "| Tinggi | 1 |" in summary_md and "Kurang" not in summary_md
    assert "Tinggi: 1" in (out / "summary.html").read_text(encoding="utf-8")


def test_rubrics_with_different_band_lists_are_not_mapped(
    runner: CliRunner, tmp_path: Path, custom_rubric: Path
) -> None:
    a = answers_yaml(tmp_path / "a.yaml", levels_2026(), year=2025)
    old = tmp_path / "old.json"
    old.write_text(run(runner, "score", str(a), "-f", "json"), encoding="utf-8")
    f = answers_yaml(tmp_path / "b.yaml", levels_2026(), rubric="kustom-2026")
    saved = tmp_path / "new.json"
    saved.write_text(
        run(runner, "score", str(f), "-r", str(custom_rubric), "-f", "json"), encoding="utf-8"
    )
    data = json.loads(
        run(runner, "diff", str(old), str(saved), "-r", str(custom_rubric), "-f", "json")
    )
    assert data["predikat_change"] is None
    text = run(runner, "diff", str(old), str(saved), "-r", str(custom_rubric), "--lang", "en")
    assert "predikat lists differ" in text


# --- the report receives its plan -------------------------------------------------------


def scoring_calls(run: Callable[[], object]) -> list[int]:
    """How many times `run` calls the scorer (`scoring.score`), as cProfile counts it."""
    profile = cProfile.Profile()
    profile.enable()
    run()
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return [
        v[1]
        for (file, _, name), v in stats.items()
        if name == "score" and file.endswith("scoring.py")
    ]


def test_a_report_scores_once(tmp_path: Path) -> None:
    f = answers_yaml(tmp_path / "a.yaml", levels_2026(i1="1.125"))

    def run() -> None:
        loaded, result = pipeline.score_file(f)
        reports.report_texts(result, loaded, ("md", "html"), "id", "t")

    assert scoring_calls(run) == [1]


def test_a_saved_result_reads_back_whole(runner: CliRunner, tmp_path: Path) -> None:
    """Decimal levels, self levels and a decimal target survive the round trip: the report
    of the saved JSON is the report of the answers."""
    levels = levels_2026(i1="1.125")
    levels["2"] = "{tingkat: 2.5, tingkat_mandiri: 3, target: 3.5}"
    f = answers_yaml(tmp_path / "a.yaml", levels)
    saved = tmp_path / "a.json"
    saved.write_text(run(runner, "score", str(f), "-f", "json"), encoding="utf-8")
    stamp = ["--generated-at", "2026-01-01T00:00"]
    direct = run(runner, "score", str(f), "-f", "md", *stamp)
    again = run(runner, "report", str(saved), "-f", "md", *stamp)
    assert again == direct
