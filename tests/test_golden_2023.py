"""The judge: every published 2023 result (621 institutions) reproduced from rebuilt levels.

Method (tests/data/README.md): the published domain values fix the level sums
D1×10, D2×10, round(D3×11) and the (a, b) sums of aspects 7 and 8 in D4; where several
sums fit the 2-decimal domain value, the published index tells them apart. Any level
vector with those sums must then give the published domains, index and predikat.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import product
from pathlib import Path

import pytest

from spbe_cli.answers import Answer, Answers, Identity
from spbe_cli.rubric import load_builtin
from spbe_cli.scoring import score

DATA = Path(__file__).parent / "data" / "national-results-2023.csv"
ROWS = list(csv.DictReader(DATA.open(encoding="utf-8")))
ANOMALY = "Pemerintah Kab. Banyuasin"  # published D4 0.30 is below any valid answer's minimum


def q2(x: Fraction) -> Decimal:
    """Test-side half-up (independent of spbe_cli.numbers)."""
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def spread(total: int, n: int) -> list[int]:
    base, extra = divmod(total, n)
    return [base + 1] * extra + [base] * (n - extra)


def rebuild(row: dict[str, str]) -> list[int] | None:
    d1, d2, d3, d4 = (
        Decimal(row[k]) for k in ("D1_kebijakan", "D2_tata_kelola", "D3_manajemen", "D4_layanan")
    )
    official = Decimal(row["indeks_official"])
    s1, s2 = d1 * 10, d2 * 10
    assert s1 == int(s1) and s2 == int(s2), row
    s3s = [s for s in range(11, 56) if q2(Fraction(s, 11)) == d3]
    abs_ = [
        (a, b)
        for a in range(10, 51)
        for b in range(6, 31)
        if q2(Fraction(275 * a + 300 * b, 4550)) == d4
    ]
    for s3, (a, b) in product(s3s, abs_):
        total = Fraction(130 * int(s1) + 250 * int(s2) + 150 * s3 + 275 * a + 300 * b, 10000)
        if q2(total) == official:
            return (
                spread(int(s1), 10)
                + spread(int(s2), 10)
                + spread(s3, 11)
                + spread(a, 10)
                + spread(b, 6)
            )
    return None


def answers_for(levels: list[int], name: str) -> Answers:
    items = {
        str(i): Answer(item=str(i), level=Fraction(v), where=f"row {i}")
        for i, v in enumerate(levels, 1)
    }
    return Answers(file="golden", sha256="", identity=Identity(name=name, year=2023), items=items)


def test_only_the_documented_anomaly_cannot_be_rebuilt() -> None:
    unbuildable = [r["instansi"] for r in ROWS if rebuild(r) is None]
    assert unbuildable == [ANOMALY]
    assert len(ROWS) == 621


@pytest.mark.parametrize(
    "row",
    [r for r in ROWS if r["instansi"] != ANOMALY],
    ids=lambda r: f"{r['no']}-{r['instansi'][:40]}",
)
def test_published_result_reproduced(row: dict[str, str]) -> None:
    levels = rebuild(row)
    assert levels is not None
    rubric = load_builtin("permenpanrb-59-2020").rubric
    result = score(rubric, answers_for(levels, row["instansi"]))
    assert Decimal(result.overall.display) == Decimal(row["indeks_official"])
    assert result.overall.predikat == row["predikat_official"]
    published = [
        Decimal(row[k]) for k in ("D1_kebijakan", "D2_tata_kelola", "D3_manajemen", "D4_layanan")
    ]
    assert [q2(d.index) for d in result.domains] == published


def test_2023_boundary_rows_get_the_rounded_predikat_and_a_flag() -> None:
    """The 2023 report classified the rounded index; three rows show it (fact sheet §2.6)."""
    rubric = load_builtin("permenpanrb-59-2020").rubric
    flagged = []
    for row in ROWS:
        levels = rebuild(row)
        if levels is None:
            continue
        result = score(rubric, answers_for(levels, row["instansi"]))
        if result.overall.boundary:
            flagged.append(
                (row["instansi"], result.overall.predikat, result.overall.predikat_exact)
            )
            assert result.overall.predikat == row["predikat_official"]
            assert result.overall.predikat_exact != row["predikat_official"]
    # The fact sheet names three 2023 boundary cases (exact 1.7975, 1.7995, 2.5985); the
    # rebuilt levels are one of several vectors that fit the published values, and for the
    # 2.60 row the first fit is not on the boundary, so two are seen here.
    assert len(flagged) >= 2, flagged
