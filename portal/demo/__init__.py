"""The demo people of DOMAIN.md, with plans and history dated relative to today.

Running it again updates the people in place and rebuilds the demo citizens' plans, so the demo
always shows things that are happening now, whatever day it is run. Audit entries are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal import clock
from portal.demo import (
    booking as demo_booking,
)
from portal.demo import (
    delegation as demo_delegation,
)
from portal.demo import (
    meeting as demo_meeting,
)
from portal.demo import (
    outcomes as demo_outcomes,
)
from portal.models import (
    Course,
    Department,
    EffortStatus,
    Law,
    Payer,
    Person,
    PersonKind,
    Plan,
    PlanChange,
)
from portal.models.plan import Effort
from portal.org import DEMO, Organisation
from portal.services import plan as plans

# Each feature's demo data, loaded after the people and plans (portal/demo/<feature>.py), each
# with `load(session, today, people, org)`.
FEATURES = (demo_meeting, demo_booking, demo_outcomes, demo_delegation)

CASEWORKERS = {
    "demo-anders": dict(
        first_name="Anders",
        last_name="Mikkelsen",
        job_title="Koordinerende sagsbehandler",
        phone="72 34 56 10",
        email="anders.mikkelsen@jobcenter.example",
        office_hours="Mandag–torsdag kl. 9–12",
    ),
    "demo-rikke": dict(
        first_name="Rikke",
        last_name="Thomsen",
        job_title="Sagsbehandler, sygedagpenge",
        phone="72 34 56 20",
        email="rikke.thomsen@jobcenter.example",
        office_hours="Mandag–fredag kl. 8.30–11.30",
    ),
}

CITIZENS = {
    "demo-hanne": dict(
        first_name="Hanne",
        last_name="Sørensen",
        age=52,
        caseworker="demo-anders",
        course=Course.JOB_CLARIFICATION,
        phone="21 43 65 87",
    ),
    "demo-laerke": dict(
        first_name="Lærke",
        last_name="Nielsen",
        age=28,
        caseworker="demo-anders",
        course=Course.RESOURCE_COURSE,
        phone="30 12 45 78",
    ),
    "demo-gitte": dict(
        first_name="Gitte",
        last_name="Jensen",
        age=44,
        caseworker="demo-rikke",
        course=Course.RESOURCE_COURSE,
        phone="40 56 12 90",
    ),
    "demo-sofie": dict(
        first_name="Sofie",
        last_name="Larsen",
        age=38,
        caseworker="demo-anders",
        course=Course.SICKNESS_FOLLOW_UP,
        phone="26 78 90 12",
    ),
    "demo-jens": dict(
        first_name="Jens",
        last_name="Poulsen",
        age=61,
        caseworker="demo-rikke",
        course=Course.SICKNESS_FOLLOW_UP,
        phone="51 23 45 67",
    ),
}

RELATIVES = {
    "demo-mads": dict(first_name="Mads", last_name="Sørensen", phone="28 11 22 33"),
    "demo-birgit": dict(first_name="Birgit", last_name="Holm", phone="22 44 66 88"),
}


@dataclass
class EffortSpec:
    title: str
    meaning: str
    department: str
    law: str
    payer: str
    added: int  # days before today the effort was added to the plan
    start: int | None = None  # days from today (negative: in the past)
    end: int | None = None
    next_step: str | None = None
    contact: tuple[str, str] | None = None
    # Later changes: (days from today, "status", new status), or (days, "dates", earlier start,
    # earlier end): the effort first had the earlier dates and was moved to start/end that day.
    changes: list[tuple] = field(default_factory=list)


@dataclass
class PlanSpec:
    goal: str
    goal_written: int  # days before today
    efforts: list[EffortSpec]
    earlier_goal: tuple[str, int] | None = None  # (goal, days before today) replaced later


E, H, S, U = Department.EMPLOYMENT, Department.HEALTH, Department.SOCIAL, Department.EDUCATION

PLANS: dict[str, PlanSpec] = {
    "demo-hanne": PlanSpec(
        earlier_goal=("Jeg vil have det bedre.", 320),
        goal="Jeg vil gerne arbejde igen, men ikke med tunge løft. Og jeg vil have det bedre med mig selv.",
        goal_written=200,
        efforts=[
            EffortSpec(
                "Jobafklaringsforløb",
                "Du og jobcentret finder ud af, hvilket arbejde du kan klare med din skulder og dit humør.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=300,
                start=-300,
                end=60,
                next_step="Din sag skal på rehabiliteringsmøde. Teamet giver bagefter kommunen et råd om, hvad der skal ske.",
                contact=("Anders Mikkelsen", "72 34 56 10"),
                changes=[(-300, "status", EffortStatus.ONGOING), (-30, "dates", -300, 30)],
            ),
            EffortSpec(
                "Fysioterapi for skulderen",
                "Du træner skulderen med en fysioterapeut to gange om ugen. Det skal gøre det lettere at bruge armen.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=80,
                start=-60,
                end=30,
                next_step="Du træner tirsdag og torsdag kl. 10 i Sundhedshuset.",
                contact=("Louise Berg, fysioterapeut", "72 34 70 00"),
                changes=[(-60, "status", EffortStatus.ONGOING), (-20, "dates", -60, 0)],
            ),
            EffortSpec(
                "Samtaler med psykolog",
                "Du taler med en psykolog om din depression. Du har 12 samtaler i alt.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=50,
                start=-40,
                end=50,
                next_step="Psykologen ringer til dig og aftaler næste tid.",
                contact=("Psykologhuset Kilden", "72 34 71 00"),
                changes=[(-40, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Alkoholbehandling",
                "Du får samtaler og støtte til at drikke mindre. Det er gratis, og du kan selv stoppe.",
                S,
                Law.HEALTH,
                Payer.MUNICIPALITY,
                added=150,
                start=-140,
                end=90,
                next_step="Du har samtale hver anden mandag i Rådgivningscentret.",
                contact=("Rådgivningscentret", "72 34 72 00"),
                changes=[(-140, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Mentor til at komme i gang",
                "En mentor hjælper dig med at komme ud ad døren og i gang med aktiviteter.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=10,
                start=45,
                end=225,
                contact=("Anders Mikkelsen", "72 34 56 10"),
            ),
            EffortSpec(
                "Praktik i en genbrugsbutik",
                "Du var i praktik 10 timer om ugen for at se, hvad du kan klare.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=280,
                start=-260,
                end=-170,
                changes=[
                    (-260, "status", EffortStatus.ONGOING),
                    (-170, "status", EffortStatus.DONE),
                ],
            ),
            EffortSpec(
                "Holdtræning for ryggen",
                "Træning på hold to gange om ugen.",
                H,
                Law.HEALTH,
                Payer.MUNICIPALITY,
                added=120,
                start=-100,
                changes=[(-100, "status", EffortStatus.CANCELLED)],
            ),
        ],
    ),
    "demo-laerke": PlanSpec(
        goal="Jeg vil gerne tage en uddannelse, hvor jeg kan arbejde med dyr.",
        goal_written=150,
        efforts=[
            EffortSpec(
                "Ressourceforløb",
                "Du får hjælp fra flere fagfolk på én gang, så du kan komme tættere på uddannelse eller arbejde.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=160,
                start=-150,
                end=210,
                next_step="Din sag skal på rehabiliteringsmøde, før forløbet bliver forlænget.",
                contact=("Anders Mikkelsen", "72 34 56 10"),
                changes=[(-150, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Kommunalt træningsforløb",
                "Du er tre formiddage om ugen i kommunens værksted og træner at møde stabilt.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=120,
                start=-110,
                end=70,
                next_step="Du møder mandag, onsdag og fredag kl. 9 i Værkstedet.",
                contact=("Værkstedet, Kirsten", "72 34 73 00"),
                changes=[(-110, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Behandling i psykiatrien",
                "Du går til samtaler i ambulatoriet for din personlighedsforstyrrelse.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=140,
                start=-130,
                next_step="Ambulatoriet sender dig en tid.",
                contact=("Psykiatrisk ambulatorium", "72 35 00 00"),
                changes=[(-130, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Støtte-kontaktperson",
                "En fast person fra kommunen støtter dig i hverdagen, fx med breve og aftaler.",
                S,
                Law.SERVICE,
                Payer.MUNICIPALITY,
                added=90,
                start=-80,
                contact=("Jonas Krogh, støtte-kontaktperson", "72 34 74 00"),
                changes=[
                    (-80, "status", EffortStatus.ONGOING),
                    (-15, "status", EffortStatus.PAUSED),
                ],
            ),
            EffortSpec(
                "Brobygning til uddannelse",
                "Du prøver en uddannelse i fire uger, før du vælger.",
                U,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=20,
                start=60,
                end=88,
                contact=("UU-vejleder Sara", "72 34 75 00"),
            ),
        ],
    ),
    "demo-gitte": PlanSpec(
        goal="Jeg vil have mindre ondt og kunne være der for mine børn. Måske et job med få timer.",
        goal_written=100,
        efforts=[
            EffortSpec(
                "Ressourceforløb",
                "Du får hjælp fra flere fagfolk på én gang, så vi kan finde ud af, hvad du kan.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=110,
                start=-100,
                end=265,
                next_step="Din sag skal på rehabiliteringsmøde. Du kan forberede dig her i Én plan.",
                contact=("Rikke Thomsen", "72 34 56 20"),
                changes=[(-100, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Smerteklinik",
                "Du får hjælp til at leve med smerterne af læger og en psykolog på smerteklinikken.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=70,
                start=20,
                next_step="Smerteklinikken sender dig en indkaldelse.",
                contact=("Smerteklinikken", "72 35 10 00"),
                changes=[(-10, "dates", 5, None)],
            ),
            EffortSpec(
                "Gigtbehandling hos egen læge",
                "Din læge følger din gigt og din medicin.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=100,
                start=-100,
                contact=("Egen læge", "72 36 00 00"),
                changes=[(-100, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Familierådgivning",
                "Du og din familie kan få råd om hverdagen, når en forælder er syg.",
                S,
                Law.SERVICE,
                Payer.MUNICIPALITY,
                added=40,
                start=-30,
                end=60,
                next_step="Næste samtale aftaler du med rådgiveren.",
                contact=("Familierådgivningen", "72 34 76 00"),
                changes=[(-30, "status", EffortStatus.ONGOING)],
            ),
        ],
    ),
    "demo-sofie": PlanSpec(
        goal="Jeg vil tilbage til mit job som bogholder, først på nedsat tid.",
        goal_written=45,
        efforts=[
            EffortSpec(
                "Opfølgning på sygedagpenge",
                "Du har samtaler med jobcentret om, hvordan det går, og hvornår du kan arbejde igen.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=50,
                start=-50,
                next_step="Du booker selv din næste samtale inden for fristen.",
                contact=("Anders Mikkelsen", "72 34 56 10"),
                changes=[(-50, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Samtaler om stress",
                "Du får fem samtaler med en psykolog om stress.",
                H,
                Law.HEALTH,
                Payer.REGION,
                added=30,
                start=-21,
                end=40,
                next_step="Psykologen har sendt dig næste tid.",
                contact=("Psykologhuset Kilden", "72 34 71 00"),
                changes=[(-21, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Delvis raskmelding",
                "Du begynder at arbejde nogle timer om ugen. Din arbejdsgiver er med i planen.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=7,
                start=21,
                end=77,
                contact=("Anders Mikkelsen", "72 34 56 10"),
            ),
        ],
    ),
    "demo-jens": PlanSpec(
        goal="Jeg vil gerne tilbage til værkstedet, når hjertet kan holde til det.",
        goal_written=70,
        efforts=[
            EffortSpec(
                "Opfølgning på sygedagpenge",
                "Jobcentret følger op på, hvordan det går. Vi booker samtalerne for dig.",
                E,
                Law.EMPLOYMENT,
                Payer.MUNICIPALITY,
                added=75,
                start=-75,
                next_step="Du får en indkaldelse til næste samtale.",
                contact=("Rikke Thomsen", "72 34 56 20"),
                changes=[(-75, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Hjerterehabilitering",
                "Du træner på hold og lærer om at leve med en hjertesygdom.",
                H,
                Law.HEALTH,
                Payer.MUNICIPALITY,
                added=60,
                start=-50,
                end=34,
                next_step="Træning mandag og torsdag kl. 13 i Sundhedshuset.",
                contact=("Sundhedshuset", "72 34 70 00"),
                changes=[(-50, "status", EffortStatus.ONGOING)],
            ),
            EffortSpec(
                "Hjælp til rengøring",
                "Du får hjælp til rengøring hver anden uge, mens du kommer dig.",
                S,
                Law.SERVICE,
                Payer.MUNICIPALITY,
                added=70,
                start=-65,
                end=-5,
                changes=[(-65, "status", EffortStatus.ONGOING), (-5, "status", EffortStatus.DONE)],
            ),
        ],
    ),
}


def _birth_date(today: date, age: int) -> date:
    return date(today.year - age, 3, 14)


def _upsert(session: Session, subject: str, kind: str, **fields) -> Person:
    person = session.scalar(select(Person).where(Person.subject == subject))
    if person is None:
        person = Person(subject=subject, kind=kind, **fields)
        session.add(person)
    else:
        person.kind = kind
        for name, value in fields.items():
            setattr(person, name, value)
    session.flush()
    return person


def _days(today: date, offset: int | None) -> date | None:
    return None if offset is None else today + timedelta(days=offset)


def _moment(today: date, offset: int, hour: int = 10):
    return clock.at_local(today + timedelta(days=offset), hour)


def _rebuild_plan(
    session: Session, citizen: Person, spec: PlanSpec, caseworker: Person, today: date
) -> None:
    old = plans.plan_of(session, citizen.id)
    if old is not None:
        session.execute(delete(PlanChange).where(PlanChange.plan_id == old.id))
        session.execute(delete(Effort).where(Effort.plan_id == old.id))
        session.execute(delete(Plan).where(Plan.id == old.id))
        session.expunge_all()
        citizen = session.get(Person, citizen.id)
        caseworker = session.get(Person, caseworker.id)

    first_goal, first_at = spec.earlier_goal or (spec.goal, spec.goal_written)
    plan = plans.create_plan(
        session, citizen.id, goal=first_goal, at=_moment(today, -first_at, 9), actor_id=citizen.id
    )
    session.flush()
    if spec.earlier_goal:
        plans.change_goal(
            session, plan, spec.goal, at=_moment(today, -spec.goal_written, 9), actor_id=citizen.id
        )

    for effort_spec in spec.efforts:
        moves = [c for c in effort_spec.changes if c[1] == "dates"]
        first_start, first_end = (
            (moves[0][2], moves[0][3]) if moves else (effort_spec.start, effort_spec.end)
        )
        effort = plans.add_effort(
            session,
            plan,
            at=_moment(today, -effort_spec.added, 11),
            actor_id=caseworker.id,
            title=effort_spec.title,
            meaning=effort_spec.meaning,
            department=effort_spec.department,
            law=effort_spec.law,
            payer=effort_spec.payer,
            status=EffortStatus.PLANNED,
            start_date=_days(today, first_start),
            end_date=_days(today, first_end),
            next_step=effort_spec.next_step,
            contact_name=effort_spec.contact[0] if effort_spec.contact else None,
            contact_phone=effort_spec.contact[1] if effort_spec.contact else None,
        )
        for change in effort_spec.changes:
            at = _moment(today, change[0], 13)
            if change[1] == "status":
                plans.change_status(session, effort, change[2], at=at, actor_id=caseworker.id)
            else:
                plans.move_dates(
                    session,
                    effort,
                    _days(today, effort_spec.start),
                    _days(today, effort_spec.end),
                    at=at,
                    actor_id=caseworker.id,
                )
    session.flush()


def load(session: Session, today: date, org: Organisation = DEMO) -> str:
    """Create or refresh every demo person and plan, for the organisation `org` (the demo
    municipality unless the settings name another). Returns a one-line summary."""
    caseworkers = {
        subject: _upsert(session, subject, PersonKind.CASEWORKER, **fields)
        for subject, fields in CASEWORKERS.items()
    }
    for subject, fields in RELATIVES.items():
        _upsert(session, subject, PersonKind.RELATIVE, **fields)
    citizen_ids = {}
    for subject, spec in CITIZENS.items():
        fields = dict(spec)
        caseworker = caseworkers[fields.pop("caseworker")]
        age = fields.pop("age")
        person = _upsert(
            session,
            subject,
            PersonKind.CITIZEN,
            birth_date=_birth_date(today, age),
            caseworker_id=caseworker.id,
            **fields,
        )
        citizen_ids[subject] = (person.id, caseworker.id)

    for subject, plan_spec in PLANS.items():
        citizen_id, caseworker_id = citizen_ids[subject]
        _rebuild_plan(
            session,
            session.get(Person, citizen_id),
            plan_spec,
            session.get(Person, caseworker_id),
            today,
        )
    people = {
        p.first_name: p
        for p in session.scalars(select(Person).where(Person.subject.like("demo-%")))
    }
    for feature in FEATURES:
        feature.load(session, today, people, org)
    return f"{len(CASEWORKERS)} caseworkers, {len(CITIZENS)} citizens, {len(RELATIVES)} relatives, {len(PLANS)} plans"
