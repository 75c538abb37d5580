"""Fuldmagt pages, acting on behalf of someone, the caseworker's preview and the access log."""

from datetime import timedelta

from sqlalchemy import func, select

from portal import clock
from portal.models import AuditEvent, Fuldmagt, FuldmagtEvent
from portal.services import audit
from tests.helpers import check_page, csrf_token, date_fields, login, soup


def _fuldmagt_of(read_db, holder_id):
    return read_db(lambda s: s.scalar(select(Fuldmagt.id).where(Fuldmagt.holder_id == holder_id)))


def _counts(read_db):
    return read_db(
        lambda s: (
            s.scalar(select(func.count()).select_from(Fuldmagt)),
            s.scalar(select(func.count()).select_from(FuldmagtEvent)),
        )
    )


def _text(response, selector="main"):
    return soup(response).select_one(selector).get_text(" ", strip=True)


def test_fuldmagt_pages_for_the_citizen(client, read_db, demo_data):
    login(client, "demo-hanne")
    page = check_page(client.get("/fuldmagt"))
    text = page.select_one("main").get_text(" ", strip=True)
    assert "Mads Sørensen" in text and "se, booke" in text
    assert "Kun du kan give samtykke til et virtuelt møde" in text
    mads = _fuldmagt_of(read_db, demo_data["Mads"])
    check_page(client.get("/fuldmagt/ny"))
    check_page(client.get(f"/fuldmagt/{mads}/aendr"))
    check_page(client.get(f"/fuldmagt/{mads}/tilbagekald"))
    english = check_page(client.get("/fuldmagt?lang=en"))
    assert english.h1.get_text(strip=True) == "Power of attorney"


