"""Word lists for reported speech: cue verbs, pronouns, role words and the affiliation lexicon.

Everything the quote rules know about English news reporting is named here; the words themselves
are data, one file per list in ``liveblogs/wordlists/``, so that one convention is changed in one
place. Entries are lower case unless stated otherwise.
"""

from __future__ import annotations

from ..ingest.stamps import MONTHS as CALENDAR_MONTHS, WEEKDAY_ORDER
from ..wordlists import entries, table, words

# Reporting verbs, every inflection spelt out (finite forms: the subject sits before or after).
_CUE_BASES_TEXT = "\n".join(entries("cue_verbs"))  # one verb per line, base form first
_CUE_BASES = _CUE_BASES_TEXT.split()
# -ing forms: non-finite, their subject is the subject of the clause they hang from.
CUE_PARTICIPLES = words("cue_participles")
CUE_VERBS = frozenset(_CUE_BASES) | CUE_PARTICIPLES
# "called for", "hit out at": verbs that report speech only with their particle.
CUE_PHRASAL = {verb: tuple(particles) for verb, particles in table("speech")["cue_phrasal"].items()}
# Base forms that are non-finite after "to" ("went on to say", "used a speech to accuse"):
# the first form of every line above.
CUE_INFINITIVES = frozenset(line.split()[0] for line in _CUE_BASES_TEXT.strip().splitlines()
                            if len(line.split()) > 1)
# Verbs with which a report frames a fragment of someone's words inside its own sentence: the
# subject of the sentence said them ("X likened the rules to "…"", "X dismissed Estonia as being
# in the "…"", "X has wondered whether the moderators will be "…"", "X has been pounding Y as a
# "…""). Cue verbs count too; these only frame a quoted fragment, they never open a quotation.
FRAMING_VERBS = words("framing_verbs")
# Verbs a title-case headline reports with ("Obama Sees …", "Poll Finds …", "Lee Slams …"): the
# list's and the -s forms of the cue and framing verbs. In a headline capitals say nothing, so a
# run of them read as a name ends before one of these.
HEADLINE_VERBS = words("headline_verbs") | frozenset(
    v for v in CUE_VERBS | FRAMING_VERBS if v.endswith("s") and not v.endswith("ss"))
# Adverbs that may stand between a subject and its verb ("X also vowed", "X has not yet dismissed").
VERB_ADVERBS = words("verb_adverbs")
# "according to X": the speaker follows.
ACCORDING_TO = ("according", "to")
# "in the words of X": the speaker follows, as after "according to".
IN_THE_WORDS_OF = ("in", "the", "words", "of")
# "as X put it": the speaker sits between "as" and the verb.
AS_PUT_IT = ("as", "put", "it")

# Nouns that introduce a quotation next to them: "His key message: ...", "a warning ...".
SPEECH_NOUNS = words("speech_nouns")

# Pronouns that can name a speaker, with the gender and number they carry.
PRONOUNS = dict(table("speech")["pronouns"])
# The outlet's own voice: never a speaker by itself.
AUTHOR_PRONOUNS = words("author_pronouns")
RELATIVE_PRONOUNS = words("relative_pronouns")
# Contractions whose first half is a pronoun subject ("he's now said").
PRONOUN_CONTRACTIONS = dict(table("speech")["pronoun_contractions"])

# Words that may stand between a subject and its reporting verb ("Hegseth yesterday said").
AUXILIARIES = words("auxiliaries")
ADVERBS = words("adverbs_before_verb")

# Function words that end a noun phrase when scanning away from its verb.
STOP_WORDS = words("phrase_stop_words")
# Prepositions allowed inside a subject ("deputy chairman of Russia's Security Council",
# "a joint statement between European countries").
NP_INNER = words("np_inner_prepositions")
DETERMINERS = words("determiners")

