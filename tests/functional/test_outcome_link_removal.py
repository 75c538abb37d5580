"""The caseworker removes a link between an outcome and an effort, and both adding and removing
one are in the plan history the citizen reads, with who and when. A replayed, tampered or another
citizen's id changes nothing and is audited; a delegate without health and social data sees no
change about an outcome or effort hidden from them (demo: Hanne's recommendation is linked to her
psychologist sessions by hand and to her alcohol treatment, which its text names)."""

from sqlalchemy import func, select

from portal import clock
from portal.models import AuditEvent, ChangeKind, Effort, Outcome, OutcomeEffort, Plan, PlanChange
from portal.models import OutcomeKind as Kind
from portal.web.i18n import short_date
from tests.functional.delegation_support import act_for
from tests.helpers import check_page, csrf_token, login, soup

RECOMMENDATION = "Teamet anbefaler et ressourceforløb"
DECISION = "Du får et ressourceforløb"
PSYCHOLOGIST = "Samtaler med psykolog"  # sensitive, linked by hand
ALCOHOL = "Alkoholbehandling"  # sensitive, named in the recommendation's text
JOB = "Jobafklaringsforløb"  # not sensitive
MENTOR = "Mentor til at komme i gang"  # not sensitive


def _effort(read_db, citizen_id, title):
    return read_db(
        lambda s: s.scalar(
            select(Effort.id)
            .join(Plan, Plan.id == Effort.plan_id)
            .where(Plan.citizen_id == citizen_id, Effort.title == title)
        )
    )


def _outcome(read_db, citizen_id, kind):
    return read_db(
        lambda s: s.scalar(
            select(Outcome.id).where(Outcome.citizen_id == citizen_id, Outcome.kind == kind)
        )
    )


def _links(read_db, outcome_id):
    return read_db(
        lambda s: set(
            s.scalars(select(OutcomeEffort.effort_id).where(OutcomeEffort.outcome_id == outcome_id))
        )
    )


def _changes(read_db, kind):
    return read_db(
        lambda s: s.scalar(
            select(func.count()).select_from(PlanChange).where(PlanChange.kind == kind)
        )
    )


def _refusals(read_db):
    return read_db(
        lambda s: s.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "staff.outcomes.write", AuditEvent.outcome != "allowed")
        )
    )


def _page(hanne, outcome_id):
    return f"/medarbejder/borger/{hanne}/resultater/{outcome_id}"


def _remove(client, hanne, outcome_id, effort_id, token=None):
    token = token or csrf_token(client.get(_page(hanne, outcome_id)))
    return client.post(
        f"{_page(hanne, outcome_id)}/fjern-indsats",
        data={"csrf_token": token, "effort_id": str(effort_id)},
    )


def _history(client, path="/plan/historik"):
    return check_page(client.get(path)).select_one("main").get_text(" ", strip=True)


def _correct_with(client, hanne, outcome_id, effort_id):
    """Start a correction of a published outcome, ticking one more effort (the edit form as a
    browser posts it)."""
    url = f"{_page(hanne, outcome_id)}/kladde"
    form = soup(client.get(url)).select_one("form.outcome-form")
    data = {
        i["name"]: i.get("value", "") for i in form.select("input") if i.get("type") != "checkbox"
    }
    data.update({t["name"]: t.get_text() for t in form.select("textarea")})
    data.update(
        action="save", correction_note="Vi har tilføjet en indsats.", efforts=[str(effort_id)]
    )
    assert client.post(url, data=data).status_code == 302


