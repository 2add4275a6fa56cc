"""Import-time costs of third-party packages that a notebook kernel pays and never uses.

``jsonschema`` (which Altair validates charts with) imports ``rfc3987_syntax`` when it is
installed — Jupyter Server installs it — to check the ``iri`` and ``iri-reference`` string
formats, and that import compiles an Earley grammar: 3–6 s in every kernel on this machine.
Vega-Lite's schema uses neither format. :func:`defer_iri_grammar` puts a stand-in module in
its place whose one function, ``is_valid_syntax``, imports the real module on first call and
delegates to it, so validation behaves exactly as before and the cost is paid only if an IRI
is ever checked.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

IRI_GRAMMAR_MODULE = "rfc3987_syntax"


def defer_iri_grammar() -> None:
    """Defer importing ``rfc3987_syntax`` until an IRI is first validated (no-op if absent or loaded)."""
    if IRI_GRAMMAR_MODULE in sys.modules or importlib.util.find_spec(IRI_GRAMMAR_MODULE) is None:
        return
    stand_in = types.ModuleType(IRI_GRAMMAR_MODULE, "Stand-in for rfc3987_syntax: the real module loads on first use.")
    stand_in.is_valid_syntax = _is_valid_syntax  # type: ignore[attr-defined]
    stand_in.__liveblogs_stand_in__ = True  # type: ignore[attr-defined]
    sys.modules[IRI_GRAMMAR_MODULE] = stand_in


def _is_valid_syntax(term: str, value: str) -> bool:
    """``rfc3987_syntax.is_valid_syntax``, importing the real module the first time."""
    module = sys.modules.get(IRI_GRAMMAR_MODULE)
    if module is None or getattr(module, "__liveblogs_stand_in__", False):
        sys.modules.pop(IRI_GRAMMAR_MODULE, None)
        module = importlib.import_module(IRI_GRAMMAR_MODULE)
    return module.is_valid_syntax(term, value)
