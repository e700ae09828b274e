"""`make soak`: two minutes at 64 connections against gunicorn and 100,000 events, and beside
them a flood of what an attacker sends: distinct junk addresses, unknown parameters, pages
that do not exist, forged Host, X-Forwarded-Proto/-Host and HX-Request headers.

An editor publishes a change every 20 seconds during the run (an event unpublished, then
published again), so every cached page goes stale again and again, as in use; the server
starts cold. Passes when no reader's request fails, every change is published, no flood
request gets a server error (the flood's 400s and 404s are expected), the workers' memory
stays flat (within 10 % between the end of a warm-up and the end of the run), and
afterwards the readers' pages are clean: nothing in them names a forged host or scheme, and
each is the whole page or the htmx fragment it should be.
"""

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # the benchmark's own server and database helpers

SECONDS = int(os.environ.get("SOAK_SECONDS", "120"))
CONNECTIONS = 64
FLOOD_CONNECTIONS = 16
FORGED_HOST = "evil.example"


# Not the benchmark's fixed port, where another run's server may be answering.
PORT = bench.free_port()
SITE = f"http://127.0.0.1:{PORT}"


def fetch(path: str, headers: dict | None = None) -> bytes:
    return bench.fetch(path, headers, host=SITE)


WARM_UP = 20  # seconds of load before memory is first measured
EVENTS = 100_000
CHANGE_EVERY = 20  # seconds between two changes an editor publishes during the run

