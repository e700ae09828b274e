"""A download that outlasts the worker timeout still finishes (issue 13, finding 4).

gunicorn's sync workers were killed 30 s into a 100,000-event calendar, which then stopped
without END:VCALENDAR. Here gunicorn runs with gunicorn.conf.py and its timeout cut to a
few seconds, and the client stops reading part-way (a slow connection), so the export's thread
waits on the socket for longer than the timeout: the master must not take the worker for
hung, and the file must arrive whole.
"""

import csv
import io
import os
import socket
import subprocess
import sys

import pytest

from tests.test_deploy import ROOT, Server, free_port, manage

EVENTS = 12_000  # 7–10 MB: more than the socket buffers (4 MB at most here) hold
TIMEOUT = 5  # gunicorn's worker timeout here, in seconds (threads send heartbeats each second)


@pytest.fixture(scope="module")
def exporting_server(tmp_path_factory, request) -> tuple[int, Server, int]:
    folder = tmp_path_factory.mktemp("exports")
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "PEACETRACKER_", "DATABASE_URL", "REDIS_URL"))
    }
    port = free_port()
    env = {
        **inherited,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "peacetracker.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "exports-test-only-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PEACETRACKER_SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "PEACETRACKER_BIND": f"127.0.0.1:{port}",
        "PEACETRACKER_WORKERS": "1",
        "PEACETRACKER_THREADS": "2",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "generate_events", "--count", str(EVENTS), "--seed", "5")
    published = int(
        manage_output(
            env,
            "shell",
            "-v0",
            "-c",
            "from events.models import Event; print(Event.objects.published().count())",
        )
    )
    # The command line wins over gunicorn.conf.py: only the timeout is changed.
    command = [sys.executable, "-m", "gunicorn", "--timeout", str(TIMEOUT)]
    server = Server("gunicorn", command, env=env, cwd=ROOT)
    request.addfinalizer(server.stop)
    server.wait_for("Booting worker")
    return port, server, published


def manage_output(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def slow_download(port: int, path: str, server: Server) -> bytes:
    """The response to `path`, read by a client that stops after its first bytes until the
    worker has been busy for longer than the timeout (the master would have said
    "WORKER TIMEOUT" and killed it), then reads the rest."""
    client = socket.socket()
    # A small receive window, so the server's writes block while the client does not read.
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.settimeout(60)
    client.connect(("127.0.0.1", port))
    client.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
    received = [client.recv(4096)]
    # Not a fixed pause: a wait for the master's verdict on the worker, with a deadline two
    # timeouts long; under threaded workers that verdict never comes.
    verdict = server.next_line(containing="WORKER TIMEOUT", seconds=2 * TIMEOUT + 1)
    while chunk := client.recv(1 << 16):
        received.append(chunk)
    client.close()
    assert verdict is None, f"gunicorn killed the worker: {verdict}"
    return b"".join(received)


def body_of(response: bytes) -> bytes:
    head, _, body = response.partition(b"\r\n\r\n")
    # HTTP/1.0: the body is sent as it comes and ends when the connection does (no chunks).
    assert head.split(b"\r\n")[0].split()[1] == b"200", head[:200]
    return body


def test_a_calendar_export_outlasting_the_worker_timeout_arrives_whole(exporting_server):
    port, server, published = exporting_server
    calendar = body_of(slow_download(port, "/events.ics", server))
    assert calendar.rstrip().endswith(b"END:VCALENDAR")
    assert calendar.count(b"BEGIN:VEVENT") == published


def test_a_csv_export_outlasting_the_worker_timeout_arrives_whole(exporting_server):
    port, server, published = exporting_server
    table = body_of(slow_download(port, "/events.csv", server)).decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(table)))) == published
