"""Word lists and patterns that describe how live blogs are laid out.

They live here, as data, so that one convention is changed in one place.
"""

from __future__ import annotations

import re

from ..wordlists import entries, words

# Characters that end a sentence; "?" and "!" also end headlines, so they are kept apart.
HARD_TERMINALS = ".…:;"
SOFT_TERMINALS = "?!"
CLOSING_MARKS = "\"'”’»)]›"
OPENING_MARKS = "\"'“‘«([‹"

# A paragraph that ends with one of these words stops mid-sentence: the next piece continues it.
CONTINUATION_WORDS = words("continuation_words")

# Newsroom phrases that open a new post in blogs without headlines.
POST_OPENERS = entries("post_openers")

# Words that, opening a paragraph, continue the post before it.
CONTINUATION_OPENERS = words("continuation_openers")

# Paragraphs that are page furniture, not reporting: tagged as boilerplate, never dropped.
BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"-\s*sky news",
    r"source:\s*.{1,60}",
    r"read more:?.{0,60}",
    r"leave a comment",
    r"skip (?:next|past) section",
    r"(?:skip )?advertisement",
    r"share(?: this)?(?: post)?",
    r"copy link",
    r"(?:show|load) more(?: posts| updates)?",
    r"view (?:more|all) (?:posts|updates)",
    r"(?:end of )?(?:related|more on this story|top stories|key points)",
    r"follow (?:our|the) .{1,60}",
    r"sign up .{0,80}",
    r"watch:?\s*.{0,3}",
    r"live reporting(?: by)? .{0,60}",
    r"(?:image|photo|video|picture) (?:source|caption|credit)[:,].{0,120}",
    r"getty images|reuters|epa|afp|pa media|ap",
    r"back to top",
    r"(?:latest|previous|newer|older) (?:posts?|updates?)",
    r"comments?(?: \(\d{1,6}\))?",
    r"this video can not be played",
    r"please use chrome browser.{0,120}",
)
BOILERPLATE_RE = re.compile(r"(?:" + "|".join(BOILERPLATE_PATTERNS) + r")[.!]?", re.IGNORECASE)

# Bullet markers: "•", "-", "–", "*", "·", "▪", "●", "1.", "2)".
BULLET_RE = re.compile(r"(?:[-•*–·▪●■◦]\s|\d{1,2}[.)]\s)")

# Byline role lines ("Defence correspondent", "Reporting from Kyiv").
BYLINE_ROLE_RE = re.compile(
    r"(?:[A-Z][\w'’.-]*\s){0,4}(?:correspondent|editor|reporter|presenter|producer|analyst|journalist|"
    r"writer|contributor|team|staff|desk|in [A-Z][\w-]+|reporting from [A-Z][\w-]+)(?:,? [\w'’.-]+){0,4}",
    re.IGNORECASE,
)
# A line that is only a person's name (two to four capitalised words).
NAME_LINE_RE = re.compile(r"(?:[A-Z][\w'’.-]{0,30}\s){1,3}[A-Z][\w'’-]{1,30}")

# A header line a scraper or a user writes above a copied page: "Source: Reuters", "URL: https://…",
# "Published: 13 February 2025" (labels in wordlists/metadata_fields.txt).
METADATA_FIELDS = words("metadata_fields")
METADATA_LINE_RE = re.compile(
    r"(?P<field>" + "|".join(sorted(METADATA_FIELDS, key=len, reverse=True)) + r")[ \t]{0,3}:[ \t]{0,3}(?P<value>\S[^\n]{0,300})",
    re.IGNORECASE,
)
# Cues opening a byline ("Edited by Sam Hancock"), and the places where a copied page glued two
# lines of its byline block together ("…HancockHollie ColeLive reporter"): a lower-case letter
# run straight into a capital that opens a word.
BYLINE_CUES = words("byline_cues")
BYLINE_CUE_RE = re.compile(r"(?:" + "|".join(re.escape(c) for c in sorted(BYLINE_CUES, key=len, reverse=True)) + r")\s", re.IGNORECASE)
GLUE_RE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")

# Provenance: set by hand on the bundled pair with the package skeleton (e5fad85), not swept;
# posts are scored against tests/fixtures/posts_gold.json (tests/test_posts.py).
MAX_HEADLINE_WORDS = 22
MAX_HEADLINE_CHARS = 170
MAX_TITLE_WORDS = 30

# Reporting verbs used to spot who a paragraph is about (a finer list lives with the quote rules).
SAY_VERBS = (
    "said|says|say|told|tells|warned|warns|insisted|insists|added|adds|noted|notes|explained|explains|"
    "wrote|writes|stressed|stresses|claimed|claims|argued|argues|announced|announces|confirmed|confirms|"
    "urged|urges|denied|denies|declared|declares|posted|posts|tweeted|revealed|reveals"
)
