"""The caseworker links an outcome to the efforts it is about; one linked to a sensitive effort is
not shown to a delegate without health and social data, even when its text names no effort.
A tampered or another citizen's effort id is refused and nothing is saved."""

from sqlalchemy import func, select

from portal.models import Effort, Outcome, OutcomeEffort, Plan
from tests.functional.delegation_support import act_for
from tests.functional.test_outcomes_staff import FORM
from tests.helpers import check_page, csrf_token, login, soup

PSYCHOLOGIST = "Samtaler med psykolog"


def _effort(read_db, citizen_id, title):
    return read_db(
        lambda s: s.scalar(
            select(Effort.id)
            .join(Plan, Plan.id == Effort.plan_id)
            .where(Plan.citizen_id == citizen_id, Effort.title == title)
        )
    )


def _outcomes(read_db, citizen_id):
    return read_db(
        lambda s: s.scalar(
            select(func.count()).select_from(Outcome).where(Outcome.citizen_id == citizen_id)
        )
    )


def _publish(client, hanne, outcome_id):
    show = client.get(f"/medarbejder/borger/{hanne}/resultater/{outcome_id}")
    version_id = soup(show).find("input", attrs={"name": "version_id"})["value"]
    return client.post(
        f"/medarbejder/borger/{hanne}/resultater/{outcome_id}/udgiv",
        data={"csrf_token": csrf_token(show), "version_id": version_id, "confirm_hard_text": "y"},
    )


def test_a_linked_sensitive_outcome_is_hidden_from_a_see_only_delegate(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    psych = _effort(read_db, hanne, PSYCHOLOGIST)
    login(client, "demo-anders")
    url = f"/medarbejder/borger/{hanne}/resultater/ny"
    page = check_page(client.get(url))
    box = page.find("input", attrs={"name": "efforts", "value": str(psych)})
    assert box is not None
    assert "Helbred eller sociale forhold" in box.find_parent("div").get_text(" ")
    token = csrf_token(client.get(url))
    data = {**FORM, "csrf_token": token, "action": "save", "efforts": [str(psych)]}
    saved = client.post(url, data=data)
    assert saved.status_code == 302
    outcome_id = read_db(
        lambda s: s.scalar(
            select(Outcome.id).where(Outcome.citizen_id == hanne).order_by(Outcome.id.desc())
        )
    )
    links = read_db(
        lambda s: list(
            s.scalars(select(OutcomeEffort.effort_id).where(OutcomeEffort.outcome_id == outcome_id))
        )
    )
    assert links == [psych]
    # The draft's page lists the link and does not offer it again.
    edit = check_page(client.get(f"/medarbejder/borger/{hanne}/resultater/{outcome_id}/kladde"))
    assert f"Resultatet handler om: {PSYCHOLOGIST}." in edit.get_text(" ")
    assert edit.find("input", attrs={"name": "efforts", "value": str(psych)}) is None
    assert _publish(client, hanne, outcome_id).status_code == 302

    login(client, "demo-mads")  # se + booke: no health and social data
    act_for(client, hanne)
    assert client.get(f"/resultater/{outcome_id}").status_code == 404
    listed = check_page(client.get("/resultater")).get_text(" ")
    assert "Du får et fleksjob" not in listed
    login(client, "demo-hanne")
    assert "Du får et fleksjob" in check_page(client.get("/resultater")).get_text(" ")


def test_a_tampered_or_foreign_effort_id_is_refused_and_nothing_saved(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    jens_effort = read_db(
        lambda s: s.scalar(
            select(Effort.id)
            .join(Plan, Plan.id == Effort.plan_id)
            .where(Plan.citizen_id == demo_data["Jens"])
        )
    )
    login(client, "demo-anders")
    url = f"/medarbejder/borger/{hanne}/resultater/ny"
    before = _outcomes(read_db, hanne)
    for bad in (str(jens_effort), "abc", "99999999"):
        page = client.get(url)
        data = {**FORM, "csrf_token": csrf_token(page), "action": "save", "efforts": [bad]}
        response = client.post(url, data=data)
        assert response.status_code == 400, bad
        errors = check_page(response).select_one(".error-summary").get_text(" ")
        assert "Vælg blandt indsatserne i borgerens plan." in errors
    assert _outcomes(read_db, hanne) == before
