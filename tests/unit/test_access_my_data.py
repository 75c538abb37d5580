""" "Hent dine oplysninger" is a person's own right: the citizen's, and a relative's signed in as
themself; never through a fuldmagt (whatever its scopes), never in a caseworker's preview, never a
caseworker's page."""

import pytest

from portal.web.access import (
    ANONYMOUS,
    OWN_COPY_ACTIONS,
    Actor,
    Reason,
    Role,
    Scope,
    decide,
)

HANNE, LAERKE, ANDERS, MADS = 1, 2, 10, 20
CASELOAD = frozenset({HANNE, LAERKE})
EVERY_SCOPE = frozenset(Scope)


@pytest.mark.parametrize("action", list(OWN_COPY_ACTIONS))
def test_only_the_citizen_themself(action):
    hanne = Actor(HANNE, Role.CITIZEN)
    assert decide(hanne, action, HANNE)
    assert decide(hanne, action, LAERKE).reason is Reason.NOT_YOURS
    assert decide(hanne, action, None).reason is Reason.NOT_YOURS


@pytest.mark.parametrize("action", list(OWN_COPY_ACTIONS))
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


@pytest.mark.parametrize("action", list(OWN_COPY_ACTIONS))
def test_a_relative_in_their_own_view_about_nobody_else(action):
    mads = Actor(MADS, Role.RELATIVE)
    assert decide(mads, action, None)
    assert decide(mads, action, HANNE).reason is Reason.NOT_YOURS
    assert decide(mads, action, MADS).reason is Reason.NOT_YOURS  # never "as a citizen"


@pytest.mark.parametrize("action", list(OWN_COPY_ACTIONS))
def test_not_a_caseworkers_page(action):
    anders = Actor(ANDERS, Role.CASEWORKER, CASELOAD)
    assert decide(anders, action, HANNE).reason is Reason.WRONG_ROLE
    assert decide(anders, action, None).reason is Reason.WRONG_ROLE
    assert decide(ANONYMOUS, action, HANNE).reason is Reason.NOT_SIGNED_IN
