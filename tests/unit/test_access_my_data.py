""" "Hent dine oplysninger" is the citizen's own right: never through a fuldmagt (whatever its
scopes), never in a caseworker's preview, never a caseworker's or relative's page."""

import pytest

from portal.web.access import (
    ANONYMOUS,
    CITIZEN_ONLY_ACTIONS,
    Actor,
    Reason,
    Role,
    Scope,
    decide,
)

HANNE, LAERKE, ANDERS, MADS = 1, 2, 10, 20
CASELOAD = frozenset({HANNE, LAERKE})
EVERY_SCOPE = frozenset(Scope)


@pytest.mark.parametrize("action", list(CITIZEN_ONLY_ACTIONS))
def test_only_the_citizen_themself(action):
    hanne = Actor(HANNE, Role.CITIZEN)
    assert decide(hanne, action, HANNE)
    assert decide(hanne, action, LAERKE).reason is Reason.NOT_YOURS
    assert decide(hanne, action, None).reason is Reason.NOT_YOURS


@pytest.mark.parametrize("action", list(CITIZEN_ONLY_ACTIONS))
def test_never_a_delegate_or_a_preview(action):
    delegate = Actor(MADS, Role.DELEGATE, acting_for=HANNE, scopes=EVERY_SCOPE)
    as_citizen = Actor(ANDERS, Role.PREVIEW, CASELOAD, acting_for=HANNE)
    as_delegate = Actor(
        ANDERS,
        Role.PREVIEW,
        CASELOAD,
        acting_for=HANNE,
        scopes=EVERY_SCOPE,
        preview_delegate_id=MADS,
    )
    for actor in (delegate, as_citizen, as_delegate):
        for only_showing in (True, False):
            decision = decide(actor, action, HANNE, only_showing=only_showing)
            assert not decision and decision.reason is Reason.CITIZEN_ONLY


@pytest.mark.parametrize("action", list(CITIZEN_ONLY_ACTIONS))
def test_not_a_caseworkers_or_relatives_page(action):
    anders = Actor(ANDERS, Role.CASEWORKER, CASELOAD)
    mads = Actor(MADS, Role.RELATIVE)
    assert decide(anders, action, HANNE).reason is Reason.WRONG_ROLE
    assert decide(mads, action, MADS).reason is Reason.WRONG_ROLE
    assert decide(ANONYMOUS, action, HANNE).reason is Reason.NOT_SIGNED_IN
