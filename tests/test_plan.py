"""`spbe plan`: optimal against exhaustive search, costs, rounding, unreachable, formats."""

from __future__ import annotations

import csv
import io
import itertools
import json
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from spbe_cli.answers import Answer, Answers, Identity
from spbe_cli.cli import app
from spbe_cli.planning import plan, threshold
from spbe_cli.result import Result, build
from spbe_cli.rubric import LoadedRubric, Rubric, parse_rubric
from spbe_cli.scoring import score

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "examples"


def small_rubric(weights: list[Fraction], decimal: bool) -> object:
    inds = "".join(
        f'\n          - {{id: "{i}", name: Indikator {i}, weight: {float(w):.1f}}}'
        for i, w in enumerate(weights, 1)
    )
    vtype = "decimal" if decimal else "integer"
    text = f"""
id: small
title: Small
regulation: Test
years: {{first: 2020, last: null}}
values: {{type: {vtype}, min: 1, max: 5}}
scales: [{{id: s, name: s, levels: {{1: Satu, 2: Dua, 3: Tiga, 4: Empat, 5: Lima}}}}]
predikat:
  bands:
    - {{name: Kurang, gloss: Poor, min: null, max: 1.8}}
    - {{name: Cukup, gloss: Fair, min: 1.8, max: 2.6}}
    - {{name: Baik, gloss: Good, min: 2.6, max: 3.5}}
    - {{name: Sangat Baik, gloss: Very good, min: 3.5, max: 4.2}}
    - {{name: Memuaskan, gloss: Excellent, min: 4.2, max: null}}
sources: {{t: {{citation: test}}}}
provenance: {{structure: {{sources: [t], confidence: primary}}}}
domains:
  - id: D1
    name: Satu
    weight: 100
    aspects:
      - id: A1
        name: Satu
        weight: 100
        indicators:{inds}
"""
    return parse_rubric(text.encode(), "small.yaml").rubric


def answers(levels: list[Fraction]) -> Answers:
    items = {str(i): Answer(item=str(i), level=v, where=str(i)) for i, v in enumerate(levels, 1)}
    return Answers(file="t", sha256="", identity=Identity(name="T", year=2024), items=items)


def brute_force(
    levels: list[Fraction],
    weights: list[Fraction],
    need: Fraction,
    costs: dict[str, dict[int, Fraction]] | None,
) -> tuple[object, ...] | None:
    per = []
    for i, (lv, w) in enumerate(zip(levels, weights, strict=True), 1):
        opts = [(0, Fraction(0), Fraction(0))]
        gain, cost, cur = Fraction(0), Fraction(0), lv
        for to in range(int(lv) + 1, 6):
            gain += (to - cur) * w / 100
            cost += (costs or {}).get(str(i), {}).get(to, Fraction(1))
            cur = Fraction(to)
            opts.append((len(opts), gain, cost))
        per.append(opts)
    best = None
    for combo in itertools.product(*per):
        if sum(o[1] for o in combo) < need:
            continue
        key = (
            sum(o[2] for o in combo) if costs is not None else 0,
            sum(o[0] for o in combo),
            sum(1 for o in combo if o[0]),
            tuple(p for p, o in enumerate(combo) if o[0]),
        )
        if best is None or key < best:
            best = key
    return best


def plan_key(p: object, costs: bool) -> tuple[object, ...]:
    steps = p.steps  # type: ignore[attr-defined]
    touched = sorted({int(s.indicator) - 1 for s in steps})
    return (sum(s.cost for s in steps) if costs else 0, len(steps), len(touched), tuple(touched))


def scored(rubric: Rubric, levels: list[Fraction]) -> Result:
    """The result of these levels under a rubric built in the test."""
    loaded = LoadedRubric(rubric=rubric, path="", sha256="", builtin=False)
    ans = answers(levels)
    return build(loaded, ans, score(rubric, ans), "test")


weight_sets = (
    st.lists(st.integers(1, 60), min_size=2, max_size=4)
    .filter(lambda xs: sum(xs) < 199)
    .map(lambda xs: [Fraction(x, 2) for x in [*xs, 200 - sum(xs)]])  # halves, summing to 100
)


@settings(max_examples=200, deadline=None)
@given(
    weights=weight_sets,
    data=st.data(),
    decimal=st.booleans(),
    use_costs=st.booleans(),
    basis=st.sampled_from(["rounded", "exact"]),
)
def test_plan_is_optimal_against_exhaustive_search(
    weights: list[Fraction], data: st.DataObject, decimal: bool, use_costs: bool, basis: str
) -> None:
    n = len(weights)
    if decimal:
        levels = data.draw(st.lists(st.fractions(1, 5, max_denominator=4), min_size=n, max_size=n))
    else:
        levels = [
            Fraction(x) for x in data.draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
        ]
    rubric = small_rubric(weights, decimal)
    sc = scored(rubric, levels)
    target = data.draw(st.fractions(1, 5, max_denominator=100))
    costs = None
    if use_costs:
        costs = {
            str(i): {lv: Fraction(data.draw(st.integers(0, 9))) for lv in range(2, 6)}
            for i in range(1, n + 1)
        }
    p = plan(rubric, sc, target, None, basis, costs)  # type: ignore[arg-type]
    need = threshold(target, basis, 2) - sc.overall.index  # type: ignore[arg-type]
    expected = brute_force(levels, weights, need, costs) if need > 0 else (0, 0, 0, ())
    if expected is None:
        assert not p.reachable
        return
    assert p.reachable
    # (cost, steps, touched) are optimal; the position tie-break yields, on the rounded basis,
    # to a plan that also meets the exact target
    assert plan_key(p, use_costs)[:3] == expected[:3]
    if basis == "exact":
        assert plan_key(p, use_costs) == expected
    if p.steps:
        assert p.steps[-1].index_after - sc.overall.index >= need
        assert p.steps[-1].index_after == sc.overall.index + sum(s.gain for s in p.steps)


