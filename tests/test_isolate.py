"""The isolation helper under every start method this platform has: values and located
errors come back, a child killed by a signal or over its limits is a located error."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import crashers
import pytest
from typer.testing import CliRunner

from spbe_cli import isolate, readers
from spbe_cli.cli.app import app
from spbe_cli.errors import InputError
from spbe_cli.limits import Budget

METHODS = [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()]
BUDGET = Budget(memory_bytes=1024 * crashers.MIB, cpu_seconds=60)
needs_rlimits = pytest.mark.skipif(os.name != "posix", reason="Windows has no rlimits")


def test_the_default_start_method_is_fork_only_where_fork_is_safe() -> None:
    if os.name == "nt" or os.uname().sysname == "Darwin":
        assert isolate.START_METHOD == "spawn"
    else:
        assert isolate.START_METHOD == "fork"


@pytest.mark.parametrize("method", METHODS)
def test_a_value_and_a_located_error_come_back(method: str, tmp_path: Path) -> None:
    assert isolate.call(crashers.greedy, 1, budget=BUDGET, method=method) == crashers.MIB
    with pytest.raises(InputError) as caught:
        isolate.call(crashers.located, tmp_path / "a.xlsx", budget=BUDGET, method=method)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'a.xlsx'}: Jawaban!C14: level 7 is outside 1–5"
    ]


@pytest.mark.parametrize("method", METHODS)
@needs_rlimits
def test_a_child_killed_by_a_signal_is_died(method: str) -> None:
    with pytest.raises(isolate.Died) as caught:
        isolate.call(crashers.killed, budget=BUDGET, method=method)
    assert caught.value.why.text("en") == "signal 9"
    assert caught.value.why.text("id") == "sinyal 9"


@pytest.mark.parametrize("method", METHODS)
@needs_rlimits
def test_the_memory_limit_holds(method: str) -> None:
    small = Budget(memory_bytes=256 * crashers.MIB, cpu_seconds=60)
    with pytest.raises(isolate.Died) as caught:
        isolate.call(crashers.greedy, 512, budget=small, method=method)
    assert caught.value.why.text("en") == "it needed more than 256 MB of memory"
    big = Budget(memory_bytes=2048 * crashers.MIB, cpu_seconds=60)
    assert isolate.call(crashers.greedy, 512, budget=big, method=method) == 512 * crashers.MIB


@needs_rlimits
def test_the_processor_time_limit_holds() -> None:
    brief = Budget(memory_bytes=1024 * crashers.MIB, cpu_seconds=1)
    with pytest.raises(isolate.Died) as caught:
        isolate.call(crashers.spinning, 30.0, budget=brief, method="spawn")
    assert caught.value.why.text("en") == "it used more than 1 s of processor time"


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("jobs", [1, 2])
@needs_rlimits
def test_a_pool_blames_the_item_whose_process_died(method: str, jobs: int) -> None:
    answers = list(isolate.imap(crashers.kill_on_third, range(7), jobs, BUDGET, method))
    assert [a.why.text("en") if isinstance(a, isolate.Died) else a for a in answers] == [
        0,
        1,
        4,
        "signal 9",
        16,
        25,
        36,
    ]


@pytest.mark.parametrize("method", METHODS)
@needs_rlimits
def test_an_item_retried_alone_is_prepared_as_in_the_pool(method: str) -> None:
    """The worker initializer runs in every worker, and before an item retried alone."""
    answers = isolate.imap(
        crashers.marked_but_third_dies_in_a_pool, range(6), 1, BUDGET, method, crashers.mark
    )
    assert list(answers) == ["marked"] * 6


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("reader", "why"),
    [
        (crashers.reader_that_kills, "signal 9"),
        (crashers.reader_that_overeats, "it needed more than 256 MB of memory"),
    ],
)
@needs_rlimits
def test_spbe_score_reports_a_dead_reader_as_a_located_error(
    method: str,
    reader: object,
    why: str,
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The whole command, with children spawned as on Windows and macOS (and forked)."""
    monkeypatch.setattr(isolate, "START_METHOD", method)
    monkeypatch.setattr(readers, "read_answers", reader)
    book = tmp_path / "jawaban.xlsx"
    book.write_bytes((examples / "kabupaten-contoh-2024.xlsx").read_bytes())
    result = CliRunner().invoke(
        app, ["score", str(book), "--lang", "en"], env={"SPBE_MAX_READER_MB": "256"}
    )
    assert result.exit_code == 2
    assert f"{book}: the spreadsheet reader crashed on this file ({why})" in result.stderr
    assert "Traceback" not in result.output + result.stderr
