"""Limits on abuse (Flask-Limiter): how often log-ins, changes and costly look-ups may be tried.

- log-in starts (the demo log-in, "Log ind med MitID", the staff button, the step-up) and the
  providers' answers, per address (`RATELIMIT_LOGIN`, `RATELIMIT_LOGIN_RETURN`);
- every state-changing request, per person (`RATELIMIT_CHANGES`; per address before log-in);
- the language check, "Ring mig op" and the fuldmagt holder look-up, per person
  (`RATELIMIT_READABILITY`, `RATELIMIT_CALLBACK`, `RATELIMIT_LOOKUP`);
- page views (GET, HEAD) by visitors who are not logged in, per address
  (`RATELIMIT_ANONYMOUS_VIEWS`): the only requests no other limit bounds, and the ones that can
  start a server-side session (the log-in page's CSRF token). Not counted: logged-in people's views
  (their changes are limited per person), the health, readiness and metrics endpoints (a load
  balancer and Prometheus call them every few seconds) and static files (WhiteNoise answers the
  built assets before Flask sees the request; Flask's own `static` route is left out too).

A route says which limit it is under with `@limited(Limit.X)` (like `@requires` for access);
`install` gives each app its own limiter, counting in Redis when `PORTAL_REDIS_URL` is set (shared
by every app node) and in memory otherwise. One limiter per app rather than one singleton: a
limiter keeps one storage, and the tests build apps with different settings. Going over a limit
is answered by a calm 429 page that says when to try again, with a Retry-After header.

The anonymous views are counted by a hook of their own (`install_view_count`) that runs before
the access guard, so the guard's redirects to the log-in page count too; Flask-Limiter's own hook
runs after the guard, where a refused change keeps its refused audit row.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

from flask import Flask, current_app, render_template, request, session
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse_many

from portal import clock

F = TypeVar("F", bound=Callable)
LIMIT_ATTRIBUTE = "rate_limit"
_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
_READING = ("GET", "HEAD")
ANONYMOUS_VIEWS = "RATELIMIT_ANONYMOUS_VIEWS"
# For the machines that watch each node, never for people; no session, no audit row.
_MACHINE_BLUEPRINTS = frozenset({"health"})
# Files, not pages: Flask's static route (what WhiteNoise did not answer) and /favicon.ico.
_FILE_ENDPOINTS = frozenset({"static", "pages.favicon"})


class Limit(StrEnum):
    LOGIN = "RATELIMIT_LOGIN"
    LOGIN_RETURN = "RATELIMIT_LOGIN_RETURN"
    READABILITY = "RATELIMIT_READABILITY"
    CALLBACK = "RATELIMIT_CALLBACK"
    LOOKUP = "RATELIMIT_LOOKUP"


# Counted per address (nobody is logged in yet) or per person.
_PER_ADDRESS = {Limit.LOGIN, Limit.LOGIN_RETURN}


def limited(limit: Limit, when: Callable[[], bool] | None = None) -> Callable[[F], F]:
    """Put a route under `limit`; `when` narrows it to some of its requests (e.g. only the
    language check of a form that also saves). Only requests that change or look up count:
    POSTs, and the providers' answers (GET) for LOGIN_RETURN."""

    def mark(view: F) -> F:
        setattr(view, LIMIT_ATTRIBUTE, (limit, when))
        return view

    return mark


def by_address() -> str:
    return f"address:{get_remote_address()}"


def by_person() -> str:
    """The signed-in person (read from the session: no database needed), else the address."""
    person_id = session.get("person_id")
    if isinstance(person_id, int):
        return f"person:{person_id}"
    return by_address()


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def _not_counted(limit: Limit, when: Callable[[], bool] | None) -> Callable[[], bool]:
    def exempt() -> bool:
        if limit is not Limit.LOGIN_RETURN and request.method not in _CHANGING:
            return True
        return when is not None and not when()

    return exempt


