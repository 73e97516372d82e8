"""Rubric loading: the built-ins are valid and consistent; broken files get located errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from spbe_cli.errors import RubricError
from spbe_cli.resources import data_dir
from spbe_cli.rubric import builtin_ids, load_builtin, parse_rubric, rubric_for_year

BASE = (data_dir("rubrics") / "permenpanrb-8-2026.yaml").read_text(encoding="utf-8")


def test_builtins() -> None:
    assert builtin_ids() == ("permenpanrb-5-2018", "permenpanrb-59-2020", "permenpanrb-8-2026")
    counts = {i: len(load_builtin(i).rubric.indicators) for i in builtin_ids()}
    assert counts == {"permenpanrb-5-2018": 35, "permenpanrb-59-2020": 47, "permenpanrb-8-2026": 20}


def test_59_2020_weights_are_the_regulations() -> None:
    r = load_builtin("permenpanrb-59-2020").rubric
    assert [d.weight for d in r.domains] == [
        Decimal("13.0"),
        Decimal("25.0"),
        Decimal("16.5"),
        Decimal("45.5"),
    ]
    w = {i.id: i.weight for i in r.indicators}
    assert w["1"] == Decimal("1.30") and w["42"] == Decimal("3.00") and w["47"] == Decimal("3.00")
    assert all(set(i.criteria or {}) == {1, 2, 3, 4, 5} for i in r.indicators)
    assert r.scale_of(r.indicators[0]).levels[4] == "Terpadu dan Terukur"
    assert r.scale_of(r.indicators[31]).levels[3] == "Transaksi"


def test_5_2018_and_8_2026_shapes() -> None:
    r18 = load_builtin("permenpanrb-5-2018").rubric
    assert next(i for i in r18.indicators if i.id == "35").item_ids == ["35", "35-2", "35-3"]
    assert all(set(i.criteria or {}) == set(range(6)) for i in r18.indicators)
    r26 = load_builtin("permenpanrb-8-2026").rubric
    assert r26.domains == [] and r26.values.type == "decimal"
    assert [i.id for i in r26.indicators if i.external_index] == ["5", "6", "7", "18"]


@pytest.mark.parametrize(
    ("year", "rubric"),
    [
        (2018, "permenpanrb-5-2018"),
        (2020, "permenpanrb-5-2018"),
        (2016, "permenpanrb-5-2018"),
        (2021, "permenpanrb-59-2020"),
        (2025, "permenpanrb-59-2020"),
        (2026, "permenpanrb-8-2026"),
        (2031, "permenpanrb-8-2026"),
    ],
)
def test_rubric_follows_year(year: int, rubric: str) -> None:
    assert rubric_for_year(year).rubric.id == rubric


BROKEN = [
    (
        "weights-do-not-add-up",
        [('        weight: 10\n      - id: "20"', '        weight: 11\n      - id: "20"')],
        ["line 166, aspects[6]: indicator weights add up to 26, not to the aspect weight 25"],
    ),
    ("duplicate-id", [('id: "20"', 'id: "19"')], ["indicator id '19' is used twice"]),
    (
        "band-gap",
        [("min: 1.5, max: 2.5}", "min: 1.6, max: 2.5}")],
        ["predikat: bands[0] (Kurang) and bands[1] (Cukup) are not contiguous: max 1.5 vs min 1.6"],
    ),
    (
        "typo-key",
        [("    weight: 25\n", "    wieght: 25\n")],
        ["aspects[6].wieght: unknown key (a typo?)", "aspects[6].weight: required, but missing"],
    ),
    ("bad-yaml", [("    weight: 25\n", "    weight: [25\n")], ["line 170"]),
    (
        "alias-bomb",
        [("id: permenpanrb-8-2026", "id: permenpanrb-8-2026\nx: &a [1]\ny: *a")],
        ["YAML aliases (*name) are not allowed"],
    ),
    (
        "python-tag",
        [("id: permenpanrb-8-2026", "id: !!python/object:os.system x")],
        ["is not allowed"],
    ),
]


@pytest.mark.parametrize(("name", "edits", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_rubric_is_located(
    name: str, edits: list[tuple[str, str]], expected: list[str]
) -> None:
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    with pytest.raises(RubricError) as err:
        parse_rubric(text.encode(), f"{name}.yaml")
    message = err.value.text("en")
    for line in expected:
        assert line in message, message
    assert message.startswith(f"{name}.yaml: ")
    assert str(err.value).startswith(f"{name}.yaml: ")  # Indonesian, the default


def test_a_broken_rubric_speaks_indonesian_by_default() -> None:
    weights = BASE.replace(
        '        weight: 10\n      - id: "20"', '        weight: 11\n      - id: "20"'
    )
    with pytest.raises(RubricError) as err:
        parse_rubric(weights.encode(), "x.yaml")
    assert str(err.value) == (
        "x.yaml: baris 166, aspects[6]: jumlah bobot indikator 26, tidak sama dengan bobot aspek 25"
    )
    typo = BASE.replace("    weight: 25\n", "    wieght: 25\n", 1)
    with pytest.raises(RubricError) as err:
        parse_rubric(typo.encode(), "x.yaml")
    lines = str(err.value).splitlines()
    assert "x.yaml: baris 169, aspects[6].wieght: kunci tidak dikenal (salah ketik?)" in lines
    assert "x.yaml: baris 166, aspects[6].weight: wajib diisi, tetapi tidak ada" in lines


def test_custom_rubric_file_scores(tmp_path: Path) -> None:
    """A province's own rubric: the built-in 8/2026 under another id."""
    path = tmp_path / "opd.yaml"
    path.write_text(BASE.replace("id: permenpanrb-8-2026", "id: opd-2026"), encoding="utf-8")
    lr = parse_rubric(path.read_bytes(), str(path))
    assert lr.rubric.id == "opd-2026" and not lr.builtin


def test_general_guidance_where_an_indicator_has_no_criterion() -> None:
    r26 = load_builtin("permenpanrb-8-2026").rubric
    ind = r26.indicators[0]
    text, general = r26.guidance(ind, 2) or ("", False)
    assert general and "pedoman" in text
    assert r26.provenance["guidance"].confidence.value == "secondary"
    r20 = load_builtin("permenpanrb-59-2020").rubric
    own = r20.indicators[0]
    assert r20.guidance(own, 4) == ((own.criteria or {})[4], False)


def test_general_guidance_names_only_levels_of_its_scale() -> None:
    text = BASE.replace("    general:\n", '    general:\n      7: "beyond the scale"\n', 1)
    with pytest.raises(RubricError) as err:
        parse_rubric(text.encode(), "x.yaml")
    assert "general describes levels [7] that the scale does not name" in err.value.text("en")
