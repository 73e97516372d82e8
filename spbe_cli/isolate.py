"""Run work in child processes, so that a process that dies there is one file's error.

calamine aborts its whole process on some inputs no check foresees (and a hostile file may
ask for memory or processor time without end): read in a child, that ends the child only,
and the caller reports the file. One mechanism for one file (`call`) and for many (`imap`,
a pool that finds the item whose process died and goes on with the rest).

It works with every start method. Where `fork` is safe and cheap (Linux and the other
POSIX systems except macOS) children are forked: a cold `spbe score` pays a fork, not the
start of a second interpreter. On Windows and macOS children are spawned, so what runs in
them is a module-level function with picklable arguments (the tests run both methods).

Limits, where the OS offers them (the `resource` module, POSIX): the address space
(RLIMIT_AS, and RLIMIT_DATA, which macOS enforces where it ignores RLIMIT_AS) and the
processor time of each call (RLIMIT_CPU, moved on before every call of a pool worker).
Windows has no rlimits (a Job Object could cap memory; not worth a native dependency
here): there a child is isolated but not limited.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from spbe_cli.i18n import Msg, msg
from spbe_cli.limits import Budget

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

A = TypeVar("A")
R = TypeVar("R")

MIB = 1024 * 1024


def _default_method() -> str:
    # macOS offers fork, but forking a process that has used system frameworks can crash
    # the child (Python itself defaults to spawn there).
    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


START_METHOD = _default_method()


class Died(Exception):
    """A child ended without an answer; `why` says how, for the user (`signal 9`)."""

    def __init__(self, why: Msg) -> None:
        super().__init__(why)
        self.why = why


def call(fn: Callable[..., R], *args: Any, budget: Budget, method: str | None = None) -> R:
    """fn(*args) in a child process: its value, or its exception raised here, or Died."""
    ctx: Any = multiprocessing.get_context(method or START_METHOD)
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, budget, fn, args), daemon=True)
    child.start()
    sender.close()  # so that the child's end closing is seen here as the end of the pipe
    try:
        ok, value = receiver.recv()
    except EOFError:
        child.join()
        raise Died(_why(child.exitcode, budget)) from None
    finally:
        receiver.close()
    child.join()
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


def imap(
    fn: Callable[[A], R],
    items: Sequence[A],
    jobs: int,
    budget: Budget,
    method: str | None = None,
    initializer: Callable[[], object] | None = None,
) -> Iterator[R | Died]:
    """fn(item) for every item in `jobs` worker processes, in the order of `items`; an
    item whose process died gives Died. An exception fn raises is raised here.

    When a worker dies, the first item not yet answered is run alone: if its process dies
    too, that item is to blame; the rest then go one by one, so that another such item is
    found as quickly. `initializer` (module-level) runs first in each worker."""
    ctx = multiprocessing.get_context(method or START_METHOD)
    done = 0
    chunk = max(1, len(items) // (max(jobs, 1) * 8))
    while done < len(items):
        rest = items[done:]
        workers = max(1, min(jobs, len(rest)))
        for answer in _pooled(fn, rest, workers, chunk, budget, ctx, initializer):
            done += 1
            yield answer
        if done < len(items):
            try:
                yield call(_alone, initializer, fn, items[done], budget=budget, method=method)
            except Died as e:
                yield e
            done += 1
            chunk = 1


def _pooled(
    fn: Callable[[A], R],
    items: Sequence[A],
    workers: int,
    chunk: int,
    budget: Budget,
    ctx: Any,
    initializer: Callable[[], object] | None,
) -> Iterator[R | Died]:
    """Answers in input order until all are given or a worker process dies."""
    # import cost: the pool (with the logging it imports) is for batches; a cold `spbe
    # score`, which reads its one file through `call`, would pay about 10 ms for it.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_worker, initargs=(budget, initializer)
    ) as pool:
        try:
            yield from pool.map(_in_worker, [(fn, budget, item) for item in items], chunksize=chunk)
        except BrokenProcessPool:
            return
        except BaseException:  # an unwritable output or an interrupt: start nothing more
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _alone(initializer: Callable[[], object] | None, fn: Callable[[A], R], item: A) -> R:
    """An item retried in a process of its own, prepared as a pool worker is."""
    if initializer is not None:
        initializer()
    return fn(item)


def _child(sender: Connection, budget: Budget, fn: Callable[..., Any], args: Any) -> None:
    """The child of `call`: whatever happens, one answer, or none when the process dies."""
    _quiet()
    _limit_memory(budget.memory_bytes)
    _limit_cpu(budget.cpu_seconds)
    try:
        answer: tuple[bool, Any] = (True, fn(*args))
    except MemoryError:
        answer = (False, Died(_out_of_memory(budget)))
    except Exception as e:
        answer = (False, e)
    try:
        sender.send(answer)
    except Exception as e:  # an answer that cannot be pickled is a bug, said as one
        sender.send((False, RuntimeError(f"{type(e).__name__}: {e}")))
    sender.close()


def _worker(budget: Budget, initializer: Callable[[], object] | None) -> None:
    _quiet()
    _limit_memory(budget.memory_bytes)
    if initializer is not None:
        initializer()


def _in_worker(task: tuple[Callable[[A], R], Budget, A]) -> R | Died:
    fn, budget, item = task
    _limit_cpu(budget.cpu_seconds)
    try:
        return fn(item)
    except MemoryError:
        return Died(_out_of_memory(budget))


def _quiet() -> None:
    """A Rust panic or abort report is not for the user's terminal: the caller says what
    happened, located."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    except OSError:
        pass


def _limit_memory(limit: int) -> None:
    if resource is None:
        return
    for name in ("RLIMIT_AS", "RLIMIT_DATA"):
        kind = getattr(resource, name, None)
        if kind is None:
            continue
        try:
            _soft, hard = resource.getrlimit(kind)
            resource.setrlimit(kind, (_within(limit, hard), hard))
        except (ValueError, OSError):  # not settable here: the child runs without it
            pass


def _limit_cpu(seconds: int) -> None:
    """Processor time is counted for the whole life of a process: a pool worker's limit is
    moved to what it has used so far plus one call's allowance."""
    if resource is None:
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    limit = int(used.ru_utime + used.ru_stime) + 1 + seconds
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (_within(limit, hard), hard))
    except (ValueError, OSError):
        pass


def _within(limit: int, hard: int) -> int:
    return limit if hard == resource.RLIM_INFINITY else min(limit, hard)


def _out_of_memory(budget: Budget) -> Msg:
    return msg("output.child.memory", mb=f"{budget.memory_bytes // MIB:,}")


def _why(exitcode: int | None, budget: Budget) -> Msg:
    """How a child that gave no answer ended."""
    if exitcode is not None and exitcode < 0:
        if hasattr(signal, "SIGXCPU") and -exitcode == signal.SIGXCPU:
            return msg("output.child.cpu", seconds=f"{budget.cpu_seconds:,}")
        return msg("output.child.signal", signal=-exitcode)
    return msg("output.child.exit", code=exitcode)
