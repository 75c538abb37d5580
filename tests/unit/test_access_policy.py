"""The access policy: who may do what for whom. Refusals are tested as carefully as permissions."""

import pytest

from portal.web.access import (
    ANONYMOUS,
    CITIZEN_ACTIONS,
    STAFF_ACTIONS,
    Action,
    Actor,
    Reason,
    Role,
    decide,
)

HANNE, LAERKE, GITTE = 1, 2, 3
hanne = Actor(person_id=HANNE, role=Role.CITIZEN)
anders = Actor(person_id=10, role=Role.CASEWORKER, caseload=frozenset({HANNE, LAERKE}))
mads = Actor(person_id=20, role=Role.RELATIVE)


def test_public_pages_are_open_to_everyone():
    for actor in (ANONYMOUS, hanne, anders, mads):
        assert decide(actor, Action.PUBLIC)


@pytest.mark.parametrize("action", [a for a in Action if a is not Action.PUBLIC])
def test_anonymous_is_refused_everything_but_public(action):
    decision = decide(ANONYMOUS, action, HANNE)
    assert not decision
    assert decision.reason is Reason.NOT_SIGNED_IN


@pytest.mark.parametrize("action", list(CITIZEN_ACTIONS))
def test_citizen_sees_own_data(action):
    assert decide(hanne, action, HANNE)


@pytest.mark.parametrize("action", list(CITIZEN_ACTIONS))
def test_citizen_never_sees_another_citizens_data(action):
    decision = decide(hanne, action, LAERKE)
    assert not decision
    assert decision.reason is Reason.NOT_YOURS


@pytest.mark.parametrize("action", list(CITIZEN_ACTIONS))
def test_citizen_actions_need_a_citizen(action):
    assert not decide(hanne, action, None)


@pytest.mark.parametrize("action", list(CITIZEN_ACTIONS))
def test_caseworker_and_relative_cannot_use_citizen_pages_directly(action):
    assert decide(anders, action, HANNE).reason is Reason.WRONG_ROLE
    assert decide(mads, action, HANNE).reason is Reason.WRONG_ROLE


def test_caseworker_sees_only_own_caseload():
    assert decide(anders, Action.STAFF_CITIZEN_VIEW, HANNE)
    assert decide(anders, Action.STAFF_CITIZEN_VIEW, LAERKE)
    refused = decide(anders, Action.STAFF_CITIZEN_VIEW, GITTE)
    assert not refused and refused.reason is Reason.NOT_YOURS
    assert not decide(anders, Action.STAFF_CITIZEN_VIEW, None)


@pytest.mark.parametrize("action", list(STAFF_ACTIONS))
def test_citizens_and_relatives_cannot_use_staff_pages(action):
    assert decide(hanne, action, HANNE).reason is Reason.WRONG_ROLE
    assert decide(mads, action, HANNE).reason is Reason.WRONG_ROLE


def test_signed_in_actions_are_for_anyone_signed_in():
    for actor in (hanne, anders, mads):
        assert decide(actor, Action.SIGNED_IN)


def test_every_action_has_a_rule():
    """A new action added to the enum without a branch in decide() is refused, not allowed."""
    everyone = (hanne, anders, mads)
    for action in Action:
        outcomes = {decide(actor, action, HANNE).reason for actor in everyone}
        assert Reason.UNKNOWN_ACTION not in outcomes, action


def test_outcome_rules():
    """Reading outcomes can later be shared through a "se" fuldmagt; the read receipt never:
    it says the citizen themself has read it."""
    from portal.web.access import Access, Scope

    assert CITIZEN_ACTIONS[Action.OUTCOMES_VIEW].scopes == frozenset({Scope.SEE})
    assert CITIZEN_ACTIONS[Action.OUTCOME_MARK_READ].scopes == frozenset()
    assert CITIZEN_ACTIONS[Action.OUTCOME_MARK_READ].access is Access.CHANGE
    for action in (
        Action.STAFF_OUTCOMES_VIEW,
        Action.STAFF_OUTCOME_WRITE,
        Action.STAFF_OUTCOME_PUBLISH,
    ):
        assert decide(anders, action, HANNE)
        assert decide(anders, action, GITTE).reason is Reason.NOT_YOURS