def test_example_plans_reach_the_next_predikat(runner: CliRunner) -> None:
    for name, target in (
        ("kabupaten-contoh-2024.xlsx", "Sangat Baik"),
        ("kabupaten-contoh-2019.xlsx", "Sangat Baik"),
        ("kabupaten-contoh-2026.xlsx", "Cukup"),
    ):
        result = runner.invoke(app, ["plan", str(EX / name), "-f", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["reachable"] and data["target"]["predikat"] == target
        assert data["steps"] and all(s["criterion"] for s in data["steps"])
        last = Fraction(data["steps"][-1]["index_after_exact"])
        assert round(float(last), 6) + 0.005 >= data["target"]["index"]
        gains = sum(Fraction(s["gain_exact"]) for s in data["steps"])
        assert gains == last - Fraction(data["current"]["index_exact"])


def test_rounding_only_and_exact_basis(runner: CliRunner) -> None:
    path = str(EX / "kabupaten-contoh-2026.xlsx")
    data = json.loads(runner.invoke(app, ["plan", path, "-f", "json"]).stdout)
    assert data["rounding_only"] and data["exact_basis_steps"] == 3
    assert len(data["steps"]) == 2 and data["steps"][-1]["index_after"] == 1.5
    exact = json.loads(
        runner.invoke(app, ["plan", path, "-f", "json", "--predikat-basis", "exact"]).stdout
    )
    assert not exact["rounding_only"] and len(exact["steps"]) == 3
    md = runner.invoke(app, ["plan", path, "-f", "md", "--lang", "en"]).stdout
    assert "reached only thanks to rounding" in md and "the exact basis needs 3 steps" in md


def test_unreachable_already_met_and_max_steps(runner: CliRunner, tmp_path: Path) -> None:
    path = str(EX / "kabupaten-contoh-2024.xlsx")
    assert json.loads(runner.invoke(app, ["plan", path, "-t", "2.0", "-f", "json"]).stdout)[
        "already_met"
    ]
    capped = json.loads(runner.invoke(app, ["plan", path, "--max-steps", "3", "-f", "json"]).stdout)
    assert not capped["reachable"] and capped["needed_steps"] == 31
    bad = runner.invoke(app, ["plan", path, "-t", "Hebat"])
    assert bad.exit_code == 2 and "--target: 'Hebat' is neither a predikat" in bad.stderr
    # a rubric whose top is unreachable: every indicator capped below the target
    small = tmp_path / "a.yaml"
    small.write_text(
        json.dumps(
            {
                "identitas": {"instansi": "X", "tahun": 2026},
                "jawaban": {str(i): 1 for i in range(1, 21)},
            }
        )
    )
    data = json.loads(runner.invoke(app, ["plan", str(small), "-t", "5", "-f", "json"]).stdout)
    assert data["reachable"] and len(data["steps"]) == 80  # all 20 indicators from 1 to 5


def test_costs_change_the_plan(runner: CliRunner, tmp_path: Path) -> None:
    path = str(EX / "kabupaten-contoh-2019.xlsx")
    base = json.loads(runner.invoke(app, ["plan", path, "-t", "2.8", "-f", "json"]).stdout)
    assert {s["indicator"] for s in base["steps"]} == {"18"}
    costs = tmp_path / "costs.yaml"
    costs.write_text('costs:\n  "18": 10\n  "26": {2: 1, 3: 1, 4: 2, 5: 2}\n')
    cheap = json.loads(
        runner.invoke(app, ["plan", path, "-t", "2.8", "--costs", str(costs), "-f", "json"]).stdout
    )
    assert "18" not in {s["indicator"] for s in cheap["steps"]}
    assert cheap["total_cost"] < 40
    csv_costs = tmp_path / "costs.csv"
    csv_costs.write_text("indicator,cost\n18,10\n")
    via_csv = json.loads(
        runner.invoke(
            app, ["plan", path, "-t", "2.8", "--costs", str(csv_costs), "-f", "json"]
        ).stdout
    )
    assert "18" not in {s["indicator"] for s in via_csv["steps"]}
    bad = tmp_path / "bad.yaml"
    bad.write_text('"99": 3\n"18": banyak\n')
    result = runner.invoke(app, ["plan", path, "--costs", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}: baris 1: indikator '99' tidak ada di rubrik" in result.stderr
    assert f"{bad}: baris 2: biaya 'banyak' bukan angka" in result.stderr


def test_all_formats(runner: CliRunner) -> None:
    path = str(EX / "kabupaten-contoh-2024.xlsx")
    table = runner.invoke(app, ["plan", path])
    assert table.exit_code == 0 and "Sangat Baik" in table.stdout
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["plan", path, "-f", "csv"]).stdout)))
    assert len(rows) == 31 and set(rows[0]) >= {
        "step",
        "indicator",
        "from",
        "to",
        "gain",
        "criterion",
    }
    md = runner.invoke(app, ["plan", path, "-f", "md"]).stdout
    assert "| 1 |" in md and "Yang harus dipenuhi" in md


def test_a_target_above_the_scale_is_unreachable() -> None:
    """A rubric whose top band asks more than the scale can give: no plan, said plainly."""
    rubric = small_rubric([Fraction(50), Fraction(50)], decimal=False)
    sc = scored(rubric, [Fraction(1), Fraction(2)])
    p = plan(rubric, sc, Fraction("5.01"), "Lebih", "exact")  # type: ignore[arg-type]
    assert not p.reachable and p.steps == []
