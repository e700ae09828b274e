"""Cutting article text into paragraphs and sentences, keeping exact offsets."""

import bisect
import re
from dataclasses import dataclass

# The most of a sentence an editor is shown and a citation quotes: a "sentence" that runs on
# for pages (a paragraph without a full stop) is cut to this much around its date.
PASSAGE_LENGTH = 600

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "capt", "sgt", "maj", "sen", "rep",
    "gov", "pres", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
}  # fmt: skip
# A candidate sentence end: terminal punctuation, closing quotes or brackets, then space.
# Tried only where a run of stops begins, and never given back: "!!!…" without a space after
# would otherwise be tried from each of its stops, each time to its end (quadratic).
_END = re.compile(r"(?<![.!?؟۔])[.!?؟۔]++[\"”’')\]]*+\s+")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, each with its offsets and the paragraph it belongs to."""
    found = []
    paragraph_start = 0
    breaks = [*(m.start() for m in _PARAGRAPH.finditer(text)), len(text)]
    for number, paragraph_end in enumerate(breaks):
        start = paragraph_start
        for end_match in _END.finditer(text, paragraph_start, paragraph_end):
            if _ends_sentence(text, end_match, paragraph_end):
                found.append(_sentence(text, start, end_match.end(), number))
                start = end_match.end()
        found.append(_sentence(text, start, paragraph_end, number))
        paragraph_start = paragraph_end
    return [sentence for sentence in found if sentence.text]


def _ends_sentence(text: str, match: re.Match[str], limit: int) -> bool:
    following = text[match.end() : match.end() + 1]
    # Arabic script has no capitals: any letter of it may open a sentence.
    uncased = following.isalpha() and not following.islower() and not following.isupper()
    if following and not (
        following.isupper() or following.isdigit() or uncased or following in "\"“‘'(«"
    ):
        return False  # a lower-case continuation: "Feb. 25, ended", "U.S. officials"
    if text[match.start()] != ".":
        return True
    word = re.search(r"([\w.]+)$", text[max(0, match.start() - 12) : match.start()])
    if word is None:
        return True
    token = word.group(1).lower()
    if token in _ABBREVIATIONS:
        return False
    return not re.fullmatch(r"[a-z]", token)  # an initial: "J. Smith"


def _sentence(text: str, start: int, end: int, paragraph: int) -> Sentence:
    # Trim white space but keep offsets exact.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start=start, end=end, text=text[start:end], paragraph=paragraph)


def sentence_at(found: list[Sentence], position: int) -> int:
    """The index in `found` (the sentences of a text, in order) of the one holding
    `position`: the last to start at or before it."""
    return max(0, bisect.bisect_right(found, position, key=lambda sentence: sentence.start) - 1)


def passage(
    text: str, *, sentence_start: int, sentence_end: int, start: int, end: int
) -> tuple[int, int]:
    """Where the passage quoting `text[start:end]` begins and ends: its whole sentence, or,
    of a sentence longer than PASSAGE_LENGTH, that much around it, cut between words."""
    if sentence_end - sentence_start <= PASSAGE_LENGTH:
        return sentence_start, sentence_end
    room = max(0, PASSAGE_LENGTH - (end - start)) // 2
    # What one side of the date cannot use (the sentence ends there) goes to the other.
    begin = max(sentence_start, min(start - room, sentence_end - PASSAGE_LENGTH))
    finish = min(sentence_end, max(end, begin + PASSAGE_LENGTH))
    # Whole words at both ends (each step is within the passage, so this stays bounded).
    while sentence_start < begin < start and not text[begin - 1].isspace():
        begin += 1
    while end < finish < sentence_end and not text[finish].isspace():
        finish -= 1
    while begin < start and text[begin].isspace():
        begin += 1
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    return begin, finish


# Where a clause of a sentence ends and another begins: punctuation, a spaced dash, and the
# words that open a clause of their own (conjunctions, relative pronouns, "after talks in…").
_CLAUSE_BREAK = re.compile(
    r"[;,:()]|\s[—–-]\s|—"
    r"|\b(?:and|but|or|while|whereas|although|though|because|which|who|whom|whose|where|"
    r"when|after|before|following|whereupon|unless|until|said|says|told)\b",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"(?:after|before|following|while|whereas|although|though|because|which|who|whom|whose|"
    r"where|when|unless|until)\b",
    re.IGNORECASE,
)
# A clause this short (in words) next to the one holding a date is part of the same thought:
# "talks in Doha, Qatar, on Monday".
_SHORT_CLAUSE_WORDS = 3


def clause(
    text: str, *, sentence_start: int, sentence_end: int, start: int, end: int
) -> tuple[int, int]:
    """Where the clause holding `text[start:end]` (a date) begins and ends in its sentence.

    A clause that holds nothing but the date and a word ("…, on Monday.") takes in the
    clause before it, and that one's neighbour too if it is as short (a name in apposition:
    "in Doha, Qatar, on Monday"); first in its sentence ("In April, …"), it stands for the
    next clause that is not a subordinate one.
    """
    breaks = [
        match.span()
        for match in _CLAUSE_BREAK.finditer(text, sentence_start, sentence_end)
        if match.end() <= start or match.start() >= end  # not inside the date itself
    ]
    # A break word ("after talks in Doha") opens the clause after it; punctuation is in none.
    opens = [sentence_start, *(_opening(text, span) for span in breaks)]
    closes = [*(span[0] for span in breaks), sentence_end]
    here = max(0, bisect.bisect_right(opens, start) - 1)
    first = last = here
    if _words(text, opens[here], closes[here]) - _words(text, start, end) <= 1:
        # Clauses with words in them, before and after this one.
        earlier = [i for i in range(here - 1, -1, -1) if _words(text, opens[i], closes[i])]
        later = [
            i
            for i in range(here + 1, len(opens))
            if _words(text, opens[i], closes[i])
            and not _SUBORDINATE.match(text, opens[i], closes[i])
        ]
        if earlier:
            first = earlier[0]
            short = _words(text, opens[first], closes[first]) <= _SHORT_CLAUSE_WORDS
            if short and len(earlier) > 1:
                first = earlier[1]
        elif later:
            # "In April, after talks in Doha, Turkey hosted…": the main clause, past the
            # subordinate one (the date's own holds nothing else).
            return opens[later[0]], closes[later[0]]
    return opens[first], closes[last]


def _opening(text: str, span: tuple[int, int]) -> int:
    return span[0] if text[span[0]].isalpha() else span[1]


def _words(text: str, start: int, end: int) -> int:
    return len(re.findall(r"\w+", text[start:end]))
