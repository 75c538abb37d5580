"""Every route × every kind of actor: the guard answers as the policy says, and a refusal changes
nothing.

The routes come from `app.url_map`, so a new page is checked the day it is added. What each actor
may do is written out HERE, from the route's declared rule (read/change and fuldmagt scopes) or
staff action, independently of `access.decide()`: a route without a declaration, or with a kind
of action this table does not know, fails the test instead of being waved through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from werkzeug.routing.converters import NumberConverter

from portal import clock
from portal.extensions import db
from portal.models import AuditEvent, Fuldmagt, Person, PersonKind
from portal.services import plan as plans
from portal.web import access
from portal.web.access import Access, Action, Reason, Scope
from tests.helpers import csrf_token, login

PLACEHOLDER_INT = 987654
GUARD_REASONS = {r.value for r in Reason}


@dataclass(frozen=True)
class ActorKind:
    name: str
    subject: str | None  # who logs in (None: nobody)
    acting_for_hanne: bool = False  # a relative who chose to act for Hanne
    preview: str | None = None  # "citizen" or a holder subject: a caseworker's preview of Hanne


ACTORS = [
    ActorKind("anonymous", None),
    ActorKind("citizen", "demo-hanne"),
    ActorKind("other citizen", "demo-laerke"),
    ActorKind("delegate se", "test-delegate-se", acting_for_hanne=True),
    ActorKind("delegate booke", "test-delegate-booke", acting_for_hanne=True),
    ActorKind("delegate moede", "test-delegate-moede", acting_for_hanne=True),
    ActorKind("expired delegate", "test-delegate-expired", acting_for_hanne=True),
    ActorKind("revoked delegate", "test-delegate-revoked", acting_for_hanne=True),
    ActorKind("caseworker with the citizen", "demo-anders"),
    ActorKind("caseworker without the citizen", "demo-rikke"),
    ActorKind("caseworker preview as citizen", "demo-anders", preview="citizen"),
    ActorKind("caseworker preview as delegate se", "demo-anders", preview="test-delegate-se"),
]

# The test's own statement of the policy: for a citizen action with rule (access, scopes),
# requested with `method`, does this kind of actor get past the guard?
DELEGATE_SCOPE = {
    "delegate se": Scope.SEE,
    "delegate booke": Scope.BOOK,
    "delegate moede": Scope.MEETING,
}


def expected_citizen_action(kind: str, rule: access.Rule, method: str) -> bool:
    if kind in ("citizen", "other citizen"):
        return True  # their own pages (ids of someone else's data are checked separately)
    if kind in DELEGATE_SCOPE:
        return DELEGATE_SCOPE[kind] in rule.scopes
    if kind == "caseworker preview as citizen":
        return method == "GET"  # shown read-only, whatever the page can change
    if kind == "caseworker preview as delegate se":
        return method == "GET" and Scope.SEE in rule.scopes
    return False  # anonymous (handled first), expired/revoked delegates, caseworkers


HOLDERS = {
    "delegate se",
    "delegate booke",
    "delegate moede",
    "expired delegate",
    "revoked delegate",
}
CASEWORKERS = {"caseworker with the citizen", "caseworker without the citizen"}
PREVIEWS = {"caseworker preview as citizen", "caseworker preview as delegate se"}


def expected_staff_action(kind: str, access_kind: Access, on_citizen: bool, action, method) -> bool:
    if kind in CASEWORKERS:
        return not on_citizen or kind == "caseworker with the citizen"
    if kind in PREVIEWS:
        # In a preview: read the caseworker's own pages and leave the preview; nothing else.
        if action is Action.STAFF_PREVIEW_END:
            return True
        return access_kind is Access.READ and method == "GET"
    return False


def expected(kind: str, action: Action | None, method: str) -> bool:
    """Whether `kind` gets past the guard for a route declaring `action`."""
    if action is None:
        raise AssertionError("route without a declared action")
    if action is Action.PUBLIC:
        return True
    if kind == "anonymous":
        return False
    if action is Action.SIGNED_IN:
        return True  # the start page and logging out, about oneself
    if action in access.CITIZEN_ACTIONS:
        return expected_citizen_action(kind, access.CITIZEN_ACTIONS[action], method)
    if action in access.OWN_COPY_ACTIONS:
        # "Hent dine oplysninger": the citizen signed in as themself, and a relative in their own
        # view (a fuldmagt that ended leaves them there); never while acting for someone, never a
        # preview (both refused by the guard), nor a caseworker.
        return kind in ("citizen", "other citizen", "expired delegate", "revoked delegate")
    if action in access.SELF_ACTIONS:
        # "Dine log-ins": everyone's own; a preview shows the page but ends nothing.
        return kind not in PREVIEWS or access.SELF_ACTIONS[action] is Access.READ
    if action in access.HOLDER_ACTIONS:
        return kind in HOLDERS and method in ("GET", "POST")
    if action in access.OWN_ACTIONS:
        # Their own settings and messages: citizens and relatives in their own view (a
        # fuldmagt that ended leaves the relative in their own view).
        return kind in ("citizen", "other citizen", "expired delegate", "revoked delegate")
    if action in access.STAFF_ACTIONS:
        return expected_staff_action(
            kind,
            access.STAFF_ACTIONS[action],
            action in access.STAFF_ACTIONS_ON_CITIZEN,
            action,
            method,
        )
    raise AssertionError(f"the matrix does not know what kind of action {action} is")


# --- Setting the scene ----------------------------------------------------------------------


def _add_delegates(session, hanne_id: int) -> None:
    today = clock.today()
    now = clock.now()
    specs = {
        "test-delegate-se": ("se", today + timedelta(days=30), None),
        "test-delegate-booke": ("booke", today + timedelta(days=30), None),
        "test-delegate-moede": ("moede", today + timedelta(days=30), None),
        "test-delegate-expired": ("booke,moede,se", today - timedelta(days=1), None),
        "test-delegate-revoked": ("booke,moede,se", today + timedelta(days=30), now),
    }
    for subject, (scopes, ends_on, revoked_at) in specs.items():
        person = Person(
            subject=subject, kind=PersonKind.RELATIVE, first_name=subject[5:], last_name="Test"
        )
        session.add(person)
        session.flush()
        session.add(
            Fuldmagt(
                citizen_id=hanne_id,
                holder_id=person.id,
                scopes=scopes,
                starts_on=today - timedelta(days=60),
                ends_on=ends_on,
                created_at=now - timedelta(days=60),
                revoked_at=revoked_at,
            )
        )
    session.commit()


def _ids(session, hanne_id: int) -> dict[str, int]:
    """Real ids of Hanne's data, to put in URLs."""
    mads = session.scalar(select(Person.id).where(Person.subject == "demo-mads"))
    return {
        "citizen_id": hanne_id,
        "effort_id": plans.plan_of(session, hanne_id).efforts[0].id,
        "fuldmagt_id": session.scalar(
            select(Fuldmagt.id).where(Fuldmagt.citizen_id == hanne_id, Fuldmagt.holder_id == mads)
        ),
    }


