"""Redis as a cache the site can do without.

Django's own Redis backend raises when Redis is down, hung or full, and every page that uses
the cache then answers 500. This one answers as an empty cache that keeps nothing: a read
finds nothing, a write is dropped, a warning is logged, and the site is slower for a while,
never an error page. After a failure the process leaves Redis alone for a few seconds, so a
hung Redis costs one wait rather than one per cache call, and the log one line, not thousands.

Counters (`incr`, `decr`) still raise: without the cache they have no honest answer.
"""

import functools
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# How long one cache call may wait for Redis, which on the same network answers within a
# millisecond or two: ample for a busy Redis, and a hung one is a short pause, not a hang.
TIMEOUT_SECONDS = 0.5
# How long a process goes without Redis after a failure before it tries again.
PAUSE_SECONDS = 5.0


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = {
            "socket_connect_timeout": TIMEOUT_SECONDS,
            "socket_timeout": TIMEOUT_SECONDS,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._resume_at = 0.0

    def _or[T](self, fallback: T, call: Callable[[], T]) -> T:
        """`call()`, or `fallback` when Redis fails (or failed a moment ago)."""
        if time.monotonic() < self._resume_at:
            return fallback
        try:
            return call()
        except RedisError as error:
            self._resume_at = time.monotonic() + PAUSE_SECONDS
            logger.warning(
                "The cache failed (%s: %s); pages are made without it for the next %g s.",
                type(error).__name__,
                error,
                PAUSE_SECONDS,
            )
            return fallback

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return self._or(default, functools.partial(super().get, key, default, version))

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        return self._or({}, functools.partial(super().get_many, keys, version))

    def has_key(self, key: str, version: int | None = None) -> bool:
        return self._or(False, functools.partial(super().has_key, key, version))

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self._or(None, functools.partial(super().set, key, value, timeout, version))

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._or(False, functools.partial(super().add, key, value, timeout, version))

    def set_many(
        self, data: Mapping[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        # Django's contract: the keys that were not stored.
        return self._or(list(data), functools.partial(super().set_many, data, timeout, version))

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._or(False, functools.partial(super().touch, key, timeout, version))

    def delete(self, key: str, version: int | None = None) -> bool:
        return self._or(False, functools.partial(super().delete, key, version))

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        self._or(None, functools.partial(super().delete_many, keys, version))

    def clear(self) -> bool:
        return self._or(False, super().clear)
