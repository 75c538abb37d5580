"""How a `submit(label, Action.X)` button shows for each actor, straight from the declarations:
this is what makes later pages (meeting, booking, outcomes) fit the preview without changes."""

from flask import g

from portal.web import templating
from portal.web.access import Action, Actor, Role, Scope

HANNE = 1


def _state(app, actor, action):
    with app.test_request_context("/"):
        g.actor = actor
        g.citizen_id = HANNE
        return templating.control_state(action), templating.can_open(action)


def test_buttons_follow_the_policy_for_every_actor(app):
    citizen = Actor(HANNE, Role.CITIZEN)
    delegate_se = Actor(20, Role.DELEGATE, acting_for=HANNE, scopes=frozenset({Scope.SEE}))
    preview = Actor(10, Role.PREVIEW, frozenset({HANNE}), acting_for=HANNE)
    preview_as_se = Actor(
        10,
        Role.PREVIEW,
        frozenset({HANNE}),
        acting_for=HANNE,
        scopes=frozenset({Scope.SEE}),
        preview_delegate_id=20,
    )
    # A citizen-only change (giving a fuldmagt).
    assert _state(app, citizen, Action.FULDMAGT_GRANT) == ("enabled", True)
    assert _state(app, delegate_se, Action.FULDMAGT_GRANT) == ("hidden", False)
    assert _state(app, preview, Action.FULDMAGT_GRANT) == ("disabled", True)
    assert _state(app, preview_as_se, Action.FULDMAGT_GRANT) == ("hidden", False)
    # A reading action.
    assert _state(app, delegate_se, Action.PLAN_VIEW) == ("enabled", True)
    assert _state(app, preview_as_se, Action.PLAN_VIEW) == ("enabled", True)
    # Leaving the preview is always possible in a preview.
    assert _state(app, preview, Action.STAFF_PREVIEW_END) == ("enabled", True)