# Words that open a sentence with an introductory phrase ("Speaking to reporters, X said").
INTRO_WORDS = words("intro_words")
# Sentence-initial words that are not names even though capitalised.
NOT_NAMES = words("not_names") | frozenset(day.lower() for day in WEEKDAY_ORDER)
# Words that may open a noun phrase and count a description rather than name it: "one EU
# diplomat", "another Labour MP", "several officials". Dropped from a description; alone
# ("Another told me") they stand for the head of the description before.
QUANTIFIERS = words("quantifiers")
ELLIPTICAL = words("elliptical")
ELLIPTICAL_HEAD = "<elided>"
# Anonymous sources. Adjectives that keep their phrase in the description ("an official
# familiar with the plans", "a source close to the president"), the prepositions they take, and
# heads too empty to stand alone, which keep a participle phrase too ("a person briefed on the talks").
SOURCE_ADJECTIVES = words("source_adjectives")
SOURCE_PREPOSITIONS = words("source_prepositions")
EMPTY_HEADS = words("empty_heads")
# Lower-case particles inside a personal name: "Ursula von der Leyen", "Ludwig van Beethoven".
NAME_PARTICLES = words("name_particles")
# Words before a quotation that make it a name, a term or a title, not anybody's speech:
# "the so-called", "what came to be known as".
NAMING_PHRASES = entries("naming_phrases")
# Nouns that mention a word rather than use it: in a sentence that reports nobody, "expect the
# word "historic"" quotes a word, not a speaker.
MENTION_NOUNS = entries("mention_nouns")
# Nouns for works, shows and publications: "his book", "the programme", "the newspaper".
TITLE_NOUNS = words("title_nouns")
# Subordinating words: the subject after them is the subject of a clause inside the sentence.
SUBORDINATORS = words("subordinators")

# Capitalised words that are titles, not part of a person's name.
TITLES = words("titles")
# Honorifics written with a full stop: one token with it, and no sentence ends after them.
DOTTED_HONORIFICS = entries("dotted_honorifics")
# Honorifics dropped from a speaker's name ("Mr. Van Aken" is Pieter Van Aken).
HONORIFICS = words("honorifics")
# Words that name a day or a month: a date, never a speaker ("said on Sunday"); from the one calendar.
WEEKDAYS = frozenset(day.lower() for day in WEEKDAY_ORDER)
MONTHS = frozenset(CALENDAR_MONTHS)
# Nouns for a vague place: "a soldier in the area" is described by "soldier", not by where he stood.
PLACE_NOUNS = words("place_nouns")
# Prepositions that continue a description after its role noun: "ambassador to NATO",
# "a senior executive at one of Germany's largest arms makers", "spokesman for the ministry".
ROLE_PREPOSITIONS = words("role_prepositions")
# News agencies and outlets: in "according to X" or "X reported" next to another speaker they
# are the channel, not the speaker.
MEDIA_NOUNS = words("media_nouns")
MEDIA_NAMES = words("media_names")
# Honorifics and role nouns that tell a person's gender.
MALE_WORDS = words("male_words")
FEMALE_WORDS = words("female_words")

# Nouns that make a description a role (a person) rather than a body.
PERSON_ROLES = words("person_roles")
# Nouns that make a subject a body that can speak ("the group said", "a joint statement").
BODY_NOUNS = words("body_nouns")
# Prepositions after which a document is where words were said, not who said them ("in a video").
PREPOSITIONS = words("document_prepositions")
# Documents and recordings that speak in a report ("a Homeland Security memo said", "the report
# found", "The clip says", "the letter reads"): bodies that are not people.
DOCUMENT_NOUNS = words("document_nouns")
# Verbs that report words only when a document is their subject ("…," the letter reads).
DOCUMENT_CUE_VERBS = words("document_cue_verbs")

# Affiliation lexicon: a word (country, demonym, capital, institution) → the group it signals.
AFFILIATIONS: dict[str, str] = {
    word: group for group, group_words in table("affiliations")["groups"].items() for word in group_words
}
# Demonyms that name the same country as a noun ("the American president" = "US president").
DEMONYMS = dict(table("affiliations")["demonyms"])
# Places and institutions: a capitalised word here names a body, not a person.
PLACES = frozenset(AFFILIATIONS) | words("places")
# The outlet's own staff: "our Moscow correspondent", "Sky's political editor".
JOURNALIST_ROLES = words("journalist_roles")
EXPERT_ROLES = words("expert_roles")
OFFICIAL_ROLES = PERSON_ROLES - EXPERT_ROLES - JOURNALIST_ROLES

GROUPS = [
    "US", "Russia", "Ukraine", "UK", "other European", "NATO", "China", "journalists",
    "experts and citizens", "organisations", "unknown",
]

# Paragraph-final phrases that introduce a quotation or a list of them.
INTRO_ENDINGS = (":", "...", "…")
