"""Deferred third-party imports: faster kernels, unchanged behaviour."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys, liveblogs, altair, jsonschema
stand_in = getattr(sys.modules.get('rfc3987_syntax'), '__liveblogs_stand_in__', False)
checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
ok = checker.conforms('https://example.org/caf\\u00e9?q=1', 'iri')
bad = checker.conforms('not an iri', 'iri')
real = not getattr(sys.modules['rfc3987_syntax'], '__liveblogs_stand_in__', False)
print(stand_in, ok, bad, real)
"""


def test_iri_grammar_loads_only_when_an_iri_is_checked() -> None:
    pytest.importorskip("rfc3987_syntax")
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split()
    # after importing Altair the grammar is still deferred; checking an IRI loads the real module and validates
    assert out == ["True", "True", "False", "True"]
