"""Who is signed in. The only place that reads or writes the login in the session.

The demo log-in and the OpenID Connect log-in (MitID through a broker, the staff provider) both
end in `sign_in(person)`; features only ever ask `current_actor()`. (Authlib keeps its pending
log-in, state, nonce and PKCE verifier, under its own keys until the provider answers.)
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, session
from sqlalchemy.orm import joinedload

from portal import clock, log_events
from portal.extensions import db
from portal.models import Person, PersonKind
from portal.services import delegation, people
from portal.web import i18n, sessions
from portal.web.access import ANONYMOUS, Actor, Role, Scope

SESSION_KEY = "person_id"
PROVIDER_KEY = (
    "login"  # log-in through an OpenID provider: {"provider", "id_token", "confirmed_at"}
)
DESTINATION_KEY = "after_login"
CONFIRMING_KEY = "confirming"  # a fresh log-in asked for (step-up): {"next": path, "since": time}
ACTING_FOR_KEY = "acting_for"  # a relative: the citizen they chose to act for
PREVIEW_KEY = "preview"  # a caseworker: {"citizen": id, "fuldmagt": id or None}

_ROLE_OF_KIND = {
    PersonKind.CITIZEN: Role.CITIZEN,
    PersonKind.CASEWORKER: Role.CASEWORKER,
    PersonKind.RELATIVE: Role.RELATIVE,
}


@dataclass(frozen=True)
class ProviderLogin:
    """How the session that just ended was logged in at an OpenID provider."""

    provider: str
    id_token: str | None


def sign_in(person: Person, provider: str | None = None, id_token: str | None = None) -> None:
    """Log `person` in; `provider` and `id_token` when an OpenID provider vouched for them (the
    ID token is kept for ending the provider's session at log-out)."""
    session.clear()  # nothing carries over into a log-in (also drops the pending log-in)
    sessions.rotate(fresh_start=True)  # a new id: one seen before the log-in is worthless
    session[SESSION_KEY] = person.id
    if provider is not None:
        session[PROVIDER_KEY] = {"provider": provider, "id_token": id_token}
    session.permanent = True
    g.pop("help_contact", None)
    # The language the person chose before wins over this browser's (it lives in its own cookie,
    # so log-in and log-out keep whatever was chosen).
    i18n.remember(person.language)
    log_events.login(provider, _ROLE_OF_KIND[person.kind].value)


def sign_out() -> ProviderLogin | None:
    """End the portal session; says which provider's session to end too, if any."""
    login = session.get(PROVIDER_KEY)
    sessions.end()  # removed on the server: a copy of the cookie opens nothing afterwards
    g.pop("actor", None)
    g.pop("help_contact", None)  # the help box names whom the page is about
    g.pop("current_person", None)
    if isinstance(login, dict) and isinstance(login.get("provider"), str):
        return ProviderLogin(login["provider"], login.get("id_token"))
    return None


def logged_in_with() -> str | None:
    """The OpenID provider this session was logged in through (None: the demo log-in)."""
    login = session.get(PROVIDER_KEY)
    return login.get("provider") if isinstance(login, dict) else None


def remember_destination(next_path: str) -> None:
    """The page a person asked for before logging in at a provider, opened once they are in."""
    session[DESTINATION_KEY] = next_path


def take_destination() -> str | None:
    """The remembered page, read once (signing in clears the session, so read it before)."""
    value = session.pop(DESTINATION_KEY, None)
    return value if isinstance(value, str) else None


def begin_confirmation(next_path: str, since: float) -> None:
    """The person is sent to log in again at the provider (step-up) to confirm who they are."""
    session[CONFIRMING_KEY] = {"next": next_path, "since": since}


def pending_confirmation() -> dict | None:
    pending = session.get(CONFIRMING_KEY)
    return pending if isinstance(pending, dict) else None


def confirm(auth_time: float) -> None:
    """The provider vouched for a fresh log-in at `auth_time` (seconds since the epoch)."""
    session.pop(CONFIRMING_KEY, None)
    login = session.get(PROVIDER_KEY)
    if isinstance(login, dict):
        session[PROVIDER_KEY] = {**login, "confirmed_at": auth_time}


def confirmed_since(moment: float) -> bool:
    """Whether the person confirmed who they are (a fresh log-in) at or after `moment`."""
    login = session.get(PROVIDER_KEY)
    confirmed = login.get("confirmed_at") if isinstance(login, dict) else None
    return isinstance(confirmed, int | float) and confirmed >= moment


def _person(person_id: int) -> Person | None:
    """A person with their caseworker in the same query (the help box on every page names the
    caseworker of the citizen the page is about)."""
    return db.session.get(Person, person_id, options=[joinedload(Person.caseworker)])


def current_person() -> Person | None:
    if "current_person" not in g:
        person_id = session.get(SESSION_KEY)
        g.current_person = _person(person_id) if isinstance(person_id, int) else None
    return g.current_person


# A change of acting role gives the session a new id, like a log-in does.


def act_for(citizen_id: int) -> None:
    sessions.rotate()
    session[ACTING_FOR_KEY] = citizen_id
    g.pop("actor", None)
    g.pop("help_contact", None)  # the help box names whom the page is about


def act_as_self() -> None:
    sessions.rotate()
    session.pop(ACTING_FOR_KEY, None)
    g.pop("actor", None)
    g.pop("help_contact", None)  # the help box names whom the page is about


def start_preview(citizen_id: int, fuldmagt_id: int | None) -> None:
    sessions.rotate()
    session[PREVIEW_KEY] = {"citizen": citizen_id, "fuldmagt": fuldmagt_id}
    g.pop("actor", None)
    g.pop("help_contact", None)  # the help box names whom the page is about


def end_preview() -> None:
    sessions.rotate()
    session.pop(PREVIEW_KEY, None)
    g.pop("actor", None)
    g.pop("help_contact", None)  # the help box names whom the page is about


def current_actor() -> Actor:
    """The actor of this request, read fresh from the database every time.

    A fuldmagt is checked here on every request, so revoking it, giving it up or letting it run
    out takes effect on the holder's very next click, not at their next login.
    """
    if "actor" in g:
        return g.actor
    person = current_person()
    if person is None:
        actor = ANONYMOUS
    else:
        role = _ROLE_OF_KIND[PersonKind(person.kind)]
        if role is Role.CASEWORKER:
            actor = _caseworker(person)
        elif role is Role.RELATIVE:
            actor = _relative(person)
        else:
            actor = Actor(person_id=person.id, role=role)
    g.actor = actor
    return actor


def _relative(person: Person) -> Actor:
    citizen_id = session.get(ACTING_FOR_KEY)
    if isinstance(citizen_id, int):
        mandate = delegation.mandate(db.session, person.id, citizen_id, clock.today())
        if mandate is not None:
            return Actor(
                person_id=person.id,
                role=Role.DELEGATE,
                acting_for=citizen_id,
                scopes=frozenset(Scope(s) for s in mandate.scopes),
            )
        # The fuldmagt ended since the last request: back to their own view, and say why.
        session.pop(ACTING_FOR_KEY, None)
        g.lost_delegation_for = db.session.get(Person, citizen_id)
    return Actor(person_id=person.id, role=Role.RELATIVE)


def _caseworker(person: Person) -> Actor:
    caseload = people.caseload_ids(db.session, person.id)
    preview = session.get(PREVIEW_KEY)
    if isinstance(preview, dict) and preview.get("citizen") in caseload:
        citizen_id = preview["citizen"]
        fuldmagt_id = preview.get("fuldmagt")
        if fuldmagt_id is None:
            return Actor(person.id, Role.PREVIEW, caseload, acting_for=citizen_id)
        fuldmagt = delegation.valid_one(db.session, fuldmagt_id, citizen_id, clock.today())
        if fuldmagt is not None:
            return Actor(
                person.id,
                Role.PREVIEW,
                caseload,
                acting_for=citizen_id,
                scopes=frozenset(Scope(s) for s in fuldmagt.scope_set),
                preview_delegate_id=fuldmagt.holder_id,
            )
    if preview is not None:  # no longer in the caseload, or the fuldmagt ended
        session.pop(PREVIEW_KEY, None)
    return Actor(person_id=person.id, role=Role.CASEWORKER, caseload=caseload)


def lost_delegation_for() -> Person | None:
    """The citizen whose fuldmagt ended since this person's last request, if that just happened."""
    current_actor()
    return g.get("lost_delegation_for")


def previewed_person() -> Person | None:
    """In a preview as a delegate: that delegate."""
    actor = current_actor()
    if actor.preview_delegate_id is None:
        return None
    return db.session.get(Person, actor.preview_delegate_id)


def subject_citizen() -> Person | None:
    """The citizen whose pages are shown in this request, once the guard has allowed it."""
    citizen_id = g.get("citizen_id")
    return _person(citizen_id) if citizen_id else None


def acting_for_person() -> Person | None:
    """The citizen a delegate acts for, or a preview shows (for the banner on every page)."""
    actor = current_actor()
    if actor.role not in (Role.DELEGATE, Role.PREVIEW) or actor.acting_for is None:
        return None
    return _person(actor.acting_for)


def on_behalf_of() -> int | None:
    """The citizen a delegate is acting for in this request (None when people act for themselves)."""
    actor = current_actor()
    return actor.acting_for if actor.role is Role.DELEGATE else None
