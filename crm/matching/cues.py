"""The words that say how deep experience goes, in Danish and English, for depth.py.

Each list is plain comma-separated text; every phrase is folded like the texts it is matched in
(lower case, æ→ae, no accents or punctuation), so "stået for" matches "Stået for" and "staaet for".
"""

from .words import fold

ROLE = 4
EXPERIENCED = 3
SOME = 2


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(fold(phrase).split()) for phrase in text.split(","))


LEVEL_CUES: dict[int, tuple[tuple[str, ...], ...]] = {
    ROLE: _phrases(
        "formand, forkvinde, forperson, borgmester, leder, ledet, ledede, ledte, ledt, stod for, "
        "stået for, står for, i spidsen, chef, direktør, stifter, stiftede, grundlagde, drevet, "
        "ekspert, chair, chaired, chairing, chairman, chairwoman, chairperson, head, headed, "
        "president, mayor, led, lead, leading, leader, in charge, director, manager, managed, "
        "founder, founded, set up, ran, expert"
    ),
    EXPERIENCED: _phrases(
        "næstformand, viceborgmester, koordinator, koordinerede, koordineret, tovholder, "
        "ansvarlig, erfaren, erfarne, mange år, mange års, flere år, flere års, stor erfaring, "
        "solid erfaring, bred erfaring, lang erfaring, god erfaring, omfattende erfaring, flere "
        "gange, mange gange, uddannet, professionelt, rutineret, specialist, vice chair, vice "
        "president, deputy, deputy mayor, coordinator, coordinated, coordinating, responsible for, "
        "experienced, many years, several years, years of experience, extensive, solid experience, "
        "strong experience, broad experience, long experience, lots of experience, a lot of "
        "experience, professional, professionally, senior, several times, many times"
    ),
    SOME: _phrases(
        "lidt, en smule, et par, noget erfaring, nogen erfaring, erfaring, aktiv, medlem, "
        "frivillig, været med, deltaget, deltog, hjulpet, hjalp, arbejdet, arbejder, arbejdede, "
        "trænet, trænede, undervist, underviste, underviser, arrangeret, arrangerede, arrangerer, "
        "organiseret, organiserede, lavet, lavede, skrevet, skrev, skriver, siddet, sidder, sad, "
        "faciliteret, holdt, søgt, startet, some, a little, a bit, a few, little, experience, "
        "active, member, volunteer, volunteered, involved, helped, took part, participated, "
        "worked, work, working, done, trained, taught, organised, organized, organising, "
        "organizing, arranged, wrote, written, designed, facilitated, served, sat on, canvassed, "
        "campaigned, drafted, drafting"
    ),
}
"""Words that say how much: a role that led it (4), experience (3), some experience (2)."""

INTEREST_CUES = _phrases(
    "interesseret, interesse, nysgerrig, vil gerne, gerne vil, har lyst, lyst til, kunne tænke "
    "mig, ønsker at, lære, brænder for, drømmer om, håber at, ny i, begynder, grundlæggende, "
    "interested, interest, curious, keen, would like, would love, want to, wants to, hope to, "
    "eager, passionate, learn, learning, new to, beginner, basic"
)
"""Words that say the person wants to learn it: level 1, whatever else the clause says."""

NEGATION_CUES = _phrases(
    "ikke, ingen, aldrig, intet, not, no, never, none, cannot, don't, dont, doesn't, didn't, "
    "didnt, haven't, havent, hasn't, hasnt, hadn't, isn't, wasn't, aren't, can't, cant, won't"
)
"""Words that deny the experience: the mention in their clause does not count."""

NOT_CUES = _phrases(
    "ikke kun, ikke bare, ikke længere, ikke mere, ikke mindst, ingen tvivl, ikke noget imod, "
    "ingen problemer, not only, not just, no longer, not least, no doubt, don't mind, do not "
    "mind, no problem, led to, leading to, ran for, lead to, e-learning, lære fra sig"
)
"""Phrases that contain a cue word but are no cue ("ikke kun", "led to", "ran for office")."""

ROLE_ENDINGS = (
    ("naestformand", EXPERIENCED),
    ("formand", ROLE),
    ("forkvinde", ROLE),
    ("leder", ROLE),
    ("chef", ROLE),
    ("koordinator", EXPERIENCED),
    ("ansvarlig", EXPERIENCED),
)
"""Danish compounds that end in a role: "kredsformand", "projektleder", "kommunikationschef"."""


LINK_WORDS = frozenset(
    fold(
        "i på for med af til om hos ved den det de en et vores min mit mine sin sit sine hans "
        "hendes deres også især primært mest bl a blandt andet herunder fx f eks the a an of in "
        "on for with to at our my his her their its also as mainly mostly especially primarily "
        "including e g for example such"
    ).split()
)
"""Words that may stand between a cut and a list item that shares the cues before it."""
BACK_REFERENCES = frozenset(fold("it them det dem den dette").split())
"""Words by which an "and" clause speaks of what came before: "founded it … and ran it"."""
NEW_SUBJECT = frozenset(
    fold(
        "jeg vi han hun de man har er var blev kan vil skal we he she they you have has had am is "
        "are was were will can"
    ).split()
)
"""Words that open a new statement after "og"/"and" ("og jeg har været formand for …"): such
a clause keeps its cues to itself; any other "and" clause with no area ("… in Kenya and Uganda
for three years") adds to the clause before it."""

_NUMBER_WORDS = (
    "en et one a an | to two | tre three | fire four | fem five | seks six | syv seven | "
    "otte eight | ni nine | ti ten | elleve eleven | tolv twelve | tretten thirteen | "
    "fjorten fourteen | femten fifteen | seksten sixteen | sytten seventeen | atten eighteen | "
    "nitten nineteen | tyve twenty"
)
NUMBERS = {
    word: n for n, words in enumerate(_NUMBER_WORDS.split("|"), start=1) for word in words.split()
} | {"tredive": 30, "thirty": 30, "fyrre": 40, "forty": 40}
"""Small numbers written as words, Danish and English ("otte år", "eight years")."""

YEAR_UNITS = frozenset(fold("år års årig årige year years yrs yr").split())
NOT_DURATION_AFTER = frozenset(fold("gammel gamle old siden ago").split())
"""After "N år": an age ("45 år gammel") or a time ago ("for 5 år siden"), not a duration."""
NOT_DURATION_BEFORE = frozenset(fold("er am aged age m om").split())
"""Before "N år": an age ("jeg er 34 år", "I'm 34 years") or the future ("om 2 år")."""
SINCE = frozenset(fold("siden since fra from").split())
UNTIL = frozenset(fold("til to until till").split())
NOW = frozenset(fold("nu now present today date dato dag").split())
COUNTING = SINCE | NUMBERS.keys()
"""Words that may start a duration: a number word or since/from."""
MAX_YEARS = 60
EARLIEST_YEAR = 1950
