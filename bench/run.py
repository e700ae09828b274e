"""`make bench`: the timeline under load at 1,000 and 100,000 events, against a ceiling.

It builds a database of synthetic events for each size, serves both at once with gunicorn
(production settings) on 127.0.0.1, and drives each address with wrk for a bounded time,
the sizes and the ceiling taking turns; the ceiling is the same server returning a static
file of the same size through whitenoise, measured in the same run. Then it measures what
the first view of / transfers and runs Lighthouse. With DATABASE_URL set to a PostgreSQL
server, it does the same there.
"""

import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SIZES = (1_000, 100_000)
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))  # per run
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))  # runs per figure, interleaved
CONNECTIONS = 8
PORT = 8765
HOST = f"http://127.0.0.1:{PORT}"
ADDRESSES = {
    "/": "/",
    "/ (htmx fragment)": "/",
    "/?actor=": "/?actor={actor}",
    "/?q=": "/?q=ceasefire+kabul",
    "/?from=&to=": "/?from=2001&to=2003-06",
    "/?zoom=year&at=": "/?zoom=year&at=2010",
    "/?zoom=week&at=": "/?zoom=week&at=2010-06-07",
    "permalink": "/events/{slug}/",
    "/api/events.json": "/api/events.json",
    "/events.csv?actor=": "/events.csv?actor={actor}",
    "/?actor=&actor=&match=all": "/?actor={actor}&actor={other}&match=all",
    "actor page": "/actors/{actor}/",
    "place page": "/places/{place}/",
    "/map/": "/map/",
    # Few events (the synthetic data postpones about one in a hundred), found by an index.
    "/?status=postponed": "/?status=postponed",
    # The seeded agreement: its commitments and the events that kept them, among all the rest.
    "agreement page": "/agreements/doha-agreement-signed/",
}
FRAGMENT = "/ (htmx fragment)"
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    cold_ms: float = 0.0  # the very first request, every cache cold


def main() -> None:
    database_url = os.environ.get("DATABASE_URL", "")
    work = Path(tempfile.mkdtemp(prefix="peacetracker-bench-"))
    env = production_env(HOST)
    print(f"Peacetracker benchmark: {machine()}")
    print(
        f"wrk, {CONNECTIONS} connections; gunicorn (gunicorn.conf.py), 2 threaded workers per "
        "server. Each figure is the "
        f"median of {ROUNDS} rounds of {SECONDS} s runs; in each round every address is measured "
        "at both sizes and against its ceiling in turn, and a ratio is the median of each "
        "round's ratio.\n"
    )
    run(["manage.py", "collectstatic", "--noinput", "-v0"], env=env)
    engines = [("SQLite", lambda size: f"sqlite:///{work}/bench-{size}.sqlite3")]
    if database_url.startswith("postgres"):
        engines.append(("PostgreSQL", lambda size: postgres_database(database_url, size)))
    for engine, url_for in engines:
        envs = {size: {**env, "DATABASE_URL": url_for(size)} for size in SIZES}
        for size in SIZES:
            build(size, envs[size])
        report(engine, measure(envs))
    transfer_and_lighthouse({**env, "DATABASE_URL": url_for(SIZES[-1])})
    shutil.rmtree(work, ignore_errors=True)
    if database_url.startswith("postgres"):
        for size in SIZES:  # hundreds of megabytes that nothing else needs
            drop_database(postgres_database(database_url, size), env)


