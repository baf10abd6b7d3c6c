"""The map step's executors: results in index order, and a lost share (a worker that died or raised) is ``None``."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from claims import executors
from claims.executors import ForkedPool, InProcess, executor_for

needs_fork = pytest.mark.skipif(not executors.can_fork(), reason="the workers are forked (Linux)")


def square_of_inherited(numbers: list[int], index: int) -> int:
    """A share's work: reads data the worker inherited with the fork."""
    return numbers[index] ** 2


def test_in_process_runs_every_share_in_order_and_lets_an_exception_through() -> None:
    with InProcess().start(lambda index: index * 10, 3) as started:
        assert started.results() == [0, 10, 20]

    def broken(index: int) -> int:
        raise RuntimeError("a bug in a check")

    with InProcess().start(broken, 1) as started, pytest.raises(RuntimeError):
        started.results()


@needs_fork
def test_forked_workers_return_their_results_in_index_order() -> None:
    numbers = [3, 1, 4, 1, 5]
    parent = os.getpid()
    with ForkedPool().start(lambda index: (square_of_inherited(numbers, index), os.getpid()), 5) as started:
        results = started.results()
    assert results is not None
    assert [square for square, _ in results] == [9, 1, 16, 1, 25]
    assert parent not in {pid for _, pid in results}  # each share ran in a worker


def dies_at_one(index: int) -> int:
    if index == 1:
        os._exit(9)  # as if killed, say for memory: the pool is broken
    return index


def raises_at_one(index: int) -> int:
    if index == 1:
        raise RuntimeError("a bug in a check")
    return index


@needs_fork
@pytest.mark.parametrize("work", [dies_at_one, raises_at_one])
def test_a_share_lost_in_a_worker_loses_the_map_step(work: Callable[[int], int]) -> None:
    with ForkedPool().start(work, 3) as started:
        assert started.results() is None


def test_a_single_share_runs_in_this_process() -> None:
    assert isinstance(executor_for(1), InProcess)
    assert isinstance(executor_for(2), ForkedPool if executors.can_fork() else InProcess)


@needs_fork
def test_what_a_worker_keeps_is_kept_there_only() -> None:
    executors.keep(object())  # in this process: nothing is held
    assert executors._kept is None

    def keeps(index: int) -> int:
        executors.keep([index])
        return len(executors._kept or [])

    with ForkedPool().start(keeps, 1) as started:
        assert started.results() == [1]
