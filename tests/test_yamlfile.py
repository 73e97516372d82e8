"""The YAML pre-scan: nesting is refused with spbe's own message, whichever parser runs."""

from __future__ import annotations

import pytest

from spbe_cli import yamlfile
from spbe_cli.resources import data_dir
from spbe_cli.rubric import MAX_RUBRIC_NODES, builtin_ids

DEEP = yamlfile.MAX_DEPTH + 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: " + "[" * 5_000 + "]" * 5_000, 1),  # dense: a look-ahead scanner sees 1,000 first
        ("a: " + "{b: " * 2_000 + "1" + "}" * 2_000, 1),
        ("x: 1\ny: 2\nz: " + "[ " * 2_000 + "]" * 2_000, 3),
        ("- " + "[" * 2_000, 1),
        ("a: [1, 'q[[', " + "[" * 2_000 + "]" * 2_000 + "]", 1),
        ("a:\n" + "".join(" " * i + "b:\n" for i in range(1, 2 * DEEP)), DEEP),
    ],
)
def test_deep_nesting_is_refused_with_our_message(text: str, line: int) -> None:
    with pytest.raises(yamlfile.YamlProblem) as caught:
        yamlfile.load(text)
    assert caught.value.line == line
    deeper = f"the document is nested deeper than {yamlfile.MAX_DEPTH} levels"
    assert caught.value.message.text("en") == deeper
    assert str(caught.value) == f"dokumen bersarang lebih dalam dari {yamlfile.MAX_DEPTH} tingkat"


@pytest.mark.parametrize(
    "text",
    [
        'a: "' + "[" * 3_000 + '"\nb: [1]',
        "a: 'it''s " + "{" * 3_000 + "'\nb: [1]",
        "a: lihat " + "[" * 3_000 + "\nb: [1, 2]",
        "a: lihat" + " [" * 3_000 + "\n",
        "a: |\n  " + "[" * 3_000 + "\n  x\nb: [[1]]",
        "a: >-\n\n  " + "{" * 3_000 + "\nb: 1",
        "a: 1 # " + "[" * 3_000 + "\nb: 2",
        "# " + "[" * 3_000 + "\nb: 2",
    ],
)
def test_brackets_in_text_are_not_nesting(text: str) -> None:
    data, _ = yamlfile.load(text)
    assert isinstance(data, dict)


def test_many_shallow_collections_are_bounded_by_the_node_count() -> None:
    with pytest.raises(yamlfile.YamlProblem) as caught:
        yamlfile.load("a: [" + "[]," * 300_000 + "]", max_nodes=200_000)
    assert "200,000 nodes" in caught.value.message.text("en")
    assert "200,000 simpul" in str(caught.value)


@pytest.mark.parametrize("rubric_id", builtin_ids())
def test_shipped_rubrics_pass_every_guard(rubric_id: str) -> None:
    """The built-in rubrics are parsed without the guards against hostile documents (a
    batch parses them before it starts): each must pass every guard, to the same data."""
    text = (data_dir("rubrics") / f"{rubric_id}.yaml").read_text(encoding="utf-8")
    guarded, _ = yamlfile.load(text, MAX_RUBRIC_NODES)
    unguarded, node = yamlfile.load(text, MAX_RUBRIC_NODES, guarded=False)
    assert guarded == unguarded and node is not None
