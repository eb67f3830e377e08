"""Every Python snippet of docs/python.md runs, in order, in one namespace,
from the project's root (as a reader would paste them into one session)."""
import os
import re

import pytest

from conftest import SRC

FENCE = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def snippets(doc):
    return FENCE.findall((SRC / "docs" / doc).read_text(encoding="utf-8"))


def test_docs_have_snippets():
    assert len(snippets("python.md")) >= 8


def test_python_md_snippets_run(monkeypatch):
    pytest.importorskip("pandas")  # the bulk section shows to_dataframe
    monkeypatch.chdir(SRC)
    namespace = {"__name__": "__docs__"}
    for i, code in enumerate(snippets("python.md")):
        try:
            exec(compile(code, f"docs/python.md snippet {i + 1}", "exec"), namespace)
        except Exception as e:
            raise AssertionError(f"docs/python.md snippet {i + 1} failed: {e!r}\n{code}") from e
