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
_END = re.compile(r"(?<![.!?])[.!?]++[\"”’')\]]*+\s+")
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
    if following and not (following.isupper() or following.isdigit() or following in "\"“‘'("):
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
