"""Worked official cases and the scoring rules of each rubric."""

from __future__ import annotations

from fractions import Fraction

import pytest

from spbe_cli.answers import Answer, Answers, Identity
from spbe_cli.numbers import round_text
from spbe_cli.rubric import load_builtin, parse_rubric
from spbe_cli.scoring import score


def fmt(value: Fraction) -> str:
    return round_text(value, 2)


def answers(levels: dict[str, Fraction | int | str], **self_levels: int) -> Answers:
    items = {
        k: Answer(
            item=k,
            level=Fraction(v),
            where=k,
            self_level=Fraction(self_levels[f"i{k}"]) if f"i{k}" in self_levels else None,
        )
        for k, v in levels.items()
    }
    return Answers(
        file="t", sha256="", identity=Identity(name="Kabupaten Contoh", year=2024), items=items
    )


def all_levels(rubric_id: str, value: int | str) -> dict[str, Fraction | int | str]:
    r = load_builtin(rubric_id).rubric
    return {i.id: value for i in r.indicators}


R59 = "permenpanrb-59-2020"


def test_59_2020_worked_aspect_example() -> None:
    """Regulation: aspect 2 with levels 3, 4, 3, 2 gives 3.00."""
    lv = all_levels(R59, 1) | {"11": 3, "12": 4, "13": 3, "14": 2}
    s = score(load_builtin(R59).rubric, answers(lv))
    assert fmt(next(a for a in s.aspects if a.id == "A2").index) == "3.00"


def test_59_2020_worked_domain_example() -> None:
    """Regulation: domain 2 with aspects 3.00, 4.00, 3.00 gives 3.40."""
    lv = all_levels(R59, 1) | {"11": 3, "12": 4, "13": 3, "14": 2}
    lv |= {"15": 4, "16": 4, "17": 4, "18": 4, "19": 3, "20": 3}
    s = score(load_builtin(R59).rubric, answers(lv))
    assert [fmt(a.index) for a in s.aspects[1:4]] == ["3.00", "4.00", "3.00"]
    assert fmt(next(d for d in s.domains if d.id == "D2").index) == "3.40"


def test_59_2020_worked_index_example(tmp_path: object) -> None:
    """Regulation: domains 3.70, 3.40, 3.00, 3.20 give 3.282 → 3.28. No integer levels give
    D4 = 3.20, so the domain formula is checked on a one-indicator-per-domain rubric with
    the 59/2020 domain weights and decimal values."""
    text = load_builtin(R59).path and _four_domain_rubric()
    lr = parse_rubric(text.encode(), "four-domains.yaml")
    s = score(
        lr.rubric,
        answers(
            {
                "1": Fraction("3.70"),
                "2": Fraction("3.40"),
                "3": Fraction("3.00"),
                "4": Fraction("3.20"),
            }
        ),
    )
    assert s.overall.index == Fraction("3.282")
    assert s.overall.display == "3.28"
    assert s.overall.predikat == "Baik"


def _four_domain_rubric() -> str:
    weights = ["13.0", "25.0", "16.5", "45.5"]
    doms = "".join(
        f"""
  - id: D{n}
    name: Domain {n}
    weight: {w}
    aspects:
      - id: A{n}
        name: Aspect {n}
        weight: {w}
        indicators:
          - {{id: "{n}", name: Indicator {n}, weight: {w}}}"""
        for n, w in enumerate(weights, 1)
    )
    return f"""
id: four-domains
title: Test
regulation: Test
years: {{first: 2021, last: null}}
values: {{type: decimal, min: 1, max: 5}}
scales: [{{id: s, name: s, levels: {{1: a, 2: b, 3: c, 4: d, 5: e}}}}]
predikat:
  bands:
    - {{name: Kurang, gloss: Poor, min: null, max: 1.8}}
    - {{name: Cukup, gloss: Fair, min: 1.8, max: 2.6}}
    - {{name: Baik, gloss: Good, min: 2.6, max: 3.5}}
    - {{name: Sangat Baik, gloss: Very good, min: 3.5, max: 4.2}}
    - {{name: Memuaskan, gloss: Excellent, min: 4.2, max: null}}
sources: {{t: {{citation: test}}}}
provenance: {{structure: {{sources: [t], confidence: primary}}}}
domains:{doms}
"""


DENPASAR = dict(
    zip(
        [str(i) for i in range(1, 35)] + ["35", "35-2", "35-3"],
        [
            1,
            1,
            1,
            3,
            2,
            3,
            3,
            2,
            1,
            1,
            1,
            3,
            3,
            3,
            1,
            3,
            3,
            1,
            3,
            2,
            3,
            3,
            2,
            2,
            3,
            1,
            4,
            4,
            4,
            3,
            4,
            3,
            2,
            3,
            1,
            3,
            3,
        ],
        strict=True,
    )
)


