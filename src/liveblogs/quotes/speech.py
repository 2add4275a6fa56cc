"""Word lists for reported speech: cue verbs, pronouns, role words and the affiliation lexicon.

Everything the quote rules know about English news reporting lives here, as data, so that one
convention is changed in one place. Entries are lower case unless stated otherwise.
"""

from __future__ import annotations

from ..ingest.stamps import MONTHS as CALENDAR_MONTHS, WEEKDAY_ORDER

# Reporting verbs, every inflection spelt out (finite forms: the subject sits before or after).
_CUE_BASES_TEXT = """
say says said
tell tells told
add adds added
insist insists insisted
warn warns warned
note notes noted
write writes wrote
posted
tweet tweets tweeted
stress stresses stressed
claim claims claimed
argue argues argued
announce announces announced
confirm confirms confirmed
urge urges urged
deny denies denied
declare declares declared
reveal reveals revealed
explain explains explained
respond responds responded
reply replies replied
answered
describe describes described
boast boasts boasted
mock mocks mocked
admit admits admitted
acknowledge acknowledges acknowledged
suggest suggests suggested
promised
vowed
pledged
predict predicts predicted
speak speaks spoke
emphasise emphasises emphasised emphasize emphasizes emphasized
accuse accuses accused
praise praises praised
criticise criticises criticised criticize criticizes criticized
dismiss dismisses dismissed
caution cautions cautioned
conclude concludes concluded
continue continues continued
stated
reported
assert asserts asserted
remarked
commented
observe observes observed
recall recalls recalled
concede concedes conceded
quipped
joked
complain complains complained
demanded
threaten threatens threatened
assure assures assured
call calls called
ask asks asked
"""
_CUE_BASES = _CUE_BASES_TEXT.split()
# -ing forms: non-finite, their subject is the subject of the clause they hang from.
CUE_PARTICIPLES = frozenset(
    """saying telling adding insisting warning noting writing posting tweeting stressing claiming
    arguing announcing confirming urging denying declaring revealing explaining responding replying
    describing boasting admitting acknowledging suggesting promising vowing pledging predicting
    speaking emphasising emphasizing accusing praising criticising criticizing dismissing
    cautioning concluding stating asserting remarking commenting observing recalling conceding
    complaining demanding threatening calling assuring asking""".split()
)
CUE_VERBS = frozenset(_CUE_BASES) | CUE_PARTICIPLES
# "called for", "hit out at": verbs that report speech only with their particle.
CUE_PHRASAL = {"called": ("for", "on"), "calls": ("for", "on"), "hit": ("out",), "hits": ("out",),
               "pointed": ("out",), "points": ("out",), "went": ("on",), "goes": ("on",)}
# Base forms that are non-finite after "to" ("went on to say", "used a speech to accuse"):
# the first form of every line above.
CUE_INFINITIVES = frozenset(line.split()[0] for line in _CUE_BASES_TEXT.strip().splitlines()
                            if len(line.split()) > 1)
# Verbs with which a report frames a fragment of someone's words inside its own sentence: the
# subject of the sentence said them ("X likened the rules to "…"", "X dismissed Estonia as being
# in the "…"", "X has wondered whether the moderators will be "…"", "X has been pounding Y as a
# "…""). Cue verbs count too; these only frame a quoted fragment, they never open a quotation.
FRAMING_VERBS = frozenset(
    """liken likens likened compare compares compared dub dubs dubbed brand brands branded label labels
    labeled labelled deride derides derided decry decries decried slam slams slammed blast blasts
    blasted hail hails hailed tout touts touted pound pounds pounded pounding wonder wonders wondered
    question questions questioned vow vows pledge pledges promise promises lambaste lambastes
    lambasted ridicule ridicules ridiculed denounce denounces denounced condemn condemns condemned
    characterize characterizes characterized characterise characterises characterised portray
    portrays portrayed report reports ask asks asked agree agrees agreed chant chants chanted
    thank thanks thanked allege alleges alleged yell yells yelled shout shouts shouted bemoan bemoans
    bemoaned lament laments lamented proclaim proclaims proclaimed
    recommend recommends recommended applaud applauds applauded scoff scoffs scoffed echo echoes echoed
    repeat repeats repeated invoke invokes invoked refer refers referred""".split()
)
# Adverbs that may stand between a subject and its verb ("X also vowed", "X has not yet dismissed").
VERB_ADVERBS = frozenset("also not never again once still then now just even already yet often long".split())
# "according to X": the speaker follows.
ACCORDING_TO = ("according", "to")
# "in the words of X": the speaker follows, as after "according to".
IN_THE_WORDS_OF = ("in", "the", "words", "of")
# "as X put it": the speaker sits between "as" and the verb.
AS_PUT_IT = ("as", "put", "it")

