"""Cutting article text into paragraphs and sentences, keeping exact offsets."""

import re
from dataclasses import dataclass

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "capt", "sgt", "maj", "sen", "rep",
    "gov", "pres", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
}  # fmt: skip
# A candidate sentence end: terminal punctuation, closing quotes or brackets, then space.
_END = re.compile(r"[.!?]+[\"”’')\]]*\s+")
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