def test_5_2018_denpasar_official_case() -> None:
    s = score(load_builtin("permenpanrb-5-2018").rubric, answers(dict(DENPASAR)))
    assert [fmt(a.index) for a in s.aspects] == [
        "2.00",
        "2.10",
        "2.00",
        "2.50",
        "2.33",
        "3.29",
        "2.50",
    ]
    assert [fmt(d.index) for d in s.domains] == ["2.06", "2.29", "3.00"]
    assert s.overall.display == "2.64"
    a7 = [i for i in s.items if i.aspect_id == "A7"]
    assert [i.weight for i in a7] == [Fraction(20, 6)] * 6


def test_5_2018_one_public_service_shares_aspect_7_in_four() -> None:
    lv = {k: v for k, v in DENPASAR.items() if k not in ("35-2", "35-3")}
    s = score(load_builtin("permenpanrb-5-2018").rubric, answers(lv))
    a7 = [i for i in s.items if i.aspect_id == "A7"]
    assert [i.id for i in a7] == ["32", "33", "34", "35"]
    assert [i.weight for i in a7] == [Fraction(5)] * 4
    assert next(a for a in s.aspects if a.id == "A7").index == Fraction(9, 4)


def test_5_2018_mean_of_services_reading_would_not_reproduce() -> None:
    """The fact sheet: treating 35 as the mean of its services does not give 2.64."""
    lv = dict(DENPASAR)
    mean35 = Fraction(1 + 3 + 3, 3)
    per_item = {"32": 3, "33": 2, "34": 3}
    a7 = (sum(per_item.values()) + mean35) * 5
    other = score(load_builtin("permenpanrb-5-2018").rubric, answers(lv))
    rest = sum(i.contribution for i in other.items if i.aspect_id != "A7")
    assert fmt(rest + a7 / 100) != "2.64"
    assert other.overall.display == "2.64"


VALUES_2026 = {
    "1": "2.0",
    "2": "1.5",
    "3": "1.26",
    "4": "1.3",
    "5": "1",
    "6": "1",
    "7": "1",
    "8": "1",
    "9": "1",
    "10": "1",
    "11": "1.5",
    "12": "1.25",
    "13": Fraction(7, 6),
    "14": "1",
    "15": "1",
    "16": "1",
    "17": "2.5",
    "18": "1",
    "19": "1",
    "20": "1.3",
}


def test_8_2026_assessor_case() -> None:
    s = score(load_builtin("permenpanrb-8-2026").rubric, answers(dict(VALUES_2026)))
    assert [fmt(a.index) for a in s.aspects] == [
        "1.75",
        "1.28",
        "1.00",
        "1.17",
        "1.08",
        "1.40",
        "1.18",
    ]
    assert s.domains == []
    assert s.overall.display == "1.24"
    assert s.overall.predikat == "Kurang"


def test_8_2026_printed_1_17_would_round_aspect_5_differently() -> None:
    """Why 7/6 must stay exact: the printed 1.17 gives aspect 5 = 1.085 → 1.09, not 1.08."""
    lv = dict(VALUES_2026) | {"13": "1.17"}
    s = score(load_builtin("permenpanrb-8-2026").rubric, answers(lv))
    assert fmt(next(a for a in s.aspects if a.id == "A5").index) == "1.09"


@pytest.mark.parametrize(("basis", "predikat"), [("rounded", "Baik"), ("exact", "Cukup")])
def test_boundary_predikat_follows_basis_and_is_flagged(basis: str, predikat: str) -> None:
    # 59/2020, all levels 2, then +1 on indicators worth 2×2.50 + 8×1.50 + 9×2.75 + 6×3.00
    # = 59.75 % → exact 2.5975, displayed 2.60.
    lv = all_levels(R59, 2)
    for k in [
        "11",
        "12",
        *map(str, range(21, 29)),
        *map(str, range(32, 41)),
        *map(str, range(42, 48)),
    ]:
        lv[k] = 3
    s = score(load_builtin(R59).rubric, answers(lv), basis)  # type: ignore[arg-type]
    assert s.overall.index == Fraction("2.5975")
    assert s.overall.display == "2.60"
    assert s.overall.boundary
    assert s.overall.predikat == predikat
    assert any(w.code == "predikat-boundary" for w in s.warnings)


def test_self_assessment_index_and_difference() -> None:
    lv = all_levels(R59, 2)
    selfs = {f"i{k}": 3 for k in lv}
    s = score(load_builtin(R59).rubric, answers(lv, **selfs))
    assert s.self_assessment is not None
    assert s.self_assessment.index == 3 and s.overall.index == 2
    assert s.self_assessment.predikat == "Baik"


def test_partial_self_assessment_is_a_warning_not_an_index() -> None:
    lv = all_levels(R59, 2)
    s = score(load_builtin(R59).rubric, answers(lv, i1=3))
    assert s.self_assessment is None
    assert any(w.code == "self-assessment-incomplete" for w in s.warnings)


def test_contributions_add_up_to_the_index() -> None:
    s = score(load_builtin("permenpanrb-5-2018").rubric, answers(dict(DENPASAR)))
    assert sum(i.contribution for i in s.items) == s.overall.index
