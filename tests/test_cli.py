"""The ``liveblogs posts`` command: fields, formats, options and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from liveblogs.app.cli import POST_FIELDS, main

from .conftest import ROOT, SKY

SKY_PATH = ROOT / "data" / "articles" / f"{SKY}.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "liveblogs.app.cli", *args], capture_output=True, text=True, check=False)


def test_posts_jsonl_rows_have_the_fields_and_increasing_ids() -> None:
    result = run("posts", str(SKY_PATH), "--outlet", "Sky", "--published", "2025-02-13")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert list(rows[0]) == POST_FIELDS
    assert [r["post"] for r in rows] == list(range(len(rows)))
    assert {r["outlet"] for r in rows} == {"Sky"}
    text = SKY_PATH.read_text(encoding="utf-8-sig")
    assert all(text[r["start"] : r["end"]].startswith(r["headline"]) for r in rows if r["headline"])
    assert sum(r["kind"] == "post" for r in rows) == 19


def test_posts_csv_is_parseable(capsys) -> None:
    assert main(["posts", str(SKY_PATH), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["kind"] == "title" and rows[-1]["kind"] == "boilerplate"


def test_bad_path_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    result = run("posts", str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "missing.txt: no such file" in result.stderr


def test_bad_encoding_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(b"Headline\nHe said \x93no\x94.\n")
    result = run("posts", str(path))
    assert result.returncode == 2 and "byte 0x93 at byte offset 17" in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert run("posts", str(path), "--encoding", "cp1252").returncode == 0


def test_bad_date_option_is_a_usage_error() -> None:
    result = run("posts", str(SKY_PATH), "--published", "13/02/2025")
    assert result.returncode == 2 and "not a YYYY-MM-DD date" in result.stderr


def test_posts_carry_time_columns_with_offsets_in_iso_form() -> None:
    result = run("posts", str(SKY_PATH), "--published", "2025-02-13", "--timezone", "Europe/London")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    pinned = [r for r in rows if r["time_source"] == "cross-reference"]
    assert len(pinned) == 5
    assert {r["time"] for r in pinned} == {f"2025-02-13T{t}:00+00:00" for t in ("10:24", "08:53", "08:06", "07:50", "06:54")}
    assert all(r["time_earliest"] <= r["time_latest"] for r in rows)


def test_quotes_jsonl_csv_and_parquet(tmp_path: Path) -> None:
    result = run("quotes", str(SKY_PATH))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and len(rows) >= 70
    assert {"file", "quote", "speaker", "cue", "kind", "attribution", "start", "end"} <= set(rows[0])
    text = SKY_PATH.read_text(encoding="utf-8-sig")
    assert all(" ".join(text[r["start"] : r["end"]].split()).startswith(r["quote"][:20]) for r in rows)
    out = tmp_path / "quotes.parquet"
    assert run("quotes", str(SKY_PATH), "--format", "parquet", "--out", str(out)).returncode == 0
    import pandas as pd

    assert len(pd.read_parquet(out)) == len(rows)


def test_build_writes_every_frame_as_parquet_with_a_progress_bar(tmp_path: Path) -> None:
    result = run("build", str(ROOT / "data"), "--out", str(tmp_path / "built"), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "2/2 articles" in result.stderr
    import pandas as pd

    posts = pd.read_parquet(tmp_path / "built" / "posts.parquet")
    assert len(posts) == 36 and {"time", "time_source"} <= set(posts.columns)
    assert len(pd.read_parquet(tmp_path / "built" / "speakers.parquet")) > 10
    assert run("build", str(tmp_path / "missing"), "--out", str(tmp_path / "x")).returncode == 2


def test_posts_on_a_file_in_a_folder_with_a_manifest_uses_its_row(tmp_path: Path, capsys) -> None:
    (tmp_path / "blog.txt").write_text("Ministers meet\n\n16:12\n\nTalks open\n\nThe talks opened.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,published,timezone\nblog.txt,Example News,2025-02-13,Europe/Paris\n", encoding="utf-8")
    assert main(["posts", str(tmp_path / "blog.txt")]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    post = next(r for r in rows if r["kind"] == "post")
    assert {r["outlet"] for r in rows} == {"Example News"}
    assert post["time"] == "2025-02-13T16:12:00+01:00"  # the manifest's date and zone
    assert main(["posts", str(tmp_path / "blog.txt"), "--outlet", "Other", "--timezone", "UTC"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    post = next(r for r in rows if r["kind"] == "post")
    assert {r["outlet"] for r in rows} == {"Other"} and post["time"] == "2025-02-13T16:12:00+00:00"  # options win
