"""`spbe plan`: optimal against exhaustive search, costs, rounding, unreachable, formats."""

from __future__ import annotations

import collections
import csv
import io
import itertools
import json
import math
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_model import scoring_calls
from typer.testing import CliRunner

from spbe_cli.answers import Answer, Answers, Identity
from spbe_cli.cli.app import app
from spbe_cli.planning import plan, threshold
from spbe_cli.result import Result, build
from spbe_cli.rubric import LoadedRubric, Rubric, parse_rubric
from spbe_cli.scoring import score

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "examples"


def small_rubric(weights: list[Fraction], decimal: bool) -> object:
    """A one-domain rubric with these item weights (% of the index), the first half of the
    items in aspect A1 and the rest in A2 (so that the weak-aspect tie-break matters)."""
    half = (len(weights) + 1) // 2

    def aspect(aid: str, part: list[tuple[int, Fraction]]) -> str:
        inds = "".join(
            f'\n          - {{id: "{i}", name: Indikator {i}, weight: {float(w):.1f}}}'
            for i, w in part
        )
        total = float(sum(w for _, w in part))
        return f"""
      - id: {aid}
        name: Aspek {aid}
        weight: {total:.1f}
        indicators:{inds}"""

    numbered = list(enumerate(weights, 1))
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
    aspects:{aspect("A1", numbered[:half])}{aspect("A2", numbered[half:])}
