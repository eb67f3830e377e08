"""Memory: every Python object owns or borrows its C memory correctly.

100,000 organisations and 100,000 reports (with borrowed results, owned
results, nodes and exceptions) are created and dropped in a loop; resident
memory, read from /proc/self/statm, must not grow beyond a small bound once
the allocators are warm. A leak of a single 40-byte block per iteration
would already add 4 MB. Under AddressSanitizer (ASSOC_SANITIZE=1) freed
memory is quarantined, so the loop is shorter and the bound is not checked:
there, the test is about double frees and use after free.
"""
import gc
import json
import os

import pytest

import assoc
from conftest import SANITIZED, minimal

ITERATIONS = 2_000 if SANITIZED else 100_000
WARM_UP = 500 if SANITIZED else 5_000
BOUND = 2 * 1024 * 1024  # bytes


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def work(text, profile, i):
    org = assoc.loads(text)                        # owned organisation
    org.years[0].balance.cash = 1000 + i           # node, setter
    node = org.years[0].revenue[1]                 # node keeping the C object alive
    rep = org.score(profile, values_only=True)     # owned report
    r = rep.find("finance.months_of_cash", 2023)   # borrowed result
    del org, rep                                   # the result and node keep what they need
    assert r.value is not None and node.amount == 7000
    if i % 10 == 0:
        s = assoc.from_dict(minimal()).stress_stream_drop(2023, "public_subsidies", 0.5)  # owned result
        assert s.value is not None
        try:
            assoc.loads("{")                       # error path
        except assoc.ParseError:
            pass


def test_create_and_free_in_a_loop():
    text = json.dumps(minimal())
    profile = assoc.Profile.default()
    for i in range(WARM_UP):
        work(text, profile, i)
    gc.collect()
    before = rss()
    for i in range(ITERATIONS):
        work(text, profile, i)
    gc.collect()
    grown = rss() - before
    print(f"{ITERATIONS} iterations: resident memory grew by {grown} bytes")
    if not SANITIZED:
        assert grown < BOUND


def test_full_reports_are_freed():
    # Full reports (explanations, inputs, contributions, JSON) of a small organisation.
    text = json.dumps(minimal())

    def one():
        rep = assoc.loads(text).score()
        assert all(isinstance(r.inputs, dict) for r in rep)
        rep.to_dict()

    n = 200 if SANITIZED else 10_000
    for _ in range(100 if SANITIZED else 2_000):  # the same work warms the allocators up
        one()
    gc.collect()
    before = rss()
    for _ in range(n):
        one()
    gc.collect()
    grown = rss() - before
    print(f"{n} full reports: resident memory grew by {grown} bytes")
    if not SANITIZED:
        assert grown < BOUND
