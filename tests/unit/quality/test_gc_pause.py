"""The collector is paused only while a run lasts, and restored however the run ends (issue 17)."""

from __future__ import annotations

import gc
import threading

import pytest

from odwb_assist.quality.gc_pause import YOUNG_THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def _collector_as_found():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)
    gc.unfreeze()


def test_objects_made_before_a_run_are_frozen_only_during_it():
    kept = [object() for _ in range(10)]
    assert gc.get_freeze_count() == 0
    with fewer_collections():
        assert gc.get_freeze_count() > len(kept)
        assert gc.get_threshold()[0] == max(YOUNG_THRESHOLD, 700)
    assert gc.get_freeze_count() == 0


def test_thresholds_restored_after_nested_runs_and_a_failure():
    gc.set_threshold(700, 10, 10)
    with pytest.raises(ValueError), fewer_collections():
        with fewer_collections():
            assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)  # the outer run still lasts
        raise ValueError("boom")
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_higher_threshold_set_by_the_user_is_kept():
    gc.set_threshold(50_000, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (50_000, 5, 5)
    assert gc.get_threshold() == (50_000, 5, 5)


def test_runs_on_two_threads_share_one_pause():
    gc.set_threshold(700, 10, 10)
    inside, leave = threading.Event(), threading.Event()

    def other_run():
        with fewer_collections():
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=other_run)
    worker.start()
    inside.wait(5)
    with fewer_collections():
        pass
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)  # the other thread's run is not over
    leave.set()
    worker.join(5)
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_cycles_made_during_a_run_are_still_collected():
    class Node:
        pass

    with fewer_collections():
        node = Node()
        node.self = node  # a cycle only the collector frees
        del node
        assert gc.collect() >= 1


def test_check_and_fix_leave_the_collector_as_they_found_it(tmp_path):
    from odwb_assist.quality.engine import check
    from odwb_assist.quality.fix_engine import fix

    source = tmp_path / "t.csv"
    source.write_text("nom;valeur\nA;1\nB;2\n", encoding="utf-8")
    gc.set_threshold(700, 10, 10)
    check(source)
    fix(source, tmp_path / "out.csv")
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0
