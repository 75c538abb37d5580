"""A delegate never hits a wall: every link and form on every page they can reach leads somewhere
they may go, for each fuldmagt scope and in the caseworker's "Se som fuldmagtshaver" preview.

The walk follows every internal link (GET) from the start page, breadth first. A POST form is not
sent (it would change things); instead its action must be one the policy allows this actor, or,
in a preview, its buttons must all be shown disabled.
"""

from urllib.parse import urldefrag, urlencode, urlsplit

import pytest
from sqlalchemy import update

from portal.models import Fuldmagt
from portal.web import access
from portal.web.access import Actor, Role, Scope
from tests.functional.delegation_support import act_for, fuldmagt_of, start_preview
from tests.helpers import login, soup

SCOPE_SETS = [
    ("se",),
    ("booke",),
    ("moede",),
    ("se", "booke"),
    ("se", "booke", "moede"),
]
MAX_PAGES = 150


def _set_scopes(read_db, fuldmagt_id, scopes):
    def run(session):
        session.execute(
            update(Fuldmagt).where(Fuldmagt.id == fuldmagt_id).values(scopes=",".join(scopes))
        )
        session.commit()

    read_db(run)


def _internal(href: str) -> str | None:
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith("/static/") or "lang=" in parts.query:
        return None
    return href


def _filled_in(form, target: str) -> str:
    """A GET form sent as a person would: hidden and typed values kept, the first choice chosen."""
    values: dict[str, str] = {}
    for field in form.select("input[name], select[name]"):
        name = field["name"]
        if field.name == "select":
            option = field.select_one("option[selected]") or field.select_one("option")
            values.setdefault(name, option.get("value", "") if option else "")
        elif field.get("type") in ("radio", "checkbox"):
            values.setdefault(name, field.get("value", "on"))
        else:
            values.setdefault(name, field.get("value", ""))
    query = urlencode(values)
    return f"{target}{'&' if '?' in target else '?'}{query}" if query else target


def _post_action_allowed(app, actor, citizen_id, path) -> bool:
    adapter = app.url_map.bind("localhost")
    endpoint, args = adapter.match(urlsplit(path).path, method="POST")
    action = access.declared_action(app.view_functions[endpoint])
    return bool(access.decide(actor, action, args.get("citizen_id", citizen_id)))


def walk(app, client, actor, citizen_id) -> list[str]:
    """Every problem found: a page answering 403/404/500, a form that would be refused."""
    problems, seen, queue = [], set(), ["/"]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302, 303):
            queue.append(_internal(response.location) or "/")
            continue
        if response.status_code != 200:
            problems.append(f"{path} answered {response.status_code}")
            continue
        if response.mimetype != "text/html":
            continue
        page = soup(response)
        for link in page.select("a[href]"):
            target = _internal(link["href"])
            if target and target not in seen:
                queue.append(target)
        for form in page.select("form"):
            target = _internal(form.get("action") or path)
            if target is None:
                continue
            if form.get("method", "get").lower() == "get":
                queue.append(_filled_in(form, target))
                continue
            buttons = form.select("button")
            if actor.in_preview and buttons and all(b.has_attr("disabled") for b in buttons):
                continue
            if not _post_action_allowed(app, actor, citizen_id, target):
                problems.append(f"{path}: a form to {target} would be refused")
    assert len(seen) > 5, seen  # the walk really went somewhere
    return problems


@pytest.mark.parametrize("scopes", SCOPE_SETS, ids="+".join)
def test_a_delegate_never_hits_a_wall(app, client, read_db, demo_data, scopes):
    _set_scopes(read_db, fuldmagt_of(read_db, demo_data["Mads"]), scopes)
    login(client, "demo-mads")
    act_for(client, demo_data["Hanne"])
    actor = Actor(
        person_id=demo_data["Mads"],
        role=Role.DELEGATE,
        acting_for=demo_data["Hanne"],
        scopes=frozenset(Scope(s) for s in scopes),
    )
    problems = walk(app, client, actor, demo_data["Hanne"])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scopes", [("se",), ("booke",), ("se", "booke")], ids="+".join)
def test_the_preview_as_a_delegate_never_hits_a_wall(app, client, read_db, demo_data, scopes):
    mads = fuldmagt_of(read_db, demo_data["Mads"])
    _set_scopes(read_db, mads, scopes)
    login(client, "demo-anders")
    start_preview(client, demo_data["Hanne"], som=str(mads))
    actor = Actor(
        person_id=demo_data["Anders"],
        role=Role.PREVIEW,
        caseload=frozenset({demo_data["Hanne"]}),
        acting_for=demo_data["Hanne"],
        scopes=frozenset(Scope(s) for s in scopes),
        preview_delegate_id=demo_data["Mads"],
    )
    problems = walk(app, client, actor, demo_data["Hanne"])
    assert not problems, "\n".join(problems)
