import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.ingest.articles import ArticleError, check_details, read_article
from events.services.articles import import_article


class Command(BaseCommand):
    help = (
        "Import article files (opening with a dateline, “date YYYY-MM-DD”, and perhaps a header "
        "of “title:”, “publisher:”, “url:” and “language:” lines) as sources and suggested "
        "draft events. Importing a file again creates nothing new; a bad file is reported and "
        "skipped, and nothing of it is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="Article files to import.")
        parser.add_argument("--title", default="", help="The article's headline (one file).")
        parser.add_argument("--publisher", default="", help="Who published the articles.")
        parser.add_argument("--url", default="", help="The article's web address (one file).")
        parser.add_argument(
            "--language", default="", help="The articles' language, as a tag: en, fa, ps."
        )

    def handle(
        self,
        *args: Any,
        files: list[Path],
        verbosity: int,
        title: str,
        publisher: str,
        url: str,
        language: str,
        **options: Any,
    ) -> None:
        # One title, one address: each names one article (and an address one source only).
        if len(files) > 1 and (title or url):
            raise CommandError("--title and --url describe one article: give one file with them.")
        details = {"title": title, "publisher": publisher, "url": url, "language": language}
        try:
            check_details(details, name="The command line")
        except ArticleError as error:
            raise CommandError(str(error)) from None
        progress = Progress(total=len(files), enabled=verbosity > 0 and sys.stderr.isatty())
        new_sources = known_sources = suggestions = 0
        failed: list[str] = []
        for number, path in enumerate(files, start=1):
            progress.show(number - 1, path.name)
            try:
                imported = import_article(read_article(path), **details)
            except ArticleError as error:
                progress.clear()
                self.stderr.write(self.style.ERROR(f"Skipped {error}"))
                failed.append(str(path))
                continue
            new_sources += imported.new_source
            known_sources += not imported.new_source
            suggestions += imported.new_suggestions
            if verbosity > 1:
                progress.clear()
                self.stdout.write(
                    f"{path}: {imported.new_suggestions} new suggestion(s) for "
                    f"“{imported.source.title}”."
                )
        progress.show(len(files), "done")
        progress.clear()
        if verbosity:
            self.stdout.write(
                f"Imported {len(files) - len(failed)} of {len(files)} file(s): "
                f"{new_sources} new article(s), {known_sources} already known; "
                f"{suggestions} new suggestion(s) to review."
            )
        if failed:
            raise CommandError(f"{len(failed)} file(s) could not be imported: {', '.join(failed)}")


class Progress:
    """A one-line progress bar on a terminal; silent when output goes elsewhere."""

    WIDTH = 30

    def __init__(self, *, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled and total > 1

    def show(self, done: int, label: str) -> None:
        if not self.enabled:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sys.stderr.write(f"\r[{bar}] {done}/{self.total} {label[:40]:<40}")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * (self.WIDTH + 55) + "\r")
            sys.stderr.flush()
