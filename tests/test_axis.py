"""The time axis as the server draws it (issue 15): the window an address asks for, each event
drawn as its date is known, counts when a window holds too many, lanes, controls that are
plain links, labels that never overlap, and a fixed number of queries."""

import itertools
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.caching import forget_version
from events.dates.values import Precision
from events.timeline.axis.content import MAX_MARKS
from events.timeline.axis.layout import CHAR_WIDTH, NARROW, WIDE
from events.timeline.axis.window import Zoom, aligned, whole, zoomed
from tests.factories import ActorFactory, EventFactory, EventTypeFactory
from tests.responses import page

pytestmark = pytest.mark.django_db


def drawing(response, name: str = "wide"):
    return page(response).select_one(f"#axis .axis-{name} svg")


def marks(response, name: str = "wide") -> dict[str, str]:
    """Each mark's accessible name and its shape."""
    return {
        link["aria-label"]: next(c for c in link["class"] if c.startswith("mark-"))
        for link in drawing(response, name).select("a.mark")
    }


def control(response, name: str) -> str | None:
    link = page(response).select_one(f'#axis a[data-axis-action="{name}"]')
    return link["href"] if link else None


def query(address: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(address).query)


@pytest.fixture
def talks() -> None:
    EventFactory(title="Talks open in Doha", start=date(2019, 2, 25), end=date(2019, 3, 12))
    EventFactory(title="The agreement is signed", start=date(2020, 2, 29), is_key=True)
    EventFactory(title="Prisoners are released", start=date(2020, 3, 1), precision=Precision.MONTH)
    EventFactory(title="A year of contacts", start=date(2020, 1, 1), precision=Precision.YEAR)
    EventFactory(title="Negotiations open", start=date(2020, 9, 12))


# Windows ---------------------------------------------------------------------------------------


def test_windows_are_aligned_so_a_shared_address_opens_the_same_one():
    assert aligned(Zoom.DECADE, date(2018, 5, 3)).first == date(2010, 1, 1)
    assert aligned(Zoom.DECADE, date(2018, 5, 3)).last == date(2019, 12, 31)
    assert aligned(Zoom.MONTH, date(2020, 2, 17)).last == date(2020, 2, 29)
    week = aligned(Zoom.WEEK, date(2020, 2, 29))
    assert (week.first, week.last) == (date(2020, 2, 24), date(2020, 3, 1))
    assert week.label == "24 February – 1 March 2020"
    assert aligned(Zoom.YEAR, date(2020, 7, 1)).step(-1).label == "2019"
    assert aligned(Zoom.MONTH, date(2020, 12, 5)).step(1).label == "January 2021"


def test_zooming_walks_from_the_whole_timeline_to_a_week_and_back():
    extent = (date(2018, 2, 28), date(2025, 7, 3))
    everything = whole(*extent)
    assert everything.label == "2018–2025"
    # Shorter than a decade: zooming in goes straight to a year, around the event in view.
    year = zoomed(everything, inward=True, extent=extent, focus=date(2020, 2, 29))
    assert year.label == "2020"
    month = zoomed(year, inward=True, extent=extent, focus=date(2020, 2, 29))
    assert month.label == "February 2020"
    week = zoomed(month, inward=True, extent=extent, focus=date(2020, 2, 29))
    assert week.label == "24 February – 1 March 2020"
    assert zoomed(week, inward=True, extent=extent, focus=None) is None
    assert zoomed(year, inward=False, extent=extent, focus=None) == everything


# What it draws ---------------------------------------------------------------------------------


def test_each_event_is_drawn_as_its_date_is_known(client, talks):
    response = client.get("/")
    assert marks(response) == {
        "Talks open in Doha, 25 February – 12 March 2019": "mark-bar",
        "A year of contacts, 2020": "mark-band",
        "The agreement is signed, 29 February 2020 (key event)": "mark-point",
        "Prisoners are released, March 2020": "mark-band",
        "Negotiations open, 12 September 2020": "mark-point",
    }


