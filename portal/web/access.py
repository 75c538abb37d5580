"""THE access policy: may this actor do this action for this citizen?

`decide()` is the policy, pure and unit-tested. Every route declares its action with
`@requires(...)` (public pages with `@public`); `enforce()` runs before every request, asks
`decide()` and refuses what it refuses. No route makes its own access decision.

Actors: a citizen; a relative signed in as themselves; a delegate (a relative acting for a
citizen through a valid fuldmagt, limited to its scopes); a caseworker (their caseload); and a
caseworker's read-only preview, as the citizen or as one of the citizen's delegates. Identity
builds the actor afresh from the database on every request, so a revoked or expired fuldmagt
stops working on the very next request.
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
    DELEGATE = "delegate"  # a relative acting for a citizen through a valid fuldmagt
    PREVIEW = "preview"  # a caseworker seeing a citizen's pages read-only, as the citizen sees them


class Action(StrEnum):
    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed_in"  # any signed-in person, about themselves only (start page, log out)
    # A signed-in person's own log-ins ("Dine log-ins"), whoever they are.
    SESSIONS_VIEW = "sessions.view"
    SESSIONS_END_OTHERS = "sessions.end_others"
    # A citizen's own data.
    CITIZEN_OVERVIEW = "citizen.overview"
    PLAN_VIEW = "plan.view"
    OUTCOMES_VIEW = "outcomes.view"
    OUTCOME_MARK_READ = "outcomes.mark_read"
    MEETING_VIEW = "meeting.view"
    MEETING_CONSENT = "meeting.consent"
    MEETING_PARTICIPATION = "meeting.participation"
    MEETING_PREPARATION = "meeting.preparation"
    BOOKING_VIEW = "booking.view"  # conversations, deadline, free slots, calendar file
    BOOKING_CHANGE = "booking.change"  # book, rebook, cancel, ask to be called
    # The caseworker's work on the citizens in their caseload.
    STAFF_HOME = "staff.home"
    STAFF_CITIZEN_VIEW = "staff.citizen.view"
    STAFF_PLAN_CHANGE = "staff.plan.change"  # e.g. whether an effort is sensitive
    STAFF_OUTCOMES_VIEW = "staff.outcomes.view"  # outcomes incl. drafts, and read receipts
    STAFF_OUTCOME_WRITE = "staff.outcomes.write"  # write or correct a draft, check its language
    STAFF_OUTCOME_PUBLISH = "staff.outcomes.publish"
    STAFF_MEETING_VIEW = "staff.meeting.view"
    STAFF_MEETING_PLAN = "staff.meeting.plan"
    STAFF_MEETING_ASSESS = "staff.meeting.assess"
    STAFF_BOOKING_VIEW = "staff.booking.view"  # a citizen's window, bookings, notes, call-me
    STAFF_BOOKING_CHANGE = "staff.booking.change"  # open a window, exempt, summon
    STAFF_SLOTS_VIEW = "staff.slots.view"  # the caseworker's own published slots
    STAFF_SLOTS_PUBLISH = "staff.slots.publish"
    STAFF_CALLBACK_HANDLE = "staff.callback.handle"  # mark a call-me request as handled
    # Fuldmagt and the access log: the citizen's own, never a delegate's.
    FULDMAGT_VIEW = "fuldmagt.view"
    FULDMAGT_GRANT = "fuldmagt.grant"
    FULDMAGT_CHANGE = "fuldmagt.change"
    FULDMAGT_REVOKE = "fuldmagt.revoke"
    ACCESS_LOG_VIEW = "access_log.view"
    # "Hent dine oplysninger" (GDPR art. 15 and 20): the page and the two downloads.
    MY_DATA_VIEW = "my_data.view"
    MY_DATA_DOWNLOAD = "my_data.download"
    # A relative about the fuldmagter they hold: act for someone, go back, give one up.
    HOLDER_ACT_FOR = "holder.act_for"
    HOLDER_OWN_VIEW = "holder.own_view"
    HOLDER_GIVE_UP = "holder.give_up"
    # A citizen's or relative's own contact settings and the messages sent to them.
    SETTINGS_CHANGE = "settings.change"
    MESSAGES_VIEW = "messages.view"
    # The caseworker's read-only preview of a citizen's pages.
    STAFF_PREVIEW_START = "staff.preview.start"
    STAFF_PREVIEW_END = "staff.preview.end"


class Access(StrEnum):
    READ = "read"
    CHANGE = "change"


class Scope(StrEnum):
    """What a fuldmagt can cover (used when delegates arrive)."""

    SEE = "se"  # read plan, meeting, conversations, outcomes
    BOOK = "booke"  # book, rebook, cancel conversations
    MEETING = "moede"  # choose participation mode, fill in the preparation
    # With SEE: also health and social treatment (sensitive efforts, outcomes naming them).
    # Never chosen by default; no action needs it, it widens what SEE shows.
    SENSITIVE = "helbred"


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
    Action.OUTCOMES_VIEW: _rule(Access.READ, Scope.SEE),
    # The read receipt says the citizen themself has read it: nobody else can give it.
    Action.OUTCOME_MARK_READ: _rule(Access.CHANGE),
    Action.MEETING_VIEW: _rule(Access.READ, Scope.SEE, Scope.MEETING),
    # Consent to a virtual meeting is the citizen's own: no fuldmagt covers it.
    Action.MEETING_CONSENT: _rule(Access.CHANGE),
    Action.MEETING_PARTICIPATION: _rule(Access.CHANGE, Scope.MEETING),
    Action.MEETING_PREPARATION: _rule(Access.CHANGE, Scope.MEETING),
    Action.BOOKING_VIEW: _rule(Access.READ, Scope.SEE, Scope.BOOK),
    Action.BOOKING_CHANGE: _rule(Access.CHANGE, Scope.BOOK),
    Action.FULDMAGT_VIEW: _rule(Access.READ),
    Action.FULDMAGT_GRANT: _rule(Access.CHANGE),
    Action.FULDMAGT_CHANGE: _rule(Access.CHANGE),
    Action.FULDMAGT_REVOKE: _rule(Access.CHANGE),
    Action.ACCESS_LOG_VIEW: _rule(Access.READ),
}

# A relative's actions about the fuldmagter they hold (their own business, nobody else's data).
HOLDER_ACTIONS: dict[Action, Access] = {
    Action.HOLDER_ACT_FOR: Access.CHANGE,
    Action.HOLDER_OWN_VIEW: Access.CHANGE,
    Action.HOLDER_GIVE_UP: Access.CHANGE,
}

# A person's own business, whoever they act for: how to reach them, what was sent to them. Only
# citizens and relatives get messages; a delegate is a relative acting for someone, and their
# own settings wait until they go back to their own view.
OWN_ACTIONS: dict[Action, Access] = {
    Action.SETTINGS_CHANGE: Access.CHANGE,
    Action.MESSAGES_VIEW: Access.READ,
}

# A person's own log-in sessions: anyone signed in, about themselves only (a preview only reads).
SELF_ACTIONS: dict[Action, Access] = {
    Action.SESSIONS_VIEW: Access.READ,
    Action.SESSIONS_END_OTHERS: Access.CHANGE,
}

# A person's own copy of everything the portal holds about them (GDPR art. 15 and 20): the citizen
# signed in as themself, and a relative signed in as themself (their own record, the fuldmagter
# they hold, what they did with them). A fuldmagt lets someone act in the portal, not exercise the
# citizen's data rights, and a caseworker's preview must not turn into a file of the citizen's
# data on the caseworker's machine: while acting for a citizen or previewing, both are refused
# (`Reason.CITIZEN_ONLY`), with a page that says why; caseworkers have no such copy here.
OWN_COPY_ACTIONS: dict[Action, Access] = {
    Action.MY_DATA_VIEW: Access.READ,
    Action.MY_DATA_DOWNLOAD: Access.READ,
}

# Staff actions; those needing a citizen check the caseload.
STAFF_ACTIONS: dict[Action, Access] = {
    Action.STAFF_HOME: Access.READ,
    Action.STAFF_CITIZEN_VIEW: Access.READ,
    Action.STAFF_PLAN_CHANGE: Access.CHANGE,
    Action.STAFF_OUTCOMES_VIEW: Access.READ,
    Action.STAFF_OUTCOME_WRITE: Access.CHANGE,
    Action.STAFF_OUTCOME_PUBLISH: Access.CHANGE,
    Action.STAFF_MEETING_VIEW: Access.READ,
    Action.STAFF_MEETING_PLAN: Access.CHANGE,
    Action.STAFF_MEETING_ASSESS: Access.CHANGE,
    Action.STAFF_BOOKING_VIEW: Access.READ,
    Action.STAFF_BOOKING_CHANGE: Access.CHANGE,
    Action.STAFF_SLOTS_VIEW: Access.READ,
    Action.STAFF_SLOTS_PUBLISH: Access.CHANGE,
    Action.STAFF_CALLBACK_HANDLE: Access.CHANGE,
    Action.STAFF_PREVIEW_START: Access.CHANGE,
    Action.STAFF_PREVIEW_END: Access.CHANGE,
}
STAFF_ACTIONS_ON_CITIZEN = {
    Action.STAFF_CITIZEN_VIEW,
    Action.STAFF_PLAN_CHANGE,
    Action.STAFF_OUTCOMES_VIEW,
    Action.STAFF_OUTCOME_WRITE,
    Action.STAFF_OUTCOME_PUBLISH,
    Action.STAFF_MEETING_VIEW,
    Action.STAFF_MEETING_PLAN,
    Action.STAFF_MEETING_ASSESS,
    Action.STAFF_BOOKING_VIEW,
    Action.STAFF_BOOKING_CHANGE,
    Action.STAFF_CALLBACK_HANDLE,
    Action.STAFF_PREVIEW_START,
}

# What a caseworker may still do in a preview besides reading: leave it, or sign out. The guard
# refuses every other state-changing request in preview, whatever the action claims.
PREVIEW_SESSION_ACTIONS = frozenset({Action.STAFF_PREVIEW_END, Action.SIGNED_IN})


@dataclass(frozen=True)
class Actor:
    person_id: int | None
    role: Role
    caseload: frozenset[int] = field(default_factory=frozenset)
    # Delegate and preview: the citizen acted for or previewed.
    acting_for: int | None = None
    # Delegate: the scopes of the fuldmagt. Preview as a delegate: that delegate's scopes.
    scopes: frozenset[Scope] = frozenset()
    # Preview as a delegate: who (the preview as the citizen has None).
    preview_delegate_id: int | None = None

    @property
    def signed_in(self) -> bool:
        return self.role is not Role.ANONYMOUS

    @property
    def in_preview(self) -> bool:
        return self.role is Role.PREVIEW

    @property
    def sees_sensitive(self) -> bool:
        """Whether health and social treatment data is shown: to the citizen and staff always,
        to a fuldmagt holder (or the preview as one) only when the fuldmagt includes it."""
        if self.role is Role.DELEGATE or (
            self.role is Role.PREVIEW and self.preview_delegate_id is not None
        ):
            return Scope.SENSITIVE in self.scopes
        return True

    @property
    def subject_citizen_id(self) -> int | None:
        """Whose citizen pages this actor is looking at when the URL names nobody."""
        if self.role is Role.CITIZEN:
            return self.person_id
        if self.role in (Role.DELEGATE, Role.PREVIEW):
            return self.acting_for
        return None

    def previewed(self) -> Actor:
        """In a preview: the actor whose view is shown (the citizen, or the delegate)."""
        if self.preview_delegate_id is not None:
            return Actor(
                person_id=self.preview_delegate_id,
                role=Role.DELEGATE,
                acting_for=self.acting_for,
                scopes=self.scopes,
            )
        return Actor(person_id=self.acting_for, role=Role.CITIZEN)


ANONYMOUS = Actor(person_id=None, role=Role.ANONYMOUS)


class Reason(StrEnum):
    OK = "ok"
    NOT_SIGNED_IN = "not_signed_in"
    WRONG_ROLE = "wrong_role"  # e.g. a caseworker on a page meant for citizens
    NOT_YOURS = "not_yours"  # another citizen's data: answered as "not found"
    UNKNOWN_ACTION = "unknown_action"
    OUTSIDE_SCOPE = "outside_scope"  # a delegate whose fuldmagt does not cover this
    READ_ONLY_PREVIEW = "read_only_preview"  # the previewed person could; a preview never changes
    # A person's own data rights: not through a fuldmagt or a preview (the code predates relatives'
    # own copies; it stays, as it is stored in audit rows).
    CITIZEN_ONLY = "citizen_only"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: Reason

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True, Reason.OK)


def decide(
    actor: Actor, action: Action, citizen_id: int | None = None, *, only_showing: bool = False
) -> Decision:
    """May `actor` do `action` on the data of citizen `citizen_id`?

    `only_showing`: the request only shows a page (GET) even if its action changes something
    (a form page). A read-only preview may show such a page, with its controls disabled.
    """
    if action is Action.PUBLIC:
        return ALLOW
    if not actor.signed_in:
        return Decision(False, Reason.NOT_SIGNED_IN)
    if action is Action.SIGNED_IN:
        return ALLOW
    if action in CITIZEN_ACTIONS:
        return _decide_citizen_action(actor, CITIZEN_ACTIONS[action], citizen_id, only_showing)
    if action in OWN_COPY_ACTIONS:
        return _decide_own_copy(actor, citizen_id)
    if action in SELF_ACTIONS:
        if actor.in_preview and SELF_ACTIONS[action] is Access.CHANGE and not only_showing:
            return Decision(False, Reason.READ_ONLY_PREVIEW)
        return ALLOW
    if action in HOLDER_ACTIONS:
        if actor.role not in (Role.RELATIVE, Role.DELEGATE):
            return Decision(False, Reason.WRONG_ROLE)
        return ALLOW
    if action in OWN_ACTIONS:
        if actor.role not in (Role.CITIZEN, Role.RELATIVE):
            return Decision(False, Reason.WRONG_ROLE)
        return ALLOW
    if action in STAFF_ACTIONS:
        return _decide_staff_action(actor, action, citizen_id)
    return Decision(False, Reason.UNKNOWN_ACTION)


def _decide_citizen_action(
    actor: Actor, rule: Rule, citizen_id: int | None, only_showing: bool
) -> Decision:
    if actor.role is Role.CITIZEN:
        if citizen_id is None or citizen_id != actor.person_id:
            return Decision(False, Reason.NOT_YOURS)
        return ALLOW
    if actor.role is Role.DELEGATE:
        if citizen_id is None or citizen_id != actor.acting_for:
            return Decision(False, Reason.NOT_YOURS)
        if not (rule.scopes & actor.scopes):  # empty rule scopes: the citizen's own
            return Decision(False, Reason.OUTSIDE_SCOPE)
        return ALLOW
    if actor.role is Role.PREVIEW:
        if actor.acting_for not in actor.caseload:
            return Decision(False, Reason.NOT_YOURS)
        as_them = _decide_citizen_action(actor.previewed(), rule, citizen_id, only_showing)
        if not as_them:
            return as_them
        if rule.access is Access.CHANGE and not only_showing:
            return Decision(False, Reason.READ_ONLY_PREVIEW)
        return ALLOW
    return Decision(False, Reason.WRONG_ROLE)


def _decide_own_copy(actor: Actor, citizen_id: int | None) -> Decision:
    if actor.role is Role.CITIZEN:
        if citizen_id is None or citizen_id != actor.person_id:
            return Decision(False, Reason.NOT_YOURS)
        return ALLOW
    if actor.role is Role.RELATIVE:
        # In their own view a relative is about nobody's case but their own.
        return ALLOW if citizen_id is None else Decision(False, Reason.NOT_YOURS)
    if actor.role in (Role.DELEGATE, Role.PREVIEW):
        return Decision(False, Reason.CITIZEN_ONLY)
    return Decision(False, Reason.WRONG_ROLE)


def _decide_staff_action(actor: Actor, action: Action, citizen_id: int | None) -> Decision:
    if actor.role is Role.PREVIEW:
        # In a preview the caseworker may read their own pages and leave the preview, no more.
        if STAFF_ACTIONS[action] is not Access.READ and action not in PREVIEW_SESSION_ACTIONS:
            return Decision(False, Reason.WRONG_ROLE)
    elif actor.role is not Role.CASEWORKER:
        return Decision(False, Reason.WRONG_ROLE)
    if action in STAFF_ACTIONS_ON_CITIZEN and citizen_id not in actor.caseload:
        return Decision(False, Reason.NOT_YOURS)
    return ALLOW


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
