"""Agreements and their commitments (issue 16, point 4): who promised what and by when, each
commitment's standing read from the published events linked to it — kept on time or late by
so many days, broken, superseded, pending — on the agreement's page, in JSON and CSV, on the
events' own pages and in the admin; and the rules a commitment keeps."""

import csv
import io
import json
import logging
from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.dates.values import Precision
from events.models import Commitment, CommitmentOutcome, Event, EventRedirect
from events.services.commitments import record_commitment
from tests.factories import ActorFactory, EventFactory, EventTypeFactory
from tests.responses import body, page
from tests.test_rules_hardening import form_fields

pytestmark = pytest.mark.django_db

DAY, MONTH = Precision.DAY, Precision.MONTH


@pytest.fixture
def agreement() -> Event:
    kind = EventTypeFactory(slug="agreement", name="Agreement")
    return EventFactory(
        title="Doha agreement signed",
        slug="doha-agreement",
        type=kind,
        start=date(2020, 2, 29),
        actors=[ActorFactory(name="United States"), ActorFactory(name="Taliban")],
    )


def commit(agreement: Event, promise: str, outcomes=(), **fields) -> Commitment:
    return record_commitment(
        Commitment(agreement=agreement, promise=promise, **fields), outcomes=outcomes
    )


@pytest.fixture
def promises(agreement) -> dict[str, Commitment]:
    """Four commitments, one of each standing that matters."""
    talks_open = EventFactory(
        title="Intra-Afghan talks open", start=date(2020, 9, 12), end=date(2020, 9, 14)
    )
    announcement = EventFactory(title="Withdrawal deadline moved", start=date(2021, 4, 14))
    last_flight = EventFactory(title="Last flight leaves Kabul", start=date(2021, 8, 30))
    release = EventFactory(title="First prisoners freed", start=date(2020, 4, 8))
    return {
        "talks": commit(
            agreement,
            "Talks begin",
            [(talks_open, "kept")],
            position=1,
            deadline_start=date(2020, 3, 10),
            deadline_precision=DAY,
        ),
        "prisoners": commit(agreement, "Prisoners released", [(release, "step")], position=2),
        "withdrawal": commit(
            agreement,
            "All forces leave",
            [(announcement, "superseded"), (last_flight, "kept")],
            position=3,
            within=14,
            within_unit="months",
        ),
        "ceasefire": commit(
            agreement,
            "A ceasefire is agreed",
            position=4,
            deadline_start=date(2020, 3, 1),
            deadline_precision=MONTH,
        ),
    }


def _cell(row, name: str) -> str:
    found = row.select_one(f".commitment-{name}")
    return " ".join(found.get_text().split()) if found else ""


def rows(client, slug: str = "doha-agreement") -> list[dict[str, str]]:
    """The commitments as the agreement's page shows them, row by row."""
    response = client.get(f"/agreements/{slug}/")
    assert response.status_code == 200
    shown = []
    for row in page(response).select("table.commitment-table tbody tr"):
        promise = row.select_one(".commitment-promise").find(string=True)
        shown.append(
            {
                "promise": " ".join(promise.split()),
                "deadline": _cell(row, "deadline").removeprefix("Deadline: "),
                "standing": " ".join(row.select_one(".standing").get_text().split()),
                "happened": _cell(row, "outcomes"),
            }
        )
    return shown


# The page ---------------------------------------------------------------------------------


