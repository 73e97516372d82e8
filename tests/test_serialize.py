"""The result JSON: a batch's compact text is byte for byte json.dumps of `to_json`."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import pytest

from spbe_cli import pipeline, serialize
from spbe_cli.scoring import ItemScore

EXAMPLES = Path(__file__).parent.parent / "examples"
TEXTS = [
    None,
    "",
    "SK Bupati No. 12/2023",
    'kutip "dua" \\ garis miring',
    "baris satu\nbaris dua\ttab",
    "Ünïcödé — ✓ 数据 😀",
    "\u2028 \x00 \x1f",
]


def _vary(i: ItemScore, k: int) -> ItemScore:
    """Free texts, targets and self levels of every kind, and ratios that do not end."""
    return dataclasses.replace(
        i,
        explanation=TEXTS[k % len(TEXTS)],
        evidence=TEXTS[(3 * k) % len(TEXTS)],
        target=[None, Fraction(5), Fraction(7, 2)][k % 3],
        self_level=[None, Fraction(7, 6), i.level][k % 3],
    )


@pytest.mark.parametrize(
    "name",
    [
        "kabupaten-contoh-2019.xlsx",
        "kabupaten-contoh-2024.xlsx",
        "kabupaten-contoh-2025.yaml",
        "kabupaten-contoh-2026.xlsx",
    ],
)
def test_compact_text_is_json_dumps_of_the_result(name: str) -> None:
    _, result = pipeline.score_file(EXAMPLES / name)
    indicators = tuple(_vary(i, k) for k, i in enumerate(result.indicators))
    varied = dataclasses.replace(result, indicators=indicators)
    for r in (result, varied, varied):  # the last from the remembered indicator texts
        expected = json.dumps(serialize.to_json(r), ensure_ascii=False, separators=(",", ":"))
        assert serialize.result_text(r, compact=True) == expected + "\n"
