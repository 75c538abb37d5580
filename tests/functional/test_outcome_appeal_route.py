"""The caseworker can name another place to appeal on a decision (when the appeal does not go to
the municipality's usual address): the form validates it, the draft preview and the citizen's
"Sådan klager du" show it instead of the organisation's address, and bad values change nothing."""

from __future__ import annotations

from portal.models import Outcome
from portal.org import DEMO
from tests.functional.test_outcomes_staff import FORM
from tests.helpers import check_page, csrf_token, login, soup

ROUTE = "Klagecenter Nord\nNordvej 2, 9998 Nordby\nDigital Post til Klagecenter Nord"


def _post(client, citizen_id, route):
    url = f"/medarbejder/borger/{citizen_id}/resultater/ny"
    token = csrf_token(client.get(url))
    return client.post(
        url, data={**FORM, "appeal_route": route, "csrf_token": token, "action": "save"}
    )


def test_the_form_offers_the_field_for_a_decision(client, demo_data):
    login(client, "demo-anders")
    page = check_page(client.get(f"/medarbejder/borger/{demo_data['Sofie']}/resultater/ny"))
    field = page.find("textarea", attrs={"name": "appeal_route"})
    assert field is not None
    label = page.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert label.startswith("Hvor sendes klagen hen?")
    hint = page.find(id=field["aria-describedby"].split()[0]).get_text(" ", strip=True)
    assert DEMO.name in hint and DEMO.appeal_channel in hint  # what happens when left empty


def test_another_place_to_appeal_reaches_the_citizen(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    saved = _post(client, sofie, ROUTE)
    assert saved.status_code == 302
    outcome_id = read_db(lambda s: s.query(Outcome).filter_by(citizen_id=sofie).one().id)
    assert read_db(lambda s: s.get(Outcome, outcome_id).versions[-1].appeal_route) == ROUTE
    shown = client.get(saved.headers["Location"])
    draft = check_page(shown)
    preview = draft.select_one(".preview-box .appeal-steps").get_text(" ", strip=True)
    assert "Nordvej 2, 9998 Nordby" in preview and DEMO.appeal_address not in preview
    version_id = draft.find("input", attrs={"name": "version_id"})["value"]
    published = client.post(
        f"/medarbejder/borger/{sofie}/resultater/{outcome_id}/udgiv",
        data={"csrf_token": csrf_token(shown), "version_id": version_id},
    )
    assert published.status_code == 302
    login(client, "demo-sofie")
    page = check_page(client.get(f"/resultater/{outcome_id}"))
    steps = page.select_one(".appeal-steps")
    lines = [p.get_text(strip=True) for p in steps.select("li:first-child p")]
    assert lines == ["Send din klage her:", *ROUTE.splitlines()]
    assert DEMO.appeal_address not in steps.get_text()
    english = check_page(client.get(f"/resultater/{outcome_id}?lang=en"))
    assert all(p["lang"] == "da" for p in english.select(".appeal-steps li:first-child p")[1:])


def test_a_too_short_or_too_long_place_is_refused_and_nothing_is_saved(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    for route, message in (
        ("Nordby", "Skriv hele adressen og den digitale vej, eller lad feltet stå tomt."),
        ("x" * 3001, "Teksten er for lang. Gør den kortere."),
    ):
        refused = _post(client, sofie, route)
        assert refused.status_code == 400
        page = soup(refused)
        field = page.find("textarea", attrs={"name": "appeal_route"})
        assert (
            field["aria-invalid"] == "true" and field.get_text().strip() == route
        )  # kept as typed
        assert message in page.select_one(".form-error-message").get_text()
        assert page.title.get_text().startswith("Fejl:")
    assert read_db(lambda s: s.query(Outcome).filter_by(citizen_id=sofie).count()) == 0
    # Left empty, the usual place applies.
    assert _post(client, sofie, "   ").status_code == 302
    assert (
        read_db(
            lambda s: s.query(Outcome).filter_by(citizen_id=sofie).one().versions[-1].appeal_route
        )
        is None
    )
