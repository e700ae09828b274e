"""Articles in: reading article files into sources.

An article file opens with a dateline, `date YYYY-MM-DD`, perhaps after white space and with
the article running on in the same line; the rest is the article's text.
"""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_DATELINE = re.compile(r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*")


class ArticleError(ValueError):
    """An article file that cannot be read; the message says why."""


@dataclass(frozen=True)
class Article:
    published: date
    text: str


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


def parse_article(raw: str, *, name: str = "article") -> Article:
    """Split an article into its publication date and its text."""
    match = _DATELINE.match(raw)
    if match is None:
        raise ArticleError(f"{name}: does not open with a dateline such as “date 2021-01-28”.")
    try:
        published = date.fromisoformat(match["date"])
    except ValueError:
        raise ArticleError(f"{name}: “{match['date']}” in the dateline is not a date.") from None
    text = raw[match.end() :].strip()
    if not text:
        raise ArticleError(f"{name}: has a dateline but no text.")
    return Article(published=published, text=text)


def read_article(path: Path) -> Article:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ArticleError(f"{path}: is not UTF-8 text.") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror}).") from None
    return parse_article(raw, name=str(path))
