"""`make soak`: two minutes at 64 connections against gunicorn and 100,000 events.

Passes when no request fails and the workers' memory stays flat (within 10 % between the
end of a warm-up and the end of the run). Reports both.
"""

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
WARM_UP = 20  # seconds of load before memory is first measured
EVENTS = 100_000


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="peacetracker-soak-"))
    database_url = os.environ.get("DATABASE_URL", "")
    url = (
        bench.postgres_database(database_url, EVENTS)
        if database_url.startswith("postgres")
        else f"sqlite:///{work}/soak.sqlite3"
    )
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "soak-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PEACETRACKER_SITE_URL": bench.HOST,  # production settings need the site's address
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": url,
    }
    print(f"Soak: {bench.machine()}; {CONNECTIONS} connections for {SECONDS} s.")
    bench.run(["manage.py", "collectstatic", "--noinput", "-v0"], env=env)
    bench.build(EVENTS, env)
    server = bench.Server(env)
    try:
        paths = addresses()
        script = work / "rotate.lua"
        script.write_text(lua(paths), encoding="utf-8")
        samples: list[tuple[float, int]] = []
        stop = threading.Event()
        watcher = threading.Thread(target=watch, args=(server.process.pid, samples, stop))
        watcher.start()
        load = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s"]
        output = subprocess.run(
            [*load, "--latency", "-s", str(script), bench.HOST],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        stop.set()
        watcher.join()
    finally:
        server.stop()
    verdict = report(output, samples, len(paths))
    sys.exit(0 if verdict else 1)


def addresses() -> list[str]:
    sample = json.loads(bench.fetch("/api/events.json?limit=3"))["events"]
    slug, actor = sample[0]["slug"], sample[0]["actors"][0]["slug"]
    later = json.loads(bench.fetch("/api/events.json?limit=3"))["next"].split("after=")[1]
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


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def resident_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def watch(master: int, samples: list[tuple[float, int]], stop: threading.Event) -> None:
    began = time.monotonic()
    while not stop.wait(5):
        total = sum(resident_kb(pid) for pid in workers(master))
        samples.append((time.monotonic() - began, total))


def report(output: str, samples: list[tuple[float, int]], variety: int) -> bool:
    print(output.strip())
    errors = 0
    for pattern in ("Non-2xx or 3xx responses:", "Socket errors:"):
        for line in output.splitlines():
            if line.strip().startswith(pattern):
                errors += sum(int(n) for n in re.findall(r"\d+", line))
    warm = [kb for seconds, kb in samples if seconds >= WARM_UP]
    start, end = (warm[0], warm[-1]) if warm else (0, 0)
    growth = (end - start) / start if start else 0.0
    print(
        f"\n{variety} addresses in rotation (one request in five as an htmx fragment); "
        f"errors: {errors}. Workers' memory: {start / 1024:.0f} MB after the warm-up, "
        f"{end / 1024:.0f} MB at the end ({growth:+.1%})."
    )
    flat = abs(growth) <= 0.10
    ok = errors == 0 and flat
    print("PASS" if ok else "FAIL", "(zero errors and memory within 10 %)")
    return ok


if __name__ == "__main__":
    main()
