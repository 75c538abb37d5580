"""Sessions kept on the server; the cookie carries only a random id.

Flask's session object is kept, so identity, CSRF and Authlib use it as before; only where it
lives changes (a `SessionInterface`, swapped in by `install`). The values are stored in the
database, or in Redis when `PORTAL_REDIS_URL` is set (portal/web/session_store.py), under the
SHA-256 of the id. The server decides when a session ends:

- log-out ends it (`end`): the id is removed, so a cookie saved before opens nothing after;
- a session unused for PERMANENT_SESSION_LIFETIME (30 minutes) has timed out, and one older than
  SESSION_MAX_HOURS (8 hours since the log-in) has run out, however busy it was;
- log-in and every change of acting role (acting for someone, a caseworker's preview) give the
  session a new id (`rotate`), so an id seen before it (fixation) is worthless after it.

A session is saved only when it has something in it; its idle timer is renewed at most once a
minute (`TOUCH_EVERY`) unless its values changed, and pages are told the server's own count of
seconds left (`seconds_left`, the `X-Session-Seconds` header), so the warning before the idle
log-out never promises more time than the server gives, and which limit ends it first
(`end_kind`, the `X-Session-End` header: "idle", or "max" when the 8 hours come first and no
request can move the end later), so the warning can say so.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from flask import Flask, current_app, g, has_request_context, request, session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSession, SessionInterface

from portal import log_events
from portal.services import login_sessions
from portal.text import devices, privacy
from portal.web.session_store import Record, RedisStore, SqlStore, Store

log = logging.getLogger(__name__)

TOUCH_EVERY = timedelta(seconds=60)
SECONDS_HEADER = "X-Session-Seconds"
END_HEADER = "X-Session-End"
ID_BYTES = 32
_serializer = TaggedJSONSerializer()
_moved: datetime | None = None


def session_time() -> datetime:
    """Sessions count real time, not the portal's clock (portal/clock.py): a test that sets the
    portal's clock to a deadline days away must not find the person logged out. Tests move this
    one with `moved_to`."""
    return _moved if _moved is not None else datetime.now(UTC)


@contextmanager
def moved_to(moment: datetime) -> Iterator[None]:
    """Tests: let the sessions' time be `moment` (aware) inside the block."""
    global _moved
    previous, _moved = _moved, moment.astimezone(UTC)
    try:
        yield
    finally:
        _moved = previous


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class ServerSession(SecureCookieSession):
    """The session's values, plus what the interface needs to save or end it."""

    def __init__(self, initial=None, session_id: str | None = None, record: Record | None = None):
        super().__init__(initial)
        self.session_id = session_id
        self.record = record
        self.ended: list[str] = []  # keys of records to remove when the response is saved
        self.fresh_start = False  # a log-in: the absolute lifetime counts from now
        self.previous: Record | None = None  # before `rotate`: its start and device carry over
        self.ended_because: str | None = None  # "idle" or "max": the cookie's session ran out


def _ended_because(record: Record, now: datetime, app: Flask) -> str | None:
    if now >= record.started_at + _max_age(app):
        return "max"
    if now >= record.last_seen_at + app.permanent_session_lifetime:
        return "idle"
    return None


def _max_age(app: Flask) -> timedelta:
    return timedelta(hours=float(app.config["SESSION_MAX_HOURS"]))


def _expires_at(app: Flask, started_at: datetime, seen_at: datetime) -> datetime:
    return min(seen_at + app.permanent_session_lifetime, started_at + _max_age(app))


