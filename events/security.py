"""Keeping the admin closed: throttling repeated failed logins."""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

MAX_FAILURES = 5  # per address and user name, within the window
MAX_FAILURES_PER_ADDRESS = 20  # per address, whatever the names tried
WINDOW_SECONDS = 15 * 60


def _address(request: HttpRequest | None) -> str:
    # REMOTE_ADDR is the proxy behind a load balancer; the proxy should then throttle too.
    return (request.META.get("REMOTE_ADDR") if request else None) or "unknown"


def _keys(request: HttpRequest | None, username: str) -> tuple[str, str]:
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:16]
    address = _address(request)
    return f"login-failures:{address}:{name}", f"login-failures:{address}"


def locked(request: HttpRequest, username: str) -> bool:
    pair, address = _keys(request, username)
    return (cache.get(pair, 0) >= MAX_FAILURES) or (
        cache.get(address, 0) >= MAX_FAILURES_PER_ADDRESS
    )


@receiver(user_login_failed)
def count_failure(
    sender: Any, credentials: dict, request: HttpRequest | None = None, **_: Any
) -> None:
    for key in _keys(request, str(credentials.get("username", ""))):
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)


@receiver(user_logged_in)
def forget_failures(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    cache.delete(_keys(request, user.get_username())[0])


def throttled(login: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The admin's login view, refusing (429) after too many failures from one address."""

    @functools.wraps(login)
    def view(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if request.method == "POST" and locked(request, request.POST.get("username", "")):
            response = TemplateResponse(
                request,
                "admin/login_throttled.html",
                {"title": "Too many attempts", "minutes": WINDOW_SECONDS // 60},
                status=429,
            )
            response["Retry-After"] = str(WINDOW_SECONDS)
            return response
        return login(request, extra_context)

    return view
