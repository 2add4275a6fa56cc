"""The package's word lists are data files, each loading cleanly, each word list defined once."""

from __future__ import annotations

import ast
import re
from importlib import resources
from pathlib import Path

import pytest

from liveblogs import wordlists
from liveblogs.ingest import stamps
from liveblogs.quotes import speech

SRC = Path(wordlists.__file__).resolve().parents[1]
LIST_FILES = wordlists.names()
TXT = [n.removesuffix(".txt") for n in LIST_FILES if n.endswith(".txt")]
TOML = [n.removesuffix(".toml") for n in LIST_FILES if n.endswith(".toml")]


def test_lists_are_shipped():
    assert len(TXT) >= 40 and {"calendar", "timezones", "outlets", "affiliations"} <= set(TOML)


@pytest.mark.parametrize("name", TXT)
def test_text_list_loads_with_a_header_no_blanks_and_no_duplicates(name):
    raw = resources.files("liveblogs.wordlists").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    assert raw.startswith(f"# {name}: "), "each list opens with a header naming it"
    assert "Source:" in raw.split("\n\n", 1)[0], "the header says where the list came from"
    got = wordlists.entries(name)
    assert got, "a list with no entries"
    assert all(e and e == e.strip() and "  " not in e for e in got)
    dupes = sorted({e for e in got if got.count(e) > 1})
    assert not dupes, f"{name}.txt repeats {dupes}"
    assert wordlists.words(name) == frozenset(got)


@pytest.mark.parametrize("name", TOML)
def test_toml_list_loads_with_no_blank_or_repeated_words(name):
    data = wordlists.table(name)
    assert data
    for section, values in data.items():
        assert values, f"{name}.toml [{section}] is empty"
        assert all(str(k).strip() == str(k) and str(k) for k in values)
        for v in values.values():
            if isinstance(v, list):
                assert all(isinstance(x, (str, int)) and str(x).strip() for x in v)
                assert len(v) == len(set(v)), f"{name}.toml [{section}] repeats a word"


def test_a_word_in_two_affiliation_groups_would_be_ambiguous():
    groups = wordlists.table("affiliations")["groups"]
    seen: dict[str, str] = {}
    for group, group_words in groups.items():
        for w in group_words:
            assert w not in seen, f"{w!r} is in both {seen[w]} and {group}"
            seen[w] = group


def test_loaded_lists_keep_their_python_names():
    assert isinstance(speech.CUE_VERBS, frozenset) and {"said", "says", "saying", "told"} <= speech.CUE_VERBS
    assert stamps.WEEKDAY_ORDER == ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    assert stamps.MONTHS["sept"] == 9 and stamps.MONTHS["december"] == 12 and stamps.WEEKDAYS["thurs"] == "Thursday"
    assert speech.WEEKDAYS == {d.lower() for d in stamps.WEEKDAY_ORDER} and "january" in speech.MONTHS
    assert stamps.ZONE_WORDS["local"] is None and stamps.ZONES["BST"] == "Europe/London"


# Spelled-out calendars in code: two different weekday names, or two month names that are not also
# ordinary words ("may", "march"), or two quoted weekday or month abbreviations, in one file.
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = ("january", "february", "april", "june", "july", "august", "september", "october",
                "november", "december")
_ABBREVIATIONS = ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb",
                  "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_CALENDAR_WORDS = frozenset(_WEEKDAY_NAMES + _MONTH_NAMES + _ABBREVIATIONS + ("may", "march"))


def _docstrings(tree: ast.AST) -> set[int]:
    owners = [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))]
    return {
        id(o.body[0].value) for o in owners
        if o.body and isinstance(o.body[0], ast.Expr) and isinstance(o.body[0].value, ast.Constant)
    }


def spelled_out_calendars(source: str) -> list[str]:
    """Calendar word lists written out in code (comments and docstrings, which give examples, aside):
    one string literal holding two different weekday or month names ("monday tuesday".split()), or
    one list, tuple, set or dict whose string items include two weekday or month names or abbreviations."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            low = node.value.lower()
            for kind, names in (("weekday names", _WEEKDAY_NAMES), ("month names", _MONTH_NAMES)):
                hits = sorted(n for n in names if re.search(rf"\b{n}\b", low))
                if len(hits) >= 2:
                    found.append(f"line {node.lineno}: {kind} {hits}")
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            hits = sorted({
                i.value.lower() for i in items
                if isinstance(i, ast.Constant) and isinstance(i.value, str) and i.value.lower() in _CALENDAR_WORDS
            })
            if len(hits) >= 2:
                found.append(f"line {node.lineno}: a collection of {hits}")
    return found


def test_the_calendar_check_can_fail():
    assert spelled_out_calendars('WEEKDAYS = {"monday": 0, "Tuesday": 1}')
    assert spelled_out_calendars('MONTHS = frozenset("""january\n    february""".split())')
    assert spelled_out_calendars('ABBR = ("jan", "feb")')
    assert spelled_out_calendars('def f():\n    return {"march": 3, "may": 5}')
    assert not spelled_out_calendars('"""Said on Monday, not Sunday."""\n# Monday Tuesday\nx = "on Friday"')


def test_no_module_spells_out_weekday_or_month_names():
    offenders = {
        str(path.relative_to(SRC)): found
        for path in sorted(SRC.rglob("*.py"))
        if path.parent.name != "wordlists" and (found := spelled_out_calendars(path.read_text(encoding="utf-8")))
    }
    assert not offenders, f"calendar words belong in wordlists/calendar.toml: {offenders}"