# One editor's change, made through the services every path calls: an event unpublished,
# then published again at the next turn (not the one whose page readers ask for, which would
# answer 404 while unpublished). Every change makes every cached page stale.
_CHANGE = """
from events.models import Event
from events.services.publishing import publish, unpublish
event = Event.objects.exclude(slug=SLUG).order_by("pk")[10]
if event.status == Event.Status.PUBLISHED:
    unpublish(Event.objects.filter(pk=event.pk), reason="soak")
else:
    publish(Event.objects.filter(pk=event.pk), reason="soak")
"""


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="peacetracker-soak-"))
    database_url = os.environ.get("DATABASE_URL", "")
    url = (
        bench.postgres_database(database_url, EVENTS)
        if database_url.startswith("postgres")
        else f"sqlite:///{work}/soak.sqlite3"
    )
    env = {**bench.production_env(SITE), "DATABASE_URL": url}
    print(
        f"Soak: {bench.machine()}; {CONNECTIONS} connections of readers and "
        f"{FLOOD_CONNECTIONS} of flood for {SECONDS} s."
    )
    bench.run(["manage.py", "collectstatic", "--noinput", "-v0"], env=env)
    bench.build(EVENTS, env)
    # The workers share a cache, as servers of a cluster do (`REDIS_URL`): a page is then
    # built once for all of them after a change, and a worker's memory holds no pages.
    cache = bench.Cache()
    env["REDIS_URL"] = cache.url
    try:
        # The server's log goes to a file: every forged Host is logged as refused, by the thousand.
        log_path = work / "server.log"
        with log_path.open("w") as log:
            server = bench.Server(env, port=PORT, log=log)
            try:
                paths = addresses()
                readers = work / "rotate.lua"
                readers.write_text(lua(paths), encoding="utf-8")
                flood_script = work / "flood.lua"
                flood_script.write_text(flood_lua(paths), encoding="utf-8")
                samples: list[tuple[float, int]] = []
                stop = threading.Event()
                watcher = threading.Thread(
                    target=watch, args=(server.process.pid, samples, stop), daemon=True
                )
                watcher.start()
                timings: list[tuple[float, float]] = []
                prober = threading.Thread(target=probe, args=(paths, timings, stop), daemon=True)
                prober.start()
                changes: list[float] = []
                editor = threading.Thread(
                    target=publish_changes, args=(env, paths, changes, stop), daemon=True
                )
                editor.start()
                flood = subprocess.Popen(
                    [*wrk(FLOOD_CONNECTIONS), "-s", str(flood_script), SITE],
                    stdout=subprocess.PIPE,
                    text=True,
                )
                output = subprocess.run(
                    [*wrk(CONNECTIONS), "--latency", "-s", str(readers), SITE],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                flood_output = flood.communicate(timeout=SECONDS + 60)[0]
                stop.set()
                watcher.join()
                editor.join()
                prober.join()
                problems = poisoned(paths)
            finally:
                server.stop()
    finally:
        cache.stop()
    verdict = report(output, flood_output, samples, len(paths), problems, log_path, changes)
    print(when_slow(timings))
    sys.exit(0 if verdict else 1)


def wrk(connections: int) -> list[str]:
    return ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--timeout", "10s"]


def addresses() -> list[str]:
    sample = json.loads(fetch("/api/events.json?limit=3"))["events"]
    slug, actor = sample[0]["slug"], sample[0]["actors"][0]["slug"]
    later = json.loads(fetch("/api/events.json?limit=3"))["next"].split("after=")[1]
    return [
        "/",
        "/?q=ceasefire",
        "/?q=kabul+council",
        f"/?actor={actor}",
        "/?from=2001&to=2003",
        "/?at=2010-05",
        "/?latest=1",
        f"/?after={later}",
        f"/events/{slug}/",
        "/embed/?type=talks",
        "/api/events.json",
        f"/api/events.json?after={later}",
        f"/events.csv?actor={actor}",
        "/feed/",
        "/sitemap.xml",
        "/?from=not-a-date",
    ]


def lua(paths: list[str]) -> str:
    quoted = ", ".join(json.dumps(path) for path in paths)
    return f"""
local paths = {{{quoted}}}
local counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if counter % 5 == 0 then
    return wrk.format("GET", path, {{["HX-Request"] = "true"}})
  end
  return wrk.format("GET", path)
end
"""


def flood_lua(paths: list[str]) -> str:
    """wrk's script for the flood: the readers' addresses and junk, with forged headers; it
    counts answers by class (wrk itself counts every 4xx as an error)."""
    quoted = ", ".join(json.dumps(path) for path in paths)
    return f"""
local paths = {{{quoted}}}
local names = {{"utm_source", "utm_campaign", "fbclid", "gclid", "ref", "x", "_", "page", "lang"}}
local languages = {{"ps", "fa-AF,fa;q=0.9", "en-GB,en;q=0.8", "de", "*", "xx;q=9", "../../"}}
local hx = {{"false", "1", "true", "TRUE", "0", ""}}
local threads = {{}}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  counter, ok, client_errors, server_errors = 0, 0, 0, 0
  math.randomseed(id * 7919)
end

local function join(path, query)
  return path .. (string.find(path, "?", 1, true) and "&" or "?") .. query
end

request = function()
  counter = counter + 1
  local path = paths[math.random(#paths)]
  local kind = counter % 7
  local headers = {{["Accept-Language"] = languages[math.random(#languages)]}}
  if kind == 0 then
    path = join(path, "utm_source=x" .. id .. "_" .. counter)
  elseif kind == 1 then
    local name = names[math.random(#names)] .. math.random(1000000)
    path = join(path, name .. "=" .. math.random(1000000000))
  elseif kind == 2 then
    path = "/no-such-page-" .. id .. "-" .. counter .. "/"
  elseif kind == 3 then
    path = "/events/no-such-event-" .. id .. "-" .. counter .. "/"
  elseif kind == 4 then
    headers["Host"] = "{FORGED_HOST}:1"
  elseif kind == 5 then
    headers["X-Forwarded-Proto"] = (counter % 2 == 0) and "https" or "http"
    headers["X-Forwarded-Host"] = "{FORGED_HOST}"
    headers["X-Forwarded-Port"] = "1"
    headers["Forwarded"] = "host={FORGED_HOST};proto=https"
  else
    headers["HX-Request"] = hx[math.random(#hx)]
    if counter % 3 == 0 then headers["HX-History-Restore-Request"] = "true" end
  end
  return wrk.format("GET", path, headers)
end

response = function(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  else
    ok = ok + 1
  end
end

done = function(summary, latency, requests)
  local answered, refused, failed = 0, 0, 0
  for _, thread in ipairs(threads) do
    answered = answered + thread:get("ok")
    refused = refused + thread:get("client_errors")
    failed = failed + thread:get("server_errors")
  end
  io.write(string.format("flood: %d requests, %d 2xx/3xx, %d 4xx, %d 5xx\\n",
    summary.requests, answered, refused, failed))
end
"""


def poisoned(paths: list[str]) -> list[str]:
    """What is wrong with the readers' pages after the flood, asked for as a reader would."""
    problems = []
    slug = next(path for path in paths if path.startswith("/events/")).split("/")[2]
    clean = {
        "/": "<html",
        "/robots.txt": f"Sitemap: {SITE}/sitemap.xml",
        "/sitemap.xml": SITE,
        f"/events/{slug}/": f'<link rel="canonical" href="{SITE}/events/{slug}/">',
        "/api/events.json": f'"next": "{SITE}/api/events.json?',
        "/feed/": SITE,
    }
    # What a forged header would leave: another host, or the site's host under https.
    forged = (FORGED_HOST, SITE.replace("http://", "https://"))
    for path, expected in clean.items():
        text = fetch(path).decode()
        if expected not in text:
            problems.append(f"{path} lacks {expected!r}")
        problems += [f"{path} names {mark!r}" for mark in forged if mark in text]
    # Whole pages for a reader, fragments for htmx: neither filed under the other.
    for path in ("/", "/?q=ceasefire", f"/events/{slug}/", "/embed/?type=talks"):
        if "<html" not in fetch(path).decode():
            problems.append(f"{path} is not a whole page")
        if "<html" in fetch(path, {"HX-Request": "true"}).decode():
            problems.append(f"{path} for htmx is a whole page")
    return problems


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def resident_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def publish_changes(
    env: dict, paths: list[str], changes: list[float], stop: threading.Event
) -> None:
    """Every CHANGE_EVERY seconds, an editor's change to an event in the rotation; the
    seconds each took are kept."""
    slug = next(path.split("/")[2] for path in paths if path.startswith("/events/"))
    code = f"SLUG = {slug!r}\n{_CHANGE}"
    while not stop.wait(CHANGE_EVERY):
        began = time.monotonic()
        try:
            bench.run(["manage.py", "shell", "-c", code], env=env)
        except SystemExit as failed:  # bench.run's report of a command that failed
            print(f"A change could not be published: {failed}", file=sys.stderr)
            changes.append(float("nan"))
            continue
        changes.append(time.monotonic() - began)


def probe(paths: list[str], timings: list[tuple[float, float]], stop: threading.Event) -> None:
    """A reader among the others, asking for the addresses in turn every half second: when
    in the run each answer came, and how long it took (wrk gives no times)."""
    began = time.monotonic()
    turn = 0
    while not stop.wait(0.5):
        asked = time.monotonic()
        # A failed answer is counted by its time all the same: as slow as it was.
        with contextlib.suppress(OSError):
            fetch(paths[turn % len(paths)])
        timings.append((asked - began, time.monotonic() - asked))
        turn += 1


def when_slow(timings: list[tuple[float, float]]) -> str:
    """Where the probe's slowest answers fell in the run: at the cold start, or after
    each change."""
    if not timings:
        return "The probe got no answer."
    slowest = sorted(timings, key=lambda timing: timing[1], reverse=True)[
        : max(1, len(timings) // 20)
    ]
    spots = ", ".join(f"{at:.0f} s ({seconds * 1000:.0f} ms)" for at, seconds in sorted(slowest))
    seconds = sorted(seconds for _, seconds in timings)
    p50, p99 = seconds[len(seconds) // 2], seconds[min(len(seconds) - 1, len(seconds) * 99 // 100)]
    return (
        f"Probe: {len(timings)} answers, one every half second; median {p50 * 1000:.0f} ms, "
        f"p99 {p99 * 1000:.0f} ms. Its slowest twentieth came at (seconds into the run; "
        f"changes every {CHANGE_EVERY} s from {CHANGE_EVERY} s): {spots}."
    )


def watch(master: int, samples: list[tuple[float, int]], stop: threading.Event) -> None:
    began = time.monotonic()
    while not stop.wait(5):
        total = sum(resident_kb(pid) for pid in workers(master))
        samples.append((time.monotonic() - began, total))


def report(
    output: str,
    flood_output: str,
    samples: list[tuple[float, int]],
    variety: int,
    problems: list[str],
    log_path: Path,
    changes: list[float],
) -> bool:
    print(output.strip())
    errors = 0
    for pattern in ("Non-2xx or 3xx responses:", "Socket errors:"):
        for line in output.splitlines():
            if line.strip().startswith(pattern):
                errors += sum(int(n) for n in re.findall(r"\d+", line))
    # The flood: 4xx are the answers it should get; a 5xx or a connection lost is a failure.
    flood = re.search(r"flood: (\d+) requests, (\d+) 2xx/3xx, (\d+) 4xx, (\d+) 5xx", flood_output)
    flood_requests, flood_ok, flood_refused, flood_5xx = (
        (int(n) for n in flood.groups()) if flood else (0, 0, 0, 1)
    )
    flood_lost = 0
    for line in flood_output.splitlines():
        if line.strip().startswith("Socket errors:"):
            flood_lost += sum(int(n) for n in re.findall(r"\d+", line))
    flood_errors = flood_5xx + flood_lost
    warm = [kb for seconds, kb in samples if seconds >= WARM_UP]
    start, end = (warm[0], warm[-1]) if warm else (0, 0)
    growth = (end - start) / start if start else 0.0
    log = log_path.read_text(errors="replace").splitlines()
    refused_hosts = sum("Invalid HTTP_HOST header" in line for line in log)
    print(
        f"\n{variety} addresses in rotation (one request in five as an htmx fragment); "
        f"errors: {errors}.\nFlood: {flood_requests} requests ({flood_ok} answered, "
        f"{flood_refused} refused with 4xx, {refused_hosts} of them for a forged Host); "
        f"errors: {flood_5xx} 5xx, {flood_lost} lost or timed out.\n"
        f"Workers' memory: {start / 1024:.0f} MB "
        f"after the warm-up, {end / 1024:.0f} MB at the end ({growth:+.1%}).\n"
        f"Changes published during the run: {len(changes)}, one every {CHANGE_EVERY} s "
        "(an event unpublished, then published again), each making every cached page stale."
    )
    print(
        "Readers' pages after the flood: "
        + (
            "clean (no forged host or scheme; whole pages and fragments where they belong)."
            if not problems
            else "POISONED: " + "; ".join(problems)
        )
    )
    # Anything logged but the refused hosts' reports (a server error would show here).
    other = [
        line
        for line in log
        if ("Error" in line or "ERROR" in line) and "DisallowedHost" not in line
    ]
    if other:
        print(
            f"The server logged {len(other)} other lines; the last ones:", *other[-20:], sep="\n"
        )
    flat = abs(growth) <= 0.10
    published = bool(changes) and all(seconds == seconds for seconds in changes)  # no NaN
    ok = errors == 0 and flood_errors == 0 and flat and not problems and published
    print(
        "PASS" if ok else "FAIL",
        "(zero errors for readers and flood, memory within 10 %, no poisoned page, "
        "every change published)",
    )
    return ok


if __name__ == "__main__":
    main()
