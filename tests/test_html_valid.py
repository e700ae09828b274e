"""Our pages are valid HTML, by the Nu Html Checker (the W3C validator)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.seeds import SEEDS

VNU = Path(__file__).parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


def test_public_pages_have_no_html_errors(client, seeded, tmp_path, settings):
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("The Nu Html Checker needs `npm ci` (make test runs it) and Java.")
    settings.PEACETRACKER_PAGE_SIZE = 3  # pages with paging links and a partial strip
    # The event with the most to show: sources, actors, related events, an account.
    event = max(
        SEEDS.events,
        key=lambda e: (len(e.citations), len(e.actors), len(SEEDS.related(e.slug)), len(e.body)),
    )
    pages = {
        "timeline": "/",
        "filtered": f"/?type={event.type or ''}&from={SEEDS.years[0]}",
        "second-page": f"/?at={SEEDS.years[len(SEEDS.years) // 2]}",
        "bad-filters": "/?from=2020-13&actor=nobody",
        "search": f"/?q={max(event.title.split(), key=len)}",  # with best matches
        "event": f"/events/{event.slug}/",
        "embed": f"/embed/?place={event.place or ''}",
        "not-found": "/events/no-such-event/",
        # Who, where and what was promised.
        "actor": f"/actors/{next(e.actors[0] for e in SEEDS.events if e.actors)}/",
        "place": f"/places/{next(e.place for e in SEEDS.events if e.place)}/",
        "map": "/map/",
        "agreement": f"/agreements/{SEEDS.commitments[0]['agreement']}/",
        # Right to left, in Dari and Pashto.
        "dari-timeline": "/fa/",
        "dari-event": f"/fa/events/{event.slug}/",
        "pashto-timeline": "/ps/",
        "pashto-map": "/ps/map/",
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
