"""The user-editable tables: one reader, clear errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveblogs.errors import TableError
from liveblogs.quotes.speakers import read_overrides
from liveblogs.compare.stories import read_link_overrides


def test_speaker_table_cells_are_stripped_text_and_blanks_missing(tmp_path: Path) -> None:
    path = tmp_path / "speakers.csv"
    path.write_text("# a comment\nname,alias,group,description\nDonald Trump , Trump,US,\n,,,\n", encoding="utf-8")
    table = read_overrides(path)
    assert table.to_dict("records")[0]["name"] == "Donald Trump" and table["alias"].iloc[0] == "Trump"
    assert table["description"].isna().all() and len(table) == 1


@pytest.mark.parametrize("reader, text, problem", [
    (read_link_overrides, "article_a,post_a,article_b,post_b,action,note\na,one,b,2,link,x\n", "post_a must be a whole number"),
    (read_link_overrides, "article_a,post_a,article_b\na,1,b\n", "missing columns"),
    (read_link_overrides, "article_a,post_a,article_b,post_b,action,note\na,1,b,2,merge,x\n", "action must be one of"),
    (read_overrides, 'name,alias,group,description\n"Unclosed,quote,US,x\n', "cannot be read as a CSV table"),
])
def test_a_bad_table_is_an_error_naming_the_file(tmp_path: Path, reader, text: str, problem: str) -> None:
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TableError) as raised:
        reader(path)
    assert str(path) in str(raised.value) and problem in str(raised.value)