def _too_many(error: RateLimitExceeded):
    limiter: Limiter = current_app.extensions["portal_limiter"]
    current = limiter.current_limit
    return _calm_page(current.reset_at if current is not None else None)


def _calm_page(reset_at: float | None):
    """The calm 429 page: what happened, and the time from which it works again."""
    # The limiter counts in real time (not the portal's clock, which tests may freeze).
    wait = max(math.ceil(reset_at - time.time()), 1) if reset_at else 60
    again = clock.local(clock.now()) + timedelta(seconds=wait)
    response = current_app.make_response(
        (
            render_template(
                "errors/429.html", minutes=max(math.ceil(wait / 60), 1), again_at=again
            ),
            429,
        )
    )
    response.headers["Retry-After"] = str(wait)
    return response


def _anonymous_view() -> bool:
    """A page view by a visitor who is not logged in (read from the session: no database)."""
    if request.method not in _READING or request.endpoint in _FILE_ENDPOINTS:
        return False
    if request.blueprint in _MACHINE_BLUEPRINTS:
        return False  # decided before the session is read: these never touch it
    return not isinstance(session.get("person_id"), int)


@lru_cache(maxsize=8)
def _items(setting: str) -> list[RateLimitItem]:
    # Shortest window first, as Flask-Limiter checks them: the first one used up answers.
    return sorted(parse_many(setting))


def _count_anonymous_view():
    """Count an anonymous page view for its address; over the limit, the calm 429 page (the
    view does not run: nothing is written, and the page starts no session)."""
    limiter: Limiter | None = current_app.extensions.get("portal_limiter")
    if limiter is None or not limiter.enabled or not _anonymous_view():
        return None
    # The same storage, strategy and key prefix as the limiter's own limits.
    key = (f"{current_app.config['REDIS_PREFIX']}:limits", by_address(), "anonymous_views")
    for item in _items(current_app.config[ANONYMOUS_VIEWS]):
        if not limiter.limiter.hit(item, *key):
            return _calm_page(limiter.limiter.get_window_stats(item, *key).reset_time)
    return None


def install_view_count(app: Flask) -> None:
    """Count anonymous page views (call before the access guard is installed, so that its
    redirects to the log-in page are counted, and after the language choice, so that the 429
    page speaks the language just chosen)."""
    if app.config["RATELIMIT_ENABLED"]:
        _items(app.config[ANONYMOUS_VIEWS])  # a setting in the wrong notation stops the start
    app.before_request(_count_anonymous_view)


def install(app: Flask) -> None:
    """Make this app's limiter and put each marked route under its limit (call after the
    blueprints are registered)."""
    redis_url = app.config.get("REDIS_URL")
    limiter = Limiter(
        key_func=by_address,
        storage_uri=redis_url or "memory://",
        key_prefix=f"{app.config['REDIS_PREFIX']}:limits",
        strategy="moving-window",
        application_limits=[
            ApplicationLimit(
                limit_provider=_setting("RATELIMIT_CHANGES"),
                key_function=by_person,
                scope="changes",
                exempt_when=lambda: request.method not in _CHANGING,
            )
        ],
        enabled=app.config["RATELIMIT_ENABLED"],
        headers_enabled=False,
        swallow_errors=False,
    )
    limiter.init_app(app)
    app.extensions["portal_limiter"] = limiter
    for endpoint, view in list(app.view_functions.items()):
        marked = getattr(view, LIMIT_ATTRIBUTE, None)
        if marked is None:
            continue
        limit, when = marked
        # The decorator's wrapper is what checks the limit, so it becomes the view.
        app.view_functions[endpoint] = limiter.shared_limit(
            _setting(limit.value),
            scope=limit.value.lower(),
            key_func=by_address if limit in _PER_ADDRESS else by_person,
            exempt_when=_not_counted(limit, when),
        )(view)
    app.register_error_handler(RateLimitExceeded, _too_many)
