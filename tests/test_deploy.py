"""The deployment as it runs: gunicorn started with gunicorn.conf.py and production settings,
and nginx with deploy/nginx.conf in front of it, each on a 127.0.0.1 port of its own.

The site's database is a SQLite file made for these tests (migrate, then generated events):
what is tested is how the servers are configured, which is the same whatever the database.
"""

import http.client
import os
import pwd
import queue
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = "peacetracker.example"
# Few threads, so that a handful of slow clients would be enough to take them all.
WORKERS, THREADS = 1, 4
START_SECONDS = 60  # for a server to say it is ready
IO_SECONDS = 15  # for any one answer; a test that waits longer fails instead of hanging
PARTIAL_HEADER = f"GET / HTTP/1.1\r\nHost: {SITE}\r\nUser-Agent: slow".encode()


def nginx_binary() -> str | None:
    # Debian puts it in /usr/sbin, which is not on every user's PATH.
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A server process whose output is read as it comes, so that start-up is awaited by the
    line that says it is ready, and stopped at the end whatever happened."""

    def __init__(self, name: str, command: list[str], *, env: dict, cwd: Path) -> None:
        self.name = name
        self.output: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def wait_for(self, ready: str) -> None:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                line = self._lines.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                pytest.fail(f"{self.name} did not start in {START_SECONDS} s:\n{self.log}")
            if line is None:
                pytest.fail(f"{self.name} stopped:\n{self.log}")
            self.output.append(line)
            if ready in line:
                return

    def next_line(self, *, containing: str, seconds: float) -> str | None:
        """The next line of output holding `containing`, or None if none comes in time."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                return None
            self.output.append(line)
            if containing in line:
                return line
        return None

    @property
    def log(self) -> str:
        return "".join(self.output)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def manage(env: dict, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    """The environment of a production server (behind a proxy that ends TLS) and its
    database, a SQLite file with generated events; static files collected into the folder."""
    folder = tmp_path_factory.mktemp("deploy")
    # The production settings as they are, but static files collected here, not into the
    # project's own folder.
    static = str(folder / "static")
    (folder / "deploy_settings.py").write_text(
        f"from peacetracker.settings import *  # noqa: F403\nSTATIC_ROOT = {static!r}\n"
    )
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "PEACETRACKER_", "DATABASE_URL", "REDIS_URL"))
    }
    env = {
        **inherited,
        "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "deploy_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "deployment-test-only-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": SITE,
        "PEACETRACKER_SITE_URL": f"https://{SITE}",
        "DJANGO_HTTPS": "1",
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "PEACETRACKER_WORKERS": str(WORKERS),
        "PEACETRACKER_THREADS": str(THREADS),
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "generate_events", "--count", "40", "--seed", "13")
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


@pytest.fixture(scope="module")
def app(production, request) -> int:
    """gunicorn as a deployment starts it: `gunicorn` in the project folder, which reads
    gunicorn.conf.py there; the port it listens on."""
    port = free_port()
    env = {**production, "PEACETRACKER_BIND": f"127.0.0.1:{port}"}
    server = Server("gunicorn", [sys.executable, "-m", "gunicorn"], env=env, cwd=ROOT)
    request.addfinalizer(server.stop)
    # The listening socket is the master's, so requests queue from here until the worker is up.
    server.wait_for("Booting worker")
    assert "Using worker: gthread" in server.log
    return port


@dataclass(frozen=True)
class Proxy:
    http: int
    https: int
    database: Path


