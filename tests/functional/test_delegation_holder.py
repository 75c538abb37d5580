"""Acting on behalf of someone: the holder acts within the fuldmagt's scope, gives it up, and loses
it on the next request when it is revoked."""

from sqlalchemy import func, select

from portal.models import FuldmagtEvent
from tests.functional.delegation_support import (
    act_for,
    fuldmagt_of,
    grant_birgit_for_hanne,
)
from tests.helpers import check_page, csrf_token, login, soup


def test_delegate_acts_for_the_citizen_within_the_scope(client, read_db, demo_data):
    login(client, "demo-mads")
    start = check_page(client.get("/"))
    assert "Hanne Sørensen" in start.select_one(".fuldmagt-list").get_text()
    assert act_for(client, demo_data["Hanne"]).status_code == 302
    home = check_page(client.get("/"))
    assert "Du handler på vegne af Hanne Sørensen." in home.select_one("#acting-banner").get_text()
    assert "Anders Mikkelsen" in home.select_one(".help-box").get_text()  # Hanne's caseworker
    nav = home.select_one("nav.main-nav").get_text(" ", strip=True)
    assert "Hannes plan" in nav and "Min plan" not in nav
    assert "Fuldmagt" not in nav and "Hvem har set" not in nav
    plan = check_page(client.get("/plan"))
    assert "Jobafklaringsforløb" in plan.get_text()
    assert "Fysioterapi for skulderen" not in plan.get_text()  # health: not in Mads's fuldmagt
    assert client.get("/fuldmagt").status_code == 403
    assert client.get("/log").status_code == 403
    # Back to their own view.
    response = client.post("/fuldmagt/egen-side", data={"csrf_token": csrf_token(client.get("/"))})
    assert response.status_code == 302
    assert check_page(client.get("/")).h1.get_text(strip=True) == "Hej Mads"


def test_delegate_cannot_act_for_someone_without_a_fuldmagt(client, read_db, demo_data):
    login(client, "demo-mads")
    assert act_for(client, demo_data["Lærke"]).status_code == 404
    assert act_for(client, "nonsense").status_code == 404
    assert client.get("/plan").status_code == 403


def test_revocation_takes_effect_on_the_delegates_next_request(app, client, read_db, demo_data):
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    assert client.get("/plan").status_code == 200
    hanne = app.test_client()
    login(hanne, "demo-hanne")
    mads = fuldmagt_of(read_db, demo_data["Mads"])
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
    mads = fuldmagt_of(read_db, demo_data["Mads"])
    gittes = fuldmagt_of(read_db, demo_data["Birgit"])
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
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
            for e in s.scalars(
                select(FuldmagtEvent)
                .where(FuldmagtEvent.fuldmagt_id == mads)
                .order_by(FuldmagtEvent.id)
            )
        ]
    )
    assert hanne_history == ["granted", "given_up"]


def test_a_delegate_who_may_only_book_sees_nothing_of_the_plan(client, read_db, demo_data):

    grant_birgit_for_hanne(read_db, demo_data, "booke")
    login(client, "demo-birgit")
    act_for(client, demo_data["Hanne"])
    home = check_page(client.get("/"))
    text = home.get_text(" ", strip=True)
    assert "Du handler på vegne af Hanne Sørensen." in text
    assert "Det skal Hanne gøre" in text and "Hanne skal booke en tid" in text
    assert "Starter:" not in text and "Fysioterapi" not in text and "afgørelse" not in text
    assert home.find("a", href="/plan") is None
    assert client.get("/plan").status_code == 403


def test_a_delegate_with_the_meeting_scope_chooses_participation_on_the_citizens_behalf(
    client, read_db, demo_data
):
    from portal.models import ConsentRecord, Meeting, ParticipationRecord

    grant_birgit_for_hanne(read_db, demo_data, "moede")
    login(client, "demo-birgit")
    act_for(client, demo_data["Hanne"])
    page = client.get("/moede/deltagelse")
    form = soup(page).select_one("main form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    response = client.post("/moede/deltagelse", data={**data, "mode": "uden_deltagelse"})
    assert response.status_code == 303 and response.location.endswith("/moede/deltagelse/tjek")
    check = client.get("/moede/deltagelse/tjek")
    response = client.post("/moede/deltagelse/bekraeft", data={"csrf_token": csrf_token(check)})
    assert response.status_code == 303
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
    assert soup(overview).select_one("#samtykke form") is None  # no form for what is not theirs
    meeting_id = read_db(
        lambda s: s.scalar(select(Meeting.id).where(Meeting.citizen_id == demo_data["Hanne"]))
    )
    data = {"csrf_token": csrf_token(overview), "meeting_id": meeting_id}
    assert client.post("/moede/samtykke", data={**data, "choice": "give"}).status_code == 403
    assert read_db(lambda s: s.scalar(select(func.count()).select_from(ConsentRecord))) == consents


def test_a_meeting_only_delegate_does_not_see_the_plan_through_the_preparation(
    client, read_db, demo_data
):

    grant_birgit_for_hanne(read_db, demo_data, "moede")
    login(client, "demo-birgit")
    act_for(client, demo_data["Hanne"])
    assert client.get("/plan").status_code == 403
    for section, secret in (("goal", "ikke med tunge løft"), ("health", "Fysioterapi")):
        page = check_page(client.get(f"/moede/forbered/{section}"))
        assert secret not in page.get_text(), section
    # Hanne herself still sees what the plan already knows.
    login(client, "demo-hanne")
    assert "ikke med tunge løft" in check_page(client.get("/moede/forbered/goal")).get_text()