# Nouns that introduce a quotation next to them: "His key message: ...", "a warning ...".
SPEECH_NOUNS = frozenset(
    """message warning statement remarks remark comments comment words verdict response reply answer
    promise pledge appeal plea claim vow threat assessment advice view position argument
    point points lines line quote quotes""".split()
)

# Pronouns that can name a speaker, with the gender and number they carry.
PRONOUNS = {
    "he": "male", "she": "female", "it": "thing", "they": "plural",
    "his": "male", "her": "female", "its": "thing", "their": "plural",
    "him": "male", "them": "plural",
}
# The outlet's own voice: never a speaker by itself.
AUTHOR_PRONOUNS = frozenset(
    """i we you me us our my your i've i’ve we've we’ve we're we’re i'm i’m we'll we’ll you're you’re
    we'd we’d i'd i’d""".split()
)
RELATIVE_PRONOUNS = frozenset("who which that".split())
# Contractions whose first half is a pronoun subject ("he's now said").
PRONOUN_CONTRACTIONS = {
    "he's": "he", "he’s": "he", "she's": "she", "she’s": "she", "it's": "it", "it’s": "it",
    "they've": "they", "they’ve": "they", "they're": "they", "they’re": "they",
    "he'd": "he", "he’d": "he", "she'd": "she", "she’d": "she", "they'd": "they", "they’d": "they",
}

# Words that may stand between a subject and its reporting verb ("Hegseth yesterday said").
AUXILIARIES = frozenset(
    """has have had is are was were be been being will would shall should can could may might must
    do does did 's ’s 've ’ve""".split()
)
ADVERBS = frozenset(
    """hours minutes days weeks months moments ago also just repeatedly previously earlier yesterday today tonight now then already since later
    reportedly again once simply quickly first last recently separately subsequently additionally
    further meanwhile however too still even only never always often not publicly privately
    separately openly bluntly angrily flatly""".split()
)

# Function words that end a noun phrase when scanning away from its verb.
STOP_WORDS = frozenset(
    """that and but or nor while whereas although though as if when whenever because since so yet
    after before until unless to with by for on in at from about into onto upon than than over under
    through during without within against among around across toward towards via per like
    is are was were be been being has have had will would shall should can could may might must
    do does did not no this these those there here what why how where whom whose which who
    whether either neither both all any each every some such""".split()
)
# Prepositions allowed inside a subject ("deputy chairman of Russia's Security Council",
# "a joint statement between European countries").
NP_INNER = frozenset("of between from".split())
DETERMINERS = frozenset("the a an our their his her its this that these those".split())

# Words that open a sentence with an introductory phrase ("Speaking to reporters, X said").
INTRO_WORDS = frozenset(
    """after following speaking responding looking in on at with while as since throughout meanwhile
    earlier now elsewhere overnight of despite before when if although though later today
    yesterday however separately also asked writing during from for amid""".split()
)
# Sentence-initial words that are not names even though capitalised.
NOT_NAMES = frozenset(
    """the a an and but or so yet if when while as after before since although though because
    this that these those there here it its he she they we i you his her their our my your
    in on at for from with by of to into about over under then now meanwhile however earlier
    later today yesterday tonight overnight elsewhere also speaking following responding looking
    what who why how where which breaking update live watch read latest analysis
    one another several many some most few both all other others each every either neither none
    two three four five six seven eight nine ten dozens hundreds thousands
    nobody everybody somebody anybody everyone someone anyone nothing everything something
    indeed instead even sometimes given alongside sooner wait himself herself itself themselves
    still thus perhaps moreover furthermore nevertheless nonetheless besides likewise otherwise""".split()
) | frozenset(day.lower() for day in WEEKDAY_ORDER)
# Words that may open a noun phrase and count a description rather than name it: "one EU
# diplomat", "another Labour MP", "several officials". Dropped from a description; alone
# ("Another told me") they stand for the head of the description before.
QUANTIFIERS = frozenset("one another several some two three four five".split())
ELLIPTICAL = frozenset("another one other".split())
ELLIPTICAL_HEAD = "<elided>"
# Anonymous sources. Adjectives that keep their phrase in the description ("an official
# familiar with the plans", "a source close to the president"), the prepositions they take, and
# heads too empty to stand alone, which keep a participle phrase too ("a person briefed on the talks").
SOURCE_ADJECTIVES = frozenset("familiar close knowledgeable privy".split())
SOURCE_PREPOSITIONS = frozenset("with to about on of in".split())
EMPTY_HEADS = frozenset("person people someone individual".split())
# Lower-case particles inside a personal name: "Ursula von der Leyen", "Ludwig van Beethoven".
NAME_PARTICLES = frozenset("von van der den de da di du del della dos das la le ter ten bin ibn al el".split())
# Words before a quotation that make it a name, a term or a title, not anybody's speech:
# "the so-called", "what came to be known as".
NAMING_PHRASES = ("so-called", "so called", "known as", "referred to as", "nicknamed", "entitled", "titled")
# Nouns that mention a word rather than use it: in a sentence that reports nobody, "expect the
# word "historic"" quotes a word, not a speaker.
MENTION_NOUNS = ("word", "term", "phrase", "expression")
# Nouns for works, shows and publications: "his book", "the programme", "the newspaper".
TITLE_NOUNS = frozenset(
    """programme program show podcast series newspaper paper magazine book novel film documentary
    column article report song album play episode channel""".split()
)
# Subordinating words: the subject after them is the subject of a clause inside the sentence.
SUBORDINATORS = frozenset(
    """after before when whenever while as since because although though until unless once where
    whereas if which who whom that""".split()
)

