"""The citizen's one plan, its history, and the refusals around another citizen's data."""

from portal.models import AuditEvent, Effort, PlanChange
from portal.services import plan as plans
from tests.functional.delegation_support import act_for
from tests.helpers import check_page, login


def _effort_of(read_db, citizen_id):
    return read_db(lambda s: plans.plan_of(s, citizen_id).efforts[0].id)


def test_plan_shows_goal_groups_and_efforts_from_several_departments(client):
    login(client, "demo-hanne")
    page = check_page(client.get("/plan"))
    assert "ikke med tunge løft" in page.select_one(".goal-quote").get_text()
    headings = [h.get_text(strip=True) for h in page.select(".plan-group > h2")]
    assert headings == ["Nu", "Senere", "Afsluttet"]
    now = page.select_one("section[aria-labelledby=group-now]").get_text(" ", strip=True)
    assert "Fysioterapi for skulderen" in now
    assert "Sundhedsloven – regionen betaler" in now
    assert "Beskæftigelse" in now and "Sundhed" in now
    assert "I gang" in now  # status as text
    assert "Louise Berg, fysioterapeut" in now
    later = page.select_one("section[aria-labelledby=group-later]").get_text(" ", strip=True)
    assert "Mentor til at komme i gang" in later
    finished = page.select_one("section[aria-labelledby=group-finished]").get_text(" ", strip=True)
    assert "Praktik i en genbrugsbutik" in finished and "Aflyst" in finished


def test_history_in_plain_danish_newest_first(client):
    login(client, "demo-hanne")
    page = check_page(client.get("/plan/historik"))
    items = [li.get_text(" ", strip=True) for li in page.select(".history-list li")]
    assert 'Sundhed ændrede "Fysioterapi for skulderen" fra planlagt til i gang.' in " ".join(items)
    assert items[-1].endswith('Du skrev målet: "Jeg vil have det bedre."')
    assert any("flyttede datoerne" in item for item in items)


def test_print_version(client):
    login(client, "demo-hanne")
    page = check_page(client.get("/plan/udskriv"))
    assert "Plan for Hanne Sørensen" in page.h1.get_text()


def test_another_citizens_effort_is_not_found_and_the_attempt_is_audited(
    client, read_db, demo_data
):
    laerkes_effort = _effort_of(read_db, demo_data["Lærke"])
    counts = lambda s: (s.query(Effort).count(), s.query(PlanChange).count())  # noqa: E731
    before = read_db(counts)
    login(client, "demo-hanne")
    response = client.get(f"/plan/indsats/{laerkes_effort}")
    assert response.status_code == 404
    check_page(response)
    assert "Lærke" not in response.get_data(as_text=True)
    assert read_db(counts) == before
    refused = read_db(
        lambda s: [
            (e.actor_id, e.citizen_id, e.detail)
            for e in s.query(AuditEvent).filter_by(outcome="refused").all()
        ]
    )
    assert refused == [(demo_data["Hanne"], demo_data["Hanne"], "not_found:effort")]


def test_nonsense_effort_ids_are_not_found(client):
    login(client, "demo-hanne")
    assert client.get("/plan/indsats/999999999").status_code == 404
    assert client.get("/plan/indsats/abc").status_code == 404
    assert client.get("/plan/indsats/-1").status_code == 404


def test_plan_query_parameters_cannot_point_at_another_citizen(client, demo_data):
    login(client, "demo-hanne")
    body = client.get(f"/plan?citizen_id={demo_data['Lærke']}").get_data(as_text=True)
    assert "Hanne" in body and "Kommunalt træningsforløb" not in body


def test_the_citizens_own_plan_view_leaves_no_audit_row(client, read_db):
    """The access log shows what others did; a citizen's own page views are not audited."""
    login(client, "demo-hanne")
    assert client.get("/plan").status_code == 200
    assert read_db(lambda s: s.query(AuditEvent).filter_by(action="plan.view").count()) == 0


def test_a_delegates_plan_view_is_audited_once(client, read_db, demo_data):
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    assert client.get("/plan").status_code == 200
    seen = read_db(
        lambda s: s.query(AuditEvent).filter_by(action="plan.view", outcome="allowed").one()
    )
    assert (seen.actor_id, seen.actor_role, seen.citizen_id, seen.target) == (
        demo_data["Mads"],
        "delegate",
        demo_data["Hanne"],
        "/plan",
    )


def test_caseworker_cannot_open_a_citizen_outside_the_caseload(client, read_db, demo_data):
    login(client, "demo-anders")
    assert client.get(f"/medarbejder/borger/{demo_data['Hanne']}").status_code == 200
    response = client.get(f"/medarbejder/borger/{demo_data['Gitte']}")
    assert response.status_code == 404
    assert "Gitte" not in response.get_data(as_text=True)
    refused = read_db(lambda s: s.query(AuditEvent).filter_by(outcome="refused").one())
    assert (refused.actor_id, refused.citizen_id) == (demo_data["Anders"], demo_data["Gitte"])


def test_wrong_roles_are_refused(client):
    login(client, "demo-anders")
    assert client.get("/plan").status_code == 403
    client.get("/log-ud")
    login(client, "demo-hanne")
    assert client.get("/medarbejder").status_code == 403
    login(client, "demo-mads")
    assert client.get("/plan").status_code == 403


def test_anonymous_is_sent_to_login(client):
    for path in ("/", "/plan", "/plan/historik", "/medarbejder", "/plan/indsats/1"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/log-ind?next=")
