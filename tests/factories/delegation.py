"""Fuldmagter: a citizen gives a relative a fuldmagt."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from portal import clock
from portal.models import Fuldmagt, Person
from portal.services import delegation


def fuldmagt(
    session,
    citizen: Person,
    holder: Person,
    *,
    scopes=("se", "booke"),
    today: date,
    ends_on: date | None = None,
    now: datetime | None = None,
) -> Fuldmagt:
    """A fuldmagt given on `today`, ending 90 days later unless `ends_on` says otherwise."""
    return delegation.grant(
        session,
        citizen_id=citizen.id,
        holder_id=holder.id,
        scopes=list(scopes),
        ends_on=ends_on if ends_on is not None else today + timedelta(days=90),
        today=today,
        now=now or clock.now(),
    )
