import contextlib
import json
import sys
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.dates.extraction import AFGHAN_LANGUAGES, extract_mentions
from events.ingest.articles import dateline


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a date: write it as YYYY-MM-DD.") from None


def _language(value: object, line: int) -> str | None:
    """A line's "language": "fa", "ps", "en" (or a tag such as "fa-AF"), or None."""
    if value in (None, ""):
        return None
    code = str(value).split("-")[0].lower()
    if code not in {"en", *AFGHAN_LANGUAGES}:
        raise CommandError(f"Line {line}: “{value}” is not a language read here: fa, ps or en.")
    return code


class Command(BaseCommand):
    help = (
        "Print the date mentions in a text as JSON [{text, start, end, value}], resolved "
        "against its publication date. With --jsonl, read lines {id, published, text} and "
        "print lines {id, mentions}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="A text file, or - for stdin.")
        parser.add_argument("--published", help="Publication date of the text, YYYY-MM-DD.")
        parser.add_argument(
            "--language",
            choices=("en", "fa", "ps"),
            help="The text's language (Dari fa, Pashto ps, English en); told from its script "
            'when not given. A --jsonl line\'s own "language" wins.',
        )
        parser.add_argument(
            "--jsonl",
            action="store_true",
            help="Read one JSON object {id, published, text} per line.",
        )

    def handle(
        self,
        *args: Any,
        file: str,
        published: str | None,
        jsonl: bool,
        language: str | None,
        **options: Any,
    ) -> None:
        with self._open(file) as source:
            if jsonl:
                self._each_line(source, language)
                return
            text = source.read()
        # An article file's dateline is not a mention, but it tells the date if none is given.
        dated, text_start = dateline(text)
        if published is None and dated is None:
            raise CommandError("Give the text's publication date: --published YYYY-MM-DD.")
        base = _date(published) if published is not None else dated
        mentions = [
            m
            for m in extract_mentions(text, published=base, language=language)
            if m.start >= text_start
        ]
        self.stdout.write(
            json.dumps([m.as_json() for m in mentions], ensure_ascii=False, indent=2)
        )

    def _each_line(self, source: TextIO, language: str | None) -> None:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
                text, published = case["text"], case["published"]
            except (ValueError, KeyError, TypeError):
                raise CommandError(
                    f"Line {number} is not a JSON object with “published” and “text”."
                ) from None
            mentions = extract_mentions(
                str(text),
                published=_date(str(published)),
                language=_language(case.get("language"), number) or language,
            )
            result = {"id": case.get("id"), "mentions": [m.as_json() for m in mentions]}
            self.stdout.write(json.dumps(result, ensure_ascii=False))

    def _open(self, file: str) -> AbstractContextManager[TextIO]:
        if file == "-":
            if hasattr(sys.stdin, "reconfigure"):
                sys.stdin.reconfigure(encoding="utf-8")
            return contextlib.nullcontext(sys.stdin)
        try:
            return Path(file).open(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror}).") from None
