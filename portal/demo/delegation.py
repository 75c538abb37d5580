"""Demo fuldmagter: Mads (Hanne's son) may see and book for her; Birgit, a volunteer bisidder,
may see Gitte's pages. Dated relative to today; re-running rebuilds them."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal import clock
from portal.models import Fuldmagt, FuldmagtEvent, FuldmagtEventKind, Person
from portal.org import Organisation

DEMO = [
    # holder, citizen, scopes, started days ago, ends in days
    ("Mads", "Hanne", "booke,se", 40, 150),
    ("Birgit", "Gitte", "se", 20, 70),
]


def load(
    session: Session, today: date, people: dict[str, Person], org: Organisation | None = None
) -> None:
    """The demo fuldmagter (they name no organisation: `org` is taken for a uniform loader)."""
    demo_ids = [people[name].id for name in {n for row in DEMO for n in row[:2]}]
    old = select(Fuldmagt.id).where(Fuldmagt.citizen_id.in_(demo_ids))
    session.execute(delete(FuldmagtEvent).where(FuldmagtEvent.fuldmagt_id.in_(old)))
    session.execute(delete(Fuldmagt).where(Fuldmagt.citizen_id.in_(demo_ids)))
    for holder, citizen, scopes, ago, ahead in DEMO:
        started = today - timedelta(days=ago)
        at = clock.at_local(started, 14)
        fuldmagt = Fuldmagt(
            citizen_id=people[citizen].id,
            holder_id=people[holder].id,
            scopes=scopes,
            starts_on=started,
            ends_on=today + timedelta(days=ahead),
            created_at=at,
        )
        session.add(fuldmagt)
        session.add(
            FuldmagtEvent(
                fuldmagt=fuldmagt,
                at=at,
                kind=FuldmagtEventKind.GRANTED,
                by_id=people[citizen].id,
                scopes=scopes,
                ends_on=fuldmagt.ends_on,
            )
        )
    session.flush()
