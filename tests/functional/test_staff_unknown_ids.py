"""Every caseworker route about one citizen (`/medarbejder/borger/<id>/…`) answers an unknown, odd
or foreign id exactly as it answers a real citizen outside the caseload: same status, same page,
one refused audit row, never a 500. Otherwise the answers would tell which ids exist."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.models import AuditEvent
from tests.helpers import csrf_token, login, soup

ODD_IDS = ["987654", "0", "-3", "abc", "1e3", "99999999999999999999", "%20"]

ACTORS = {
    "caseworker": ("demo-anders", False),
    "citizen": ("demo-hanne", False),
    "delegate": ("demo-mads", True),
    "other caseworker": ("demo-rikke", False),
}


def _staff_citizen_rules(app):
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/medarbejder/borger/<")]
    assert len(rules) >= 8
    return rules


def _url(rule, citizen_id: str) -> str:
    url = rule.rule.replace("<citizen_id:citizen_id>", citizen_id)
    for name in rule.arguments - {"citizen_id"}:
        url = url.replace(f"<int:{name}>", "1").replace(f"<{name}>", "1")
    return url


def _client(app, subject: str, acting_for: int | None):
    client = app.test_client()
    login(client, subject)
    if acting_for:
        with client.session_transaction() as session:
            session["acting_for"] = acting_for
    return client, csrf_token(client.get("/log-ind"))


def _answer(client, token, method: str, url: str, read_db):
    last = read_db(lambda s: s.scalar(select(func.max(AuditEvent.id))) or 0)
    data = {"csrf_token": token} if method == "POST" else None
    response = client.open(url, method=method, data=data)
    rows = read_db(
        lambda s: list(
            s.scalars(
                select(AuditEvent.outcome).where(AuditEvent.id > last).order_by(AuditEvent.id)
            )
        )
    )
    h1 = soup(response).find("h1")
    return response.status_code, h1.get_text(strip=True) if h1 else None, rows


@pytest.mark.parametrize("actor", sorted(ACTORS))
def test_odd_citizen_ids_are_refused_like_a_real_foreign_citizen(app, demo_data, read_db, actor):
    subject, acting = ACTORS[actor]
    client, token = _client(app, subject, demo_data["Hanne"] if acting else None)
    # Gitte is Rikke's: a real citizen outside the caseload for everyone here but Rikke, for
    # whom Hanne (Anders's) is the real foreign citizen.
    foreign = demo_data["Hanne" if actor == "other caseworker" else "Gitte"]
    failures = []
    for rule in _staff_citizen_rules(app):
        for method in sorted({"GET", "POST"} & rule.methods):
            status, h1, rows = _answer(client, token, method, _url(rule, str(foreign)), read_db)
            assert status in (403, 404), f"{method} {rule.rule} for a foreign citizen: {status}"
            assert rows == ["refused"], f"{method} {rule.rule}: {rows}"
            for odd in ODD_IDS:
                url = _url(rule, odd)
                got = _answer(client, token, method, url, read_db)
                if got != (status, h1, ["refused"]):
                    failures.append(f"{actor} {method} {url}: {got} != {(status, h1)}")
    assert failures == []