def test_each_commitment_is_a_row_with_its_deadline_and_what_happened(client, promises):
    shown = rows(client)
    assert [row["promise"] for row in shown] == [
        "Talks begin",
        "Prisoners released",
        "All forces leave",
        "A ceasefire is agreed",
    ]
    talks, prisoners, withdrawal, ceasefire = shown
    assert talks["deadline"].startswith("By 10 March 2020")
    assert talks["standing"] == "Kept, 186 days late"
    assert "Intra-Afghan talks open" in talks["happened"]
    assert "12–14 September 2020 — kept it" in talks["happened"]
    assert prisoners["deadline"].startswith("None stated in our sources")
    assert prisoners["standing"] == "Pending"
    assert "First prisoners freed" in prisoners["happened"]
    assert "a step towards it" in prisoners["happened"]
    assert withdrawal["deadline"].startswith(
        "Within 14 months of the agreement (29 February 2020): by 29 April 2021"
    )
    # Kept after it was superseded: kept, and how late.
    assert withdrawal["standing"] == "Kept, 123 days late"
    assert "superseded it" in withdrawal["happened"]
    assert ceasefire["standing"].startswith("Pending: its deadline has passed")
    assert ceasefire["happened"] == "What happened: No event recorded yet."


def test_the_tally_counts_each_standing_it_has(client, promises):
    tally = page(client.get("/agreements/doha-agreement/")).select_one(".commitment-tally")
    assert " ".join(tally.get_text().split()) == (
        "4 commitments: 2 kept (2 of them late), 2 pending."
    )


def test_a_month_deadline_says_how_long_after_the_month(client, agreement):
    talks = EventFactory(title="Talks open", start=date(2020, 9, 12))
    commit(
        agreement,
        "Talks begin",
        [(talks, "kept")],
        deadline_start=date(2020, 3, 1),
        deadline_precision=MONTH,
    )
    assert rows(client)[0]["standing"] == "Kept, 165 days after March 2020"


def test_on_time_broken_and_superseded(client, agreement):
    early = EventFactory(title="Envoys meet early", start=date(2020, 3, 5))
    walkout = EventFactory(title="Walkout", start=date(2020, 3, 20))
    new_plan = EventFactory(title="New plan", start=date(2020, 4, 1))
    day = {"deadline_start": date(2020, 3, 10), "deadline_precision": DAY}
    commit(agreement, "Meet", [(early, "kept")], position=1, **day)
    commit(agreement, "Stay", [(walkout, "broke")], position=2, **day)
    commit(agreement, "Plan", [(walkout, "broke"), (new_plan, "superseded")], position=3, **day)
    assert [row["standing"] for row in rows(client)] == ["Kept on time", "Broken", "Superseded"]


def test_only_published_events_count(client, agreement):
    draft = EventFactory(title="Secret release", start=date(2020, 5, 1), status=Event.Status.DRAFT)
    commit(
        agreement,
        "Release",
        [(draft, "kept")],
        deadline_start=date(2020, 6, 1),
        deadline_precision=DAY,
    )
    shown = rows(client)[0]
    assert shown["standing"].startswith("Pending")
    assert "Secret release" not in shown["happened"]


def test_the_chart_joins_each_deadline_to_what_kept_it_late_as_late(client, promises):
    html = page(client.get("/agreements/doha-agreement/"))
    wide = html.select_one("svg.commitment-drawing-wide")
    assert html.select_one("svg.commitment-drawing-narrow") is not None
    chart_rows = wide.select("g.chart-row")
    assert [row.select_one(".chart-number").text for row in chart_rows] == ["1", "2", "3", "4"]
    talks, prisoners, _, ceasefire = chart_rows
    assert "chart-row-late" in talks["class"]
    assert talks.select_one(".chart-note").text == "186 days late"
    line = talks.select_one("line.chart-line")
    deadline_x = float(talks.select_one("path.chart-deadline")["d"].split()[0][1:])
    kept_x = float(talks.select_one("circle.chart-event-kept")["cx"])
    assert (float(line["x1"]), float(line["x2"])) == (deadline_x, kept_x)
    assert kept_x > deadline_x  # late: the event is right of its deadline
    # No deadline: no diamond and no line, only its event.
    assert prisoners.select_one(".chart-deadline") is None
    assert prisoners.select_one(".chart-line") is None
    assert prisoners.select("circle.chart-event-step")
    # A month's deadline: the days it may fall on as a band.
    assert ceasefire.select_one("line.chart-band") is not None
    assert "chart-row-overdue" in ceasefire["class"]


