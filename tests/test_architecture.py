"""The architecture as tests: a date becomes words for a reader in events/dates/display.py and
nowhere else, month and weekday names are tabled once (events/dates/vocabulary.py), and month
arithmetic is written once (events/dates/values.py); and the tests wait for what they wait for,
never for a fixed time.

Each rule is a scan of source text, so it is shown catching planted violations too: a scan
that finds nothing because it looks at nothing would pass whatever the code did.
"""

import ast
import calendar
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = "events/dates/display.py"
VOCABULARY = "events/dates/vocabulary.py"
VALUES = "events/dates/values.py"

# The names to look for, from Python's own tables rather than the project's.
_NAMES = {name.lower() for name in (*calendar.month_name[1:], *calendar.day_name)}
# strftime codes that write names: weekday (%a %A), month (%b %B %h), and the locale's own
# date forms (%c %x).
_NAME_CODES = re.compile(r"%[-_0^#]?[aAbBhcx]")
_NAME_ATTRIBUTES = {"month_name", "month_abbr", "day_name", "day_abbr"}  # the calendar module's
# Django's own ways of writing dates in Python.
_DJANGO_WRITERS = {"date_format", "dateformat", "naturalday", "naturaltime", "timesince"}
_NAME_TABLES = {"MONTHS", "WEEKDAYS", "MONTH_NAMES", "WEEKDAY_NAMES"}
_NAMES_IN_A_PATTERN = re.compile(
    rf"(?:{'|'.join(sorted(_NAMES))})(?:\|(?:{'|'.join(sorted(_NAMES))})){{2,}}", re.IGNORECASE
)

# Django's template filters that write dates in words: `date` and `time` without a format
# (the locale's, with names) or with a format letter that writes a name (D l N F M b E P A a
# S r), and the humanising ones.
_TEMPLATE_FILTER = re.compile(
    r"\|\s*(?P<filter>date|time|naturalday|naturaltime|timesince|timeuntil)\b"
    r"(?:\s*:\s*(?P<quote>[\"'])(?P<format>.*?)(?P=quote))?"
)
_FORMAT_NAMES = re.compile(r"(?<!\\)[DlNFMbEPAaSr]")
_NOW_TAG = re.compile(r"{%\s*now\s+(?P<quote>[\"'])(?P<format>.*?)(?P=quote)")


def words_in_python(source: str) -> list[str]:
    """What in a Python module turns a date into words, or tables month or weekday names."""
    findings = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", "?")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _NAME_CODES.search(node.value):
                findings.append(f"line {line}: a strftime format with names: {node.value!r}")
            if _NAMES_IN_A_PATTERN.search(node.value):
                findings.append(f"line {line}: a pattern of month or weekday names")
        elif isinstance(node, ast.Attribute) and node.attr in _NAME_ATTRIBUTES:
            findings.append(f"line {line}: calendar.{node.attr}")
        elif isinstance(node, ast.Attribute | ast.Name):
            name = node.attr if isinstance(node, ast.Attribute) else node.id
            if name in _DJANGO_WRITERS:
                findings.append(f"line {line}: Django's {name}")
            if name in _NAME_TABLES:
                findings.append(f"line {line}: the names table {name}")
        elif isinstance(node, ast.alias):
            name = node.name.split(".")[-1]
            if name in _NAME_TABLES or name in _DJANGO_WRITERS:
                findings.append(f"line {line}: imports {node.name}")
        elif isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
            named = {
                inner.value.lower()
                for inner in ast.walk(node)
                if isinstance(inner, ast.Constant)
                and isinstance(inner.value, str)
                and inner.value.lower() in _NAMES
            }
            if len(named) >= 3:
                findings.append(f"line {line}: a table of month or weekday names")
    return findings


def words_in_template(source: str) -> list[str]:
    """What in a template turns a date into words."""
    findings = []
    for match in _TEMPLATE_FILTER.finditer(source):
        written_format = match["format"]
        if written_format is None or _FORMAT_NAMES.search(written_format):
            findings.append(f"Django's |{match['filter']} filter: {match.group()!r}")
    for match in _NOW_TAG.finditer(source):
        if _FORMAT_NAMES.search(match["format"]):
            findings.append(f"Django's now tag: {match.group()!r}")
    return findings


def month_arithmetic(source: str) -> list[str]:
    return [
        f"line {node.lineno}: {node.name}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef) and re.search(r"(?:add|shift)_months", node.name)
    ]


def _python_files() -> list[Path]:
    return sorted(
        path
        for folder in ("events", "peacetracker")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    )


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def scan_project() -> dict[str, list[str]]:
    """Every place outside display (and vocabulary, for names) that writes a date."""
    found = {}
    for path in _python_files():
        name = _relative(path)
        if name in {DISPLAY, VOCABULARY}:
            continue
        if findings := words_in_python(path.read_text(encoding="utf-8")):
            found[name] = findings
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if findings := words_in_template(path.read_text(encoding="utf-8")):
            found[_relative(path)] = findings
    return found


def test_a_date_becomes_words_only_in_display():
    assert scan_project() == {}


