"""What readers found broken or missing around the filter bar (issue 15), as the server answers
it: renamed events' data addresses, the status lines' wording, the filters named above the
results, and newest first."""

from datetime import date

import pytest

from events.dates import display
from events.dates.values import DateSpan, Precision
from events.models import Event
from tests.factories import ActorFactory, EventFactory, PlaceFactory
from tests.responses import page

pytestmark = pytest.mark.django_db


# Renamed events --------------------------------------------------------------------------------


def renamed(old: str, new: str) -> Event:
    event = EventFactory(slug=old, title="Envoys meet in Doha")
    event.slug = new
    event.save()
    return event


def test_a_renamed_events_old_json_address_leads_to_its_new_one(client):
    renamed("doha-deal", "doha-agreement")
    response = client.get("/api/events/doha-deal.json")
    assert response.status_code == 301
    assert response["Location"] == "/api/events/doha-agreement.json"
    # Scripts on other sites may follow it too.
    assert response["Access-Control-Allow-Origin"] == "*"
    moved = client.get(response["Location"])
    assert moved.status_code == 200
    assert moved.json()["title"] == "Envoys meet in Doha"


def test_an_address_no_event_ever_had_is_still_not_found(client):
    response = client.get("/api/events/never-was.json")
    assert response.status_code == 404
    assert "never-was" in response.json()["error"]


def test_a_draft_is_not_found_by_its_old_json_address_either(client):
    event = renamed("secret-talks", "secret-talks-in-doha")
    event.status = Event.Status.DRAFT
    event.save()
    assert client.get("/api/events/secret-talks.json").status_code == 404


@pytest.mark.parametrize("address", ["/events/{slug}/", "/api/events/{slug}.json"])
def test_a_redirect_keeps_the_query_string(client, address):
    renamed("doha-deal", "doha-agreement")
    response = client.get(address.format(slug="doha-deal") + "?utm_source=newsletter&level=3")
    assert response.status_code == 301
    assert response["Location"] == (
        address.format(slug="doha-agreement") + "?utm_source=newsletter&level=3"
    )


# Status lines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (
            DateSpan(date(2019, 1, 1), Precision.YEAR),
            DateSpan(date(2019, 1, 1), Precision.YEAR),
            "2019",
        ),
        (
            DateSpan(date(2020, 10, 1), Precision.MONTH),
            DateSpan(date(2020, 10, 1), Precision.MONTH),
            "October 2020",
        ),
        (
            DateSpan(date(2018, 11, 9), Precision.DAY),
            DateSpan(date(2021, 4, 24), Precision.DAY, date(2021, 5, 4)),
            "from 9 November 2018 to 4 May 2021",
        ),
        (
            DateSpan(date(2019, 5, 28), Precision.DAY, date(2019, 5, 30)),
            DateSpan(date(2020, 2, 1), Precision.MONTH),
            "from 28 May 2019 to February 2020",
        ),
    ],
)
def test_a_stretch_of_time_says_one_period_once_and_ends_on_a_date(first, last, expected):
    assert display.written_between(first, last) == expected


def status(response) -> str:
    return " ".join(page(response).find(id="results-status").get_text().split())


def test_the_status_line_says_a_single_year_once(client):
    EventFactory(title="First round", start=date(2019, 1, 1), precision=Precision.YEAR)
    EventFactory(title="Second round", start=date(2019, 1, 1), precision=Precision.YEAR)
    assert status(client.get("/")) == "Showing 2 events, 2019."


def test_the_status_line_ends_a_range_on_its_last_day(client):
    EventFactory(title="Conference", start=date(2018, 11, 9))
    EventFactory(title="Conference in Istanbul", start=date(2021, 4, 24), end=date(2021, 5, 4))
    assert status(client.get("/")) == "Showing 2 events, from 9 November 2018 to 4 May 2021."


def test_the_axis_names_its_window_once_for_a_single_year(client):
    for day in (3, 9):
        EventFactory(title=f"Visit {day}", start=date(2020, 10, day))
    caption = page(client.get("/")).find(id="axis-caption").get_text()
    assert " ".join(caption.split()) == "Time axis: 2020"


# Filters named above the results ---------------------------------------------------------------


