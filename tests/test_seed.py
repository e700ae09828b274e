import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from events.dates.values import Precision
from events.models import Actor, Citation, Event, EventRedirect, EventType, Place, Source

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"
ARTICLE = SEEDS / "articles" / "000_23d8dcd0da77bbd4.txt"


def snapshot() -> dict[str, list]:
    """Every seeded row, as values, to compare one load with another."""
    return {
        "types": list(EventType.objects.values()),
        "actors": list(Actor.objects.values()),
        "places": list(Place.objects.values()),
        "sources": list(Source.objects.values()),
        "events": list(Event.objects.values().order_by("pk")),
        "event_actors": list(Event.actors.through.objects.values("event", "actor")),
        "related": list(Event.related.through.objects.values("from_event", "to_event")),
        "citations": list(Citation.objects.values()),
    }


def test_seed_article_is_the_dated_seed_text():
    assert ARTICLE.read_text(encoding="utf-8").lstrip().startswith("date 2021-01-28 A day after")


def test_seed_loads_the_curated_events_with_honest_precision(seeded):
    dates = {
        event.slug: (event.when_value, event.get_precision_display())
        for event in Event.objects.published()
    }
    assert dates == {
        "moscow-conference-of-regional-countries": ("2018-11-09", "day"),
        "first-intra-afghan-talks-in-moscow": ("2019", "year"),
        "second-intra-afghan-talks-in-moscow": ("2019", "year"),
        "doha-agreement-signed": ("2020-02", "month"),
        "taliban-delegation-visits-pakistan": ("2020-10", "month"),
        "us-review-of-doha-agreement": ("2021-01", "month"),
        "taliban-envoys-hold-talks-in-iran": ("2021-01", "month"),
        "taliban-consultations-in-moscow": ("2021-01", "month"),
    }


def test_seed_links_the_actors_the_article_names(seeded):
    assert set(Actor.objects.values_list("name", flat=True)) >= {
        "Taliban political office",
        "Russia",
        "Zamir Kabulov",
        "Sher Mohammad Abbas Stanikzai",
        "Mohammad Naeem",
        "Pakistan",
        "Imran Khan",
        "Shah Mahmood Qureshi",
        "United States",
        "Iran",
        "Qatar",
    }
    pakistan_visit = Event.objects.get(slug="taliban-delegation-visits-pakistan")
    assert set(pakistan_visit.actors.values_list("slug", flat=True)) == {
        "taliban-political-office",
        "pakistan",
        "imran-khan",
        "shah-mahmood-qureshi",
    }
    assert pakistan_visit.place.name == "Pakistan"


def test_every_seeded_event_cites_the_article_with_a_verbatim_sentence(seeded):
    source = Source.objects.get()
    assert source.published == date(2021, 1, 28)
    assert source.text.startswith("A day after Taliban political envoys")
    article = ARTICLE.read_text(encoding="utf-8")
    for event in Event.objects.all():
        citations = list(event.citations.all())
        assert [citation.source for citation in citations] == [source], event.slug
        assert all(citation.quote in article for citation in citations), event.slug


def test_seed_run_twice_leaves_the_same_rows():
    call_command("seed", verbosity=0)
    first = snapshot()
    call_command("seed", verbosity=0)
    assert snapshot() == first
    assert len(first["events"]) == 8


def test_seed_never_overwrites_an_editors_changes(seeded):
    doha = Event.objects.get(slug="doha-agreement-signed")
    doha.title = "Doha agreement (edited)"
    doha.status = Event.Status.DRAFT
    doha.save()
    call_command("seed", verbosity=0)
    doha.refresh_from_db()
    assert (doha.title, doha.status) == ("Doha agreement (edited)", Event.Status.DRAFT)


def test_seed_does_not_recreate_an_event_an_editor_renamed(seeded):
    doha = Event.objects.get(slug="doha-agreement-signed")
    doha.slug = "us-taliban-agreement"
    doha.save()
    call_command("seed", verbosity=0)
    assert not Event.objects.filter(slug="doha-agreement-signed").exists()
    assert EventRedirect.objects.get(old_slug="doha-agreement-signed").event == doha
    assert Event.objects.count() == 8


def test_seed_with_a_broken_file_writes_nothing(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("date 2021-01-28 Envoys met.", encoding="utf-8")
    data = json.loads((SEEDS / "timeline.json").read_text(encoding="utf-8"))
    data["sources"] = [{"file": "articles/a.txt", "title": "A", "publisher": "", "url": ""}]
    data["events"] = data["events"][:1]
    data["events"][0]["citations"][0]["source"] = "articles/a.txt"  # quote not in a.txt
    (tmp_path / "timeline.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="does not appear in the source's text"):
        call_command("seed", directory=tmp_path, verbosity=0)
    assert (Event.objects.count(), Source.objects.count(), Actor.objects.count()) == (0, 0, 0)


def test_seed_reports_an_unknown_reference(tmp_path):
    data = json.loads((SEEDS / "timeline.json").read_text(encoding="utf-8"))
    data["events"][0]["type"] = "summit"
    (tmp_path / "timeline.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "articles").symlink_to(SEEDS / "articles")
    with pytest.raises(CommandError, match="refers to 'summit'"):
        call_command("seed", directory=tmp_path, verbosity=0)
    assert EventType.objects.count() == 0


def test_year_events_sort_before_month_and_day_events(seeded):
    first_talks = Event.objects.get(slug="first-intra-afghan-talks-in-moscow")
    assert first_talks.precision == Precision.YEAR
    assert list(Event.objects.published().values_list("slug", flat=True))[:3] == [
        "moscow-conference-of-regional-countries",
        "first-intra-afghan-talks-in-moscow",
        "second-intra-afghan-talks-in-moscow",
    ]