def test_a_phones_drawing_has_targets_of_44_units_or_counts(client, talks):
    """The phone's drawing is shown about as many pixels wide as it has units."""
    for title, day in [("Spring talks", date(2021, 3, 2)), ("Autumn talks", date(2021, 10, 4))]:
        EventFactory(title=title, start=day)
    response = client.get("/?zoom=year&at=2021")
    assert set(marks(response, "narrow")) == {
        "Spring talks, 2 March 2021",
        "Autumn talks, 4 October 2021",
    }
    for target in drawing(response, "narrow").select("a.mark rect.target"):
        assert float(target["height"]) >= 44 and float(target["width"]) >= 44
    # Too close together for such targets in two rows: counted instead, per year.
    crowded = drawing(client.get("/"), "narrow")
    assert not crowded.select("a.mark")
    assert [link["aria-label"] for link in crowded.select("a.bin")] == [
        "1 event in 2019",
        "4 events in 2020",
        "2 events in 2021",
    ]


def test_a_mark_opens_the_list_at_its_event(client, talks):
    response = client.get("/")
    link = drawing(response).select_one('a.mark[aria-label^="The agreement is signed"]')
    event_id = re.fullmatch(r"event-(\d+)-item", link["data-axis-event"])[1]
    assert link["href"] == f"/?at=2020-02-29#event-{event_id}-item"
    listed = page(client.get(link["href"].split("#")[0]))
    assert listed.select("#results article")[0]["id"] == f"event-{event_id}-item"


def test_every_year_in_view_is_labelled(client, talks):
    EventFactory(title="Conference", start=date(2018, 11, 9))
    EventFactory(title="Withdrawal", start=date(2021, 8, 30))
    response = client.get("/")
    for name in ("wide", "narrow"):
        ticks = [text.get_text() for text in drawing(response, name).select("text.tick")]
        assert ticks == ["2018", "2019", "2020", "2021"], name


@pytest.mark.parametrize(
    "address",
    ["/", "/?zoom=year&at=2020", "/?zoom=month&at=2020-02", "/?zoom=week&at=2020-02-24"],
)
@pytest.mark.parametrize("geometry", [WIDE, NARROW], ids=["wide", "narrow"])
def test_labels_never_overlap(client, talks, address, geometry):
    """Estimated at their widest (the layout's own measure is checked in a real browser in
    test_browser_axis)."""
    svg = drawing(client.get(address), geometry.name)
    spans = []
    for text in svg.select("text.tick"):
        half = len(text.get_text()) * geometry.font * CHAR_WIDTH / 2
        spans.append((float(text["x"]) - half, float(text["x"]) + half))
    spans.sort()
    assert spans
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, (address, spans)
    assert all(start >= 0 and end <= geometry.width for start, end in spans)
    rows: dict[str, list[tuple[float, float]]] = {}
    for text in svg.select("text.mark-label"):
        width = len(text.get_text()) * geometry.font * CHAR_WIDTH
        rows.setdefault(text["y"], []).append((float(text["x"]), float(text["x"]) + width))
    for row in rows.values():
        row.sort()
        for (_, end), (start, _) in itertools.pairwise(row):
            assert end <= start, (address, row)


def test_a_window_names_its_period_and_holds_only_its_events(client, talks):
    response = client.get("/?zoom=month&at=2020-02")
    assert page(response).select_one("#axis-caption").get_text() == "Time axis: February 2020"
    # The year-long event overlaps February; the others fall outside it.
    assert set(marks(response)) == {
        "A year of contacts, 2020",
        "The agreement is signed, 29 February 2020 (key event)",
    }
    assert query(control(response, "in")) == {"at": ["2020-02-24"], "zoom": ["week"]}
    assert query(control(response, "out")) == {"at": ["2020"], "zoom": ["year"]}
    assert query(control(response, "earlier")) == {"at": ["2020-01"], "zoom": ["month"]}
    assert query(control(response, "later")) == {"at": ["2020-03"], "zoom": ["month"]}
    # The list opens at the window's period.
    assert page(response).select("#results article h3, #results article h4")[0].get_text(
        strip=True
    ) in {"A year of contacts", "The agreement is signed"}