def test_each_filter_is_named_with_a_link_that_removes_it(client):
    russia = ActorFactory(name="Russia", slug="russia")
    pakistan = ActorFactory(name="Pakistan", slug="pakistan")
    moscow = PlaceFactory(name="Moscow", slug="moscow", country="Russia")
    EventFactory(title="Talks", actors=[russia, pakistan], place=moscow)
    response = client.get("/?actor=russia&actor=pakistan&place=moscow&from=2020-02&order=newest")
    named = page(response).find("nav", class_="chosen-filters")

    def spoken(link) -> str:
        # What a screen reader says: the visible chip is hidden from it, its name is not.
        hidden = link.find(class_="visually-hidden")
        return (hidden or link).get_text(strip=True)

    links = {spoken(link): link["href"] for link in named.find_all("a")}
    query = "actor=russia&actor=pakistan&place=moscow&from=2020-02&order=newest"
    assert links == {
        "Remove Actor: Russia": "/?" + query.replace("actor=russia&", ""),
        "Remove Actor: Pakistan": "/?" + query.replace("actor=pakistan&", ""),
        "Remove Place: Moscow, Russia": "/?" + query.replace("place=moscow&", ""),
        "Remove From: February 2020": "/?" + query.replace("from=2020-02&", ""),
        "Clear all": "/?order=newest",
    }
    # Each chip shows its filter in full, and a cross.
    chips = [" ".join(a.find(class_="chip-text").get_text().split()) for a in named("a")[:-1]]
    assert "Actor: Russia ×" in chips
    # The folded "Filters" button counts the four behind it.
    summary = page(response).find("details", class_="filter-fold").find("summary")
    assert " ".join(summary.get_text().split()) == "Filters (4)"


def test_an_invalid_filter_is_not_named_as_applied(client):
    EventFactory()
    response = client.get("/?actor=nobody&from=2020-13")
    assert page(response).find("nav", class_="chosen-filters") is None


# Newest first ----------------------------------------------------------------------------------


@pytest.fixture
def months(settings) -> list[Event]:
    """One event in each month of 2020, three to a page."""
    settings.PEACETRACKER_PAGE_SIZE = 3
    return [EventFactory(title=f"Meeting {m}", start=date(2020, m, 10)) for m in range(1, 13)]


def titles_on(response) -> list[str]:
    return [h.get_text(strip=True) for h in page(response).select("#results article .event-title")]


def test_newest_first_pages_back_through_the_timeline(client, months):
    response = client.get("/?order=newest")
    assert titles_on(response) == ["Meeting 12", "Meeting 11", "Meeting 10"]
    # "Earlier events" goes on down, keeping the order in its address.
    seen = titles_on(response)
    while (more := page(response).find("a", string="Earlier events")) is not None:
        assert "order=newest" in more["href"]
        response = client.get(more["href"])
        seen += titles_on(response)
    assert seen == [f"Meeting {m}" for m in range(12, 0, -1)]
    # And from the last page, "Later events" comes back up.
    later = page(response).find("a", string="Later events")
    assert "order=newest" in later["href"]
    assert titles_on(client.get(later["href"])) == ["Meeting 6", "Meeting 5", "Meeting 4"]


def test_newest_first_jumps_into_a_year_from_its_end(client, months):
    EventFactory(title="Next year", start=date(2021, 1, 5))
    response = client.get("/?order=newest&at=2020")
    assert titles_on(response) == ["Meeting 12", "Meeting 11", "Meeting 10"]
    assert "newest first" in status(response)


def test_the_order_is_offered_in_the_filter_bar(client, months):
    form = page(client.get("/?order=newest")).find("form", attrs={"role": "search"})
    order = form.find("select", attrs={"name": "order"})
    options = {o.get_text(strip=True): o.get("value") for o in order.find_all("option")}
    assert options == {"Oldest first": "", "Latest developments": "newest"}
    assert order.find("option", selected=True)["value"] == "newest"


def test_an_unknown_order_is_explained(client, months):
    response = client.get("/?order=sideways")
    assert response.status_code == 200
    assert "“sideways” is not an order" in page(response).find(role="alert").get_text()
    assert titles_on(response)[0] == "Meeting 1"


def test_the_json_api_pages_newest_first(client, months):
    response = client.get("/api/events.json", {"order": "newest", "limit": 5})
    seen = [event["title"] for event in response.json()["events"]]
    while next_url := response.json()["next"]:
        assert "order=newest" in next_url and "before=" in next_url
        response = client.get(next_url.removeprefix("http://testserver"))
        seen += [event["title"] for event in response.json()["events"]]
    assert seen == [f"Meeting {m}" for m in range(12, 0, -1)]


def test_the_csv_lists_newest_first_when_asked(client, months, monkeypatch):
    from events.exports import records

    # Small batches: each goes on from where the last ended, back in time.
    monkeypatch.setattr(records, "BATCH", 5)
    oldest = client.get("/events.csv").content.decode().splitlines()
    newest = client.get("/events.csv?order=newest").content.decode().splitlines()
    assert newest[0] == oldest[0]  # the header
    assert newest[1:] == oldest[1:][::-1]
    assert len(newest) == 13