def test_the_caseworker_removes_a_link_and_hanne_reads_it_in_her_history(
    app, client, read_db, demo_data
):
    hanne = demo_data["Hanne"]
    recommendation = _outcome(read_db, hanne, Kind.RECOMMENDATION)
    psych, alcohol = _effort(read_db, hanne, PSYCHOLOGIST), _effort(read_db, hanne, ALCOHOL)
    login(client, "demo-anders")
    page = check_page(client.get(_page(hanne, recommendation)))
    section = page.find(id="links-heading").find_parent("section")
    # Each link removable on its own, except the one the published text names.
    forms = section.select("form")
    assert [f.find("input", attrs={"name": "effort_id"})["value"] for f in forms] == [str(psych)]
    assert "Teksten nævner indsatsen ved navn" in section.get_text(" ")
    button = forms[0].find("button")
    assert button.get_text(" ", strip=True) == f'Fjern "{PSYCHOLOGIST}" fra resultatet'
    english = check_page(client.get(f"{_page(hanne, recommendation)}?lang=en"))
    button = english.select_one("form[action$='/fjern-indsats'] button")
    assert button.get_text("", strip=True) == f'Remove "{PSYCHOLOGIST}" from the outcome'
    assert button.find(attrs={"lang": "da"}).get_text() == PSYCHOLOGIST
    client.get(f"{_page(hanne, recommendation)}?lang=da")

    removed = _remove(client, hanne, recommendation, psych)
    assert removed.status_code == 302
    shown = check_page(client.get(removed.headers["Location"])).get_text(" ", strip=True)
    assert "Indsatsen er fjernet fra resultatet" in shown
    assert "Hanne kan se det under ændringer i sin plan." in shown
    assert _links(read_db, recommendation) == {alcohol}
    change = read_db(
        lambda s: s.execute(
            select(
                PlanChange.actor_id,
                PlanChange.effort_id,
                PlanChange.outcome_id,
                PlanChange.old_value,
            ).where(PlanChange.kind == ChangeKind.OUTCOME_UNLINKED)
        ).one()
    )
    assert change == (demo_data["Anders"], psych, recommendation, RECOMMENDATION)

    login(client, "demo-hanne")
    said = f'skrev, at mødets resultat "{RECOMMENDATION}" ikke længere handler om "{PSYCHOLOGIST}".'
    with app.app_context():
        today = short_date(clock.now(), "da")
    for path in ("/plan/historik", f"/plan/indsats/{psych}"):
        entries = check_page(client.get(path)).select(".history-list li")
        # Newest first: who did it and when, in plain words.
        assert entries[0].get_text(" ", strip=True) == f"{today}: Anders Mikkelsen {said}", path
    # The links the first publication made are there too.
    linked = f'skrev, at mødets resultat "{RECOMMENDATION}" handler om "{ALCOHOL}".'
    assert linked in _history(client)
    english = _history(client, "/plan/historik?lang=en")
    # (The Danish titles are marked lang="da", so the text has spaces around them here.)
    assert f'noted that the meeting outcome " {RECOMMENDATION} " is no longer about' in english


