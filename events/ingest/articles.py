"""Reading an article: its publication date and its text, or why it cannot be imported.

An article opens with a dateline, `date YYYY-MM-DD`, perhaps after white space and with the
article running on in the same line; the rest is the article's text. A dateline on a line of
its own may be followed by a header of `title:`, `publisher:`, `url:` and `language:` lines,
then a blank line: what the article is, not part of its text. Files, uploads and pasted text
are all read here, so each is refused for the same reasons in the same words, and held to the
same limit.
"""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext, gettext_lazy

from events.dates.display import numerals
from events.models import LANGUAGE_TAG
from events.text import sentences

MAX_ARTICLE_BYTES = 1_000_000
_DATELINE = re.compile(r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*")
# The header's lines, each right after the other, from the line after the dateline.
_HEADER_LINE = re.compile(
    r"\r?\n[ \t]*(?P<key>title|publisher|url|language)[ \t]*:"
    r"[ \t]*(?P<value>[^\r\n]*?)[ \t]*(?=\r?\n|\Z)",
    re.IGNORECASE,
)
# What a source holds of each (the model's field lengths).
HEADER_LENGTHS = {"title": 300, "publisher": 200, "url": 500, "language": 35}
# How a message names each, in the reader's language.
HEADER_NAMES = {
    "title": gettext_lazy("title"),
    "publisher": gettext_lazy("publisher"),
    "url": gettext_lazy("address"),
    "language": gettext_lazy("language"),
}


class ArticleError(ValueError):
    """An article that cannot be imported; the message names it and says why."""


@dataclass(frozen=True)
class Article:
    published: date
    text: str
    # What the person importing calls it (a file's path, "The pasted text"), for messages.
    name: str = "article"
    # From the article's header, if it has one.
    title: str = ""
    publisher: str = ""
    url: str = ""
    language: str = ""


def check_details(details: dict[str, str], *, name: str) -> dict[str, str]:
    """An article's title, publisher, address and language, as given on a command line, a
    form or its header: refused with the article's name when too long or not what they say."""
    for key, value in details.items():
        if len(value) > HEADER_LENGTHS[key]:
            raise ArticleError(
                gettext("%(name)s: the %(field)s is longer than %(limit)s characters.")
                % {
                    "name": name,
                    "field": HEADER_NAMES[key],
                    "limit": numerals(HEADER_LENGTHS[key]),
                }
            )
    try:
        if details.get("url"):
            URLValidator(schemes=["http", "https"])(details["url"])
    except ValidationError:
        raise ArticleError(
            gettext("%(name)s: “%(url)s” is not a web address.")
            % {"name": name, "url": details["url"]}
        ) from None
    try:
        if details.get("language"):
            LANGUAGE_TAG(details["language"])
    except ValidationError:
        raise ArticleError(
            gettext("%(name)s: “%(language)s” is not a language tag such as “en”, “fa” or “ps”.")
            % {"name": name, "language": details["language"]}
        ) from None
    return details


def _header(raw: str, position: int) -> tuple[dict[str, str], int]:
    """The header lines from `position` (the end of a dateline) and where the text begins
    after them and the blank line that closes them."""
    details: dict[str, str] = {}
    while match := _HEADER_LINE.match(raw, position):
        key = match["key"].lower()
        if key in details:
            break  # a second "title:" is the text's, not the header's
        details[key] = match["value"]
        position = match.end()
    return details, position


def dateline(raw: str) -> tuple[date | None, int]:
    """The date in a text's opening dateline, if it has a readable one, and where its text
    begins (0 without a dateline)."""
    match = _DATELINE.match(raw)
    if match is None:
        return None, 0
    try:
        return date.fromisoformat(match["date"]), match.end()
    except ValueError:
        return None, 0


def _too_large(name: str) -> str:
    return gettext("%(name)s: is larger than 1 MB; split it into articles.") % {"name": name}


def decode_article(raw: bytes, *, name: str) -> str:
    """The text of an article's bytes, refusing what is not UTF-8 text of at most 1 MB."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(_too_large(name))
    try:
        # "utf-8-sig" leaves out the byte-order mark some editors (Notepad) write first,
        # which would otherwise stand before the dateline.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleError(gettext("%(name)s: is not UTF-8 text.") % {"name": name}) from None
    if "\x00" in text:
        raise ArticleError(gettext("%(name)s: is not text (it holds NUL bytes).") % {"name": name})
    return text


def parse_article(raw: str, *, name: str = "article", published: date | None = None) -> Article:
    """Split an article into its publication date and its text. A `published` date given
    by the person importing dates the text instead of its dateline (which is then left out
    of the text, whether it is readable or not)."""
    match = _DATELINE.match(raw)
    if published is not None:
        text_start = match.end() if match else 0
    else:
        if match is None:
            if not raw.strip():
                raise ArticleError(gettext("%(name)s: is empty.") % {"name": name})
            raise ArticleError(
                gettext("%(name)s: does not open with a dateline such as “date 2021-01-28”.")
                % {"name": name}
            )
        published, text_start = dateline(raw)
        if published is None:
            raise ArticleError(
                gettext("%(name)s: “%(date)s” in the dateline is not a date.")
                % {"name": name, "date": match["date"]}
            )
    details, text_start = _header(raw, text_start) if match else ({}, text_start)
    text = raw[text_start:].strip()
    if not text:
        said = (
            gettext("%(name)s: has a dateline but no text.")
            if match
            else gettext("%(name)s: is empty.")
        )
        raise ArticleError(said % {"name": name})
    details = check_details(details, name=name)
    return Article(published=published, text=text, name=name, **details)


def read_article(path: Path) -> Article:
    """Read an article file, refusing what is not a dated UTF-8 text of at most 1 MB."""
    try:
        # Refused before reading, so a huge file costs nothing.
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise ArticleError(_too_large(str(path)))
        raw = path.read_bytes()
    except OSError as error:
        raise ArticleError(
            gettext("%(name)s: cannot be read (%(reason)s).")
            % {"name": path, "reason": error.strerror}
        ) from None
    return parse_article(decode_article(raw, name=str(path)), name=str(path))


def title_from(text: str, *, limit: int = 120) -> str:
    """A working title for an article that has none: its first sentence, shortened."""
    # The opening is enough to find the first sentence, or as much of it as a title keeps.
    opening = text[: limit * 10]
    first = sentences(opening)[0].text if opening.strip() else "Untitled article"
    if len(first) <= limit:
        return first.rstrip(".")
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