@pytest.fixture(scope="module")
def proxy(app, production, tmp_path_factory, request) -> Proxy:
    """nginx with deploy/nginx.conf, changed only where a test must: its ports, the
    certificate (made here for peacetracker.example) and where it writes."""
    binary = nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed (make test installs Debian's nginx package)")
    folder = tmp_path_factory.mktemp("nginx")
    certificate, key = folder / "fullchain.pem", folder / "privkey.pem"
    made = subprocess.run(
        [
            *("openssl", "req", "-x509", "-nodes", "-days", "2"),
            *("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-subj", f"/CN={SITE}", "-addext", f"subjectAltName=DNS:{SITE}"),
            *("-keyout", str(key), "-out", str(certificate)),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    ports = Proxy(http=free_port(), https=free_port(), database=database_path(production))
    changes = {
        "listen 80": f"listen 127.0.0.1:{ports.http}",
        "listen 443": f"listen 127.0.0.1:{ports.https}",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app};",
        f"/etc/letsencrypt/live/{SITE}/fullchain.pem": str(certificate),
        f"/etc/letsencrypt/live/{SITE}/privkey.pem": str(key),
        "/var/lib/nginx/": f"{folder}/",
        "/var/log/nginx/access.log": str(folder / "access.log"),
        "/run/nginx.pid": str(folder / "nginx.pid"),
        # Its notices on stderr: "start worker processes" says it is listening.
        "error_log /var/log/nginx/error.log warn;": "error_log stderr notice;",
        # Workers run as whoever runs the tests (nginx ignores this unless that is root).
        "user www-data;": f"user {pwd.getpwuid(os.getuid()).pw_name};",
    }
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    for text, replacement in changes.items():
        # The file in deploy/ is what is tested: each place changed must still be there.
        assert text in conf, f"deploy/nginx.conf no longer has {text!r}"
        conf = conf.replace(text, replacement)
    (folder / "nginx.conf").write_text(conf)
    command = [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", "stderr"]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    server = Server("nginx", [*command, "-g", "daemon off;"], env=dict(os.environ), cwd=folder)
    request.addfinalizer(server.stop)
    server.wait_for("start worker process")
    return ports


def database_path(env: dict) -> Path:
    return Path(env["DATABASE_URL"].removeprefix("sqlite:///"))


def tls_socket(port: int, *, name: str = SITE) -> ssl.SSLSocket:
    """A TLS connection to nginx that asks for `name` (SNI), as a browser would."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # The certificate is made by the test; what matters here is which name is asked for.
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = socket.create_connection(("127.0.0.1", port), timeout=IO_SECONDS)
    return context.wrap_socket(connection, server_hostname=name)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


def send(
    port: int,
    path: str,
    *,
    tls: bool = True,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> Answer:
    """One request with exactly these headers (Host included), its whole answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=IO_SECONDS)
    if tls:
        connection.sock = tls_socket(port)
    try:
        connection.request(method, path, body=body, headers={"Host": SITE, **(headers or {})})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


def slow_clients(count: int, connect) -> list[socket.socket]:
    """Connections that send part of a request's headers, and then nothing."""
    sockets = []
    for _ in range(count):
        client = connect()
        client.sendall(PARTIAL_HEADER)
        sockets.append(client)
    return sockets


def still_waiting(client: socket.socket) -> bool:
    """Whether the server still holds this connection open, having answered nothing."""
    client.setblocking(False)
    try:
        client.recv(1)  # an answer, or b"" for a closed connection
    except (BlockingIOError, ssl.SSLWantReadError):
        return True
    except OSError:
        return False
    return False


def canonical(page: str) -> str:
    match = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    assert match, "the page has no canonical link"
    return match[1]


def a_slug(port: int) -> str:
    listing = send(port, "/api/events.json?limit=1")
    assert listing.status == 200
    return re.search(r'"slug": ?"([^"]+)"', listing.text)[1]


def test_threaded_gunicorn_answers_a_reader_while_slow_clients_hold_connections(app):
    """gunicorn alone, with gunicorn.conf.py: clients that never finish their request headers
    hold a thread each, not the worker; a reader is answered on the threads left."""
    direct = [("X-Forwarded-Proto", "https")]  # what the proxy would say
    slow = slow_clients(THREADS - 1, lambda: socket.create_connection(("127.0.0.1", app), 5))
    try:
        page = send(app, "/", tls=False, headers=dict(direct))
        assert page.status == 200
        assert page.text.rstrip().endswith("</html>")
        assert all(still_waiting(client) for client in slow)
    finally:
        for client in slow:
            client.close()


def test_a_page_comes_through_nginx(proxy):
    page = send(proxy.https, "/")
    assert page.status == 200
    assert page.headers["Server"] == "nginx"
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/[^"]+)"', page.text)[1]
    assert send(proxy.https, stylesheet).status == 200
    # Plain HTTP says where the site is, under its own name.
    moved = send(proxy.http, "/?q=x", tls=False)
    assert (moved.status, moved.headers["Location"]) == (301, f"https://{SITE}/?q=x")


def test_slow_clients_wait_at_nginx_not_at_gunicorn(proxy):
    """More connections trickling their headers than gunicorn has threads in all: nginx
    holds them, and a reader is answered in full while they are all still open."""
    slow = slow_clients(WORKERS * THREADS + 2, lambda: tls_socket(proxy.https))
    try:
        page = send(proxy.https, f"/events/{a_slug(proxy.https)}/")
        assert page.status == 200
        assert page.text.rstrip().endswith("</html>")
        assert all(still_waiting(client) for client in slow)
    finally:
        for client in slow:
            client.close()


def test_requests_for_another_host_get_no_answer(proxy):
    for tls in (True, False):
        port = proxy.https if tls else proxy.http
        with pytest.raises(http.client.RemoteDisconnected):
            send(port, "/", tls=tls, headers={"Host": "evil.example"})
    # Asking TLS for another name (or none) ends at the handshake.
    with pytest.raises(ssl.SSLError):
        tls_socket(proxy.https, name="evil.example")


def test_forged_forwarding_headers_change_nothing(proxy):
    """nginx sets the scheme and host the app reads: a client's X-Forwarded-Proto "http"
    would have the app (DJANGO_HTTPS=1) redirect to https, its X-Forwarded-Host or Forwarded
    would name another site."""
    slug = a_slug(proxy.https)
    forged = {
        "X-Forwarded-Proto": "http",
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Port": "1",
        "X-Forwarded-Ssl": "off",
        "Forwarded": "host=evil.example;proto=http",
    }
    page = send(proxy.https, f"/events/{slug}/", headers=forged)
    assert page.status == 200
    assert canonical(page.text) == f"https://{SITE}/events/{slug}/"
    assert "evil.example" not in page.text
    robots = send(proxy.https, "/robots.txt", headers=forged)
    assert f"Sitemap: https://{SITE}/sitemap.xml" in robots.text
    assert "evil.example" not in robots.text


def test_login_throttling_sees_the_connections_address_not_a_forged_one(proxy):
    """Behind nginx (DJANGO_BEHIND_PROXY=1) the app takes the client's address from
    X-Forwarded-For, which nginx replaces: a forged one does not reach it."""
    form = send(proxy.https, "/admin/login/")
    cookie = form.headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    fields = {"csrfmiddlewaretoken": token, "username": "nobody", "password": "wrong"}
    refused = send(
        proxy.https,
        "/admin/login/",
        method="POST",
        body=urlencode(fields).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Origin": f"https://{SITE}",
            "X-Forwarded-For": "203.0.113.7",
        },
    )
    assert refused.status == 200
    assert "Please enter the correct username and password" in refused.text
    with sqlite3.connect(proxy.database) as database:
        rows = database.execute(
            "SELECT ip_address FROM axes_accessattempt WHERE username = 'nobody'"
        ).fetchall()
    assert rows == [("127.0.0.1",)]


def test_a_request_body_over_the_limit_is_refused_by_nginx(proxy):
    """An article may be 1 MB; the limit is 2 MB, so one reaches the app and more does not."""
    connection = http.client.HTTPConnection("127.0.0.1", proxy.https, timeout=IO_SECONDS)
    connection.sock = tls_socket(proxy.https)
    try:
        # Refused on its headers alone: nginx never reads the body, nor bothers gunicorn.
        connection.putrequest("POST", "/admin/login/", skip_host=True)
        connection.putheader("Host", SITE)
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", str(3_000_000))
        connection.endheaders()
        assert connection.getresponse().status == 413
    finally:
        connection.close()
    article_sized = b"text=" + b"a" * 1_100_000
    reached = send(
        proxy.https,
        "/admin/login/",
        method="POST",
        body=article_sized,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    # The app's answer: no CSRF token (nginx answers nothing but 413, 444 and 301 itself).
    assert reached.status == 403
