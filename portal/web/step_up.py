"""Step-up: giving or widening a fuldmagt asks a citizen who logged in with MitID to confirm who
they are with a fresh log-in at the provider (`prompt=login`, `max_age`), checked by `auth_time`.

A person on the demo log-in has no provider to confirm with, so nothing is asked of them.
"""

from __future__ import annotations

import time

from flask import Flask

from portal.models import LoginProvider
from portal.web import identity, oidc

MAX_AGE_SECONDS = 300  # how old the confirming log-in may be, and how long it counts


def required() -> bool:
    return identity.logged_in_with() == LoginProvider.CITIZEN.value and oidc.configured(
        LoginProvider.CITIZEN
    )


def satisfied() -> bool:
    """True when the change may go ahead: no step-up applies, or a fresh log-in was confirmed."""
    return not required() or identity.confirmed_since(time.time() - MAX_AGE_SECONDS)


def needed() -> bool:
    """For templates: show the "Bekræft med MitID" button."""
    return not satisfied()


def install(app: Flask) -> None:
    app.jinja_env.globals["step_up_needed"] = needed
