"""Requests Peacetracker makes to other sites: checking a source's address, asking a web
archive to keep a copy.

One user agent, a timeout on every request, addresses made fit to send (an address may hold
non-ASCII letters), every failure to get an answer as one exception with a short reason, and
a clock that tests stand in for so that pauses are asked for, never slept through.
"""

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Protocol
from urllib.parse import quote, urlsplit, urlunsplit

# Says who asks and why, as sites and archives ask of robots.
USER_AGENT = "Peacetracker/1.0 (checking and archiving cited sources)"

# What may stay as written in each part of an address; anything else is percent-encoded (an
# existing %XX is kept, so an address already encoded is not encoded twice).
_PATH_SAFE = "/:@!$&'()*+,;=%-._~"
_QUERY_SAFE = _PATH_SAFE + "?"

WEB_SCHEMES = {"http", "https"}


class Unreachable(Exception):
    """No HTTP answer came: the reason, short enough to show an editor."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Answer:
    """What a site answered: its status, headers, and the address that answered (after any
    redirects followed)."""

    status: int
    headers: Message
    url: str


class Clock(Protocol):
    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """Real time: what the commands use."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class Pacer:
    """Keeps requests at least `interval` seconds apart (start to start), or further apart
    when asked: a web archive limits how often it may be asked."""

    def __init__(self, *, interval: float, clock: Clock) -> None:
        self.interval, self.clock = interval, clock
        self._last: float | None = None

    def wait(self, *, at_least: float = 0.0) -> None:
        """Pause until the next request may go: `interval`, or `at_least` if longer, since
        the last one. The first request goes at once."""
        if self._last is not None:
            pause = self._last + max(self.interval, at_least) - self.clock.now()
            if pause > 0:
                self.clock.sleep(pause)
        self._last = self.clock.now()


def sendable(url: str) -> str:
    """The address as a request line carries it: the host in IDNA, the rest percent-encoded."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        raise Unreachable("not a web address (http or https)")
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError as error:
            raise Unreachable("the host name cannot be written in DNS") from error
        netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=_PATH_SAFE),
            quote(parts.query, safe=_QUERY_SAFE),
            "",  # a fragment is never sent
        )
    )


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Hands a redirect back as the answer: an archive says where its copy is in one."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_FOLLOWING = urllib.request.build_opener()
_NOT_FOLLOWING = urllib.request.build_opener(_KeepRedirects)


def request(
    url: str, *, method: str = "GET", timeout: float, follow_redirects: bool = True
) -> Answer:
    """Ask `url` with `method` and return the answer, whatever its status (the body is not
    read). Raises Unreachable when no answer comes: no such host, refused, timed out, TLS
    failed, or redirects that never end."""
    outgoing = urllib.request.Request(
        sendable(url), method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    opener = _FOLLOWING if follow_redirects else _NOT_FOLLOWING
    try:
        with opener.open(outgoing, timeout=timeout) as response:
            return Answer(response.status, response.headers, response.url)
    except urllib.error.HTTPError as error:
        with error:
            if follow_redirects and 300 <= error.code < 400:
                # urllib gives up on a redirect loop (or a redirect it will not follow, to
                # another scheme) with the redirect as an error: no page is there.
                raise Unreachable(f"redirects that lead nowhere ({error.code})") from error
            return Answer(error.code, error.headers, error.url)
    except urllib.error.URLError as error:
        raise Unreachable(_describe(error.reason)) from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise Unreachable(_describe(error)) from error


def _describe(reason: object) -> str:
    """A failure in a few words, for an editor (no stack, no library's jargon)."""
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError):
        return "connection reset"
    if isinstance(reason, socket.gaierror):
        return "no such host"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return "TLS certificate not valid"
    if isinstance(reason, ssl.SSLError):
        return "TLS failed"
    if isinstance(reason, http.client.HTTPException):
        return "not an HTTP answer"
    text = str(reason).strip() or type(reason).__name__
    return text[:200]
