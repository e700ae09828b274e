"""The Dari and Pashto catalogues (locale/): every message translated, placeholders kept,
and the compiled .mo files that Django reads saying what the .po files say."""

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ["fa", "ps"]
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def entries(language: str, *, locale: Path = LOCALE) -> list[dict]:
    """The catalogue's entries (in `locale`, ours by default): msgctxt, msgid, msgid_plural,
    msgstr (or msgstr[n]), and flags."""
    found, entry, key = [], {"flags": ""}, None
    for line in (locale / language / "LC_MESSAGES" / "django.po").read_text("utf-8").splitlines():
        if not line.strip():
            if "msgid" in entry:
                found.append(entry)
            entry, key = {"flags": ""}, None
        elif line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    if "msgid" in entry:
        found.append(entry)
    return [e for e in found if e["msgid"]]  # not the header


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_a_guess(language):
    catalogue = entries(language)
    assert len(catalogue) > 200
    untranslated = [
        e["msgid"]
        for e in catalogue
        if not all(value for key, value in e.items() if key.startswith("msgstr"))
    ]
    assert untranslated == []
    assert [e["msgid"] for e in catalogue if "fuzzy" in e["flags"]] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    def tokens(text: str) -> list[str]:
        return sorted(_PLACEHOLDER.findall(text))

    wrong = []
    for e in entries(language):
        if "msgid_plural" not in e:
            if tokens(e["msgstr"]) != tokens(e["msgid"]):
                wrong.append(e["msgid"])
            continue
        if tokens(e["msgstr[1]"]) != tokens(e["msgid_plural"]):
            wrong.append(e["msgid_plural"])
        # A singular keeps what its English singular writes, and may write the count that
        # only the English plural does ("One event" may be "۱ رویداد"), nothing else.
        singular = set(tokens(e["msgstr[0]"]))
        if (
            not set(tokens(e["msgid"]))
            <= singular
            <= set(tokens(e["msgid_plural"])) | set(tokens(e["msgid"]))
        ):
            wrong.append(e["msgid"])
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_says_what_the_source_says(language):
    compiled = LOCALE / language / "LC_MESSAGES" / "django.mo"
    with compiled.open("rb") as mo:
        translations = gettext.GNUTranslations(mo)
    stale = []
    for e in entries(language):
        if "msgid_plural" in e:
            if translations.ngettext(e["msgid"], e["msgid_plural"], 1) != e["msgstr[0]"]:
                stale.append(e["msgid"])
        elif "msgctxt" in e:
            if translations.pgettext(e["msgctxt"], e["msgid"]) != e["msgstr"]:
                stale.append(e["msgid"])
        elif translations.gettext(e["msgid"]) != e["msgstr"]:
            stale.append(e["msgid"])
    assert stale == [], "run: msgfmt -o locale/LANG/LC_MESSAGES/django.mo …/django.po"