def test_no_agreement_no_page(client, agreement):
    plain = EventFactory(title="Talks", slug="talks")
    draft = EventFactory(
        title="Draft deal", slug="draft-deal", type=agreement.type, status=Event.Status.DRAFT
    )
    for slug in (plain.slug, draft.slug, "nothing-here"):
        assert client.get(f"/agreements/{slug}/").status_code == 404
        assert client.get(f"/api/agreements/{slug}.json").status_code == 404


def test_an_agreement_without_commitments_says_so(client, agreement):
    text = page(client.get("/agreements/doha-agreement/")).select_one(".commitments").get_text()
    assert "No commitments of this agreement are recorded yet." in text


def test_a_renamed_agreement_answers_from_its_old_address(client, agreement):
    agreement.slug = "us-taliban-agreement"
    agreement.save()
    assert EventRedirect.objects.filter(old_slug="doha-agreement").exists()
    response = client.get("/agreements/doha-agreement/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/agreements/us-taliban-agreement/",
    )
    response = client.get("/api/agreements/doha-agreement.json")
    assert response["Location"] == "/api/agreements/us-taliban-agreement.json"


def test_the_page_has_a_preview_card_and_its_canonical_address(client, promises):
    html = page(client.get("/agreements/doha-agreement/"))
    assert (
        html.find("link", rel="canonical")["href"]
        == "http://testserver/agreements/doha-agreement/"
    )
    assert (
        html.find("meta", property="og:title")["content"] == "Doha agreement signed: was it kept?"
    )
    assert "its 4 commitments" in html.find("meta", property="og:description")["content"]


def test_the_events_pages_lead_to_the_commitments(client, promises, agreement):
    html = page(client.get(agreement.get_absolute_url()))
    link = html.select_one(".event-commitments a")
    assert link.get_text(strip=True) == "Its 4 commitments, and whether each was kept"
    assert link["href"] == "/agreements/doha-agreement/"
    last_flight = Event.objects.get(title="Last flight leaves Kabul")
    item = page(client.get(last_flight.get_absolute_url())).select_one(".event-commitment")
    assert " ".join(item.get_text().split()).startswith("Kept a promise: All forces leave")
    assert item.a["href"] == f"/agreements/doha-agreement/#commitment-{promises['withdrawal'].pk}"


# As data ----------------------------------------------------------------------------------


def test_the_json_holds_each_commitment_with_its_standing(client, promises):
    data = json.loads(client.get("/api/agreements/doha-agreement.json").content)
    assert data["url"] == "http://testserver/agreements/doha-agreement/"
    assert data["tally"] == {"kept": 2, "broken": 0, "superseded": 0, "pending": 2, "late": 2}
    withdrawal = data["commitments"][2]
    assert withdrawal["deadline"]["value"] == "2021-04-29"
    assert withdrawal["deadline"]["within"]["count"] == 14
    assert withdrawal["deadline"]["within"]["unit"] == "months"
    assert (withdrawal["status"], withdrawal["days_late"], withdrawal["on_time"]) == (
        "kept",
        123,
        False,
    )
    assert [e["effect"] for e in withdrawal["events"]] == ["superseded", "kept"]
    assert data["commitments"][1]["deadline"] is None


