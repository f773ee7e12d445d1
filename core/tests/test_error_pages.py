import pytest

pytestmark = pytest.mark.django_db


def test_unknown_page_gets_the_site_404_with_a_way_back(client, settings):
    settings.DEBUG = False

    response = client.get("/personas/no-such-persona/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "not shared with you" in page
    assert 'href="/personas/"' in page


def test_api_404_is_json_not_html(client):
    response = client.get("/api/v1/personas/999999/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
