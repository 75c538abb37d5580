"""The demo people of DOMAIN.md, with plans and history dated relative to today.

Running it again updates the people in place and rebuilds the demo citizens' plans, so the demo
always shows things that are happening now, whatever day it is run. Audit entries are never touched.
People live in portal/demo/people.py, plans in plan_specs.py and plans.py, and each feature's
demo data in portal/demo/<feature>.py.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.demo import booking as demo_booking
from portal.demo import delegation as demo_delegation
from portal.demo import meeting as demo_meeting
from portal.demo import outcomes as demo_outcomes
from portal.demo.people import CASEWORKERS, CITIZENS, RELATIVES, load_people
from portal.demo.plan_specs import PLANS
from portal.demo.plans import load_plans
from portal.models import Person
from portal.org import DEMO, Organisation

# Each feature's demo data, loaded after the people and plans (portal/demo/<feature>.py), each
# with `load(session, today, people, org)`.
FEATURES = (demo_meeting, demo_booking, demo_outcomes, demo_delegation)


def load(session: Session, today: date, org: Organisation = DEMO) -> str:
    """Create or refresh every demo person and plan, for the organisation `org` (the demo
    municipality unless the settings name another). Returns a one-line summary."""
    citizen_ids = load_people(session, today)
    load_plans(session, today, citizen_ids)
    people = {
        p.first_name: p
        for p in session.scalars(select(Person).where(Person.subject.like("demo-%")))
    }
    for feature in FEATURES:
        feature.load(session, today, people, org)
    return f"{len(CASEWORKERS)} caseworkers, {len(CITIZENS)} citizens, {len(RELATIVES)} relatives, {len(PLANS)} plans"
