"""What the site does when its database cannot be reached: say so, briefly, and wait."""

from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

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
    itself when the database returns."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        response = HttpResponse(UNAVAILABLE, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