def test_controls_keep_the_filters_and_stop_where_the_timeline_does(client, talks):
    kind = EventTypeFactory(name="Talks", slug="talks")
    EventFactory(title="Round two", start=date(2020, 3, 7), type=kind)
    response = client.get("/?type=talks&zoom=month&at=2020-03")
    assert query(control(response, "out")) == {"type": ["talks"], "at": ["2020"], "zoom": ["year"]}
    # The only talks are in March 2020: nothing earlier or later to pan to.
    assert control(response, "earlier") is None and control(response, "later") is None
    assert page(response).select_one('#axis [aria-disabled="true"]') is not None
    # From a window with nothing in it, panning leads back towards the events only.
    before = client.get("/?type=talks&zoom=month&at=2019-11")
    assert query(control(before, "later"))["at"] == ["2019-12"]
    assert control(before, "earlier") is None


def test_too_many_events_are_counted_per_period(client):
    for day in range(MAX_MARKS + 5):
        EventFactory(title=f"Meeting {day}", start=date(2020, 1 + day % 12, 1 + day % 28))
    response = client.get("/?zoom=year&at=2020")
    bins = drawing(response).select("a.bin")
    assert not drawing(response).select("a.mark")
    counted = {link["aria-label"]: link["href"] for link in bins}
    total = sum(int(label.split()[0]) for label in counted)
    assert total == MAX_MARKS + 5
    # A column zooms into its period, and the list opens there.
    first = next(label for label in counted if "January 2020" in label or "2019" in label)
    assert query(counted[first])["zoom"] in (["week"], ["month"])
    legend = page(response).select_one("#axis-legend-wide").get_text()
    assert legend.startswith("Columns count each")


def test_lanes_by_type_name_each_type(client, talks):
    talks_type = EventTypeFactory(name="Negotiation round", slug="negotiation-round")
    EventFactory(title="Round one", start=date(2020, 9, 20), type=talks_type)
    svg = drawing(client.get("/?lanes=type"))
    names = [text.get_text() for text in svg.select("text.lane-name")]
    assert "Negotiation round" in names and len(names) >= 2
    # The lane link is marked as the current layout.
    current = page(client.get("/?lanes=type")).select_one(
        '#axis .axis-lanes a[aria-current="true"]'
    )
    assert current.get_text() == "By type"


def test_lanes_by_chosen_actors_hold_each_actors_events(client):
    russia, envoy = ActorFactory(name="Russia"), ActorFactory(name="US envoy")
    EventFactory(title="Moscow talks", start=date(2019, 2, 5), actors=[russia])
    EventFactory(title="Doha round", start=date(2019, 3, 1), actors=[envoy])
    EventFactory(title="Joint meeting", start=date(2019, 4, 1), actors=[russia, envoy])
    address = f"/?actor={russia.slug}&actor={envoy.slug}&lanes=actor"
    svg = drawing(client.get(address))
    assert [text.get_text() for text in svg.select("text.lane-name")] == ["Russia", "US envoy"]
    # The joint meeting is drawn in both lanes.
    joint = svg.select('a.mark[aria-label^="Joint meeting"]')
    assert len(joint) == 2


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("/?zoom=century", "“century” is not a zoom level"),
        ("/?lanes=colour", "“colour” is not a way to lay out the axis"),
    ],
)
def test_a_bad_axis_address_is_named_and_the_whole_axis_shown(client, talks, address, message):
    response = client.get(address)
    assert response.status_code == 200
    assert message in page(response).select_one(".form-errors").get_text()
    assert page(response).select_one("#axis-caption").get_text() == "Time axis: 2019–2020"


def test_the_axis_costs_the_same_number_of_queries_at_any_size(client, settings):
    def count(address: str) -> int:
        cache.clear()  # the work itself, not the cache, is measured
        forget_version()  # read afresh each time, not skipped when read a moment ago
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    kind = EventTypeFactory(name="Meeting", slug="meeting")
    addresses = ["/", "/?zoom=month&at=2020-02", "/?lanes=type", "/?zoom=week&at=2020-02-24"]
    EventFactory(title="First", start=date(2020, 2, 25), type=kind)
    few = {address: count(address) for address in addresses}
    for day in range(MAX_MARKS + 10):
        EventFactory(title=f"Meeting {day}", start=date(2020, 2, 1 + day % 29), type=kind)
    # Many enough to be counted rather than drawn, yet no more queries.
    assert {address: count(address) for address in addresses} == few