def test_a_replayed_removal_changes_nothing_and_says_so(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    recommendation = _outcome(read_db, hanne, Kind.RECOMMENDATION)
    psych = _effort(read_db, hanne, PSYCHOLOGIST)
    login(client, "demo-anders")
    token = csrf_token(client.get(_page(hanne, recommendation)))
    assert _remove(client, hanne, recommendation, psych, token).status_code == 302
    before = (_changes(read_db, ChangeKind.OUTCOME_UNLINKED), _refusals(read_db))
    again = _remove(client, hanne, recommendation, psych, token)
    assert again.status_code == 409
    summary = check_page(again).select_one(".error-summary").get_text(" ", strip=True)
    assert "Indsatsen var allerede fjernet fra resultatet. Der er ikke ændret noget." in summary
    assert _changes(read_db, ChangeKind.OUTCOME_UNLINKED) == before[0]
    assert _refusals(read_db) == before[1] + 1


def test_foreign_tampered_and_named_ids_are_refused_audited_and_change_nothing(
    client, read_db, demo_data
):
    hanne = demo_data["Hanne"]
    recommendation = _outcome(read_db, hanne, Kind.RECOMMENDATION)
    psych, alcohol = _effort(read_db, hanne, PSYCHOLOGIST), _effort(read_db, hanne, ALCOHOL)
    laerke_effort = _effort(read_db, demo_data["Lærke"], "Ressourceforløb")
    laerke_outcome = _outcome(read_db, demo_data["Lærke"], Kind.RECOMMENDATION)
    login(client, "demo-anders")
    refusals = _refusals(read_db)
    links = _links(read_db, recommendation)
    for bad, words in (
        (laerke_effort, "Vælg blandt indsatserne i borgerens plan."),
        ("abc", "Vælg blandt indsatserne i borgerens plan."),
        ("99999999", "Vælg blandt indsatserne i borgerens plan."),
        ("", "Vælg blandt indsatserne i borgerens plan."),
        (alcohol, "Teksten nævner indsatsen ved navn"),
    ):
        response = _remove(client, hanne, recommendation, bad)
        assert response.status_code == 400, bad
        assert words in check_page(response).select_one(".error-summary").get_text(" "), bad
    # Lærke's outcome under Hanne's address: not found, whatever the effort.
    assert _remove(client, hanne, laerke_outcome, psych).status_code == 404
    # No CSRF token: refused before anything is read.
    no_token = client.post(
        f"{_page(hanne, recommendation)}/fjern-indsats", data={"effort_id": str(psych)}
    )
    assert no_token.status_code == 400
    assert _links(read_db, recommendation) == links
    assert _changes(read_db, ChangeKind.OUTCOME_UNLINKED) == 0
    # The five ids and the outcome not found: each one audited as a refused removal. (A missing
    # CSRF token is answered before the access check, app-wide, as for every form.)
    assert _refusals(read_db) == refusals + 6


def test_a_delegate_without_health_data_sees_no_change_about_a_hidden_outcome(
    client, read_db, demo_data
):
    """Mads (se + booke, no health and social data): the recommendation is hidden from him (it is
    about sensitive efforts), so linking it to a plain effort is not in his history either; the
    decision is not hidden, so its link changes are."""
    hanne = demo_data["Hanne"]
    recommendation = _outcome(read_db, hanne, Kind.RECOMMENDATION)
    decision = _outcome(read_db, hanne, Kind.DECISION)
    job, mentor = _effort(read_db, hanne, JOB), _effort(read_db, hanne, MENTOR)
    psych = _effort(read_db, hanne, PSYCHOLOGIST)
    login(client, "demo-anders")
    _correct_with(client, hanne, recommendation, job)
    _correct_with(client, hanne, decision, mentor)
    assert _remove(client, hanne, recommendation, psych).status_code == 302
    assert _remove(client, hanne, decision, mentor).status_code == 302

    login(client, "demo-hanne")
    mine = _history(client)
    assert f'"{RECOMMENDATION}" handler om "{JOB}"' in mine
    assert f'"{RECOMMENDATION}" ikke længere handler om "{PSYCHOLOGIST}"' in mine
    assert f'"{DECISION}" handler om "{MENTOR}"' in mine

    login(client, "demo-mads")
    act_for(client, hanne)
    for path in ("/plan/historik", f"/plan/indsats/{job}"):
        seen = _history(client, path)
        assert RECOMMENDATION not in seen and PSYCHOLOGIST not in seen and ALCOHOL not in seen, path
    seen = _history(client)
    assert f'"{DECISION}" handler om "{MENTOR}"' in seen
    assert f'"{DECISION}" ikke længere handler om "{MENTOR}"' in seen
    assert f'"{DECISION}" handler om "{MENTOR}"' in _history(client, f"/plan/indsats/{mentor}")


def test_a_draft_s_links_reach_the_history_only_when_it_is_published(client, read_db, demo_data):
    """Lærke's decision is still a draft: removing its link writes no history (she cannot read
    it yet)."""
    laerke = demo_data["Lærke"]
    draft = _outcome(read_db, laerke, Kind.DECISION)
    effort = _effort(read_db, laerke, "Brobygning til uddannelse")
    linked_before = _changes(read_db, ChangeKind.OUTCOME_LINKED)
    login(client, "demo-anders")
    url = f"{_page(laerke, draft)}/kladde"
    form = soup(client.get(url)).select_one("form.outcome-form")
    data = {
        i["name"]: i.get("value", "") for i in form.select("input") if i.get("type") != "checkbox"
    }
    data.update({t["name"]: t.get_text() for t in form.select("textarea")})
    data.update(action="save", efforts=[str(effort)])
    assert client.post(url, data=data).status_code == 302
    assert effort in _links(read_db, draft)
    assert _changes(read_db, ChangeKind.OUTCOME_LINKED) == linked_before
    assert _remove(client, laerke, draft, effort).status_code == 302
    assert effort not in _links(read_db, draft)
    assert _changes(read_db, ChangeKind.OUTCOME_UNLINKED) == 0


def test_only_the_citizen_s_caseworker_may_remove_a_link(client, read_db, demo_data):
    """Rikke (not Hanne's caseworker), Hanne herself and Mads acting for her are refused with the
    real ids, and the link stays."""
    hanne = demo_data["Hanne"]
    recommendation = _outcome(read_db, hanne, Kind.RECOMMENDATION)
    psych = _effort(read_db, hanne, PSYCHOLOGIST)
    # Another caseworker is told it does not exist (404); the citizen and a delegate: 403.
    for subject, status in (("demo-rikke", 404), ("demo-hanne", 403), ("demo-mads", 403)):
        login(client, subject)
        if subject == "demo-mads":
            act_for(client, hanne)
        token = csrf_token(client.get("/log-ud"))  # a valid token of this session
        response = _remove(client, hanne, recommendation, psych, token)
        assert response.status_code == status, subject
    assert psych in _links(read_db, recommendation)
    assert _changes(read_db, ChangeKind.OUTCOME_UNLINKED) == 0