def test_the_csv_has_a_line_per_commitment_and_runs_no_formula(client, agreement):
    commit(
        agreement,
        '=HYPERLINK("http://evil")',
        deadline_start=date(2020, 3, 1),
        deadline_precision=MONTH,
    )
    response = client.get("/agreements/doha-agreement/commitments.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(lines) == 1
    assert lines[0]["promise"].startswith("'=HYPERLINK")
    assert (lines[0]["deadline"], lines[0]["deadline_value"]) == ("March 2020", "2020-03")
    assert lines[0]["status"] == "pending"


# The rules ----------------------------------------------------------------------------------


def test_a_deadline_before_the_agreement_is_refused_naming_the_field(agreement):
    with pytest.raises(ValidationError) as refused:
        commit(agreement, "Too early", deadline_start=date(2020, 2, 1), deadline_precision=DAY)
    assert "deadline_start" in refused.value.message_dict
    assert "before the agreement was made" in refused.value.message_dict["deadline_start"][0]
    assert not Commitment.objects.exists()


def test_a_commitment_belongs_to_an_agreement(agreement):
    talks = EventFactory(title="Talks")
    with pytest.raises(ValidationError) as refused:
        commit(talks, "Something")
    messages = refused.value.message_dict["agreement"]
    assert any("is not an event of the type “Agreement”" in message for message in messages)
    assert not Commitment.objects.exists()


def test_an_event_before_the_agreement_cannot_keep_it_and_nothing_is_half_saved(agreement):
    earlier = EventFactory(title="Earlier talks", start=date(2019, 7, 7))
    with pytest.raises(ValidationError) as refused:
        commit(agreement, "Talks", [(earlier, "kept")])
    assert "came before the agreement" in refused.value.message_dict["event"][0]
    assert not Commitment.objects.exists()
    with pytest.raises(ValidationError):
        commit(agreement, "Talks", [(agreement, "kept")])


@pytest.mark.parametrize(
    "fields",
    [
        {"promise": ""},
        {"deadline_start": date(2020, 3, 1)},  # a date without a precision
        {
            "deadline_start": date(2020, 3, 1),
            "deadline_precision": DAY,
            "within": 3,
            "within_unit": "days",
        },
        {"within": 3},  # no unit
        {"within": 0, "within_unit": "days"},
        {"within": 3, "within_unit": "weeks"},
        {"quote": "No source"},
        {"deadline_start": date(2020, 3, 5), "deadline_precision": MONTH},  # not the 1st
    ],
)
def test_the_database_refuses_what_the_rules_refuse(agreement, fields):
    values = {"agreement": agreement, "promise": "A promise", **fields}
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(**values)


def test_the_database_refuses_counting_from_an_event_without_a_time(agreement):
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(agreement=agreement, promise="A promise", counted_from=agreement)


def test_the_same_event_links_once(agreement, promises):
    talks_open = Event.objects.get(title="Intra-Afghan talks open")
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentOutcome.objects.create(
            commitment=promises["talks"], event=talks_open, effect="broke"
        )


# The admin --------------------------------------------------------------------------------


def add_form(admin_client, agreement: Event) -> dict:
    html = page(admin_client.get(f"/admin/events/commitment/add/?agreement={agreement.pk}"))
    return form_fields(html.find("form", id="commitment_form"))


def test_an_editor_types_a_deadline_as_people_write_it(admin_client, agreement):
    data = add_form(admin_client, agreement)
    assert data["agreement"] == str(agreement.pk)
    data.update({"promise": "Talks begin", "deadline": "March 2020"})
    response = admin_client.post("/admin/events/commitment/add/", data)
    assert response.status_code == 302, page(response).select(".errorlist")
    saved = Commitment.objects.get()
    assert (saved.deadline_start, saved.deadline_precision) == (date(2020, 3, 1), MONTH)


def test_the_admin_refuses_a_deadline_before_the_agreement_and_saves_nothing(
    admin_client, agreement
):
    kept = EventFactory(title="Talks open", start=date(2020, 9, 12))
    data = add_form(admin_client, agreement)
    data.update(
        {
            "promise": "Talks begin",
            "deadline": "1 January 2020",
            "outcomes-0-event": str(kept.pk),
            "outcomes-0-effect": "kept",
        }
    )
    response = admin_client.post("/admin/events/commitment/add/", data)
    assert response.status_code == 200
    errors = " ".join(page(response).select_one(".field-deadline .errorlist").get_text().split())
    assert "Deadline: 1 January 2020 is before the agreement was made (29 February 2020)" in errors
    assert not Commitment.objects.exists()
    assert not CommitmentOutcome.objects.exists()


def test_the_event_form_lists_the_promises_it_kept_and_the_list_their_standing(
    admin_client, promises
):
    flight = Event.objects.get(title="Last flight leaves Kabul")
    html = page(admin_client.get(f"/admin/events/event/{flight.pk}/change/"))
    listed = " ".join(html.select_one(".field-promises").get_text().split())
    assert "this event — kept it — All forces leave (Doha agreement signed)" in listed
    listing = page(admin_client.get("/admin/events/commitment/"))
    assert "Kept, 123 days late" in listing.get_text()


# Costs ----------------------------------------------------------------------------------------


def queries(client, address: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
        assert response.status_code == 200, address
        body(response)
    return len(captured)


@pytest.mark.parametrize(
    "address",
    [
        "/agreements/doha-agreement/",
        "/api/agreements/doha-agreement.json",
        "/agreements/doha-agreement/commitments.csv",
        "/events/doha-agreement/",
    ],
)
def test_queries_do_not_grow_with_the_commitments(client, agreement, address):
    commit(agreement, "First", [(EventFactory(start=date(2020, 5, 1)), "kept")])
    few = queries(client, address)
    party = ActorFactory(name="A party")
    for n in range(12):
        c = commit(
            agreement,
            f"Promise {n}",
            [
                (EventFactory(start=date(2020, 6, 1 + n)), "kept"),
                (EventFactory(start=date(2021, 1, 1 + n)), "step"),
            ],
            within=n + 1,
            within_unit="days",
            counted_from=EventFactory(start=date(2020, 3, 1 + n)),
        )
        c.parties.add(party)
    assert queries(client, address) == few


# Seeds and search engines -------------------------------------------------------------------


def test_a_new_link_shows_at_once(client, agreement):
    talks = commit(
        agreement, "Talks begin", deadline_start=date(2020, 3, 10), deadline_precision=DAY
    )
    assert rows(client)[0]["standing"].startswith("Pending")
    opened = EventFactory(title="Talks open", start=date(2020, 3, 9))
    CommitmentOutcome.objects.create(commitment=talks, event=opened, effect="kept")
    assert rows(client)[0]["standing"] == "Kept on time"


def test_the_sitemap_lists_agreements_with_commitments(client, promises):
    EventFactory(title="Another deal", slug="another-deal", type=promises["talks"].agreement.type)
    xml = client.get("/sitemap-agreements.xml").content.decode()
    assert "http://testserver/agreements/doha-agreement/" in xml
    assert "another-deal" not in xml


def test_a_readers_copy_lasts_the_day_a_deadline_can_pass_on(client, agreement, monkeypatch):
    # Standings that say "its deadline has passed" change with the day, not only with the
    # data: neither the cache nor a reader's copy may outlive the day it was made on.
    commit(agreement, "Talks begin", deadline_start=date(2030, 3, 10), deadline_precision=DAY)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2030, 3, 10))
    address = "/agreements/doha-agreement/"
    first = client.get(address)
    assert " ".join(page(first).select_one(".standing").get_text().split()) == "Pending"
    assert client.get(address, headers={"If-None-Match": first["ETag"]}).status_code == 304
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2030, 3, 11))
    next_day = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert next_day.status_code == 200
    assert rows(client)[0]["standing"].startswith("Pending: its deadline has passed")


def test_a_commitment_without_a_deadline_is_validated_without_a_database_error(agreement, caplog):
    # Its month and year checks are evaluated with a NULL date, whose type PostgreSQL
    # could not tell among DATE_TRUNC's forms: Django logged a database error per check.
    commitment = Commitment(agreement=agreement, position=1, promise="Talks within a month")
    with caplog.at_level(logging.WARNING, logger="django.db.models"):
        commitment.validate_constraints()
    assert [record.getMessage() for record in caplog.records] == []
