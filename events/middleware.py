"""What the site does when its database cannot be reached: say so, briefly, and wait."""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# Plain HTML with no database, template or static file behind it: nothing here can fail.
UNAVAILABLE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back shortly · Peacetracker</title></head>
<body>
<main>
<h1>Peacetracker is back in a moment</h1>
<p>The timeline cannot reach its database just now. Please try again in a minute; nothing
you were reading has been lost.</p>
</main>
</body>
</html>
"""


class DatabaseUnavailableMiddleware:
    """Answers 503 with Retry-After, rather than a server error, while the database is
    unreachable. Django opens a new connection for the next request, so the site recovers by
    itself when the database returns. Any other database error ("no such table" after a
    missed migration, a cancelled query) stays a server error, logged with its traceback."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if not connection_lost():
            return None
        logger.warning("The database cannot be reached: answering 503", exc_info=exception)
        response = HttpResponse(UNAVAILABLE, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


def connection_lost() -> bool:
    """Whether the database connection could not be made or no longer answers.

    Asked of the connection, not read from the error's message: messages differ between
    SQLite and PostgreSQL, driver versions and the server's language, and both engines raise
    OperationalError for errors with a working connection too ("no such table" on SQLite, a
    cancelled statement or a deadlock on PostgreSQL).
    - A connection that could not be made (refused, server gone, a SQLite file that cannot be
      opened) leaves Django holding none; so does a failed rollback, which Django answers by
      closing the connection.
    - A connection that was made answers is_usable(): on PostgreSQL a SELECT 1, which fails
      once the server has dropped it. By the time an exception reaches middleware, the view's
      transactions (and ATOMIC_REQUESTS's) have rolled back, so an aborted transaction cannot
      make that SELECT fail. An open SQLite connection is a file handle that cannot be lost;
      is_usable() says so without asking.
    """
    return connection.connection is None or not connection.is_usable()
