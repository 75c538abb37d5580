"""The appeal deadline on the citizen's page moves off a closed day, and the page says so."""

from datetime import date

from portal.models import Outcome
from tests.functional.test_outcomes_staff import FORM
from tests.helpers import check_page, csrf_token, date_fields, login, soup


def _publish_decision(client, read_db, citizen_id, decision_date):
    url = f"/medarbejder/borger/{citizen_id}/resultater/ny"
    data = {**FORM, **date_fields("decision_date", decision_date), "action": "save"}
    data["csrf_token"] = csrf_token(client.get(url))
    assert client.post(url, data=data).status_code == 302
    outcome_id = read_db(
        lambda s: s.query(Outcome).filter_by(citizen_id=citizen_id).order_by(Outcome.id).all()
    )[-1].id
    show = client.get(f"/medarbejder/borger/{citizen_id}/resultater/{outcome_id}")
    published = client.post(
        f"/medarbejder/borger/{citizen_id}/resultater/{outcome_id}/udgiv",
        data={
            "csrf_token": csrf_token(show),
            "version_id": soup(show).find("input", attrs={"name": "version_id"})["value"],
        },
    )
    assert published.status_code == 302
    return outcome_id


def test_a_period_ending_on_easter_saturday_moves_to_the_tuesday(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    # Received Saturday 7 March 2026: four weeks end Saturday 4 April, Easter weekend and
    # Easter Monday follow, so the deadline is Tuesday 7 April.
    outcome_id = _publish_decision(client, read_db, sofie, date(2026, 3, 7))
    login(client, "demo-sofie")
    text = check_page(client.get(f"/resultater/{outcome_id}")).get_text(" ", strip=True)
    assert "Din klage skal være sendt senest tirsdag 7. april 2026" in text
    assert "Perioden slutter lørdag 4. april 2026" in text
    assert "flyttet til den næste arbejdsdag" in text


def test_a_period_ending_on_a_working_day_says_nothing_about_moving(client, read_db, demo_data):
    sofie = demo_data["Sofie"]
    login(client, "demo-anders")
    outcome_id = _publish_decision(client, read_db, sofie, date(2026, 3, 2))
    login(client, "demo-sofie")
    text = check_page(client.get(f"/resultater/{outcome_id}")).get_text(" ", strip=True)
    assert "senest mandag 30. marts 2026" in text
    assert "flyttet til den næste arbejdsdag" not in text