# Capitalised words that are titles, not part of a person's name.
TITLES = frozenset(
    """president prime minister secretary general chancellor foreign defence defense interior home
    deputy vice chief spokesman spokeswoman spokesperson mr mrs ms miss dr sir dame lord lady king
    queen prince princess pope senator sen rep representative governor mayor ambassador
    commissioner chairman chairwoman chair admiral colonel col lt gen major maj captain capt sgt
    leader professor prof rev state of for the health finance justice attorney envoy commander
    marshal field national security adviser advisor director head premier speaker mp mep
    correspondent editor presenter reporter officer official
    mr. mrs. ms. dr. prof. sen. rep. gov. gen. col. lt. sgt. capt. maj. rev. hon. st.""".split()
)
# Honorifics written with a full stop: one token with it, and no sentence ends after them.
DOTTED_HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt", "Capt",
                     "Maj", "Rev", "Hon", "St")
# Honorifics dropped from a speaker's name ("Mr. Van Aken" is Pieter Van Aken).
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady mr. mrs. ms. dr.".split())
# Words that name a day or a month: a date, never a speaker ("said on Sunday"); from the one calendar.
WEEKDAYS = frozenset(day.lower() for day in WEEKDAY_ORDER)
MONTHS = frozenset(CALENDAR_MONTHS)
# Nouns for a vague place: "a soldier in the area" is described by "soldier", not by where he stood.
PLACE_NOUNS = frozenset("area region city town village country capital ground field front".split())
# Prepositions that continue a description after its role noun: "ambassador to NATO",
# "a senior executive at one of Germany's largest arms makers", "spokesman for the ministry".
ROLE_PREPOSITIONS = frozenset("to at for in with".split())
# News agencies and outlets: in "according to X" or "X reported" next to another speaker they
# are the channel, not the speaker.
MEDIA_NOUNS = frozenset(
    """agency agencies outlet outlets newspaper newspapers broadcaster broadcasters media newswire
    wire daily tabloid television tv radio channel website""".split()
)
MEDIA_NAMES = frozenset(
    """reuters ap afp tass ria interfax xinhua bloomberg mti ukrinform unian anadolu yonhap kyodo
    dpa ansa efe pap bbc cnn politico axios""".split()
)
# Honorifics and role nouns that tell a person's gender.
MALE_WORDS = frozenset("mr mr. sir lord king prince spokesman chairman man husband father son brother".split())
FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss dame lady queen princess spokeswoman chairwoman woman wife mother daughter sister".split()
)

