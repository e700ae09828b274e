"""The project's own admin text (model names, field labels, help texts) in Dari under
/fa/admin/ and in Pashto under /ps/admin/, from locale/; the English admin unchanged."""

import pytest

from tests.responses import page

pytestmark = pytest.mark.django_db

ADD_EVENT = "/admin/events/event/add/"

# What the event's add form shows: its heading (Django's "Add %s" with the model's name),
# the labels of its type, place and key-event fields, and the key-event field's help text.
SHOWN = {
    "": {
        "heading": "Add event",
        "type": "Type:",
        "place": "Place:",
        "is_key": "Key event",
        "is_key_help": "A turning point, given prominence on the timeline.",
    },
    "fa": {
        "heading": "اضافه کردن رویداد",
        "type": "نوع:",
        "place": "مکان:",
        "is_key": "رویداد کلیدی",
        "is_key_help": "یک نقطه عطف، که در گاه‌شمار برجسته نشان داده می‌شود.",
    },
    "ps": {
        "heading": "پېښه اضافه کول",
        "type": "ډول:",
        "place": "ځای:",
        "is_key": "مهمه پېښه",
        "is_key_help": "یو د بدلون ټکی، چې په مهالویش کې په ځانګړې توګه ښودل کېږي.",
    },
}


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-1x9q")
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", SHOWN, ids=lambda code: code or "en")
def test_the_event_form_speaks_the_admins_language(editor, language):
    prefix = f"/{language}" if language else ""
    response = editor.get(prefix + ADD_EVENT)
    assert response.status_code == 200
    html = page(response)
    expected = SHOWN[language]
    assert html.select_one("#content h1").get_text(strip=True) == expected["heading"]
    for field in ("type", "place", "is_key"):
        label = html.select_one(f"label[for=id_{field}]")
        assert label.get_text(strip=True) == expected[field]
    help_text = html.select_one("#id_is_key_helptext").get_text(strip=True)
    assert help_text == expected["is_key_help"]


@pytest.mark.parametrize(
    ("language", "title", "section"),
    [
        ("fa", "مدیریت محتوای Peacetracker", "گاه‌شمار"),
        ("ps", "د Peacetracker د منځپانګې سمون", "مهالویش"),
    ],
)
def test_the_admin_index_names_the_site_and_models_in_the_language(
    editor, language, title, section
):
    html = page(editor.get(f"/{language}/admin/"))
    assert html.select_one("#site-name").get_text(strip=True) == title
    captions = [caption.get_text(strip=True) for caption in html.select("caption")]
    assert section in captions
    english = {"Events", "Actors", "Places", "Sources", "Timeline"}
    rows = {row.get_text(strip=True) for row in html.select("th[scope=row]")}
    assert not rows & english
