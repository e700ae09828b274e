"""Our pages are valid HTML, by the Nu Html Checker (the W3C validator)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from events.models import Event

VNU = Path(__file__).parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


def test_public_pages_have_no_html_errors(client, seeded, tmp_path, settings):
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("The Nu Html Checker needs `npm ci` (make test runs it) and Java.")
    settings.PEACETRACKER_PAGE_SIZE = 3  # pages with paging links and a partial strip
    doha = Event.objects.get(slug="doha-agreement-signed")
    pages = {
        "timeline": "/",
        "filtered": "/?type=talks&from=2019",
        "second-page": "/?at=2020",
        "bad-filters": "/?from=2020-13&actor=nobody",
        "search": "/?q=doha",
        "event": doha.get_absolute_url(),
        "embed": "/embed/?place=moscow",
        "not-found": "/events/no-such-event/",
    }
    files = []
    for name, address in pages.items():
        response = client.get(address)
        assert response.status_code in {200, 404}, address
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert errors == []
