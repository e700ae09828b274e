"""`make bench-exports` (also the last part of `make bench`): whole downloads of a
million-event timeline.

It builds a database of BENCH_EXPORT_EVENTS synthetic events (1,000,000 by default), serves
it with gunicorn as production does (gunicorn.conf.py), and downloads /events.csv and
/events.ics twice at the same time while a reader keeps asking for the timeline. Each
download must finish whole (every published event, a closed calendar); it reports the time,
size and rate of each, and the reader's latency meanwhile. With DATABASE_URL set to a
PostgreSQL server, it does the same there.
"""

import codecs
import csv
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # the benchmark's own server and database helpers

EVENTS = int(os.environ.get("BENCH_EXPORT_EVENTS", "1000000"))
PARALLEL = 2  # downloads of each format at once: the finding was two stalling every page
READER_PAUSE = 0.25  # seconds between the reader's requests for /
PORT = bench.PORT + 3  # its own, so that it may run beside `make soak`
HOST = f"http://127.0.0.1:{PORT}"


@dataclass
class Download:
    address: str
    seconds: float = 0.0
    first_byte: float = 0.0
    size: int = 0
    events: int = 0
    closed: bool = False  # a calendar that ends with END:VCALENDAR
    error: str = ""


@dataclass
class Reader:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="peacetracker-exports-"))
    database_url = os.environ.get("DATABASE_URL", "")
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PEACETRACKER_SITE_URL": HOST,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    engines = [("SQLite", f"sqlite:///{work}/exports.sqlite3")]
    if database_url.startswith("postgres"):
        engines.append(("PostgreSQL", bench.postgres_database(database_url, EVENTS)))
    print(f"Exports: {bench.machine()}; {EVENTS:,} events, {PARALLEL} downloads of each at once.")
    bench.run(["manage.py", "collectstatic", "--noinput", "-v0"], env=env)
    failed = False
    for engine, url in engines:
        engine_env = {**env, "DATABASE_URL": url}
        bench.build(EVENTS, engine_env)
        published = int(bench.run(["manage.py", "shell", "-v0", "-c", COUNT], env=engine_env))
        server = bench.Server(engine_env, port=PORT)
        try:
            for address in ("/events.csv", "/events.ics"):
                downloads, reader = measure(address)
                failed |= report(engine, address, downloads, reader, published)
        finally:
            server.stop()
        if url.startswith("postgres"):
            bench.drop_database(url, env)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


COUNT = "from events.models import Event; print(Event.objects.published().count())"


def measure(address: str) -> tuple[list[Download], Reader]:
    downloads = [Download(address) for _ in range(PARALLEL)]
    reader, done = Reader(), threading.Event()
    threads = [threading.Thread(target=download, args=(d,)) for d in downloads]
    watcher = threading.Thread(target=read_timeline, args=(reader, done))
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    watcher.join()
    return downloads, reader


def download(result: Download) -> None:
    """The whole file, read as it arrives (never held in memory): a CSV parsed row by row,
    a calendar's events counted."""
    began = time.perf_counter()

    def chunks() -> Iterator[bytes]:
        request = urllib.request.Request(HOST + result.address)
        with urllib.request.urlopen(request, timeout=600) as response:
            while chunk := response.read(1 << 16):
                if not result.first_byte:
                    result.first_byte = time.perf_counter() - began
                result.size += len(chunk)
                yield chunk

    try:
        if result.address.endswith(".csv"):
            rows = csv.reader(lines(chunks()))
            next(rows)  # the header
            result.events = sum(1 for _ in rows)
        else:
            tail = b""
            for chunk in chunks():
                # A marker may straddle two chunks: count it in the joined edge.
                edge = tail + chunk
                result.events += edge.count(b"BEGIN:VEVENT") - tail.count(b"BEGIN:VEVENT")
                tail = edge[-32:]
            result.closed = tail.rstrip().endswith(b"END:VCALENDAR")
    except Exception as error:  # any failure is reported as the download's
        result.error = f"{type(error).__name__}: {error}"
    result.seconds = time.perf_counter() - began


def lines(chunks: Iterator[bytes]) -> Iterator[str]:
    """Text lines (with their endings, as the csv module wants them) from UTF-8 chunks."""
    decoder, rest = codecs.getincrementaldecoder("utf-8-sig")(), ""
    for chunk in chunks:
        rest += decoder.decode(chunk)
        *whole, rest = rest.split("\n")
        for line in whole:
            yield line + "\n"
    if rest:
        yield rest


def read_timeline(reader: Reader, done: threading.Event) -> None:
    """A reader asking for the timeline (a different page each time, so the cache does not
    answer for the server) while the downloads run."""
    number = 0
    while not done.is_set():
        number += 1
        began = time.perf_counter()
        try:
            bench.fetch(f"/?at={1990 + number % 30}", host=HOST)
            reader.latencies.append(time.perf_counter() - began)
        except OSError:
            reader.errors += 1
        done.wait(READER_PAUSE)


def report(
    engine: str, address: str, downloads: list[Download], reader: Reader, published: int
) -> bool:
    """Prints the figures; True when something failed."""
    failed = False
    for number, result in enumerate(downloads, start=1):
        whole = result.events == published and not result.error
        if address.endswith(".ics"):
            whole = whole and result.closed
        failed |= not whole
        size = f"{result.size / 1e6:,.0f} MB, " if result.size else ""
        print(
            f"{engine} {address} #{number}: {result.events:,} of {published:,} events, "
            f"{size}{result.seconds:.0f} s ({result.events / result.seconds:,.0f} events/s), "
            f"first byte after {result.first_byte * 1000:.0f} ms"
            + ("" if whole else f" — INCOMPLETE {result.error}")
        )
    if reader.latencies:
        ordered = sorted(reader.latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(
            f"  meanwhile a reader's {len(ordered)} requests for /?at=…: "
            f"p50 {statistics.median(ordered) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
            f"max {ordered[-1] * 1000:.0f} ms, {reader.errors} errors"
        )
    failed |= reader.errors > 0
    return failed


if __name__ == "__main__":
    main()
