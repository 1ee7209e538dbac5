"""Half of a step in a second Python process (mitkb.search.second_process)."""

from __future__ import annotations

import os

import pytest

from mitkb.search import second_process
from mitkb.search.second_process import SecondProcess


def squares_with_pid(items, offset):
    return [(item * item + offset, os.getpid()) for item in items]


def fails_over_there(items, parent):
    if os.getpid() != parent:
        raise ValueError(f"refusé : {items[:2]}")
    return items


def dies_over_there(items, parent):
    if os.getpid() != parent:
        os._exit(3)
    return [item + 1 for item in items]


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(second_process, "usable_cores", lambda: 2)


def test_each_half_is_done_once_and_the_other_half_elsewhere(two_cores):
    helper = SecondProcess(split_from=2)
    try:
        mine, theirs = helper.halves(squares_with_pid, range(10), 1)
        # a second request goes to the same process
        again = helper.halves(squares_with_pid, range(4), 0)
    finally:
        helper.close()
    assert [value for value, _ in mine] == [i * i + 1 for i in range(0, 10, 2)]
    assert [value for value, _ in theirs] == [i * i + 1 for i in range(1, 10, 2)]
    assert {pid for _, pid in mine} == {os.getpid()}
    [other] = {pid for _, pid in theirs}
    assert other != os.getpid()
    assert {pid for _, pid in again[1]} == {other}


def test_small_lists_and_single_cores_stay_here(monkeypatch):
    helper = SecondProcess(split_from=100)
    [whole] = helper.halves(squares_with_pid, range(10), 0)
    assert len(whole) == 10 and {pid for _, pid in whole} == {os.getpid()}
    monkeypatch.setattr(second_process, "usable_cores", lambda: 1)
    assert len(SecondProcess(split_from=2).halves(squares_with_pid, range(10), 0)) == 1


def test_an_error_over_there_is_raised_here(two_cores):
    helper = SecondProcess(split_from=2)
    try:
        with pytest.raises(ValueError, match="refusé : \\[1, 3\\]"):
            helper.halves(fails_over_there, list(range(6)), os.getpid())
    finally:
        helper.close()


def test_when_the_second_process_dies_its_half_is_done_here(two_cores):
    helper = SecondProcess(split_from=2)
    try:
        mine, theirs = helper.halves(dies_over_there, list(range(6)), os.getpid())
    finally:
        helper.close()
    assert mine == [1, 3, 5] and theirs == [2, 4, 6]
