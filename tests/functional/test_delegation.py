"""Fuldmagt pages for the citizen: give, change and revoke, and every refusal around them."""

from datetime import timedelta

from sqlalchemy import func, select

from portal import clock
from portal.models import AuditEvent, Fuldmagt, FuldmagtEvent
from tests.functional.delegation_support import (
    fuldmagt_counts,
    fuldmagt_of,
    text_of,
)
from tests.helpers import check_page, csrf_token, date_fields, login

BIRGIT = {"holder_name": "Birgit Holm", "holder_identifier": "990101-3002"}
NOT_FOUND = "Vi kan ikke give en fuldmagt til en person med det navn og det nummer."


def test_fuldmagt_pages_for_the_citizen(client, read_db, demo_data):
    login(client, "demo-hanne")
    page = check_page(client.get("/fuldmagt"))
    text = page.select_one("main").get_text(" ", strip=True)
    assert "Mads Sørensen" in text and "se, booke" in text
    assert "Kun du kan give samtykke til et virtuelt møde" in text
    mads = fuldmagt_of(read_db, demo_data["Mads"])
    check_page(client.get("/fuldmagt/ny"))
    check_page(client.get(f"/fuldmagt/{mads}/aendr"))
    check_page(client.get(f"/fuldmagt/{mads}/tilbagekald"))
    english = check_page(client.get("/fuldmagt?lang=en"))
    assert english.h1.get_text(strip=True) == "Power of attorney"


def test_grant_with_bad_input_keeps_what_was_typed_and_changes_nothing(client, read_db, demo_data):
    login(client, "demo-hanne")
    before = fuldmagt_counts(read_db)
    form = client.get("/fuldmagt/ny")
    response = client.post(
        "/fuldmagt/ny",
        data={
            "csrf_token": csrf_token(form),
            **BIRGIT,
            **date_fields("ends_on", ("31", "02", "x")),
        },
    )
    assert response.status_code == 400
    page = check_page(response)
    errors = [li.get_text(strip=True) for li in page.select(".error-summary li")]
    assert "Vælg mindst én ting, personen må gøre for dig." in errors
    assert "Skriv datoen med tal, fx 27 3 2026." in errors
    typed = {i["name"]: i["value"] for i in page.select("input[name^=ends_on-]")}
    assert typed == {"ends_on-day": "31", "ends_on-month": "02", "ends_on-year": "x"}
    assert page.find("input", attrs={"name": "holder_name"})["value"] == "Birgit Holm"
    assert page.find("input", attrs={"name": "holder_identifier"})["value"] == "990101-3002"
    too_far = date_fields("ends_on", clock.today() + timedelta(days=400))
    for data, message in [
        ({"holder_name": "Birgit Holm", "holder_identifier": "abc", "scopes": "se"}, NOT_FOUND),
        # A real person with a wrong name, a wrong number, or a citizen: the same calm answer.
        ({"holder_name": "Birgit Hansen", "holder_identifier": "9901013002"}, NOT_FOUND),
        ({"holder_name": "Birgit Holm", "holder_identifier": "9901013009"}, NOT_FOUND),
        ({"holder_name": "Lærke Nielsen", "holder_identifier": "990101-1002"}, NOT_FOUND),
        ({**BIRGIT, "scopes": "se", **too_far}, "højst gælde 12 måneder"),
        ({**BIRGIT, "scopes": "samtykke", **too_far}, "Vælg kun blandt"),
        ({**BIRGIT, "scopes": "helbred", **too_far}, "kun vælges sammen med"),
        (
            {
                "holder_name": "mads  sørensen",
                "holder_identifier": "990101 3001",
                "scopes": "se",
                **date_fields("ends_on", clock.today()),
            },
            "allerede en fuldmagt",
        ),
    ]:
        data = {"scopes": "se", **date_fields("ends_on", clock.today()), **data}
        response = client.post("/fuldmagt/ny", data={"csrf_token": csrf_token(form), **data})
        assert response.status_code == 400
        assert message in text_of(check_page(response) and response, ".error-summary")
    assert fuldmagt_counts(read_db) == before


