"""Quotation spans from marks alone: unit cases, properties and linear time on hostile input."""

from __future__ import annotations


from hypothesis import given, settings
from hypothesis import strategies as st

from liveblogs.text.quotemarks import find_quotes, quote_text

from .growth import cpu_ratio


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quotes(text)]


def test_straight_and_curly_double_marks():
    assert spans('She said "we will stay" and left.') == ["we will stay"]
    assert spans("She said “we will stay” and left.") == ["we will stay"]


def test_single_marks_curly_and_straight():
    assert spans("Talks are ‘on track’, aides say.") == ["on track"]
    assert spans("Talks are 'on track', aides say.") == ["on track"]


def test_apostrophes_are_not_marks():
    text = "Russia's army and Ukraine’s allies don't agree; the allies’ plan dates from the ’90s."
    assert spans(text) == []


def test_headline_single_quote_with_inner_apostrophe():
    assert spans("Summit shows 'Europe's moment has come'") == ["Europe's moment has come"]


def test_quote_containing_apostrophes_keeps_them_inside():
    assert spans('He said "they don\'t want to" go.') == ["they don't want to"]


def test_nested_marks_give_the_outer_span_only():
    text = "He said: \"They told me 'go home' and I went.\""
    assert spans(text) == ["They told me 'go home' and I went."]


def test_punctuation_inside_closing_mark_is_kept():
    assert spans('"It is over," she said.') == ["It is over,"]


def test_british_multi_paragraph_quote_is_one_span():
    text = 'She said: "First part of it.\n"Second part.\n"Third and last."\nNext paragraph.'
    found = find_quotes(text)
    assert len(found) == 1
    span = found[0]
    assert span.multi_paragraph and span.paragraphs == 3
    assert text[span.start] == "F" and text[span.end - 1] == "."
    assert quote_text(text, span) == "First part of it. Second part. Third and last."


def test_hard_wrapped_quote_is_one_span():
    text = '"There is not and cannot be a senior\nruler of the world," he said.'
    found = find_quotes(text)
    assert len(found) == 1 and not found[0].multi_paragraph
    assert quote_text(text, found[0]) == "There is not and cannot be a senior ruler of the world,"


def test_unclosed_mark_does_not_swallow_the_next_paragraph():
    text = 'He said "this never closes.\nA new paragraph with "a real quote" in it.'
    assert spans(text) == ["a real quote"]


def test_unclosed_mark_is_dropped_when_a_fresh_quote_opens():
    text = 'An "unclosed remark and then "a proper quote" here.'
    assert spans(text) == ["a proper quote"]


def test_continuation_needs_a_closing_paragraph():
    text = 'He said "one.\n"two.\nThird paragraph has no marks.'
    assert spans(text) == []


def test_barrier_stops_a_continuation():
    text = 'He said "one.\n"Headline quote"\nBody.'
    from liveblogs.text.paragraphs import paragraphs

    bounds = [(p.start, p.end) for p in paragraphs(text)]
    assert [text[s.start : s.end] for s in find_quotes(text, bounds, barriers={1})] == ["Headline quote"]


def test_empty_and_punctuation_only_quotes_are_ignored():
    assert spans('A "" and a "..." here.') == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n.,'\"‘’“”s9")), max_size=200))
def test_spans_are_in_bounds_ordered_and_disjoint(text):
    found = find_quotes(text)
    last_end = -1
    for s in found:
        assert 0 <= s.open_mark < s.start <= s.end <= s.close_mark < len(text)
        assert s.start >= last_end
        last_end = s.close_mark
        assert text[s.start : s.end] == text[s.start : s.end].strip()
        assert all(s.start <= m < s.end for m in s.continuation_marks)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_on_arbitrary_text(text):
    for s in find_quotes(text):
        assert isinstance(quote_text(text, s), str)



def _ratio(make) -> float:
    small, large = make(1), make(10)
    return cpu_ratio(lambda: find_quotes(small), lambda: find_quotes(large), limit=30)


def test_linear_time_on_unclosed_marks():
    assert _ratio(lambda k: 'word "open ' * (1000 * k)) < 30


def test_linear_time_on_one_huge_paragraph():
    assert _ratio(lambda k: ("plain words and Russia's “quote” here, " * (2000 * k))) < 30


def test_linear_time_on_punctuation_soup():
    assert _ratio(lambda k: ("\"'“”‘’«»'\"" * (2000 * k))) < 30


def test_linear_time_on_many_paragraph_openers():
    assert _ratio(lambda k: '"never closed\n' * (1000 * k)) < 30


def test_nested_quotes_on_request_with_their_parent():
    text = "He said: \"They told me 'go home' and I went.\" Then 'fine'."
    found = find_quotes(text, nested=True)
    assert [(text[s.start : s.end], s.nested) for s in found] == [
        ("They told me 'go home' and I went.", False), ("go home", True), ("fine", False)
    ]
    assert found[1].parent == found[0].open_mark and found[1].depth == 1
    assert [text[s.start : s.end] for s in find_quotes(text)] == ["They told me 'go home' and I went.", "fine"]


def test_nested_curly_quote_ending_in_a_word_with_an_apostrophe_lookalike():
    text = "“Leaders say Europe must ‘pay its share’, and they’re right,” she said."
    found = find_quotes(text, nested=True)
    assert [text[s.start : s.end] for s in found if s.nested] == ["pay its share"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n.,'\"‘’“”s9")), max_size=200))
def test_nested_spans_sit_inside_their_parent(text):
    found = find_quotes(text, nested=True)
    outer = {s.open_mark: s for s in found if not s.nested}
    assert [s for s in found if not s.nested] == find_quotes(text)
    for s in found:
        if s.nested:
            parent = outer[s.parent]
            assert parent.start <= s.open_mark < s.close_mark <= parent.end


def test_linear_time_with_nested_quotes():
    assert _ratio(lambda k: ("\"a 'b' c 'd' e\" " * (2000 * k))) < 30


def test_clipped_word_between_single_marks_is_not_a_quotation():
    assert spans("It is not rock 'n' roll any more, he said.") == []
    assert spans("Fish ’n’ chips are “a British staple,” she said.") == ["a British staple,"]
    assert spans('"This is not rock \'n\' roll anymore. It\'s sums," she said.') == [
        "This is not rock 'n' roll anymore. It's sums,"
    ]
    # A one-letter quotation that stands on its own is still one.
    assert spans("The grade was ‘A’, the board said.") == ["A"]


def test_two_apostrophes_are_one_double_mark():
    """The NYT / typewriter convention: ''…'' is a double quotation, with apostrophes and nesting inside."""
    text = "''It's more tinkering at the edges,'' said Mr. Cole. The ’’Buffett rule’’ stays; the voters'' view."
    assert spans(text) == ["It's more tinkering at the edges,", "Buffett rule"]
    (first, _) = find_quotes(text)
    assert (first.open_mark, first.close_mark) == (0, text.index(" said") - 1)
    nested = "''Then he said 'no' to us,'' she said."
    assert [text_ for text_ in spans(nested)] == ["Then he said 'no' to us,"]


def test_two_apostrophes_continue_a_quotation_over_paragraphs():
    text = "''First paragraph of it.\n\n''Second paragraph,'' he said."
    bounds = [(0, 24), (26, len(text))]
    (span,) = find_quotes(text, bounds)
    assert span.multi_paragraph and quote_text(text, span) == "First paragraph of it. Second paragraph,"