class ServerSessionInterface(SessionInterface):
    def __init__(self, store: Store):
        self.store = store

    def open_session(self, app: Flask, request) -> ServerSession:
        session_id = request.cookies.get(self.get_cookie_name(app), "")
        if not session_id or len(session_id) > 100:
            return ServerSession()
        record = self.store.load(_key(session_id))
        if record is None:
            return ServerSession()
        because = _ended_because(record, session_time(), app)
        if because is None:
            return ServerSession(_serializer.loads(record.data), session_id, record)
        ended = self.store.end(record.key)
        if ended is not None and ended.person_id is not None:
            _record_timeouts([(ended.person_id, because)])
        fresh = ServerSession()
        fresh.ended_because = because if record.person_id is not None else None
        return fresh

    def save_session(self, app: Flask, session: ServerSession, response) -> None:
        if has_request_context() and request.endpoint == "static":
            return  # static files never touch the session (nor bring back an ended one)
        carried = session.previous is not None and not session.fresh_start
        for key in session.ended:
            if self.store.end(key) is None and carried and key == session.previous.key:
                # A new id for a session that was ended elsewhere meanwhile (logged out on
                # another node while this request changed the acting role): it stays ended.
                session.clear()
                session.ended_because = None
                self._forget_cookie(app, response)
                session.ended = []
                return
        session.ended = []
        if session.accessed:
            response.vary.add("Cookie")
        if not session:
            if session.record is not None:
                self.store.end(session.record.key)
            if session.record is not None or session.ended_because or session.modified:
                self._forget_cookie(app, response)
            return
        now = session_time()
        data = _serializer.dumps(dict(session))
        person_id = session.get("person_id") if isinstance(session.get("person_id"), int) else None
        record = session.record
        if record is None:
            session.session_id = secrets.token_urlsafe(ID_BYTES)
            record = self._new_record(app, session, now, data, person_id)
            self.store.add(record)
        elif data != record.data or now - record.last_seen_at >= TOUCH_EVERY or g.get("touch"):
            record = record.touched(
                person_id=person_id,
                last_seen_at=now,
                expires_at=_expires_at(app, record.started_at, now),
                data=data,
            )
            if not self.store.update(record):
                # Ended elsewhere (logged out on another node) while this request ran: it
                # stays ended.
                self._forget_cookie(app, response)
                return
        else:
            _tell_the_page(app, response, record, now)
            return
        session.record = record
        _tell_the_page(app, response, record, now)
        response.set_cookie(
            self.get_cookie_name(app),
            session.session_id,
            httponly=self.get_cookie_httponly(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")

    @staticmethod
    def _new_record(app: Flask, session: ServerSession, now, data: str, person_id) -> Record:
        previous = None if session.fresh_start else session.previous
        user_agent = request.user_agent.string
        started = previous.started_at if previous is not None else now
        return Record(
            key=_key(session.session_id),
            person_id=person_id,
            started_at=started,
            last_seen_at=now,
            expires_at=_expires_at(app, started, now),
            browser=previous.browser if previous else devices.browser_of(user_agent),
            system=previous.system if previous else devices.system_of(user_agent),
            data=data,
        )

    def _forget_cookie(self, app: Flask, response) -> None:
        response.delete_cookie(
            self.get_cookie_name(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
            httponly=self.get_cookie_httponly(app),
        )
        response.vary.add("Cookie")


def _record_timeouts(ended: list[tuple[int, str]]) -> None:
    """Time-outs in the audit trail, in a transaction of their own: the session has ended
    whatever becomes of the request that found out."""
    from sqlalchemy.orm import Session

    from portal.extensions import db

    with Session(db.engine) as audit_session:
        login_sessions.record_timeouts(audit_session, ended)
        audit_session.commit()
    for _, because in ended:
        log_events.session_timed_out(because)


def clean_up(app: Flask, batch: int = 500) -> int:
    """Remove expired sessions (the clean-up job), auditing logged-in ones as timed out."""
    count = 0
    store = app.session_interface.store
    while True:
        now = session_time()
        ended = store.take_expired(now, batch)
        timed_out = [
            (r.person_id, _ended_because(r, now, app) or "idle")
            for r in ended
            if r.person_id is not None
        ]
        if timed_out:
            _record_timeouts(timed_out)
        count += len(ended)
        if len(ended) < batch:
            return count


def _seconds_left(app: Flask, record: Record, now: datetime) -> int:
    return max(int((record.expires_at - now).total_seconds()), 0)


def _end_kind(app: Flask, record: Record) -> str:
    """Gives "max" when the absolute end (the log-in plus SESSION_MAX_HOURS) comes no later than the
    idle end: then staying active cannot move the end, and "Bliv logget ind" would be a lie."""
    final_end = record.started_at + _max_age(app)
    return "max" if final_end <= record.last_seen_at + app.permanent_session_lifetime else "idle"


def _tell_the_page(app: Flask, response, record: Record, now: datetime) -> None:
    # Read by session.js from htmx answers and the "Bliv logget ind" answer.
    response.headers[SECONDS_HEADER] = str(_seconds_left(app, record, now))
    response.headers[END_HEADER] = _end_kind(app, record)


# --- What the rest of the request cycle asks -------------------------------------------------


def _store() -> Store:
    return current_app.session_interface.store


def rotate(*, fresh_start: bool = False) -> None:
    """Give this session a new id, keeping its values (log-in: `fresh_start`, the 8 hours start
    now). The old id is removed when the response is saved."""
    if not isinstance(session, ServerSession):
        return
    if session.record is not None:
        session.ended.append(session.record.key)
        session.previous = session.record
    session.record = None
    session.session_id = None
    session.fresh_start = fresh_start
    session.modified = True


def end() -> None:
    """Log-out: the session is removed on the server and its values forgotten (anything stored
    after this starts a new session of its own)."""
    session.clear()
    rotate()
    if isinstance(session, ServerSession):
        session.previous = None


def keep_alive() -> None:
    """Renew the idle timer now (the "Bliv logget ind" button)."""
    g.touch = True
    session.modified = True


def ended_because() -> str | None:
    """Why the session this browser came with had ended: "idle", "max" or None."""
    return getattr(session, "ended_because", None)


def current_key() -> str | None:
    record = getattr(session, "record", None)
    return record.key if record is not None else None


def active_of(person_id: int) -> list[Record]:
    """The person's sessions that have not ended, newest log-in first (at most MAX_LISTED)."""
    return _store().of_person(person_id, session_time())


def end_others(person_id: int) -> int:
    """End all the person's sessions but this one; how many were ended."""
    keep = current_key() or ""
    return _store().end_others(person_id, keep)


def seconds_left() -> int:
    """Seconds until this session ends by the server's count (full when it is new)."""
    app = current_app._get_current_object()
    record = _as_saved()
    if record is None:
        return int(app.permanent_session_lifetime.total_seconds())
    return _seconds_left(app, record, session_time())


def _as_saved() -> Record | None:
    """This session's record as this request will leave it: the page is rendered before the
    idle timer is renewed, and must tell what the server will count after the answer."""
    record = getattr(session, "record", None)
    now = session_time()
    if record is None or now - record.last_seen_at < TOUCH_EVERY:
        return record
    app = current_app._get_current_object()
    return record.touched(last_seen_at=now, expires_at=_expires_at(app, record.started_at, now))


def end_kind() -> str:
    """Which limit ends this session first: "idle" (30 minutes unused) or "max" (the 8 hours)."""
    record = _as_saved()
    return "idle" if record is None else _end_kind(current_app._get_current_object(), record)


def final_end() -> datetime:
    """When this session ends however busy it is (a new one: SESSION_MAX_HOURS from now)."""
    record = getattr(session, "record", None)
    started = record.started_at if record is not None else session_time()
    return started + _max_age(current_app._get_current_object())


def max_in_words() -> str:
    """SESSION_MAX_HOURS as the privacy notice says it: '8 timer', '1 time', '90 minutter'."""
    return privacy.seconds_in_words(_max_age(current_app._get_current_object()))


def make_store(app: Flask) -> Store:
    if url := app.config.get("REDIS_URL"):
        import redis

        return RedisStore(redis.Redis.from_url(url), app.config["REDIS_PREFIX"])
    from portal.extensions import db

    with app.app_context():
        return SqlStore(db.engine)


def install(app: Flask) -> None:
    app.session_interface = ServerSessionInterface(make_store(app))
    app.jinja_env.globals["session_seconds_left"] = seconds_left
    app.jinja_env.globals["session_end_kind"] = end_kind
    app.jinja_env.globals["session_final_end"] = final_end
    app.jinja_env.globals["session_max_in_words"] = max_in_words
