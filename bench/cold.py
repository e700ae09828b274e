"""`make bench-cold` (and the first part of `make bench`): every public address with every
cache cold, at 1,000, 100,000 and 1,000,000 events, on SQLite and (with DATABASE_URL set to
a PostgreSQL server) on PostgreSQL.

For each size it builds a database of synthetic events, serves it with gunicorn (production
settings, the shared Redis cache) on 127.0.0.1, and asks each kind of address for a sample of
random filter combinations, one request at a time, emptying the cache before each: no page,
count or list is ever served from a cache. Beside each request it fetches a static file
through whitenoise from the same server, the ceiling of what any page could cost. It prints
p50/p95/p99 per kind of address and over all of them, in milliseconds.

BENCH_COLD_SIZES (default 1000,100000,1000000) and BENCH_COLD_SAMPLES (requests per kind of
address, default 20) change the run. The cache is a Redis server of the run's own (Debian's
redis-server), started on a free port and stopped after.
"""

import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # the benchmark's server and database helpers

SIZES = [
    int(size) for size in os.environ.get("BENCH_COLD_SIZES", "1000,100000,1000000").split(",")
]
SAMPLES = int(os.environ.get("BENCH_COLD_SAMPLES", "20"))
PORT = bench.PORT + 7
TARGET_P95_MS = 100

# What the sample draws its addresses from, read from the database being measured.
_SAMPLE_CODE = """
import json, random
from events.models import Actor, Event, EventType, Place
rng = random.Random(5)
def some(model, n, **filters):
    ids = list(model.objects.filter(**filters).values_list("pk", flat=True)[:200000])
    chosen = rng.sample(ids, min(n, len(ids)))
    return list(model.objects.filter(pk__in=chosen).values_list("slug", flat=True))
print(json.dumps({
    "actors": some(Actor, 400, event_count__gt=0),
    "places": some(Place, 400, event_count__gt=0),
    "types": list(EventType.objects.values_list("slug", flat=True)),
    "events": some(Event, 400, status="published"),
}))
"""
WORDS = ("ceasefire", "kabul", "talks", "doha", "envoys", "agree", "prisoners", "council",
         "withdrawal", "commission", "istanbul", "taliban", "meet", "delegation")  # fmt: skip
STATUSES = ("held", "planned", "postponed", "cancelled")
ZOOMS = ("decade", "year", "month", "week")


def period(rng: random.Random) -> dict[str, str]:
    first = rng.randint(1979, 2024)
    last = rng.randint(first, min(first + 6, 2025))
    if rng.random() < 0.5:
        return {"from": str(first), "to": str(last)}
    return {"from": f"{first}-{rng.randint(1, 12):02d}", "to": f"{last}-{rng.randint(1, 12):02d}"}


def addresses(sample: dict, rng: random.Random) -> dict[str, list[str]]:
    """For each kind of public address, SAMPLES random ones (the filters a reader may
    combine, each address different)."""

    def one_filter() -> dict[str, str]:
        kind = rng.choice(["actor", "place", "type", "status", "period", "q"])
        if kind == "actor":
            return {"actor": rng.choice(sample["actors"])}
        if kind == "place":
            return {"place": rng.choice(sample["places"])}
        if kind == "type":
            return {"type": rng.choice(sample["types"])}
        if kind == "status":
            return {"status": rng.choice(STATUSES[1:])}
        if kind == "period":
            return period(rng)
        return {"q": words()}

    def words() -> str:
        return " ".join(rng.sample(WORDS, rng.randint(1, 2)))

    def combined() -> dict[str, str]:
        query: dict[str, str] = {}
        while len(query) < 2:
            query.update(one_filter())
        return query

    def at() -> dict[str, str]:
        zoom = rng.choice(ZOOMS)
        year, month, day = rng.randint(1980, 2025), rng.randint(1, 12), rng.randint(1, 28)
        if zoom in ("decade", "year"):
            return {"zoom": zoom, "at": f"{year}"}
        if zoom == "month":
            return {"zoom": zoom, "at": f"{year}-{month:02d}"}
        return {"zoom": zoom, "at": f"{year}-{month:02d}-{day:02d}"}

    kinds = {
        "/": lambda: "/",
        "/ (htmx fragment)": lambda: "/",
        "/?actor=": lambda: "/?" + urllib.parse.urlencode({"actor": rng.choice(sample["actors"])}),
        "/?place=": lambda: "/?" + urllib.parse.urlencode({"place": rng.choice(sample["places"])}),
        "/?type=": lambda: "/?" + urllib.parse.urlencode({"type": rng.choice(sample["types"])}),
        "/?status=": lambda: "/?status=" + rng.choice(STATUSES[1:]),
        "/?from=&to=": lambda: "/?" + urllib.parse.urlencode(period(rng)),
        "/?q=": lambda: "/?" + urllib.parse.urlencode({"q": words()}),
        "/? two or more filters": lambda: "/?" + urllib.parse.urlencode(combined()),
        "/?zoom=&at=": lambda: "/?" + urllib.parse.urlencode(at()),
        "/?newest": lambda: "/?" + urllib.parse.urlencode({"order": "newest", **one_filter()}),
        "permalink": lambda: f"/events/{rng.choice(sample['events'])}/",
        "actor page": lambda: f"/actors/{rng.choice(sample['actors'])}/",
        "place page": lambda: f"/places/{rng.choice(sample['places'])}/",
        "/map/": lambda: "/map/",
        "/map/?filters": lambda: "/map/?" + urllib.parse.urlencode(one_filter()),
        "/api/events.json?filters": lambda: (
            "/api/events.json?" + urllib.parse.urlencode(one_filter())
        ),
        "/fa/ (Dari)": lambda: "/fa/?" + urllib.parse.urlencode(one_filter()),
        "agreement page": lambda: "/agreements/doha-agreement-signed/",
    }
    return {name: [make() for _ in range(SAMPLES)] for name, make in kinds.items()}


