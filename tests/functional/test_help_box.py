"""The help box is the same on every page for the same person (WCAG 3.2.6 Consistent Help)."""

from tests.conftest import app_variant
from tests.helpers import csrf_token, login, soup

PAGES = ("/", "/plan", "/hjaelp", "/ordforklaring", "/tilgaengelighed", "/log")


def _help_box(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return str(soup(response).select_one(".help-box"))


def _boxes(client, paths=PAGES) -> dict[str, str]:
    return {path: _help_box(client, path) for path in paths}


def test_a_citizen_sees_their_own_caseworker_on_every_page(client):
    login(client, "demo-hanne")
    boxes = _boxes(client)
    assert len(set(boxes.values())) == 1, boxes
    box = boxes["/hjaelp"]
    assert "Anders Mikkelsen" in box and "72 34 56 10" in box and "Jobcenter" not in box


def test_a_delegate_sees_the_caseworker_of_the_citizen_they_act_for(client, demo_data):
    login(client, "demo-mads")
    page = client.get("/")
    response = client.post(
        "/fuldmagt/handl-for",
        data={"csrf_token": csrf_token(page), "citizen_id": demo_data["Hanne"]},
    )
    assert response.status_code == 302
    boxes = _boxes(client, ("/", "/plan", "/hjaelp", "/ordforklaring"))
    assert len(set(boxes.values())) == 1, boxes
    assert "Anders Mikkelsen" in boxes["/hjaelp"]


def test_without_a_caseworker_the_job_centre_from_the_settings(database_url, demo_data):
    other = {"ORG_JOBCENTER": "Jobcenter Nordby", "ORG_PHONE": "99 88 77 66"}
    with app_variant(database_url, **other, ORG_HOURS="Hverdage 8–14") as app:
        anonymous = app.test_client()
        relative = app.test_client()
        login(relative, "demo-birgit")
        for client, paths in (
            (anonymous, ("/hjaelp", "/ordforklaring", "/tilgaengelighed", "/log-ind")),
            (relative, ("/", "/hjaelp", "/ordforklaring", "/tilgaengelighed")),
        ):
            boxes = _boxes(client, paths)
            assert len(set(boxes.values())) == 1, boxes
            box = next(iter(boxes.values()))
            assert "Jobcenter Nordby" in box and "99 88 77 66" in box and "Hverdage 8–14" in box