def test_grant_with_bad_input_keeps_what_was_typed_and_changes_nothing(client, read_db, demo_data):
    login(client, "demo-hanne")
    before = _counts(read_db)
    form = client.get("/fuldmagt/ny")
    response = client.post(
        "/fuldmagt/ny",
        data={
            "csrf_token": csrf_token(form),
            "holder": demo_data["Birgit"],
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
    assert page.find("input", attrs={"name": "holder", "value": str(demo_data["Birgit"])}).has_attr(
        "checked"
    )
    too_far = date_fields("ends_on", clock.today() + timedelta(days=400))
    for data, message in [
        ({"holder": "abc", "scopes": "se", **too_far}, "Vælg en af personerne på listen."),
        (
            {"holder": demo_data["Lærke"], "scopes": "se", **too_far},
            "Vælg en af personerne",
        ),
        (
            {"holder": demo_data["Birgit"], "scopes": "se", **too_far},
            "højst gælde 12 måneder",
        ),
        (
            {"holder": demo_data["Birgit"], "scopes": "samtykke", **too_far},
            "Vælg kun blandt",
        ),
        (
            {"holder": demo_data["Mads"], "scopes": "se", **date_fields("ends_on", clock.today())},
            "allerede en fuldmagt",
        ),
    ]:
        response = client.post("/fuldmagt/ny", data={"csrf_token": csrf_token(form), **data})
        assert response.status_code == 400
        assert message in _text(check_page(response) and response, ".error-summary")
    assert _counts(read_db) == before


def test_grant_change_and_revoke(client, read_db, demo_data):
    login(client, "demo-hanne")
    form = client.get("/fuldmagt/ny")
    ends = date_fields("ends_on", clock.today() + timedelta(days=90))
    response = client.post(
        "/fuldmagt/ny",
        data={
            "csrf_token": csrf_token(form),
            "holder": demo_data["Birgit"],
            "scopes": ["se", "booke"],
            **ends,
        },
    )
    assert response.status_code == 302 and response.location.endswith("/fuldmagt?udfoert=granted")
    page = check_page(client.get(response.location))
    assert "Fuldmagten er givet" in page.select_one(".confirmation-panel").get_text()
    birgit_for_hanne = read_db(
        lambda s: s.scalar(
            select(Fuldmagt.id).where(
                Fuldmagt.holder_id == demo_data["Birgit"], Fuldmagt.citizen_id == demo_data["Hanne"]
            )
        )
    )
    shorter = date_fields("ends_on", clock.today() + timedelta(days=10))
    response = client.post(
        f"/fuldmagt/{birgit_for_hanne}/aendr",
        data={"csrf_token": csrf_token(form), "scopes": ["se"], **shorter},
    )
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
    history = _text(client.get("/fuldmagt"), ".fuldmagt-history")
    assert "Du tilbagekaldte fuldmagten til Birgit Holm." in history


def test_another_citizens_fuldmagt_is_not_found_and_audited(client, read_db, demo_data):
    gittes = _fuldmagt_of(read_db, demo_data["Birgit"])
    login(client, "demo-hanne")
    token = csrf_token(client.get("/log-ud"))
    before = _counts(read_db)
    assert client.get(f"/fuldmagt/{gittes}/aendr").status_code == 404
    assert (
        client.post(f"/fuldmagt/{gittes}/tilbagekald", data={"csrf_token": token}).status_code
        == 404
    )
    assert _counts(read_db) == before
    details = read_db(
        lambda s: list(s.scalars(select(AuditEvent.detail).where(AuditEvent.outcome == "refused")))
    )
    assert details == ["fuldmagt_not_given_by_citizen"] * 2


def _grant_birgit_for_hanne(read_db, demo_data, scope: str) -> None:
    from portal.services import delegation

    def give(session):
        delegation.grant(
            session,
            citizen_id=demo_data["Hanne"],
            holder_id=demo_data["Birgit"],
            scopes=[scope],
            ends_on=clock.today(),
            today=clock.today(),
            now=clock.now(),
        )
        session.commit()

    read_db(give)


def _act_for(client, citizen_id):
    start = client.get("/")
    return client.post(
        "/fuldmagt/handl-for", data={"csrf_token": csrf_token(start), "citizen_id": citizen_id}
    )


def test_delegate_acts_for_the_citizen_within_the_scope(client, read_db, demo_data):
    login(client, "demo-mads")
    start = check_page(client.get("/"))
    assert "Hanne Sørensen" in start.select_one(".fuldmagt-list").get_text()
    assert _act_for(client, demo_data["Hanne"]).status_code == 302
    home = check_page(client.get("/"))
    assert "Du handler på vegne af Hanne Sørensen." in home.select_one("#acting-banner").get_text()
    assert "Anders Mikkelsen" in home.select_one(".help-box").get_text()  # Hanne's caseworker
    nav = home.select_one("nav.main-nav").get_text(" ", strip=True)
    assert "Min plan" in nav and "Fuldmagt" not in nav and "Hvem har set" not in nav
    plan = check_page(client.get("/plan"))
    assert "Fysioterapi for skulderen" in plan.get_text()
    assert client.get("/fuldmagt").status_code == 403
    assert client.get("/log").status_code == 403
    # Back to their own view.
    response = client.post("/fuldmagt/egen-side", data={"csrf_token": csrf_token(client.get("/"))})
    assert response.status_code == 302
    assert check_page(client.get("/")).h1.get_text(strip=True) == "Hej Mads"


def test_delegate_cannot_act_for_someone_without_a_fuldmagt(client, read_db, demo_data):
    login(client, "demo-mads")
    assert _act_for(client, demo_data["Lærke"]).status_code == 404
    assert _act_for(client, "nonsense").status_code == 404
    assert client.get("/plan").status_code == 403


def test_revocation_takes_effect_on_the_delegates_next_request(app, client, read_db, demo_data):
    login(client, "demo-mads")
    _act_for(client, demo_data["Hanne"])
    assert client.get("/plan").status_code == 200
    hanne = app.test_client()
    login(hanne, "demo-hanne")
    mads = _fuldmagt_of(read_db, demo_data["Mads"])
    hanne.post(
        f"/fuldmagt/{mads}/tilbagekald", data={"csrf_token": csrf_token(hanne.get("/log-ud"))}
    )
    refused = client.get("/plan")
    assert refused.status_code == 403
    page = check_page(refused)
    assert page.h1.get_text(strip=True) == "Din fuldmagt gælder ikke længere"
    assert "Fuldmagten fra Hanne Sørensen er stoppet" in page.get_text()
    assert page.select_one("#acting-banner") is None
    assert check_page(client.get("/")).h1.get_text(strip=True) == "Hej Mads"


def test_holder_gives_up_a_fuldmagt(client, read_db, demo_data):
    mads = _fuldmagt_of(read_db, demo_data["Mads"])
    gittes = _fuldmagt_of(read_db, demo_data["Birgit"])
    login(client, "demo-mads")
    _act_for(client, demo_data["Hanne"])
    check_page(client.get(f"/fuldmagt/modtaget/{mads}/opgiv"))
    assert client.get(f"/fuldmagt/modtaget/{gittes}/opgiv").status_code == 404  # not Mads's
    response = client.post(
        f"/fuldmagt/modtaget/{mads}/opgiv", data={"csrf_token": csrf_token(client.get("/"))}
    )
    assert response.location.endswith("/?udfoert=given_up")
    page = check_page(client.get(response.location))
    assert "Du har opgivet fuldmagten" in page.get_text()
    assert client.get("/plan").status_code == 403
    hanne_history = read_db(
        lambda s: [
            e.kind
            for e in s.scalars(select(FuldmagtEvent).where(FuldmagtEvent.fuldmagt_id == mads))
        ]
    )
    assert hanne_history == ["granted", "given_up"]


def _start_preview(client, citizen_id, som="borger"):
    page = client.get(f"/medarbejder/borger/{citizen_id}")
    return client.post(
        f"/medarbejder/borger/{citizen_id}/forhaandsvis",
        data={"csrf_token": csrf_token(page), "som": som},
    )


def test_caseworker_preview_shows_the_citizens_pages_read_only(client, read_db, demo_data):
    login(client, "demo-anders")
    staff_page = check_page(client.get(f"/medarbejder/borger/{demo_data['Hanne']}"))
    buttons = [b.get_text(strip=True) for b in staff_page.select("main button")]
    assert buttons[0] == "Se som borgeren"
    assert "Se som fuldmagtshaver: Mads Sørensen (må se, booke)" in buttons
    assert _start_preview(client, demo_data["Hanne"]).location.endswith("/")
    home = check_page(client.get("/"))
    banner = home.select_one("#acting-banner").get_text(" ", strip=True)
    assert (
        "Forhåndsvisning – du ser siden som Hanne ser den. Du kan ikke ændre noget her." in banner
    )
    assert home.h1.get_text(strip=True) == "Hej Hanne"
    for path in ("/plan", "/plan/historik", "/fuldmagt", "/log"):
        check_page(client.get(path))
    grant = check_page(client.get("/fuldmagt/ny"))
    button = grant.select_one("main button[type=submit]")
    assert button.get_text(strip=True) == "Giv fuldmagt" and button.has_attr("disabled")


def test_forged_post_in_preview_changes_nothing_and_is_recorded(client, read_db, demo_data):
    mads = _fuldmagt_of(read_db, demo_data["Mads"])
    login(client, "demo-anders")
    _start_preview(client, demo_data["Hanne"])
    before = _counts(read_db)
    token = csrf_token(client.get("/log-ud"))
    response = client.post(f"/fuldmagt/{mads}/tilbagekald", data={"csrf_token": token})
    assert response.status_code == 403
    page = check_page(response)
    assert page.h1.get_text(strip=True) == "Du kan ikke ændre noget i en forhåndsvisning"
    assert _counts(read_db) == before
    refused = read_db(
        lambda s: s.scalar(select(AuditEvent).where(AuditEvent.outcome == "refused")).detail
    )
    assert refused == "read_only_preview"
    # Leaving the preview goes back to the caseworker's page for the citizen.
    response = client.post("/medarbejder/forhaandsvisning/afslut", data={"csrf_token": token})
    assert response.location.endswith(f"/medarbejder/borger/{demo_data['Hanne']}")
    assert client.get("/").location.endswith("/medarbejder")


def test_preview_as_delegate_has_that_delegates_scope(client, read_db, demo_data):
    mads = _fuldmagt_of(read_db, demo_data["Mads"])
    gittes = _fuldmagt_of(read_db, demo_data["Birgit"])
    login(client, "demo-anders")
    assert _start_preview(client, demo_data["Hanne"], som=str(gittes)).status_code == 404
    assert _start_preview(client, demo_data["Hanne"], som="x").status_code == 404
    _start_preview(client, demo_data["Hanne"], som=str(mads))
    home = check_page(client.get("/"))
    assert "som Mads Sørensen ser den med sin fuldmagt fra Hanne" in home.select_one(
        "#acting-banner"
    ).get_text(" ", strip=True)
    assert client.get("/plan").status_code == 200
    assert client.get("/fuldmagt").status_code == 403  # Mads cannot see it either


def test_caseworker_cannot_preview_outside_the_caseload(client, demo_data):
    login(client, "demo-rikke")
    token = csrf_token(client.get("/log-ud"))
    response = client.post(
        f"/medarbejder/borger/{demo_data['Hanne']}/forhaandsvis",
        data={"csrf_token": token, "som": "borger"},
    )
    assert response.status_code == 404
    assert client.get("/plan").status_code == 403


def test_log_shows_who_saw_what_in_plain_danish(app, client, read_db, demo_data):
    delegate = app.test_client()
    login(delegate, "demo-mads")
    _act_for(delegate, demo_data["Hanne"])
    delegate.get("/plan")
    caseworker = app.test_client()
    login(caseworker, "demo-anders")
    _start_preview(caseworker, demo_data["Hanne"])
    caseworker.get("/plan")
    login(client, "demo-hanne")
    client.get("/plan")  # her own visits are not listed
    page = check_page(client.get("/log"))
    lines = [li.get_text(" ", strip=True) for li in page.select(".access-log li")]
    assert "Anders Mikkelsen fra jobcentret har set din plan i en forhåndsvisning." in lines[0]
    assert any(
        "Anders Mikkelsen fra jobcentret har åbnet en forhåndsvisning af dine sider." in x
        for x in lines
    )
    assert any("Mads Sørensen har set din plan på dine vegne." in x for x in lines)
    assert not any("Hanne" in x for x in lines)


def test_log_paginates_hides_old_entries_and_words_unknown_actions(client, read_db, demo_data):
    hanne, mads = demo_data["Hanne"], demo_data["Mads"]

    def add(session):
        now = clock.now()
        for _ in range(25):
            audit.record(
                session, actor_id=mads, actor_role="delegate", citizen_id=hanne, action="plan.view"
            )
        entry = audit.record(
            session, actor_id=mads, actor_role="delegate", citizen_id=hanne, action="future.unknown"
        )
        entry.at = now + timedelta(minutes=1)
        old = audit.record(
            session, actor_id=mads, actor_role="delegate", citizen_id=hanne, action="plan.view"
        )
        old.at = now - timedelta(days=800)
        session.commit()

    read_db(add)
    login(client, "demo-hanne")
    first = check_page(client.get("/log"))
    assert len(first.select(".access-log li")) == 20
    assert "Mads Sørensen har set dine oplysninger på dine vegne." in first.select(
        ".access-log li"
    )[0].get_text(" ", strip=True)
    assert "Side 1 af 2" in first.select_one(".pagination").get_text()
    second = check_page(client.get("/log?side=2"))
    assert len(second.select(".access-log li")) == 6  # the 800-day-old entry is kept, not shown
    assert check_page(client.get("/log?side=abc")).select_one(".pagination")
    assert (
        read_db(
            lambda s: s.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.citizen_id == hanne, AuditEvent.actor_id == mads)
            )
        )
        == 27
    )