def timed(url: str, headers: dict[str, str]) -> float:
    request = urllib.request.Request(url, headers=headers)
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
    except urllib.error.HTTPError as error:
        sys.exit(f"{url} answered {error.code}")
    return (time.perf_counter() - began) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(env: dict, size: int, cache: bench.Cache) -> dict[str, list[float]]:
    shell = ["manage.py", "shell", "--no-imports", "-c", _SAMPLE_CODE]
    listing = json.loads(bench.run(shell, env=env).strip().splitlines()[-1])
    rng = random.Random(size)
    wanted = addresses(listing, rng)
    server = bench.Server(env, port=PORT)
    try:
        page = bench.fetch("/", host=server.url).decode()
        static = next(
            part.split('"')[0] for part in page.split('href="')[1:] if part.startswith("/static/")
        )
        times: dict[str, list[float]] = {name: [] for name in wanted}
        times["ceiling (static file)"] = []
        for round_number in range(SAMPLES):
            for name, paths in wanted.items():
                headers = {"HX-Request": "true"} if "htmx" in name else {}
                cache.clear()
                times[name].append(timed(server.url + paths[round_number], headers))
                times["ceiling (static file)"].append(timed(server.url + static, {}))
    finally:
        server.stop()
    return times


def report(engine: str, results: dict[int, dict[str, list[float]]]) -> None:
    sizes = list(results)
    print(f"\n{engine}, cold (cache emptied before each request): p50 / p95 / p99 ms")
    print(f"{'address':<28}" + "".join(f"{size:>22,}" for size in sizes))
    names = list(next(iter(results.values())))
    for name in names:
        row = f"{name:<28}"
        for size in sizes:
            values = results[size][name]
            row += (
                f"{percentile(values, 0.5):>8.0f} /{percentile(values, 0.95):>5.0f} /"
                f"{percentile(values, 0.99):>5.0f}"
            )
        print(row)
    for size in sizes:
        pages = [
            v for name, values in results[size].items() if "ceiling" not in name for v in values
        ]
        worst = max(
            (name for name in results[size] if "ceiling" not in name),
            key=lambda name: percentile(results[size][name], 0.95),
        )
        print(
            f"{size:,} events: every address p50 {statistics.median(pages):.0f} ms, "
            f"p95 {percentile(pages, 0.95):.0f} ms, p99 {percentile(pages, 0.99):.0f} ms; "
            f"slowest p95: {worst} ({percentile(results[size][worst], 0.95):.0f} ms; "
            f"target ≤ {TARGET_P95_MS} ms for each)"
        )


def main() -> None:
    cache = bench.Cache()
    database_url = os.environ.get("DATABASE_URL", "")
    work = Path(tempfile.mkdtemp(prefix="peacetracker-cold-"))
    env = {**bench.production_env(f"http://127.0.0.1:{PORT}"), "REDIS_URL": cache.url}
    print(f"Peacetracker cold benchmark: {bench.machine()}; {SAMPLES} requests per address")
    bench.run(["manage.py", "collectstatic", "--noinput", "-v0"], env=env)
    engines = [("SQLite", lambda size: f"sqlite:///{work}/cold-{size}.sqlite3")]
    if database_url.startswith("postgres"):
        engines.append(("PostgreSQL", lambda size: bench.postgres_database(database_url, size)))
    try:
        for engine, url_for in engines:
            results = {}
            for size in SIZES:
                sized = {**env, "DATABASE_URL": url_for(size)}
                bench.build(size, sized)
                results[size] = measure(sized, size, cache)
                if engine == "PostgreSQL":
                    bench.drop_database(url_for(size), env)
                else:
                    Path(url_for(size).removeprefix("sqlite:///")).unlink(missing_ok=True)
            report(engine, results)
    finally:
        cache.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