def test_the_names_display_writes_come_from_the_one_table():
    # Display may write names only from vocabulary's table, never a table of its own.
    findings = words_in_python((ROOT / DISPLAY).read_text(encoding="utf-8"))
    assert [finding for finding in findings if "table of" in finding] == []


def test_month_arithmetic_is_written_once():
    found = {
        _relative(path): names
        for path in _python_files()
        if (names := month_arithmetic(path.read_text(encoding="utf-8")))
    }
    assert list(found) == [VALUES]


# The scans find what they are meant to find ------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        'written = value.strftime("%d %B %Y")',
        'heading = f"{value:%A}"',
        'label = "%b %Y" % ()',
        "name = calendar.month_name[value.month]",
        "import calendar\nday = calendar.day_abbr[0]",
        'MONTH_NAMES = ("January", "February", "March")',
        'NAMES = {"jan": 1, "feb": 2, "mar": 3, "september": 9, "october": 10, "june": 6}',
        "DAYS = [('monday', 'mon'), ('tuesday', 'tue'), ('friday', 'fri')]",
        'PATTERN = r"(?:january|february|march)"',
        "from events.dates.vocabulary import MONTHS",
        "heading = MONTH_NAMES[value.month - 1]",
        "from django.utils.formats import date_format",
        "from django.contrib.humanize.templatetags.humanize import naturalday",
    ],
)
def test_the_python_scan_finds_a_date_written_outside_display(source):
    assert words_in_python(source) != []


@pytest.mark.parametrize(
    "source",
    [
        'value.isoformat() + value.strftime("%Y-%m-%d")',
        'help_text = "As you would write it: “29 February 2020”, “in October”, “May 2019”."',
        'MONTH = r"(?:[0-9]{2})"',
        "end = last_day(value, Precision.MONTH)",
        "stamp = f'{now:%H:%M:%S}'",
    ],
)
def test_the_python_scan_leaves_machine_forms_and_examples_alone(source):
    assert words_in_python(source) == []


@pytest.mark.parametrize(
    "source",
    [
        '{{ source.published|date:"j F Y" }}',
        "{{ source.published|date:'D j M' }}",
        "{{ source.published|date }}",
        "{{ source.published | date : 'N j, Y' }}",
        "{{ event.updated|time }}",
        "{{ event.created|naturalday }}",
        "{{ event.created|timesince }}",
        '{% now "jS F Y" %}',
    ],
)
def test_the_template_scan_finds_a_date_written_by_django(source):
    assert words_in_template(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "<time datetime=\"{{ source.published|date:'Y-m-d' }}\">",
        "{{ source.published|written }}",
        '{% now "Y" %}',
        "{{ dates|length }}",
    ],
)
def test_the_template_scan_leaves_machine_forms_alone(source):
    assert words_in_template(source) == []


def test_the_project_scan_reads_every_module_and_template(tmp_path, monkeypatch):
    # Planted in a copy of the layout: one module and one template writing dates their own
    # way, beside display, which may.
    (tmp_path / "events" / "dates").mkdir(parents=True)
    (tmp_path / "peacetracker").mkdir()
    (tmp_path / "templates" / "events").mkdir(parents=True)
    (tmp_path / DISPLAY).write_text('NAMES = ("January", "February", "March")\n')
    (tmp_path / "events" / "feeds.py").write_text('title = day.strftime("%d %B")\n')
    (tmp_path / "templates" / "events" / "x.html").write_text('{{ d|date:"F Y" }}\n')
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert sorted(scan_project()) == ["events/feeds.py", "templates/events/x.html"]


# Tests wait for a condition, never a fixed time --------------------------------------------

_FIXED_WAITS = {"sleep", "wait_for_timeout"}  # time.sleep, asyncio.sleep, Playwright's


def fixed_waits(source: str) -> list[str]:
    """Calls that wait a fixed time, whatever they are waiting for."""
    calls = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)]
    # `time.sleep(1)` calls an attribute, `sleep(1)` a name.
    named = [(call, getattr(call.func, "attr", getattr(call.func, "id", None))) for call in calls]
    return [f"line {call.lineno}: {name}" for call, name in named if name in _FIXED_WAITS]


def test_no_test_waits_a_fixed_time():
    found = {
        _relative(path): findings
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if (findings := fixed_waits(path.read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.mark.parametrize(
    "source",
    [
        "time.sleep(0.5)",
        "from time import sleep\nsleep(1)",
        "page.wait_for_timeout(500)",
        "async def f():\n    await asyncio.sleep(1)",
    ],
)
def test_the_wait_scan_finds_a_fixed_wait(source):
    assert fixed_waits(source) != []


@pytest.mark.parametrize(
    "source",
    [
        'cursor.execute("SELECT pg_sleep(10)")',
        'expect(page.locator("body[data-settled]")).to_have_count(1)',
        'page.wait_for_load_state("networkidle")',
    ],
)
def test_the_wait_scan_leaves_waits_for_a_condition_alone(source):
    assert fixed_waits(source) == []
