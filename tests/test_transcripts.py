"""Transcript turns: each speaker-labelled turn is a quotation of its speaker; other labels are not.

Invented transcripts in the conventions of broadcast (CNN, NPR), panel and interview transcripts,
and lines that open with capitals and a colon but are nobody's turn (section labels, tallies,
headline labels). ``tests/test_polnear_accuracy.py`` scores the turns of PolNeAR's real ones.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import liveblogs
from liveblogs.quotes.voices import marked, quote_table
from liveblogs.text.transcripts import transcript_turns

from .growth import cpu_ratio
from .test_attribution import para_frame, quotes

ROOT = Path(__file__).resolve().parents[1]
NPR = ROOT / "tests" / "fixtures" / "heldout5" / "npr_istanbul_talks.txt"

BRIEFING = (
    "Nato defence ministers met in Brussels on Thursday. Mark Rutte opened the session.\n\n"
    "MARK RUTTE, NATO SECRETARY GENERAL: We have to spend more, and we have to spend it faster.\n\n"
    "PETE HEGSETH, U.S. DEFENSE SECRETARY: Europe must take the lead on its own security.\n\n"
    "It is a point he has made before, and one he returned to twice.\n\n"
    "UNIDENTIFIED MALE: Is that a yes to the ceasefire plan?\n\n"
    "(CROSSTALK)\n\n"
    "RUTTE: (Through interpreter) Let me be clear. The answer is no.\n\n"
    "The session closed at noon."
)


def turns_of(text: str, headlines: tuple[int, ...] = ()) -> pd.DataFrame:
    q = quotes(text, headlines)
    return q[q["kind"].astype(str).eq("turn")]


def test_broadcast_turns_are_quotations_of_their_labelled_speakers():
    t = turns_of(BRIEFING)
    assert t["speaker_mention"].tolist() == ["MARK RUTTE", "PETE HEGSETH", "UNIDENTIFIED MALE", "RUTTE"]
    assert t["speaker"].tolist()[:2] == ["Mark Rutte", "Pete Hegseth"]
    assert pd.isna(t["speaker"].iloc[2])  # an anonymous speaker's label names nobody
    assert t["speaker"].iloc[3] == "Mark Rutte"  # the surname label takes the full label's name
    assert t["description"].tolist()[:3] == ["Nato Secretary General", "U.S. Defense Secretary", "unidentified male"]
    assert set(t["rule"]) == {"transcript_turn"} and set(t["attribution"].astype(str)) == {"label"}


def test_turn_spans_are_lossless_and_skip_the_label_and_interpreter_note():
    t = turns_of(BRIEFING)
    for r in t.itertuples():
        assert BRIEFING[r.start : r.end] == r.quote
        assert BRIEFING[r.mention_start : r.mention_end] == r.speaker_mention
        assert BRIEFING[r.cue_start : r.cue_end] == ":"
    assert t["quote"].iloc[3] == "Let me be clear. The answer is no."


def test_a_turn_runs_on_to_the_next_label_but_not_past_a_production_note_or_the_last_turn():
    t = turns_of(BRIEFING)
    # Hegseth's turn runs on over the unlabelled paragraph before the next label.
    assert t["quote"].iloc[1].endswith("returned to twice.") and bool(t["multi_paragraph"].iloc[1])
    assert t["quote"].iloc[2] == "Is that a yes to the ceasefire plan?"  # stops at "(CROSSTALK)"
    assert "session closed" not in t["quote"].iloc[3]  # the article resumes after the last turn


def test_label_on_a_line_of_its_own_and_a_quotation_inside_a_turn():
    text = (
        "Transcript\n\n"
        "ANNA BERG, HOST:\n\n"
        "Good morning. Talks resume in Geneva today.\n\n"
        "TOM LIND, BYLINE: The envoy told me, quote, \"we are further apart than ever.\"\n\n"
        "BERG: Tom Lind, thank you."
    )
    q = quotes(text)
    t = q[q["kind"].astype(str).eq("turn")]
    assert t["speaker"].tolist() == ["Anna Berg", "Tom Lind", "Anna Berg"]
    assert t["quote"].iloc[0] == "Good morning. Talks resume in Geneva today."
    inner = marked(q)
    assert inner["quote"].tolist() == ["we are further apart than ever."]  # its own row, in marks
    assert inner["start"].iloc[0] > t["start"].iloc[1] and inner["end"].iloc[0] <= t["end"].iloc[1]


def test_panel_transcript_with_capitalised_labels():
    text = (
        "The panel turned to the economy.\n\n"
        "Rosa Diaz: Prices are the story of this election, whatever the candidates say.\n\n"
        "Karl Mertens: I think that is right, but wages matter too.\n\n"
        "Diaz: Wages have not kept up.\n\n"
        "Mertens: Nobody disputes that."
    )
    t = turns_of(text)
    assert t["speaker"].tolist() == ["Rosa Diaz", "Karl Mertens", "Rosa Diaz", "Karl Mertens"]


def test_interview_questions_and_answers_are_turns():
    text = (
        "The actor spoke to us about her new book.\n\n"
        "Q: When did you start writing it?\n\n"
        "A: Two years ago, in the middle of the night.\n\n"
        "Q: Was it hard?\n\n"
        "A: Harder than anything I have done."
    )
    t = turns_of(text)
    assert t["speaker_mention"].tolist() == ["Q", "A", "Q", "A"]
    assert t["speaker"].isna().all()


@pytest.mark.parametrize("text", [
    # A newsletter's section labels: capitals and a colon, but sections, not speakers.
    "DRIVING THE DAY: Leaders meet in Brussels.\n\nNATO NUMBERS: The alliance wants 5 percent.\n\n"
    "TARIFF TALK: The commissioner is back from Washington.\n\nWARSAW'S MATH: Poland leads the hawks.\n\n"
    "NATO NUMBERS: Spending rose again this year.",
    # A tally: names and colons, numbers for words.
    "The latest count.\n\nHillary Clinton: 1,769.\n\nBernie Sanders: 1,501.\n\nClinton: 547.\n\nSanders: 46.",
    # Newsroom furniture.
    "UPDATE: The vote was delayed.\n\nBYLINE: Ann Lee.\n\nUPDATE: The vote passed.\n\nCORRECTION: An earlier version misspelt a name.",
    # Only one speaker: a single labelled line is not a transcript.
    "SCHOLZ: We will not send the missiles.\n\nThe chancellor repeated the line later.",
])
def test_labels_that_are_not_a_transcripts_turns(text):
    assert turns_of(text).empty


def test_headline_labels_are_the_outlets_words_not_turns():
    text = (
        "Zelensky: Ukraine will not accept a deal made without it\n\n"
        "The president spoke in Kyiv on Thursday.\n\n"
        "Trump: Talks with Putin went well\n\n"
        "The president posted on social media.\n\n"
        "Zelensky: Europe must be at the table\n\n"
        "He repeated the demand in Munich."
    )
    assert turns_of(text, headlines=(0, 2, 4)).empty


def test_capitalised_label_written_as_the_text_writes_the_name():
    text = (
        "Senate leader Mitch McConnell and Chuck Schumer spoke on the Senate floor.\n\n"
        "MCCONNELL: The bill will pass this week.\n\n"
        "SCHUMER: It will not pass without our votes.\n\n"
        "MCCONNELL: We will see."
    )
    assert turns_of(text)["speaker"].tolist() == ["Mitch McConnell", "Chuck Schumer", "Mitch McConnell"]


def test_transcript_turns_function_reads_roles_and_never_turns_a_title():
    lines = ["ANNA BERG: A title line in capitals.", "ANNA BERG: Hello there.", "TOM LIND, BYLINE: Hello, Anna."]
    text = "\n\n".join(lines)
    starts = [text.index(line) for line in lines]
    rows = [(0, k, s, s + len(line), role) for k, (s, line, role) in enumerate(zip(starts, lines, ["title", "body", "body"]))]
    assert [text[t.start : t.end] for t in transcript_turns(text, rows)] == ["Hello there.", "Hello, Anna."]


def test_npr_transcript_turns_in_the_blind_set_and_the_marked_quotations_unchanged():
    corpus = liveblogs.load_corpus([NPR], cache=False)
    q = corpus.quotes
    t = q[q["kind"].astype(str).eq("turn")]
    assert len(t) == 18
    assert t["speaker"].value_counts().to_dict() == {"Karl Schmidt": 9, "Elena Martínez": 7, "Ruslan Koval": 1,
                                                     "Halyna Moroz": 1}
    text = corpus.texts[t["article"].iloc[0]]
    assert all(text[r.start : r.end] == r.quote for r in t.itertuples())
    # The who-said-what table shows the turns with the rule that found them.
    table = quote_table(q, corpus.posts, corpus.speakers)
    assert (table.loc[table["kind"].astype(str).eq("turn"), "rule"] == "transcript_turn").all()


def _many_speakers(n: int) -> str:
    """A transcript of ``n`` distinct speakers, each named in prose and speaking twice."""
    names = [f"SPEAKER{chr(65 + k % 26)}{chr(65 + k // 26 % 26)}{chr(65 + k // 676 % 26)}" for k in range(n)]
    prose = " ".join(f"{n.capitalize()} Lee spoke." for n in names)
    turns = "\n\n".join(f"{n} LEE, GUEST: I agree with that.\n\n{n}: Yes, indeed." for n in names)
    return prose + "\n\n" + turns


def test_turns_grow_linearly_with_the_number_of_speakers():
    # Hostile input: many distinct labels. Work per label must not scan the whole text again.
    small, large = _many_speakers(100), _many_speakers(1000)
    from liveblogs.text.paragraphs import paragraphs as split

    def run(text):
        rows = [(0, k, p.start, p.end, "body") for k, p in enumerate(split(text))]
        from liveblogs.quotes.turns import turn_rows
        return turn_rows(text, transcript_turns(text, rows))

    assert len(run(small)) == 200
    assert cpu_ratio(lambda: run(small), lambda: run(large), limit=10 * 1.5) < 10 * 1.5


def _long_blog_with_a_transcript(n: int) -> str:
    """A live blog of ``n`` prose posts (sentences opening on a capitalised common word) and a transcript."""
    prose = "\n\n".join(f"Talks went on in round {k}. Markets rose, and Anna Berg said it was early." for k in range(n))
    return prose + "\n\n" + BRIEFING


def test_whole_text_word_counts_are_made_once_per_article_however_long(monkeypatch):
    # Counted work, not time: the transcript's names and the quotations share one reading of the
    # article, so its words are counted a fixed number of times, not once per sentence (which made
    # a 48,000-word live blog with a transcript take a minute).
    import liveblogs.quotes.attribution as attribution

    calls = []
    counted = attribution._article_words
    shared = attribution._TextTokens.__init__

    def counting(masked: str) -> list[str]:
        calls.append(len(masked))
        return counted(masked)

    def sharing(self, masked: str) -> None:  # the whole text's tokens, its word forms counted with them
        calls.append(len(masked))
        shared(self, masked)

    monkeypatch.setattr(attribution, "_article_words", counting)
    monkeypatch.setattr(attribution._TextTokens, "__init__", sharing)
    made = {}
    for n in (20, 200):
        calls.clear()
        assert len(turns_of(_long_blog_with_a_transcript(n))) == 4
        made[n] = len(calls)
    assert 1 <= made[200] <= made[20] <= 3
