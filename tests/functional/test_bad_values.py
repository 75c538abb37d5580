"""Values no form offers (huge ids, odd digits, control characters) get a calm answer, never 500."""

from datetime import date

from tests.helpers import check_page, csrf_token, date_fields, login

HUGE = "99999999999999999999"


def test_huge_ids_in_urls_are_not_found(client):
    login(client, "demo-hanne")
    for path in (
        f"/plan/indsats/{HUGE}",
        f"/moede/kvittering/{HUGE}",
        f"/resultater/{HUGE}",
        f"/samtaler/{HUGE}",
        f"/fuldmagt/{HUGE}/aendr",
        "/plan/indsats/2147483648",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        check_page(response)


def test_huge_ids_in_forms_are_not_found(client):
    login(client, "demo-hanne")
    page = client.get("/moede")
    response = client.post(
        "/moede/samtykke",
        data={"csrf_token": csrf_token(page), "meeting_id": HUGE, "choice": "give"},
    )
    assert response.status_code == 404
    page = client.get("/fuldmagt/ny")
    response = client.post(
        "/fuldmagt/ny",
        data={
            "csrf_token": csrf_token(page),
            "holder_name": "Birgit Holm",
            "holder_identifier": HUGE,
            "scopes": "se",
            **date_fields("ends_on", date(2030, 1, 1)),
        },
    )
    assert response.status_code in (400, 404)


def test_odd_digits_in_query_and_forms(client, demo_data):
    login(client, "demo-hanne")
    assert client.get("/log?side=%C2%B2").status_code == 200
    login(client, "demo-anders")
    page = client.get(f"/medarbejder/borger/{demo_data['Hanne']}")
    response = client.post(
        f"/medarbejder/borger/{demo_data['Hanne']}/forhaandsvis",
        data={"csrf_token": csrf_token(page), "som": "²"},
    )
    assert response.status_code == 404


def test_control_characters_in_next_are_ignored(client):
    page = client.get("/log-ind")
    response = client.post(
        "/log-ind",
        data={
            "csrf_token": csrf_token(page),
            "subject": "demo-hanne",
            "next": "/\r\nSet-Cookie: x=1",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_language_links_ignore_url_for_options(client):
    page = check_page(client.get("/hjaelp?_external=1&_anchor=x"))
    href = page.select_one(".language-links a")["href"]
    assert href.startswith("/hjaelp?") and "#" not in href and "_external" not in href
