"""Drafting a headline for a suggested event from its sentence: who did what, as a news
headline says it ("Turkey to host conference on Afghan peace in Istanbul"), rather than the
sentence's first hundred characters.

Rules, not a parser: the reporting clause ("It noted that", "officials said") goes, a
pronoun is put back to the name it stands for only where that is plain ("Turkey said it
would…"), the date and the clauses hanging off the main one are cut, "will" becomes "to",
articles go, and what is left is held to HEADLINE_LENGTH characters, ending on a word that
can end a headline. An editor finishes it.
"""

import re

HEADLINE_LENGTH = 90

_REPORTING_VERB = (
    r"(?:said|says|noted|notes|added|adds|stated|announced|announces|reported|confirmed|"
    r"stressed|explained|tweeted|recalled|emphasi[sz]ed|pointed\s+out|told\s+[^,;]{1,40}?)"
)
_PRONOUNS = {"it", "he", "she", "they"}
# "It noted that …", "Turkey announced on Monday that …": who reports, and that.
_LEADING_REPORT = re.compile(
    rf"^(?P<who>[^,;:“”\"]{{1,60}}?)\s+{_REPORTING_VERB}(?:\s+on\s+\w+)?\s+that\s+"
)
# "He said Russia …": a pronoun reports, without "that".
_LEADING_PRONOUN_REPORT = re.compile(rf"^(?:It|He|She|They)\s+{_REPORTING_VERB}\s+(?=[A-Z])")
# "…, officials said.", "…, a spokesman told reporters on Monday.", "…, said Naeem."
_TRAILING_REPORT = re.compile(
    rf",?\s*(?:[^,;]{{1,80}}?\s+{_REPORTING_VERB}|said\s+[^,;]{{1,60}}|according\s+to\s+[^,;]+)"
    r"(?:\s+(?:on|in|at)\s+[^,;]{1,30})?\s*[.!?]?\s*$"
)
# Where the main clause ends: a clause hanging off it, a parenthesis, a dash.
_SUBORDINATE = re.compile(
    r",\s+(?:which|who|whom|whose|where|while|after|before|as|although|though|because|when|"
    r"but|since|following|despite|amid|according|and|saying|adding)\b|;|\s[—–-]\s|—|\s\(|:",
    re.IGNORECASE,
)
# An opening clause before the main one: "After talks in Doha, …".
_LEADING_SUBORDINATE = re.compile(
    r"^(?:After|Before|While|Although|Though|As|When|Since|Following|Despite|Amid|In\s+a\s+"
    r"\w+|On\s+the\s+sidelines\s+of)\b[^,]{0,150},\s+"
)
# The words that lead into a date: "in April", "over the weekend", "earlier".
_DATE_LEAD = re.compile(
    r"(?:\b(?:in|on|at|during|by|since|from|until|till|over|for|of|early|late|mid|earlier|"
    r"later)[\s-]+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|shall)\s+(?!not\b)", re.IGNORECASE)
_TO_BE = re.compile(
    r"\b(?:is|are)\s+(?=(?:to|set\s+to|expected\s+to|due\s+to|scheduled\s+to|going\s+to)\b)"
)
_GOING_TO = re.compile(r"\b(?:set|going|scheduled|due)\s+to\b")
# "had also visited" reads "visited".
_PLUPERFECT = re.compile(r"\b(?:had\s+)?also\s+|\bhad\s+(?=\w+ed\b)")
_ARTICLE = re.compile(r"(?:(?<=\s)|^)(?:a|an|the|A|An|The)\s+(?=\S)")
# "a conference on Afghanistan's peace process" reads "Afghanistan peace conference".
_ABOUT_PEACE = re.compile(
    r"\b(?P<what>conference|meeting|talks|summit|negotiations|consultations)\s+on\s+"
    r"(?P<whose>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)['’]s\s+peace\s+process\b"
)
# Words a headline does not end on.
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "about",
        "as",
        "into",
        "over",
        "after",
        "before",
        "than",
        "that",
        "which",
        "who",
        "its",
        "their",
        "his",
        "her",
        "is",
        "are",
        "was",
        "were",
    ]
)


def draft_headline(sentence: str, *, date: tuple[int, int] | None = None) -> str:
    """A headline for the event `sentence` reports; `date` is where its date stands in it
    (offsets into the sentence), which the headline leaves out."""
    text = sentence.strip()
    if date is not None:
        text = _without_date(sentence, *date).strip()
    text = text.rstrip(" .!?")
    subject, reported = None, False
    if match := _LEADING_REPORT.match(text):
        who = match["who"].strip()
        text, reported = text[match.end() :], True
        if who.lower() not in _PRONOUNS and who[:1].isupper():
            subject = who
    elif match := _LEADING_PRONOUN_REPORT.match(text):
        text, reported = text[match.end() :], True
    text = _TRAILING_REPORT.sub("", text)
    text = _LEADING_SUBORDINATE.sub("", text)
    if cut := _SUBORDINATE.search(text):
        text = text[: cut.start()]
    # "Turkey said it would host": the pronoun is the one who said it.
    first, _, rest = text.partition(" ")
    if subject and first.lower() in _PRONOUNS and rest:
        text = f"{subject} {rest}"
    if reported:  # "said Russia would host": what was to come when it was said
        text = re.sub(r"\bwould\s+(?!not\b)", "will ", text)
    text = _PLUPERFECT.sub("", text)
    text = _TO_BE.sub("", text)
    text = _FUTURE.sub("to ", text)
    text = _GOING_TO.sub("to", text)
    text = _ABOUT_PEACE.sub(r"\g<whose> peace \g<what>", text)
    text = _ARTICLE.sub("", text)
    text = " ".join(text.split()).strip(" ,;:")
    headline = _fit(text)
    if len(headline.split()) < 2:
        headline = _fit(" ".join(sentence.split()).rstrip("."))
    return headline[:1].upper() + headline[1:]


def _without_date(sentence: str, start: int, end: int) -> str:
    """The sentence without its date and the words leading into it ("in April")."""
    lead = _DATE_LEAD.search(sentence, 0, start)
    begin = lead.start() if lead else start
    before, after = sentence[:begin].rstrip(), sentence[end:].lstrip()
    if before.endswith(",") and after[:1] in {",", ".", ";", ""}:
        before = before[:-1]
    if not before:
        after = after.lstrip(" ,")
    joined = f"{before} {after}" if after[:1] not in {",", ".", ";", ":", ""} else before + after
    return re.sub(r"\s+,", ",", joined)


def _fit(text: str) -> str:
    """`text` held to HEADLINE_LENGTH characters, cut between words, not ending on a word
    that leads into more ("in", "and", "the")."""
    if len(text) > HEADLINE_LENGTH:
        cut = text[: HEADLINE_LENGTH + 1]
        # Rather at "and" or "with" than in the middle of what follows them.
        joint = max(cut.rfind(" and "), cut.rfind(" with "))
        if joint >= HEADLINE_LENGTH * 0.4:
            text = cut[:joint]
        else:
            text = cut.rsplit(" ", 1)[0]
            # Nor in the middle of a name: "met Prime Minister Imran|Khan".
            words = text.split()
            following = cut[len(text) :].split()
            while following and following[0][:1].isupper() and words and words[-1][:1].isupper():
                words.pop()
            text = " ".join(words)
    words = text.rstrip(" ,;:").split()
    while len(words) > 1 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:")