def production_env(site: str) -> dict[str, str]:
    """The environment of a server with production settings on 127.0.0.1, answering as
    `site` (production settings need the site's address; Lighthouse reads the pages there)."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PEACETRACKER_SITE_URL": site,
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def machine() -> str:
    cores = os.cpu_count()
    memory = ""
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    return f"{platform.machine()}, {cores} cores{memory}, Python {platform.python_version()}"


def run(args: list[str], *, env: dict) -> str:
    done = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def postgres_database(url: str, size: int) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/peacetracker_bench_{size}"


def drop_database(url: str, env: dict) -> None:
    admin, _, name = url.rpartition("/")
    subprocess.run(
        ["psql", f"{admin}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"],
        check=True,
        env={**env, "PGOPTIONS": "-c client_min_messages=warning"},
    )


def build(size: int, env: dict) -> None:
    began = time.perf_counter()
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        drop_database(url, env)
        admin, _, name = url.rpartition("/")
        subprocess.run(
            ["psql", f"{admin}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True, env=env
        )
    run(["manage.py", "migrate", "--noinput", "-v0"], env=env)
    run(["manage.py", "seed", "-v0"], env=env)
    run(["manage.py", "generate_events", "--count", str(size - 8), "--seed", "1"], env=env)
    print(f"Built a database of {size:,} events in {time.perf_counter() - began:.0f} s.")


class Server:
    """gunicorn with production settings on 127.0.0.1, for as long as it is needed."""

    def __init__(self, env: dict, *, port: int = PORT, log: IO | None = None) -> None:
        self.url = f"http://127.0.0.1:{port}"
        # gunicorn.conf.py (read from ROOT) sets the rest: threaded workers, as deployed.
        command = ["gunicorn", "peacetracker.wsgi", "--bind", f"127.0.0.1:{port}"]
        self.process = subprocess.Popen(
            [PYTHON, "-m", *command, "--workers", "2", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stderr=log,
        )
        for _ in range(100):
            if self.process.poll() is not None:
                # Most often the port is taken, perhaps by a server left from an earlier run:
                # measuring that one instead would report the wrong code.
                sys.exit(f"gunicorn could not start on 127.0.0.1:{port} (see its message above)")
            try:
                urllib.request.urlopen(f"{self.url}/robots.txt", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        sys.exit("gunicorn did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)


def fetch(path: str, headers: dict | None = None, *, host: str = HOST) -> bytes:
    request = urllib.request.Request(host + path, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def addresses(host: str) -> dict[str, str]:
    """The measured addresses on one server, with an actor and an event of its own data."""
    events = json.loads(fetch("/api/events.json?limit=50", host=host))["events"]
    sample = next(event for event in events if len(event["actors"]) > 1 and event["place"])
    values = {
        "slug": sample["slug"],
        "actor": sample["actors"][0]["slug"],
        "other": sample["actors"][1]["slug"],
        "place": sample["place"]["slug"],
    }
    return {name: path.format(**values) for name, path in ADDRESSES.items()}


def measure(envs: dict[int, dict]) -> dict[str, dict[str, Any]]:
    """Each address at both sizes and its ceiling (a static file of the size the large
    database's answer has), measured in turns so that drift in the machine touches all."""
    small, large = SIZES
    static_root = ROOT / "staticfiles" / "bench"
    shutil.rmtree(static_root, ignore_errors=True)
    static_root.mkdir(parents=True)
    server = Server(envs[large], port=PORT + 1)
    try:
        paths = {large: addresses(server.url)}
        for number, (name, path) in enumerate(paths[large].items()):
            headers = {"HX-Request": "true"} if name == FRAGMENT else {}
            size = len(fetch(path, headers, host=server.url))
            # The ceiling's files must be there when the server starts: whitenoise reads
            # them then.
            (static_root / f"ceiling-{number}.html").write_bytes(b"x" * size)
    finally:
        server.stop()
    servers = {small: Server(envs[small], port=PORT), large: Server(envs[large], port=PORT + 1)}
    try:
        paths[small] = addresses(servers[small].url)
        targets: dict[str, dict[str, tuple[str, list[str]]]] = {}
        colds: dict[str, float] = {}
        for number, name in enumerate(ADDRESSES):
            headers = ["-H", "HX-Request: true"] if name == FRAGMENT else []
            for size in SIZES:
                host, path = servers[size].url, paths[size][name]
                # The first request finds every cache cold: timed on its own. A second of
                # load then warms every worker (each keeps its own cache without Redis).
                began = time.perf_counter()
                fetch(path, {"HX-Request": "true"} if name == FRAGMENT else {}, host=host)
                if size == large:
                    colds[name] = (time.perf_counter() - began) * 1000
                wrk(host + path, headers, seconds=1)
            ceiling = f"{servers[large].url}/static/bench/ceiling-{number}.html"
            targets[name] = {
                "small": (servers[small].url + paths[small][name], headers),
                "large": (servers[large].url + paths[large][name], headers),
                "ceiling": (ceiling, []),
            }
        # Round after round, every address at both sizes and its ceiling in turn: a spell of
        # load from elsewhere on the machine then touches one round of many addresses, not
        # every round of one (which the median of its rounds could not undo), and the two
        # sizes of an address are measured seconds apart.
        runs = {name: {"small": [], "large": [], "ceiling": []} for name in ADDRESSES}
        for round_number in range(ROUNDS):
            for name in ADDRESSES:
                order = list(targets[name])
                # A different one goes first each round: no size gains from its place.
                for key in order[round_number % 3 :] + order[: round_number % 3]:
                    runs[name][key].append(wrk(*targets[name][key]))
        results: dict[str, dict[str, Result]] = {}
        for name, found in runs.items():
            results[name] = {key: median(rounds) for key, rounds in found.items()}
            results[name]["large"].cold_ms = colds[name]
            # The ratio of the sizes is the median of each round's ratio, the pairs of runs
            # measured together.
            results[name]["ratio"] = statistics.median(
                big.requests_per_second / one.requests_per_second
                for one, big in zip(found["small"], found["large"], strict=True)
            )
            results[name]["share"] = statistics.median(
                big.requests_per_second / top.requests_per_second
                for big, top in zip(found["large"], found["ceiling"], strict=True)
            )
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(static_root, ignore_errors=True)
    return results


def median(results: list[Result]) -> Result:
    """The run with the median rate (its latencies with it)."""
    return sorted(results, key=lambda result: result.requests_per_second)[len(results) // 2]


def wrk(url: str, headers: list[str], *, seconds: int = SECONDS) -> Result:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", *headers]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    if re.search(r"Non-2xx or 3xx responses", output):
        sys.exit(f"{url} answered errors under load:\n{output}")

    def percentile(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return Result(rate, percentile("50"), percentile("99"))


def report(engine: str, results: dict[str, dict[str, Any]]) -> None:
    print(f"\n{engine}: requests/s (p50 / p99 ms) at 1,000 and 100,000 events, after warm-up;")
    print("cold ms: the first request at 100,000 events, before anything is cached")
    print(
        f"{'address':<28}{'1,000 events':>24}{'100,000 events':>24}"
        f"{'100k/1k':>9}{'ceiling r/s':>13}{'of ceiling':>12}{'cold ms':>9}"
    )
    worst_ratio, home_share = 9.9, 0.0
    for name, found in results.items():
        one, hundred, ceiling = found["small"], found["large"], found["ceiling"]
        ratio = found["ratio"]
        share = found["share"]
        worst_ratio = min(worst_ratio, ratio)
        if name == "/":
            home_share = share
        print(
            f"{name:<28}"
            f"{one.requests_per_second:>9.0f} ({one.p50_ms:5.1f} / {one.p99_ms:5.1f})"
            f"{hundred.requests_per_second:>9.0f} ({hundred.p50_ms:5.1f} / {hundred.p99_ms:5.1f})"
            f"{ratio:>9.2f}{ceiling.requests_per_second:>13.0f}{share:>12.2f}"
            f"{hundred.cold_ms:>9.0f}"
        )
    print(
        f"Lowest 100k/1k ratio: {worst_ratio:.2f} (target ≥ 0.8); "
        f"/ at {home_share:.2f} of the ceiling (target ≥ 0.33)."
    )


def transfer_and_lighthouse(env: dict) -> None:
    server = Server(env)
    try:
        encoded = {"Accept-Encoding": "br, gzip"}
        # The Dari timeline also loads its font (preloaded, woff2).
        for address, target in (("/", 60), ("/fa/", 120)):
            html = fetch(address, encoded)
            page = fetch(address).decode()
            assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js|woff2))"', page)
            total = len(html) + sum(len(fetch(asset, encoded)) for asset in assets)
            print(
                f"\nFirst view of {address} transfers {total / 1024:.1f} KB compressed "
                f"(HTML and {len(assets)} CSS/JS/font files; target ≤ {target} KB)."
            )
        lighthouse()
    finally:
        server.stop()


def lighthouse() -> None:
    tool = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not tool.exists() or chromium is None:
        print("Lighthouse: skipped (needs `npm ci --prefix bench` and Debian's chromium).")
        return
    categories = "performance,accessibility,best-practices,seo"
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        command = [
            str(tool),
            f"{HOST}/",
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            f"--chrome-flags={CHROMIUM_FLAGS}",
            f"--only-categories={categories}",
        ]
        for pause in (2, 5, 0):  # Chromium's trace recording sometimes fails to start
            done = subprocess.run(
                command,
                env={**os.environ, "CHROME_PATH": chromium},
                capture_output=True,
                text=True,
                check=False,
                timeout=180,
            )
            if done.returncode == 0:
                break
            time.sleep(pause)
        else:
            print(f"Lighthouse failed three times: {done.stderr.strip()[-300:]}")
            return
        scores = json.loads(output.read_text())["categories"].values()
    summary = ", ".join(f"{c['title']} {round(c['score'] * 100)}" for c in scores)
    print(f"Lighthouse (mobile, 100,000 events): {summary} (targets: 95, 100, 100, 100).")


class Cache:
    """A Redis of the run's own, on a free port of 127.0.0.1 and keeping nothing on disk:
    the servers' shared cache, as in production (no other Redis is touched)."""

    def __init__(self) -> None:
        import redis

        port = free_port()
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        self.client = redis.Redis.from_url(self.url)
        for _ in range(50):
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.1)
        self.stop()
        sys.exit("redis-server did not start")

    def clear(self) -> None:
        self.client.flushdb()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    main()