"""
    return parse_rubric(text.encode(), "small.yaml").rubric


def answers(levels: list[Fraction]) -> Answers:
    items = {str(i): Answer(item=str(i), level=v, where=str(i)) for i, v in enumerate(levels, 1)}
    return Answers(file="t", sha256="", identity=Identity(name="T", year=2024), items=items)


Costs = dict[str, dict[int, Fraction]]


def brute_force(
    sc: Result,
    needs: tuple[Fraction, Fraction],
    costs: Costs | None,
    max_raise: int | None = None,
    max_steps: int | None = None,
) -> tuple[tuple[object, ...], bool] | None:
    """The best plan by exhaustive search, as (its key, whether it reaches the need), in
    the order planning.py documents: cost, steps, (rounded basis) meeting the exact target,
    Σ aspect index over the steps, Σ from-level over the steps, then the later touched
    indicators as a binary number (smaller is better). With `max_steps`, plans longer than
    that are not considered, and when none reaches the need, the most gain wins. None:
    nothing reaches the need (and no `max_steps`)."""
    aspect = {a.id: a.index for a in sc.aspects}
    per = []
    for p, item in enumerate(sc.indicators):
        opts = [(0, Fraction(0), Fraction(0), Fraction(0), Fraction(0), 0)]
        gain, cost, weak, low, cur = Fraction(0), Fraction(0), Fraction(0), Fraction(0), item.level
        top = 5 if max_raise is None else min(5, int(item.level) + max_raise)
        for to in range(int(item.level) + 1, top + 1):
            gain += (to - cur) * item.weight / 100
            cost += (costs or {}).get(item.id, {}).get(to, Fraction(1))
            weak += aspect[item.aspect_id]
            low += cur
            cur = Fraction(to)
            opts.append((len(opts), gain, cost, weak, low, 1 << p))
        per.append(opts)
    need, exact = needs
    # whole numbers for speed: every value times the common denominator
    scale = math.lcm(
        need.denominator, exact.denominator, *(v.denominator for o in per for opt in o for v in opt)
    )
    ints = [[tuple(int(v * scale) for v in opt) for opt in opts] for opts in per]
    need_i, exact_i = int(need * scale), int(exact * scale)  # gains are whole multiples
    best: tuple[tuple[int, ...], tuple[int, ...]] | None = None
    for combo in itertools.product(*(range(len(o)) for o in ints)):
        steps = sum(combo)
        if max_steps is not None and steps > max_steps:
            continue
        gain = sum(ints[i][k][1] for i, k in enumerate(combo))
        reached = gain >= need_i
        if not reached and max_steps is None:
            continue
        key = (
            0 if reached else 1,  # only with max_steps: reaching first, then the most gain
            0 if reached else -gain,
            sum(ints[i][k][2] for i, k in enumerate(combo)) if costs is not None else 0,
            steps,
            0 if gain >= exact_i or not reached else 1,
            sum(ints[i][k][3] for i, k in enumerate(combo)),
            sum(ints[i][k][4] for i, k in enumerate(combo)),
            sum(ints[i][k][5] for i, k in enumerate(combo)),
        )
        if best is None or key < best[0]:
            best = (key, combo)
    if best is None:
        return None
    combo = best[1]
    gain_f = sum((per[i][k][1] for i, k in enumerate(combo)), Fraction(0))
    reached = gain_f >= need
    return (
        (
            0 if reached else 1,
            0 if reached else -gain_f,
            sum(per[i][k][2] for i, k in enumerate(combo)) if costs is not None else 0,
            sum(combo),
            0 if gain_f >= exact or not reached else 1,
            sum(per[i][k][3] for i, k in enumerate(combo)),
            sum(per[i][k][4] for i, k in enumerate(combo)),
            sum(per[i][k][5] for i, k in enumerate(combo)),
        ),
        reached,
    )


def plan_key(
    p: object, sc: Result, needs: tuple[Fraction, Fraction], costs: bool
) -> tuple[object, ...]:
    """The brute-force key of a plan made by planning.plan."""
    aspect = {a.id: a.index for a in sc.aspects}
    of = {i.id: (pos, i.aspect_id) for pos, i in enumerate(sc.indicators)}
    steps = p.steps  # type: ignore[attr-defined]
    gain = sum((s.gain for s in steps), Fraction(0))
    need, exact = needs
    return (
        0 if gain >= need else 1,
        0 if gain >= need else -gain,
        sum(s.cost for s in steps) if costs else 0,
        len(steps),
        0 if gain >= exact or gain < need else 1,
        sum(aspect[of[s.indicator][1]] for s in steps),
        sum(s.from_level for s in steps),
        sum(1 << p for p in {of[s.indicator][0] for s in steps}),
    )


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


@settings(max_examples=300, deadline=None)
@given(
    weights=weight_sets,
    data=st.data(),
    decimal=st.booleans(),
    use_costs=st.booleans(),
    basis=st.sampled_from(["rounded", "exact"]),
    max_raise=st.sampled_from([None, 1, 2, 3]),
    max_steps=st.sampled_from([None, None, 0, 1, 2, 3, 5, 8]),
)
def test_plan_is_optimal_against_exhaustive_search(
    weights: list[Fraction],
    data: st.DataObject,
    decimal: bool,
    use_costs: bool,
    basis: str,
    max_raise: int | None,
    max_steps: int | None,
) -> None:
    """The plan is the first in the documented order, under the raise cap and the step
    limit, checked against every possible plan; with the cap, an unreachable target says
    how many steps it takes without it; with the step limit, how many it needs."""
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
    p = plan(rubric, sc, target, None, basis, costs, max_steps, max_raise)  # type: ignore[arg-type]
    need = threshold(target, basis, 2) - sc.overall.index  # type: ignore[arg-type]
    needs = (need, max(need, target - sc.overall.index))
    if need <= 0:
        assert p.already and p.steps == []
        return
    expected = brute_force(sc, needs, costs, max_raise, max_steps)
    fewest = brute_force(sc, needs, None, max_raise)
    uncapped = brute_force(sc, needs, None) if fewest is None and max_raise else None
    assert p.uncapped_steps == (None if uncapped is None else uncapped[0][3])
    if expected is None:
        assert not p.reachable and p.steps == []
        return
    assert p.reachable == expected[1]
    assert plan_key(p, sc, needs, use_costs) == expected[0]
    if max_steps is not None:
        assert len(p.steps) <= max_steps
        too_long = fewest is not None and fewest[0][3] > max_steps  # type: ignore[operator]
        assert p.needed_steps == (fewest[0][3] if too_long and fewest else None)
    if p.steps:
        assert p.steps[-1].index_after == sc.overall.index + sum(s.gain for s in p.steps)
    assert p.rounding_only == (p.reachable and sum(s.gain for s in p.steps) < needs[1])


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
    bad = runner.invoke(app, ["plan", path, "-t", "Hebat"])
    assert bad.exit_code == 2 and "--target: 'Hebat' bukan predikat" in bad.stderr
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
    lifted = ["plan", str(small), "-t", "5", "-f", "json", "--max-raise", "4"]
    data = json.loads(runner.invoke(app, lifted).stdout)
    assert data["reachable"] and len(data["steps"]) == 80  # all 20 indicators from 1 to 5


def test_max_steps_gives_the_best_plan_it_allows(runner: CliRunner) -> None:
    """--max-steps 3 used to refuse (no steps); now the best 3 steps and how far they get,
    and how many the target needs."""
    path = str(EX / "kabupaten-contoh-2024.xlsx")
    data = json.loads(runner.invoke(app, ["plan", path, "--max-steps", "3", "-f", "json"]).stdout)
    assert not data["reachable"] and data["needed_steps"] == 31 and data["max_steps"] == 3
    assert len(data["steps"]) == 3
    # three steps of the heaviest indicators (3.00 % each): the most any 3 steps can gain
    assert {Fraction(s["gain_exact"]) for s in data["steps"]} == {Fraction(3, 100)}
    assert data["index_after_exact"] == "2.7175"
    md = runner.invoke(app, ["plan", path, "--max-steps", "3", "-f", "md", "--lang", "en"])
    assert "Within 3 steps the index reaches 2.72, short of Sangat Baik." in md.stdout
    assert "The target Sangat Baik needs 31 steps." in md.stdout
    enough = json.loads(
        runner.invoke(app, ["plan", path, "--max-steps", "31", "-f", "json"]).stdout
    )
    assert enough["reachable"] and len(enough["steps"]) == 31 and enough["needed_steps"] is None


def test_the_raise_cap(runner: CliRunner, tmp_path: Path) -> None:
    """No indicator rises more than --max-raise levels (default 2; the plan used to take
    indicator 11 from 2 to 5); a target out of reach under the cap says so, with the steps
    it takes without the cap."""
    path = str(EX / "kabupaten-contoh-2024.xlsx")
    for cap in (None, 1, 3):
        args = ["plan", path, "-f", "json"] + ([] if cap is None else ["--max-raise", str(cap)])
        data = json.loads(runner.invoke(app, args).stdout)
        assert data["reachable"] and data["max_raise"] == (cap or 2)
        per = collections.Counter(s["indicator"] for s in data["steps"])
        assert max(per.values()) <= (cap or 2)
    small = tmp_path / "a.yaml"
    small.write_text(
        json.dumps(
            {
                "identitas": {"instansi": "X", "tahun": 2026},
                "jawaban": {str(i): 1 for i in range(1, 21)},
            }
        )
    )
    out = runner.invoke(app, ["plan", str(small), "-t", "5", "-f", "json"])
    data = json.loads(out.stdout)
    assert not data["reachable"] and data["steps"] == [] and data["uncapped_steps"] == 80
    md = runner.invoke(app, ["plan", str(small), "-t", "5", "-f", "md", "--lang", "en"]).stdout
    assert (
        "The target 5.00 cannot be reached when no indicator is raised by more than 2;"
        " without that cap it takes 80 steps (--max-raise)."
    ) in md
    idn = runner.invoke(app, ["plan", str(small), "-t", "5", "-f", "md"]).stdout
    assert "tanpa batas itu diperlukan 80 langkah" in idn
    zero = runner.invoke(app, ["plan", str(small), "--max-raise", "0"])
    assert zero.exit_code == 2


def test_without_costs_steps_spread_over_weak_aspects(runner: CliRunner) -> None:
    """Among the fewest-step plans, steps go to the weakest aspects and to the lowest
    levels first: the 2024 example's three non-service steps go one each to the three
    level-2 indicators of A2 (2.25, its weakest aspect within reach), where they used to
    take indicator 11 from 2 to 5; and the plan meets the exact target as well."""
    path = str(EX / "kabupaten-contoh-2024.xlsx")
    data = json.loads(runner.invoke(app, ["plan", path, "-f", "json"]).stdout)
    assert len(data["steps"]) == 31 and not data["rounding_only"]
    outside = [
        (s["indicator"], s["from"], s["to"]) for s in data["steps"] if int(s["indicator"]) < 32
    ]
    assert outside == [("11", "2", 3), ("12", "2", 3), ("14", "2", 3)]


def test_costs_change_the_plan(runner: CliRunner, tmp_path: Path) -> None:
    path = str(EX / "kabupaten-contoh-2019.xlsx")
    base = json.loads(runner.invoke(app, ["plan", path, "-t", "2.8", "-f", "json"]).stdout)
    assert "18" in {s["indicator"] for s in base["steps"]}
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
    capped = plan(rubric, sc, Fraction("5.01"), "Lebih", "exact", max_raise=2)  # type: ignore[arg-type]
    assert not capped.reachable and capped.uncapped_steps is None


# --- the reports' Rekomendasi -----------------------------------------------------------

STAMP = ["--generated-at", "2026-01-01T00:00:00+00:00"]


def _recommendation(md: str) -> str:
    """The Rekomendasi section of a Markdown report."""
    start = md.index("## Recommendation")
    return md[start : md.index("\n## ", start + 1)]


def test_reports_rekomendasi_takes_costs_and_the_cap(runner: CliRunner, tmp_path: Path) -> None:
    """`spbe score` and `spbe report` build the report's plan with --costs and --max-raise,
    and the section says which assumptions it used; the saved result's report shows the
    same plan as the workbook's."""
    path = str(EX / "kabupaten-contoh-2024.xlsx")
    costs = tmp_path / "upaya.yaml"
    costs.write_text('costs:\n  "42": 5\n  "43": 5\n')
    en = ["--lang", "en", *STAMP]
    plain = _recommendation(runner.invoke(app, ["score", path, "-f", "md", *en]).stdout)
    assert (
        "Assumptions: each one-level step costs 1; no indicator is raised by more than 2;"
        " target Sangat Baik on the rounded index."
    ) in plain
    opts = ["--costs", str(costs), "--max-raise", "3"]
    md = runner.invoke(app, ["score", path, "-f", "md", *en, *opts]).stdout
    section = _recommendation(md)
    assert "effort per step from upaya.yaml; no indicator is raised by more than 3;" in section
    assert "Total effort: 32." in section
    # the cap of 3 lets indicator 11 rise 2 → 5 (three rows); the default cap, one row here
    assert section.count("\n| 11 |") == 3 and plain.count("\n| 11 |") == 1
    saved = tmp_path / "hasil.json"
    runner.invoke(app, ["score", path, "-f", "json", "-o", str(saved)])
    again = runner.invoke(app, ["report", str(saved), "-f", "md", *en, *opts])
    assert again.exit_code == 0, again.output
    assert _recommendation(again.stdout) == section
    html = runner.invoke(app, ["report", str(saved), "-f", "html", *en, *opts]).stdout
    assert "effort per step from upaya.yaml" in html
    bad = tmp_path / "bad.yaml"
    bad.write_text('"99": 3\n')
    refused = runner.invoke(app, ["score", path, "-f", "md", "--costs", str(bad)])
    assert refused.exit_code == 2 and "indikator '99' tidak ada di rubrik" in refused.stderr