def _url(app, rule, ids: dict[str, int]) -> tuple[str, bool]:
    """The rule's URL with ids filled in; True when it names a real piece of Hanne's data."""
    values, real = {}, False
    for name in rule.arguments:
        converter = rule._converters[name]
        if name in ids:
            values[name], real = ids[name], real or name != "citizen_id"
        elif isinstance(converter, NumberConverter):
            values[name] = PLACEHOLDER_INT
        else:
            values[name] = "placeholder"
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values), real


def _client_for(app, kind: ActorKind, hanne_id: int, read_db):
    client = app.test_client()
    if kind.subject is None:
        return client, csrf_token(client.get("/log-ind"))
    login(client, kind.subject)
    with client.session_transaction() as session:
        if kind.acting_for_hanne:
            session["acting_for"] = hanne_id
        if kind.preview == "citizen":
            session["preview"] = {"citizen": hanne_id, "fuldmagt": None}
        elif kind.preview:
            fuldmagt_id = read_db(
                lambda s: s.scalar(
                    select(Fuldmagt.id)
                    .join(Person, Person.id == Fuldmagt.holder_id)
                    .where(Person.subject == kind.preview)
                )
            )
            session["preview"] = {"citizen": hanne_id, "fuldmagt": fuldmagt_id}
    return client, csrf_token(client.get("/log-ind"))


def _counts(session) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
        # Sessions are the browser's, not the citizen's data: any visit may start one.
        if table.name not in ("audit_event", "web_session")
    }


def _refusals_since(session, last_id: int) -> list[str]:
    return list(
        session.scalars(
            select(AuditEvent.detail)
            .where(AuditEvent.id > last_id, AuditEvent.outcome == "refused")
            .order_by(AuditEvent.id)
        )
    )


def _last_audit_id(session) -> int:
    return session.scalar(select(func.max(AuditEvent.id))) or 0


def test_every_route_for_every_actor(app, demo_data, read_db):
    hanne = demo_data["Hanne"]
    read_db(lambda s: _add_delegates(s, hanne))
    ids = read_db(lambda s: _ids(s, hanne))
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
    assert len(rules) > 10
    failures = []
    checked = 0
    for kind in ACTORS:
        for rule in rules:
            action = access.declared_action(app.view_functions[rule.endpoint])
            url, names_real_data = _url(app, rule, ids)
            for method in sorted({"GET", "POST"} & rule.methods):
                client, token = _client_for(app, kind, hanne, read_db)
                before = read_db(_counts)
                last = read_db(_last_audit_id)
                data = {"csrf_token": token} if method == "POST" and token else {}
                response = client.open(url, method=method, data=data)
                response.close()  # file responses (favicon) hold the file open until closed
                refusals = read_db(lambda s: _refusals_since(s, last))  # noqa: B023
                by_guard = any(detail in GUARD_REASONS for detail in refusals)
                to_login = response.status_code == 302 and "/log-ind" in response.location
                allowed = expected(kind.name, action, method)
                where = f"{kind.name}: {method} {url} ({action})"
                checked += 1
                if allowed:
                    if by_guard or to_login:
                        failures.append(f"{where} was refused but should be allowed")
                    if (
                        kind.name == "other citizen"
                        and names_real_data
                        and (response.status_code != 404)
                    ):
                        failures.append(f"{where} reached Hanne's data: {response.status_code}")
                    continue
                if kind.name == "anonymous":
                    if not to_login:
                        failures.append(f"{where} did not send to log-in: {response.status_code}")
                elif not (by_guard and response.status_code in (403, 404)):
                    failures.append(
                        f"{where} should be refused by the guard: {response.status_code} {refusals}"
                    )
                if read_db(_counts) != before:
                    failures.append(f"{where} was refused but changed the database")
    assert checked > 200
    assert failures == [], "\n".join(failures)


def test_the_matrix_fails_a_route_without_a_rule():
    """The table refuses to guess: an undeclared route or an unknown kind of action is an error."""
    import pytest

    with pytest.raises(AssertionError):
        expected("citizen", None, "GET")
    with pytest.raises(AssertionError):
        expected("citizen", "some.new.action", "GET")
