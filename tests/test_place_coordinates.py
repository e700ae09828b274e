"""The place admin checks a place's point against the outline of its country: outside it, the
editor is warned and the place saved all the same."""

from decimal import Decimal

import pytest

from events.geo.coordinates import check_coordinates
from events.models import Place
from tests.factories import PlaceFactory
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db


def save(admin_client, place: Place | None = None, **fields):
    """The place form, filled in and saved (a new place unless `place` is given); the page
    the editor lands on, with its messages."""
    data = {"name": "Kabul", "slug": "kabul", "country": "Afghanistan"}
    data.update({name: "" if value is None else str(value) for name, value in fields.items()})
    address = f"/admin/events/place/{place.pk}/change/" if place else "/admin/events/place/add/"
    response = admin_client.post(address, data, follow=True)
    assert response.status_code == 200
    return response


def warnings(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_a_point_inside_its_country_saves_without_a_warning(admin_client):
    response = save(admin_client, latitude="34.52813", longitude="69.17233")
    assert warnings(response) == []
    assert Place.objects.get(slug="kabul").latitude == Decimal("34.52813")


def test_a_point_outside_its_country_is_saved_with_a_warning(admin_client):
    response = save(admin_client, country="Qatar", latitude="34.52813", longitude="69.17233")
    [warning] = warnings(response)
    assert warning.startswith("The coordinates of Kabul (34.52813, 69.17233) lie about ")
    assert "km outside Qatar, in Afghanistan." in warning
    assert warning.endswith("The place was saved as it is.")
    assert Place.objects.get(slug="kabul").country == "Qatar"
    # And it is said where the editor sees it after saving: the list of places.
    assert response.redirect_chain[-1][0] == "/admin/events/place/"


def test_swapped_coordinates_are_named_as_such(admin_client):
    response = save(admin_client, latitude="69.17233", longitude="34.52813")
    [warning] = warnings(response)
    assert "With the two swapped, the point would lie in Afghanistan." in warning


def test_an_edit_that_moves_a_place_out_of_its_country_is_warned_too(admin_client):
    doha = PlaceFactory(
        name="Doha", slug="doha", country="Qatar", latitude="25.2854", longitude="51.531"
    )
    response = save(
        admin_client,
        doha,
        name="Doha",
        slug="doha",
        country="Qatar",
        latitude="25.2854",
        longitude="-51.531",
    )
    [warning] = warnings(response)
    assert "outside Qatar" in warning
    assert Place.objects.get(pk=doha.pk).longitude == Decimal("-51.531")


def test_a_country_written_another_way_is_found(admin_client):
    response = save(
        admin_client,
        name="Washington",
        slug="washington",
        country="United States",
        latitude="38.89511",
        longitude="-77.03637",
    )
    assert warnings(response) == []


def test_a_country_the_outline_lacks_is_said_to_be_unchecked(admin_client):
    response = save(
        admin_client,
        name="Manama",
        slug="manama",
        country="Bahrain",
        latitude="26.2285",
        longitude="50.5860",
    )
    [warning] = warnings(response)
    assert warning.startswith("“Bahrain” is not a country of the world outline")
    assert "were not checked" in warning


def test_a_place_without_coordinates_or_country_is_not_checked(admin_client):
    assert warnings(save(admin_client)) == []
    nowhere = save(admin_client, name="Atoll", slug="atoll", country="", latitude=1, longitude=1)
    assert warnings(nowhere) == []
    assert Place.objects.filter(slug="atoll").exists()


def test_every_seeded_place_lies_in_its_country():
    for slug, place in SEEDS.places.items():
        if place.get("latitude") is None:
            continue
        check = check_coordinates(
            country=place["country"], latitude=place["latitude"], longitude=place["longitude"]
        )
        assert check is not None and check.country is not None, slug
        assert not check.outside, (slug, check.distance_km)