def test_batch_reports_take_the_cap(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes((EX / "kabupaten-contoh-2024.xlsx").read_bytes())
    out = tmp_path / "out"
    args = ["batch", str(folder), "--out", str(out), "--reports", "md", "--lang", "en"]
    result = runner.invoke(app, [*args, "--max-raise", "1", *STAMP])
    assert result.exit_code == 0, result.output
    report = out / "kabupaten-contoh-2024.md"
    section = _recommendation(report.read_text(encoding="utf-8"))
    assert "no indicator is raised by more than 1;" in section
    assert "37 steps to Sangat Baik" in section


def test_a_report_with_a_costed_capped_plan_scores_once(tmp_path: Path) -> None:
    """The report receives the plan it shows: with costs and a cap that rules the target
    out (the uncapped count is a second search, not a second score), still one score."""
    from spbe_cli import pipeline, reports

    f = tmp_path / "a.yaml"
    f.write_text(
        json.dumps(
            {
                "identitas": {"instansi": "X", "tahun": 2026},
                "jawaban": {str(i): 1 for i in range(1, 21)},
            }
        )
    )
    texts: dict[str, str] = {}

    def run() -> None:
        loaded, result = pipeline.score_file(f)
        choices = reports.PlanChoices({"1": {0: Fraction(2)}}, "upaya.yaml", 1)
        texts.update(reports.report_texts(result, loaded, ("md", "html"), "en", "t", (), choices))

    assert scoring_calls(run) == [1]
    assert "effort per step from upaya.yaml; no indicator is raised by more than 1" in texts["md"]


def test_the_cli_default_cap_is_the_planning_default() -> None:
    from spbe_cli import planning
    from spbe_cli.cli import common

    assert common.MAX_RAISE == planning.DEFAULT_MAX_RAISE


def test_max_steps_with_costs_takes_the_cheapest_plan_that_fits() -> None:
    """The cheapest plan (indicator 2 three levels, cost 3) is longer than --max-steps 2;
    the plan is then the cheapest of at most 2 steps that still reaches the target (one
    step each, cost 11), and nothing is said to be missing."""
    rubric = small_rubric([Fraction(60), Fraction(40)], decimal=False)
    sc = scored(rubric, [Fraction(1), Fraction(1)])
    costs = {"1": {0: Fraction(10)}, "2": {0: Fraction(1)}}
    cheapest = plan(rubric, sc, Fraction(2), None, "exact", costs)  # type: ignore[arg-type]
    assert [s.indicator for s in cheapest.steps] == ["2", "2", "2"]
    p = plan(rubric, sc, Fraction(2), None, "exact", costs, max_steps=2)  # type: ignore[arg-type]
    assert p.reachable and p.needed_steps is None
    assert [s.indicator for s in p.steps] == ["1", "2"] and p.total_cost == 11
