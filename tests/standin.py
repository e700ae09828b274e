"""A stand-in for the sites Peacetracker asks (a web archive, publishers' sites): a threaded
HTTP server on 127.0.0.1 that answers each path as a test scripts it and logs every request,
so that a test counts what was asked, in what order, with which method."""

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    # The status HEAD gets instead, for a site that refuses HEAD and serves GET.
    head_status: int | None = None


class StandIn:
    """Answers each scripted path with its replies in turn, the last one for ever after; any
    other path is a 404. `log` holds (method, path) for every request, in order."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []
        self._scripts: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def script(self, path: str, *replies: Reply) -> str:
        """Answer `path` (as written, before percent-encoding) with `replies` in turn; the
        path's full address."""
        self._scripts[path] = list(replies)
        return self.url + path

    def asked(self, path: str | None = None) -> list[tuple[str, str]]:
        """The requests made (for one path, if given), in order."""
        with self._lock:
            return [entry for entry in self.log if path is None or entry[1] == path]

    def _reply(self, method: str, path: str) -> Reply:
        with self._lock:
            self.log.append((method, path))  # as it came, percent-encoding and all
            replies = self._scripts.get(unquote(path))
            if not replies:
                return Reply(404)
            return replies.pop(0) if len(replies) > 1 else replies[0]


def _handler(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            reply = standin._reply(self.command, self.path)
            head = self.command == "HEAD" and reply.head_status is not None
            self.send_response(reply.head_status if head else reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)

        do_GET = do_HEAD = do_POST = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass  # the log the tests read is StandIn.log

    return Handler


# Named apart from the fixtures' names, so that a test module imports them (to use them) without
# its tests' arguments hiding the import.
@pytest.fixture(name="standin")
def standin_fixture() -> Iterator[StandIn]:
    server = StandIn()
    # Polled often, so that shutting it down at the end of a test is quick.
    serve = {"poll_interval": 0.02}
    thread = threading.Thread(target=server.server.serve_forever, kwargs=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()
        thread.join(timeout=5)


def refusing_address() -> str:
    """An address on 127.0.0.1 where nothing listens: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(name="silent")
def silent_fixture() -> Iterator[str]:
    """An address that takes the connection and never answers: a request there times out."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


class FakeClock:
    """Time that passes only when asked to: every pause is recorded and taken at once."""

    def __init__(self) -> None:
        self.time = 1000.0
        self.pauses: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.pauses.append(round(seconds, 6))
        self.time += seconds