# Nouns that make a description a role (a person) rather than a body.
PERSON_ROLES = frozenset(
    """president minister secretary chancellor chief spokesman spokeswoman spokesperson leader
    ambassador envoy adviser advisor aide ally correspondent editor presenter reporter journalist
    analyst professor expert commander general governor mayor senator official diplomat negotiator
    lawmaker mp mep prosecutor judge director chairman chairwoman chair head premier deputy
    mouthpiece officer king queen prince princess pope candidate founder lecturer researcher
    economist historian resident citizen student teacher soldier volunteer doctor nurse witness
    survivor man woman boy girl father mother son daughter husband wife fellow activist
    politician ruler dictator strategist commentator host producer anchor member source insider
    executive manager employee worker staffer commissioner secretary-general person
    critic lawyer attorney supporter protester voter questioner announcer narrator moderator owner
    neighbor neighbour friend relative parent niece nephew pollster consultant operative scientist
    businessman businesswoman congressman congresswoman mogul billionaire nominee front-runner frontrunner
    hopeful contender challenger incumbent rival""".split()
)
# Nouns that make a subject a body that can speak ("the group said", "a joint statement").
BODY_NOUNS = frozenset(
    """statement group government ministry office department army military force forces police
    council commission parliament committee coalition administration embassy agency alliance
    officials authorities spokespeople service services team campaign party union bloc court
    company firm organisation organization institute spokesperson countries nations states
    leaders ministers kremlin sources diplomats insiders executives
    palace navy conclusions communique communiqué declaration document""".split()
)
# Prepositions after which a document is where words were said, not who said them ("in a video").
PREPOSITIONS = frozenset("in on at from with by to into of for under through via".split())
# Documents and recordings that speak in a report ("a Homeland Security memo said", "the report
# found", "The clip says", "the letter reads"): bodies that are not people.
DOCUMENT_NOUNS = frozenset(
    """memo memorandum letter report study complaint lawsuit filing article piece clip ad advert
    advertisement video survey poll analysis editorial release website email tweet book column
    transcript indictment ruling opinion audit review""".split()
)

# Affiliation lexicon: a word (country, demonym, capital, institution) → the group it signals.
AFFILIATIONS: dict[str, str] = {}
_GROUP_WORDS = {
    "US": """us u.s. usa america american americans washington pentagon white-house white house
        trump-administration united-states""",
    "Russia": """russia russian russians russia's kremlin moscow moscow's soviet""",
    "Ukraine": """ukraine ukrainian ukrainians ukraine's kyiv kiev kyiv's zaporizhzhia odesa kharkiv""",
    "UK": """uk u.k. britain british england english scotland scottish wales welsh downing
        westminster whitehall""",
    "China": """china chinese beijing china's""",
    "NATO": """nato nato's alliance""",
    "other European": """europe european europeans eu e.u. brussels sweden swedish sweden's germany german
        berlin france french paris poland polish warsaw italy italian rome spain spanish madrid
        moldova moldovan romania romanian hungary hungarian budapest netherlands dutch belgium
        belgian finland finnish helsinki denmark danish norway norwegian estonia estonian latvia
        latvian lithuania lithuanian czech slovakia slovak austria austrian switzerland swiss
        greece greek portugal portuguese ireland irish croatia serbia serbian bulgaria slovenia
        georgia georgian armenia""",
}
for _group, _words in _GROUP_WORDS.items():
    for _w in _words.split():
        AFFILIATIONS[_w.replace("-", " ")] = _group
# Demonyms that name the same country as a noun ("the American president" = "US president").
DEMONYMS = {
    "american": "us", "u.s.": "us", "united states": "us", "russian": "russia", "ukrainian": "ukraine",
    "british": "uk", "chinese": "china", "swedish": "sweden", "german": "germany", "french": "france",
    "polish": "poland", "italian": "italy", "spanish": "spain", "moldovan": "moldova",
    "romanian": "romania", "hungarian": "hungary", "dutch": "netherlands", "finnish": "finland",
}
# Places and institutions: a capitalised word here names a body, not a person.
PLACES = frozenset(AFFILIATIONS) | frozenset(
    """un u.n. eu nato g7 g20 x telegram twitter facebook instagram sky bbc cnn reuters ria tass news
    europe africa asia crimea donbas gaza israel iran india japan turkey syria canada australia
    saudi arabia belarus korea taiwan""".split()
)
# The outlet's own staff: "our Moscow correspondent", "Sky's political editor".
JOURNALIST_ROLES = frozenset("correspondent editor presenter reporter journalist anchor host producer".split())
EXPERT_ROLES = frozenset(
    """professor expert analyst academic researcher economist historian lecturer fellow scholar
    resident citizen student teacher volunteer witness survivor doctor nurse activist
    commentator strategist""".split()
)
OFFICIAL_ROLES = PERSON_ROLES - EXPERT_ROLES - JOURNALIST_ROLES

GROUPS = [
    "US", "Russia", "Ukraine", "UK", "other European", "NATO", "China", "journalists",
    "experts and citizens", "organisations", "unknown",
]

# Paragraph-final phrases that introduce a quotation or a list of them.
INTRO_ENDINGS = (":", "...", "…")
