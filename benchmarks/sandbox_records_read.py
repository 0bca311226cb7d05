"""Time of one page of a dataset's records in the sandbox: SQL ``LIMIT/OFFSET`` against decoding everything.

    .venv/bin/python benchmarks/sandbox_records_read.py                 # 100,000 records
    .venv/bin/python benchmarks/sandbox_records_read.py --records 20000

Builds a throw-away sandbox store with one published dataset, then times, in the same run:

* ``page``: what ``/records?limit=10`` does now (:func:`odwb_assist.sandbox.record_reads.page`);
* ``baseline``: what it did before, ``Store.records(uid)[:10]`` (every record read and JSON-decoded);
* ``group_by``: ``group_by=commune&select=count(*),avg(places)`` over the streamed records.

Prints the times and the baseline/page ratio. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time

from odwb_assist.sandbox import record_reads
from odwb_assist.sandbox.aggregation import aggregate
from odwb_assist.sandbox.odsql import FieldResolver
from odwb_assist.sandbox.odsql_expr import parse_group_by, parse_selection
from odwb_assist.sandbox.store import Store


def best_of(runs: int, action: object) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    store = Store(tempfile.mkdtemp())
    fields = [{"name": n, "label": n, "type": t, "annotations": {}, "description": None}
              for n, t in (("nom", "text"), ("commune", "text"), ("places", "int"), ("ouverture", "date"))]
    rows = [(f"r{i}", {"nom": f"Parking {i}", "commune": f"Commune {i % 262}", "places": i % 97,
                       "ouverture": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}"}) for i in range(args.records)]
    uid = store.create_dataset("bench", "bench-parkings", False, {"default": {"title": "Bench"}})["uid"]
    store.finish_processing(uid, fields, rows, {"default": {"title": "Bench"}})
    resolver = FieldResolver([f["name"] for f in fields])
    groups, selection = parse_group_by("commune", resolver), parse_selection("count(*), avg(places)", resolver)

    page = best_of(5, lambda: record_reads.page(store, uid, 10, 0))
    baseline = best_of(3, lambda: store.records(uid)[:10])
    grouped = best_of(3, lambda: aggregate(record_reads.stream(store, uid), selection, groups, None, resolver))
    print(f"records: {args.records}")
    print(f"page (LIMIT/OFFSET): {page * 1000:.2f} ms")
    print(f"baseline (decode all): {baseline * 1000:.1f} ms")
    print(f"group_by over the stream: {grouped * 1000:.1f} ms")
    print(f"ratio baseline/page: {baseline / page:.0f}x")


if __name__ == "__main__":
    main()
