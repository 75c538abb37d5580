"""The access policy for delegates and the caseworker's read-only preview."""

import pytest

from portal.web.access import (
    CITIZEN_ACTIONS,
    HOLDER_ACTIONS,
    Access,
    Action,
    Actor,
    Reason,
    Role,
    Scope,
    decide,
)

HANNE, LAERKE = 1, 2
MADS, ANDERS = 20, 10
CASELOAD = frozenset({HANNE, LAERKE})


def delegate(*scopes, acting_for=HANNE):
    return Actor(MADS, Role.DELEGATE, acting_for=acting_for, scopes=frozenset(scopes))


def preview(*scopes, as_delegate=False, acting_for=HANNE, caseload=CASELOAD):
    return Actor(
        ANDERS,
        Role.PREVIEW,
        caseload,
        acting_for=acting_for,
        scopes=frozenset(scopes),
        preview_delegate_id=MADS if as_delegate else None,
    )


READS = [a for a, r in CITIZEN_ACTIONS.items() if r.access is Access.READ]
CHANGES = [a for a, r in CITIZEN_ACTIONS.items() if r.access is Access.CHANGE]


def test_delegate_sees_what_the_scope_covers():
    assert decide(delegate(Scope.SEE), Action.PLAN_VIEW, HANNE)
    assert decide(delegate(Scope.SEE), Action.CITIZEN_OVERVIEW, HANNE)
    refused = decide(delegate(Scope.BOOK), Action.PLAN_VIEW, HANNE)
    assert not refused and refused.reason is Reason.OUTSIDE_SCOPE


@pytest.mark.parametrize("action", [a for a, r in CITIZEN_ACTIONS.items() if not r.scopes])
def test_citizen_only_actions_are_never_a_delegates(action):
    everything = delegate(Scope.SEE, Scope.BOOK, Scope.MEETING)
    decision = decide(everything, action, HANNE)
    assert not decision and decision.reason is Reason.OUTSIDE_SCOPE


def test_delegate_only_for_the_citizen_acted_for():
    refused = decide(delegate(Scope.SEE), Action.PLAN_VIEW, LAERKE)
    assert not refused and refused.reason is Reason.NOT_YOURS
    assert not decide(delegate(Scope.SEE), Action.PLAN_VIEW, None)


def test_delegate_and_relative_use_their_holder_actions_others_do_not():
    relative = Actor(MADS, Role.RELATIVE)
    for action in HOLDER_ACTIONS:
        assert decide(relative, action)
        assert decide(delegate(Scope.SEE), action)
        assert decide(Actor(HANNE, Role.CITIZEN), action).reason is Reason.WRONG_ROLE
        assert decide(Actor(ANDERS, Role.CASEWORKER), action).reason is Reason.WRONG_ROLE
        assert decide(preview(), action).reason is Reason.WRONG_ROLE


@pytest.mark.parametrize("action", READS)
def test_preview_as_citizen_reads_everything_the_citizen_reads(action):
    assert decide(preview(), action, HANNE)


@pytest.mark.parametrize("action", CHANGES)
def test_preview_never_changes_but_may_show_the_form(action):
    refused = decide(preview(), action, HANNE)
    assert not refused and refused.reason is Reason.READ_ONLY_PREVIEW
    assert decide(preview(), action, HANNE, only_showing=True)


def test_preview_as_delegate_is_limited_to_that_delegates_scope():
    assert decide(preview(Scope.SEE, as_delegate=True), Action.PLAN_VIEW, HANNE)
    refused = decide(preview(Scope.BOOK, as_delegate=True), Action.PLAN_VIEW, HANNE)
    assert refused.reason is Reason.OUTSIDE_SCOPE
    # The citizen's own pages are not shown in a delegate's preview: the delegate cannot see them.
    refused = decide(preview(Scope.SEE, as_delegate=True), Action.FULDMAGT_VIEW, HANNE)
    assert refused.reason is Reason.OUTSIDE_SCOPE


def test_preview_only_of_a_citizen_in_the_caseload():
    outside = preview(acting_for=99)
    assert decide(outside, Action.PLAN_VIEW, 99).reason is Reason.NOT_YOURS
    assert decide(preview(), Action.PLAN_VIEW, LAERKE).reason is Reason.NOT_YOURS


def test_preview_keeps_staff_reading_and_leaving_but_not_starting_another():
    assert decide(preview(), Action.STAFF_HOME)
    assert decide(preview(), Action.STAFF_CITIZEN_VIEW, HANNE)
    assert decide(preview(), Action.STAFF_PREVIEW_END)
    assert decide(preview(), Action.STAFF_PREVIEW_START, HANNE).reason is Reason.WRONG_ROLE


def test_subject_citizen_of_each_actor():
    assert Actor(HANNE, Role.CITIZEN).subject_citizen_id == HANNE
    assert delegate(Scope.SEE).subject_citizen_id == HANNE
    assert preview().subject_citizen_id == HANNE
    assert Actor(MADS, Role.RELATIVE).subject_citizen_id is None
    assert Actor(ANDERS, Role.CASEWORKER, CASELOAD).subject_citizen_id is None


def test_previewed_actor_is_the_citizen_or_the_delegate():
    assert preview().previewed() == Actor(HANNE, Role.CITIZEN)
    as_mads = preview(Scope.SEE, as_delegate=True).previewed()
    assert as_mads.role is Role.DELEGATE and as_mads.person_id == MADS
    assert as_mads.scopes == {Scope.SEE} and as_mads.acting_for == HANNE
