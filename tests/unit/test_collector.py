"""The serving process's garbage collector: start-up frozen, generation 0 less often, and all
of it handed back when the app stops."""

from __future__ import annotations

import gc
import weakref

import pytest

from tongnan.server.collector import frozen_start_up
from tongnan.server.settings import Settings


def test_start_up_is_frozen_while_the_app_runs_and_handed_back_after() -> None:
    before = gc.get_threshold()
    kept: list[list[int]] = [[1]]  # a list: tracked by the collector
    assert gc.get_freeze_count() == 0
    with frozen_start_up(10_000):
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (10_000, *before[1:])
        assert not any(o is kept[0] for o in gc.get_objects())  # frozen: out of every pass
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
    assert any(o is kept[0] for o in gc.get_objects())


class _Node:
    link: _Node | None = None


def test_garbage_left_by_start_up_is_collected_not_frozen() -> None:
    node = _Node()
    node.link = node  # a cycle: only the collector frees it
    left = weakref.ref(node)
    del node
    with frozen_start_up(10_000):
        assert left() is None


def test_zero_leaves_the_collector_as_python_sets_it() -> None:
    before = gc.get_threshold()
    with frozen_start_up(0):
        assert gc.get_freeze_count() == 0
        assert gc.get_threshold() == before


def test_the_threshold_is_a_setting_on_by_default_for_a_server() -> None:
    assert Settings.from_env({}).gc_young_threshold == 10_000
    assert Settings.from_env({"TONGNAN_GC_YOUNG_THRESHOLD": "0"}).gc_young_threshold == 0
    assert Settings().gc_young_threshold == 0  # apps built in tests' processes: untouched
    with pytest.raises(ValueError, match="TONGNAN_GC_YOUNG_THRESHOLD"):
        Settings.from_env({"TONGNAN_GC_YOUNG_THRESHOLD": "-1"})
