"""THE access policy: may this actor do this action for this citizen?

`decide()` is the policy, pure and unit-tested. Every route declares its action with
`@requires(...)` (public pages with `@public`); `enforce()` runs before every request, asks
`decide()` and refuses what it refuses. No route makes its own access decision.

Later kinds of actor (a delegate with a fuldmagt, a caseworker previewing as the citizen) slot
in as new roles on `Actor` and new branches in `decide()`; the routes stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

F = TypeVar("F", bound=Callable)


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    CITIZEN = "citizen"
    CASEWORKER = "caseworker"
    RELATIVE = "relative"  # signed in as themselves, with no case of their own


class Action(StrEnum):
    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed_in"  # any signed-in person, about themselves only (start page, log out)
    # A citizen's own data.
    CITIZEN_OVERVIEW = "citizen.overview"
    PLAN_VIEW = "plan.view"
    BOOKING_VIEW = "booking.view"  # conversations, deadline, free slots, calendar file
    BOOKING_CHANGE = "booking.change"  # book, rebook, cancel, ask to be called
    # The caseworker's work on the citizens in their caseload.
    STAFF_HOME = "staff.home"
    STAFF_CITIZEN_VIEW = "staff.citizen.view"
    STAFF_BOOKING_VIEW = "staff.booking.view"  # a citizen's window, bookings, notes, call-me
    STAFF_BOOKING_CHANGE = "staff.booking.change"  # open a window, exempt, summon
    STAFF_SLOTS_VIEW = "staff.slots.view"  # the caseworker's own published slots
    STAFF_SLOTS_PUBLISH = "staff.slots.publish"


class Access(StrEnum):
    READ = "read"
    CHANGE = "change"


class Scope(StrEnum):
    """What a fuldmagt can cover (used when delegates arrive)."""

    SEE = "se"  # read plan, meeting, conversations, outcomes
    BOOK = "booke"  # book, rebook, cancel conversations
    MEETING = "moede"  # choose participation mode, fill in the preparation


@dataclass(frozen=True)
class Rule:
    """How an action on a citizen's pages may be used.

    `access`: reading or changing (a read-only preview may read, never change).
    `scopes`: the fuldmagt scopes that let someone else do it for the citizen; empty means only
    the citizen themself (e.g. consent to a virtual meeting).
    """

    access: Access
    scopes: frozenset[Scope] = frozenset()


def _rule(access: Access, *scopes: Scope) -> Rule:
    return Rule(access, frozenset(scopes))


# Every action on one citizen's data, as the citizen sees it.
CITIZEN_ACTIONS: dict[Action, Rule] = {
    Action.CITIZEN_OVERVIEW: _rule(Access.READ, Scope.SEE, Scope.BOOK, Scope.MEETING),
    Action.PLAN_VIEW: _rule(Access.READ, Scope.SEE),
    Action.BOOKING_VIEW: _rule(Access.READ, Scope.SEE, Scope.BOOK),
    Action.BOOKING_CHANGE: _rule(Access.CHANGE, Scope.BOOK),
}

# Staff actions; those needing a citizen check the caseload.
STAFF_ACTIONS: dict[Action, Access] = {
    Action.STAFF_HOME: Access.READ,
    Action.STAFF_CITIZEN_VIEW: Access.READ,
    Action.STAFF_BOOKING_VIEW: Access.READ,
    Action.STAFF_BOOKING_CHANGE: Access.CHANGE,
    Action.STAFF_SLOTS_VIEW: Access.READ,
    Action.STAFF_SLOTS_PUBLISH: Access.CHANGE,
}
STAFF_ACTIONS_ON_CITIZEN = {
    Action.STAFF_CITIZEN_VIEW,
    Action.STAFF_BOOKING_VIEW,
    Action.STAFF_BOOKING_CHANGE,
}


@dataclass(frozen=True)
class Actor:
    person_id: int | None
    role: Role
    caseload: frozenset[int] = field(default_factory=frozenset)

    @property
    def signed_in(self) -> bool:
        return self.role is not Role.ANONYMOUS

    @property
    def subject_citizen_id(self) -> int | None:
        """Whose citizen pages this actor is looking at when the URL names nobody."""
        return self.person_id if self.role is Role.CITIZEN else None


ANONYMOUS = Actor(person_id=None, role=Role.ANONYMOUS)


class Reason(StrEnum):
    OK = "ok"
    NOT_SIGNED_IN = "not_signed_in"
    WRONG_ROLE = "wrong_role"  # e.g. a caseworker on a page meant for citizens
    NOT_YOURS = "not_yours"  # another citizen's data: answered as "not found"
    UNKNOWN_ACTION = "unknown_action"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: Reason

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True, Reason.OK)


def decide(actor: Actor, action: Action, citizen_id: int | None = None) -> Decision:
    """May `actor` do `action` on the data of citizen `citizen_id`?"""
    if action is Action.PUBLIC:
        return ALLOW
    if not actor.signed_in:
        return Decision(False, Reason.NOT_SIGNED_IN)
    if action is Action.SIGNED_IN:
        return ALLOW
    if action in CITIZEN_ACTIONS:
        if actor.role is not Role.CITIZEN:
            return Decision(False, Reason.WRONG_ROLE)
        if citizen_id is None or citizen_id != actor.person_id:
            return Decision(False, Reason.NOT_YOURS)
        return ALLOW
    if action in STAFF_ACTIONS:
        if actor.role is not Role.CASEWORKER:
            return Decision(False, Reason.WRONG_ROLE)
        if action in STAFF_ACTIONS_ON_CITIZEN and citizen_id not in actor.caseload:
            return Decision(False, Reason.NOT_YOURS)
        return ALLOW
    return Decision(False, Reason.UNKNOWN_ACTION)


# --- Declaring and enforcing --------------------------------------------------------------

ACTION_ATTRIBUTE = "access_action"


def requires(action: Action) -> Callable[[F], F]:
    """Declare the action a view performs; `enforce` checks it before the view runs."""

    def mark(view: F) -> F:
        setattr(view, ACTION_ATTRIBUTE, action)
        return view

    return mark


public = requires(Action.PUBLIC)


def declared_action(view: Callable) -> Action | None:
    return getattr(view, ACTION_ATTRIBUTE, None)
