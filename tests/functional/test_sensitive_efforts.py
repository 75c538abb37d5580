"""A fuldmagt protects health and social data: "se" shows sensitive efforts (and outcomes naming
them) only when the citizen chose to include them; the same in the caseworker's preview; the
caseworker can change the flag, and the change is in the plan's history."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from portal import clock
from portal.models import Effort, Fuldmagt, Person, Plan
from tests.functional.delegation_support import act_for, fuldmagt_of, start_preview, text_of
from tests.functional.test_authorization_matrix import ACTORS, _add_delegates, _client_for
from tests.helpers import check_page, csrf_token, login

SENSITIVE = ("Samtaler med psykolog", "Alkoholbehandling")
ORDINARY = "Jobafklaringsforløb"


def _effort(read_db, hanne, title):
    return read_db(
        lambda s: s.scalar(
            select(Effort.id)
            .join(Plan, Effort.plan_id == Plan.id)
            .where(Plan.citizen_id == hanne, Effort.title == title)
        )
    )


def _set_scopes(read_db, fuldmagt_id, scopes):
    def run(session):
        session.execute(update(Fuldmagt).where(Fuldmagt.id == fuldmagt_id).values(scopes=scopes))
        session.commit()

    read_db(run)


def test_demo_health_and_treatment_efforts_are_sensitive_by_default(read_db, demo_data):
    flags = read_db(
        lambda s: dict(
            s.execute(
                select(Effort.title, Effort.sensitive)
                .join(Plan, Effort.plan_id == Plan.id)
                .where(Plan.citizen_id == demo_data["Hanne"])
            ).all()
        )
    )
    assert all(flags[t] for t in SENSITIVE)
    assert not flags[ORDINARY] and not flags["Mentor til at komme i gang"]


def test_mads_sees_no_sensitive_effort_anywhere(client, read_db, demo_data):
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    pages = ["/", "/plan", "/plan/historik", "/plan/udskriv", "/resultater"]
    for path in pages:
        text = text_of(client.get(path))
        assert not any(t in text for t in SENSITIVE), path
        assert "lkoholbehandling" not in text, path  # nor an outcome naming it
    assert ORDINARY in text_of(client.get("/plan"))
    hidden = _effort(read_db, demo_data["Hanne"], SENSITIVE[0])
    assert client.get(f"/plan/indsats/{hidden}").status_code == 404


def test_with_health_data_chosen_mads_sees_them(client, read_db, demo_data):
    _set_scopes(read_db, fuldmagt_of(read_db, demo_data["Mads"]), "booke,helbred,se")
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    text = text_of(client.get("/plan"))
    assert all(t in text for t in SENSITIVE)
    links = check_page(client.get("/resultater")).select("main a[href^='/resultater/']")
    assert any("lkoholbehandling" in text_of(client.get(a["href"])) for a in links)


def test_the_preview_as_mads_follows_the_same_rule(app, client, read_db, demo_data):
    mads = fuldmagt_of(read_db, demo_data["Mads"])
    login(client, "demo-anders")
    start_preview(client, demo_data["Hanne"], som=str(mads))
    assert not any(t in text_of(client.get("/plan")) for t in SENSITIVE)
    as_citizen = app.test_client()
    login(as_citizen, "demo-anders")
    start_preview(as_citizen, demo_data["Hanne"], som="borger")
    assert all(t in text_of(as_citizen.get("/plan")) for t in SENSITIVE)


def _add_sensitive_holder(session, hanne):
    today = clock.today()
    person = Person(subject="test-delegate-helbred", kind="relative", first_name="H", last_name="T")
    session.add(person)
    session.flush()
    session.add(
        Fuldmagt(
            citizen_id=hanne,
            holder_id=person.id,
            scopes="helbred,se",
            starts_on=today,
            ends_on=today + timedelta(days=30),
            created_at=clock.now(),
        )
    )
    session.commit()


# Who sees a sensitive effort's page; everyone who may read the plan sees an ordinary one.
SEES_SENSITIVE = {"citizen", "caseworker preview as citizen", "delegate se+helbred"}
READS_PLAN = SEES_SENSITIVE | {"delegate se", "caseworker preview as delegate se"}


def test_sensitive_and_ordinary_efforts_for_every_actor_kind(app, read_db, demo_data):
    hanne = demo_data["Hanne"]
    read_db(lambda s: _add_delegates(s, hanne))
    read_db(lambda s: _add_sensitive_holder(s, hanne))
    kinds = [*ACTORS, type(ACTORS[0])("delegate se+helbred", "test-delegate-helbred", True)]
    sensitive = _effort(read_db, hanne, SENSITIVE[1])
    ordinary = _effort(read_db, hanne, ORDINARY)
    wrong = []
    for kind in kinds:
        client, _ = _client_for(app, kind, hanne, read_db)
        for effort_id, may in (
            (ordinary, kind.name in READS_PLAN),
            (sensitive, kind.name in SEES_SENSITIVE),
        ):
            status = client.get(f"/plan/indsats/{effort_id}").status_code
            if (status == 200) != may:
                wrong.append(f"{kind.name}: effort {effort_id} answered {status}")
    assert wrong == []


def test_caseworker_changes_the_flag_and_it_is_in_the_history(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    effort = _effort(read_db, hanne, "Fysioterapi for skulderen")
    login(client, "demo-anders")
    page = client.get(f"/medarbejder/borger/{hanne}")
    response = client.post(
        f"/medarbejder/borger/{hanne}/indsats/{effort}/foelsom",
        data={"csrf_token": csrf_token(page), "sensitive": "nej"},
    )
    assert response.status_code == 302
    assert read_db(lambda s: s.get(Effort, effort).sensitive) is False
    again = client.post(
        f"/medarbejder/borger/{hanne}/indsats/{effort}/foelsom",
        data={"csrf_token": csrf_token(page), "sensitive": "nej"},
    )
    assert again.status_code == 400  # already so: nothing changed
    odd = client.post(
        f"/medarbejder/borger/{hanne}/indsats/{effort}/foelsom",
        data={"csrf_token": csrf_token(page), "sensitive": "kanske"},
    )
    assert odd.status_code == 400
    login(client, "demo-hanne")
    history = text_of(client.get("/plan/historik"))
    assert 'Anders Mikkelsen markerede, at "Fysioterapi for skulderen" ikke er helbred' in history


@pytest.mark.parametrize("scopes", [["helbred"], ["booke", "helbred"]])
def test_health_data_alone_is_refused_calmly(client, scopes):
    login(client, "demo-hanne")
    page = client.get("/fuldmagt/ny")
    assert page.status_code == 200
    from portal.services import delegation
    from portal.services.errors import DomainError

    with pytest.raises(DomainError) as refused:
        delegation._check_terms(scopes, clock.today(), clock.today())
    assert refused.value.code == "sensitive_without_see"