def test_grant_change_and_revoke(client, read_db, demo_data):
    login(client, "demo-hanne")
    form = client.get("/fuldmagt/ny")
    ends = date_fields("ends_on", clock.today() + timedelta(days=90))
    terms = {"csrf_token": csrf_token(form), **BIRGIT, "scopes": ["se", "booke"], **ends}
    check = client.post("/fuldmagt/ny", data=terms)
    assert check.status_code == 200  # the check page: nothing given yet
    assert read_db(lambda s: s.scalar(select(func.count()).select_from(Fuldmagt))) == 2
    said = text_of(check)
    assert "Birgit kan: se din plan, dit møde, dine samtaler og dine resultater" in said
    assert "Birgit kan ikke: se dine indsatser om helbred og sociale forhold" in said
    assert "Birgit kan altså ikke se: " in said and "Samtaler med psykolog" in said
    again = client.post("/fuldmagt/ny", data={**terms, "ret": "1"})  # back to the form, filled in
    assert again.status_code == 200
    assert check_page(again).find("input", attrs={"name": "holder_name"})["value"] == "Birgit Holm"
    response = client.post("/fuldmagt/ny", data={**terms, "bekraeft": "1"})
    assert response.status_code == 302 and "udfoert=granted" in response.location
    page = check_page(client.get(response.location))
    panel = page.select_one(".confirmation-panel").get_text(" ", strip=True)
    assert "Fuldmagten er givet" in panel and "Kvittering" in panel and "Birgit Holm" in panel
    birgit_for_hanne = read_db(
        lambda s: s.scalar(
            select(Fuldmagt.id).where(
                Fuldmagt.holder_id == demo_data["Birgit"], Fuldmagt.citizen_id == demo_data["Hanne"]
            )
        )
    )
    shorter = date_fields("ends_on", clock.today() + timedelta(days=10))
    change = {"csrf_token": csrf_token(form), "scopes": ["se", "helbred"], **shorter}
    check = client.post(f"/fuldmagt/{birgit_for_hanne}/aendr", data=change)
    assert check.status_code == 200
    can = text_of(check, "ul[aria-labelledby=can-heading]")
    assert "se dine indsatser om helbred og sociale forhold" in can
    assert "Samtaler med psykolog" not in text_of(check)  # nothing hidden any more
    assert read_db(lambda s: s.get(Fuldmagt, birgit_for_hanne).scopes) == "booke,se"  # not yet
    response = client.post(f"/fuldmagt/{birgit_for_hanne}/aendr", data={**change, "bekraeft": "1"})
    assert response.status_code == 302
    response = client.post(
        f"/fuldmagt/{birgit_for_hanne}/tilbagekald", data={"csrf_token": csrf_token(form)}
    )
    assert response.location.endswith("udfoert=revoked")
    again = client.post(
        f"/fuldmagt/{birgit_for_hanne}/tilbagekald", data={"csrf_token": csrf_token(form)}
    )
    assert again.status_code == 302  # a double click: nothing more happens
    kinds = read_db(
        lambda s: [
            e.kind
            for e in s.scalars(
                select(FuldmagtEvent).where(FuldmagtEvent.fuldmagt_id == birgit_for_hanne)
            )
        ]
    )
    assert kinds == ["granted", "changed", "revoked"]
    history = text_of(client.get("/fuldmagt"), ".fuldmagt-history")
    assert "Du tilbagekaldte fuldmagten til Birgit Holm." in history


def test_another_citizens_fuldmagt_is_not_found_and_audited(client, read_db, demo_data):
    gittes = fuldmagt_of(read_db, demo_data["Birgit"])
    login(client, "demo-hanne")
    token = csrf_token(client.get("/log-ud"))
    before = fuldmagt_counts(read_db)
    assert client.get(f"/fuldmagt/{gittes}/aendr").status_code == 404
    assert (
        client.post(f"/fuldmagt/{gittes}/tilbagekald", data={"csrf_token": token}).status_code
        == 404
    )
    assert fuldmagt_counts(read_db) == before
    details = read_db(
        lambda s: list(s.scalars(select(AuditEvent.detail).where(AuditEvent.outcome == "refused")))
    )
    assert details == ["not_found:fuldmagt"] * 2


def test_refused_fuldmagt_forms_leave_one_refused_audit_row(client, read_db, demo_data):
    from portal.models import AuditEvent

    refused = lambda s: s.scalar(  # noqa: E731
        select(func.count()).select_from(AuditEvent).where(AuditEvent.outcome == "refused")
    )
    before = read_db(refused), fuldmagt_counts(read_db)
    login(client, "demo-hanne")
    page = client.get("/fuldmagt/ny")
    response = client.post("/fuldmagt/ny", data={"csrf_token": csrf_token(page), **BIRGIT})
    assert response.status_code == 400  # no scope, no end date
    assert read_db(refused) == before[0] + 1
    assert fuldmagt_counts(read_db) == before[1]