def test_a_delegate_who_may_only_book_sees_nothing_of_the_plan(client, read_db, demo_data):

    _grant_birgit_for_hanne(read_db, demo_data, "booke")
    login(client, "demo-birgit")
    _act_for(client, demo_data["Hanne"])
    home = check_page(client.get("/"))
    text = home.get_text(" ", strip=True)
    assert "Du handler på vegne af Hanne Sørensen." in text
    assert "Hvad sker der nu?" not in text and "Fysioterapi" not in text
    assert home.find("a", href="/plan") is None
    assert client.get("/plan").status_code == 403


def test_a_delegate_with_the_meeting_scope_chooses_participation_on_the_citizens_behalf(
    client, read_db, demo_data
):
    from portal.models import ConsentRecord, Meeting, ParticipationRecord

    _grant_birgit_for_hanne(read_db, demo_data, "moede")
    login(client, "demo-birgit")
    _act_for(client, demo_data["Hanne"])
    page = client.get("/moede/deltagelse")
    form = soup(page).select_one("main form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    response = client.post("/moede/deltagelse", data={**data, "mode": "uden_deltagelse"})
    assert response.status_code == 302
    newest = read_db(
        lambda s: s.scalars(
            select(ParticipationRecord)
            .join(Meeting, ParticipationRecord.meeting_id == Meeting.id)
            .where(Meeting.citizen_id == demo_data["Hanne"])
            .order_by(ParticipationRecord.id.desc())
        ).first()
    )
    assert (newest.actor_id, newest.on_behalf_of_id) == (demo_data["Birgit"], demo_data["Hanne"])
    # Consent stays the citizen's own: the same delegate is refused.
    consents = read_db(lambda s: s.scalar(select(func.count()).select_from(ConsentRecord)))
    overview = client.get("/moede")
    consent_form = soup(overview).select_one("#samtykke form")
    data = {i["name"]: i.get("value", "") for i in consent_form.select("input[type=hidden]")}
    assert client.post("/moede/samtykke", data={**data, "choice": "give"}).status_code == 403
    assert read_db(lambda s: s.scalar(select(func.count()).select_from(ConsentRecord))) == consents


def test_a_meeting_only_delegate_does_not_see_the_plan_through_the_preparation(
    client, read_db, demo_data
):

    _grant_birgit_for_hanne(read_db, demo_data, "moede")
    login(client, "demo-birgit")
    _act_for(client, demo_data["Hanne"])
    assert client.get("/plan").status_code == 403
    for section, secret in (("goal", "ikke med tunge løft"), ("health", "Fysioterapi")):
        page = check_page(client.get(f"/moede/forbered/{section}"))
        assert secret not in page.get_text(), section
    # Hanne herself still sees what the plan already knows.
    login(client, "demo-hanne")
    assert "ikke med tunge løft" in check_page(client.get("/moede/forbered/goal")).get_text()


def test_refused_fuldmagt_forms_leave_one_refused_audit_row(client, read_db, demo_data):
    from portal.models import AuditEvent

    refused = lambda s: s.scalar(  # noqa: E731
        select(func.count()).select_from(AuditEvent).where(AuditEvent.outcome == "refused")
    )
    before = read_db(refused), _counts(read_db)
    login(client, "demo-hanne")
    page = client.get("/fuldmagt/ny")
    response = client.post(
        "/fuldmagt/ny", data={"csrf_token": csrf_token(page), "holder": demo_data["Birgit"]}
    )
    assert response.status_code == 400  # no scope, no end date
    assert read_db(refused) == before[0] + 1
    assert _counts(read_db) == before[1]
