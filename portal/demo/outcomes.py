"""Demo outcomes: Hanne's recommendation of a ressourceforløb and the decision that followed
(corrected once), and Lærke's recommendation with a decision still in draft. Dates are relative
to today; running it again rebuilds these rows for the demo citizens."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal import clock
from portal.models import (
    Effort,
    Outcome,
    OutcomeEffort,
    OutcomeKind,
    OutcomeReceipt,
    OutcomeVersion,
    Person,
    Plan,
    PlanChange,
)
from portal.org import DEMO, Organisation
from portal.services import outcomes, sensitivity
from portal.services.outcomes import Draft
from portal.services.working_days import is_working_day
from portal.web.i18n import long_date, short_date

FORMAL_DECISION_HANNE = """Afgørelse om ressourceforløb
Jobcentret har truffet afgørelse om, at du tilkendes et ressourceforløb i 12 måneder fra {start}. Afgørelsen følger rehabiliteringsteamets indstilling af {recommended}.
Begrundelse: Det er vurderet, at din arbejdsevne er væsentligt begrænset, og at du har behov for en sammenhængende og helhedsorienteret indsats for at udvikle din arbejdsevne. Der er lagt vægt på oplysningerne fra rehabiliteringsplanens forberedende del, lægelige oplysninger og sundhedskoordinatorens vurdering.
Under forløbet modtager du ressourceforløbsydelse efter reglerne i lov om aktiv socialpolitik. Indsatsen fremgår af din plan.
Klagevejledning: Du kan klage over afgørelsen inden 4 uger fra modtagelsen. Klagen sendes til {jobcenter}, som genvurderer sagen. Fastholder {jobcenter} afgørelsen, sendes klagen videre til Ankestyrelsen. Læs mere på {appeal_url}."""

FORMAL_RECOMMENDATION_HANNE = """Rehabiliteringsteamets indstilling
Rehabiliteringsteamet har på mødet den {meeting} behandlet sagen på baggrund af rehabiliteringsplanens forberedende del og de lægelige oplysninger.
Teamet indstiller, at borgeren tilkendes et ressourceforløb af 12 måneders varighed med en koordinerende sagsbehandler. Indsatsen bør omfatte mentorstøtte, fortsat fysioterapeutisk træning, psykologbehandling og alkoholbehandling, med et beskæftigelsesrettet sigte uden tunge løft.
Indstillingen er ikke en afgørelse og kan ikke påklages. Kommunen træffer afgørelse på baggrund af indstillingen."""

FORMAL_RECOMMENDATION_LAERKE = """Rehabiliteringsteamets indstilling
Rehabiliteringsteamet har på mødet den {meeting} behandlet spørgsmålet om forlængelse af ressourceforløbet. Uddannelsesområdet deltog, da borgeren er under 30 år.
Teamet indstiller, at ressourceforløbet forlænges med 12 måneder med et uddannelsesrettet sigte, herunder brobygning til en erhvervsuddannelse inden for dyrepasning, fortsat psykiatrisk behandling og støtte-kontaktperson efter serviceloven.
Indstillingen er ikke en afgørelse og kan ikke påklages."""


def _day(today: date, days: int) -> date:
    """`days` from today, moved to a working day (backwards in the past, forwards in the future)."""
    day = today + timedelta(days=days)
    step = timedelta(days=-1 if days < 0 else 1)
    while not is_working_day(day):
        day += step
    return day


def _d(today: date, days: int) -> str:
    return long_date(_day(today, days), "da")


def _formal(today: date, days: int) -> str:
    return short_date(_day(today, days), "da")


def _hanne_recommendation(today: date) -> Draft:
    return Draft(
        title="Teamet anbefaler et ressourceforløb",
        decided="Teamet råder kommunen til at give dig et ressourceforløb – det er hjælp fra flere fagfolk på én gang. Det skal vare et år.",
        meaning="Dine penge er de samme som nu, til kommunen har sagt ja eller nej.\nDu skal ikke gøre noget nu. Du går til træning og til psykolog som før.",
        next_steps=f"Kommunen læser teamets indstilling, det vil sige teamets råd. Du får svar her senest {_d(today, -6)}.\nAnders ringer til dig, når svaret er klar.",
        if_you_disagree="Er du uenig, så sig det til Anders. Han skriver det i din sag, før kommunen siger ja eller nej.",
        formal_text=FORMAL_RECOMMENDATION_HANNE.format(meeting=_formal(today, -21)),
        decision_date=_day(today, -21),
        decision_expected=_day(today, -6),
    )


def _hanne_decision(today: date, call_by: int, org: Organisation) -> Draft:
    return Draft(
        title="Du får et ressourceforløb",
        decided="Kommunen har sagt ja. Du får et ressourceforløb (hjælp fra flere fagfolk på én gang) i et år. Det starter "
        + _d(today, 14)
        + ".",
        meaning=(
            "Du får nye penge fra kommunen, når forløbet starter. De hedder ressourceforløbsydelse. Du får dem den sidste dag i hver måned.\n"
            "Du skal gå til de møder og den hjælp, der står i din plan. Du skal ikke søge job nu."
        ),
        next_steps=(
            f"Anders er din faste sagsbehandler i forløbet. Han ringer til dig senest {_d(today, call_by)}.\n"
            "I laver planen for forløbet sammen. Din mentor starter, når planen er klar."
        ),
        if_you_disagree="Du klager til jobcentret. Du kan skrive, eller du kan ringe til Anders. Så hjælper han dig. Jobcentret ser på sagen igen. Får du ikke ret, sender vi din klage videre til Ankestyrelsen.",
        formal_text=FORMAL_DECISION_HANNE.format(
            start=_formal(today, 14),
            recommended=_formal(today, -21),
            jobcenter=org.jobcenter,
            appeal_url=org.appeal_url,
        ),
        decision_date=_day(today, -6),
        appeal_weeks=4,
    )


def _laerke_recommendation(today: date) -> Draft:
    return Draft(
        title="Teamet anbefaler, at dit ressourceforløb fortsætter",
        decided="Teamet råder kommunen til, at dit ressourceforløb (hjælp fra flere fagfolk) skal vare et år mere. Målet er en skole, hvor du kan lære at passe dyr.",
        meaning="Dine penge er de samme som nu.\nDu skal blive ved med at gå i Værkstedet tre dage om ugen, som nu.",
        next_steps=f"Kommunen siger ja eller nej. Du får svar her senest {_d(today, 14)}.\nDu skal prøve en skole i fire uger. Det starter {_d(today, 60)}. Sara hjælper dig med det.",
        if_you_disagree="Er du uenig, så ring til Anders. Han skriver det i din sag, før kommunen beslutter.",
        formal_text=FORMAL_RECOMMENDATION_LAERKE.format(meeting=_formal(today, -3)),
        decision_date=_day(today, -3),
        decision_expected=_day(today, 14),
    )


def _laerke_decision_draft(today: date) -> Draft:
    return Draft(
        title="Dit ressourceforløb fortsætter",
        decided="Kommunen har sagt ja. Dit ressourceforløb (hjælp fra flere fagfolk) går et år mere.",
        meaning="Dine penge er de samme som nu.",
        next_steps="Anders ringer til dig og aftaler et møde.",
        if_you_disagree="Du kan klage til jobcentret. Ring til Anders, så hjælper han dig.",
        formal_text="Afgørelse om forlængelse af ressourceforløb. (Kladde.)",
        decision_date=_day(today, 0),
    )


def _at(today: date, days: int, hour: int):
    return clock.at_local(_day(today, days) if days else today, hour)


def _remove(session: Session, citizen_ids: list[int]) -> None:
    # Core deletes on purpose: demo rows are rebuilt, which the ORM guard (rightly) refuses for
    # published versions in the running portal.
    outcome_ids = select(Outcome.id).where(Outcome.citizen_id.in_(citizen_ids))
    version_ids = select(OutcomeVersion.id).where(OutcomeVersion.outcome_id.in_(outcome_ids))
    session.execute(delete(OutcomeEffort).where(OutcomeEffort.outcome_id.in_(outcome_ids)))
    # The plan history's link changes about these outcomes go with them (they name them).
    session.execute(delete(PlanChange).where(PlanChange.outcome_id.in_(outcome_ids)))
    session.execute(delete(OutcomeReceipt).where(OutcomeReceipt.version_id.in_(version_ids)))
    session.execute(delete(OutcomeVersion).where(OutcomeVersion.outcome_id.in_(outcome_ids)))
    session.execute(
        delete(Outcome).where(Outcome.citizen_id.in_(citizen_ids), Outcome.follows_id.is_not(None))
    )
    session.execute(delete(Outcome).where(Outcome.citizen_id.in_(citizen_ids)))
    session.expire_all()


PSYCHOLOGIST = "Samtaler med psykolog"


def _efforts(session: Session, citizen_id: int, *titles: str) -> list[int]:
    return list(
        session.scalars(
            select(Effort.id)
            .join(Plan, Plan.id == Effort.plan_id)
            .where(Plan.citizen_id == citizen_id, Effort.title.in_(titles))
        )
    )


def _publish(session: Session, outcome: Outcome, by: int, at) -> OutcomeVersion:
    draft = outcomes.draft_of(outcome)
    return outcomes.publish(
        session, outcome, version_id=draft.id, confirmed_hard_text=False, actor_id=by, at=at
    )


def load(
    session: Session, today: date, people: dict[str, Person], org: Organisation = DEMO
) -> None:
    hanne, laerke, anders = people["Hanne"], people["Lærke"], people["Anders"]
    _remove(session, [hanne.id, laerke.id])

    recommendation = outcomes.create(
        session,
        hanne.id,
        kind=OutcomeKind.RECOMMENDATION,
        follows_id=None,
        draft=_hanne_recommendation(today),
        author_id=anders.id,
        at=_at(today, -21, 14),
    )
    # The recommendation is about Hanne's psychologist sessions and alcohol treatment (sensitive:
    # Mads's fuldmagt does not show it). Publishing links the efforts its text names by title;
    # the psychologist sessions are named in other words, so they are linked by hand.
    sensitivity.link_efforts(session, recommendation, _efforts(session, hanne.id, PSYCHOLOGIST))
    version = _publish(session, recommendation, anders.id, _at(today, -20, 9))
    session.add(
        OutcomeReceipt(version_id=version.id, reader_id=hanne.id, read_at=_at(today, -20, 19))
    )

    decision = outcomes.create(
        session,
        hanne.id,
        kind=OutcomeKind.DECISION,
        follows_id=recommendation.id,
        draft=_hanne_decision(today, call_by=-2, org=org),
        author_id=anders.id,
        at=_at(today, -6, 10),
    )
    first = _publish(session, decision, anders.id, _at(today, -6, 11))
    session.add(OutcomeReceipt(version_id=first.id, reader_id=hanne.id, read_at=_at(today, -6, 16)))
    # The first wording had a date in the past: corrected, and Hanne is told.
    correction = _hanne_decision(today, call_by=5, org=org)
    correction.correction_note = "Vi havde skrevet en forkert dato for, hvornår Anders ringer. Den rigtige dato står nu under Det sker nu."
    outcomes.save_draft(
        session, decision, draft=correction, author_id=anders.id, at=_at(today, -2, 9)
    )
    _publish(session, decision, anders.id, _at(today, -2, 10))

    laerkes = outcomes.create(
        session,
        laerke.id,
        kind=OutcomeKind.RECOMMENDATION,
        follows_id=None,
        draft=_laerke_recommendation(today),
        author_id=anders.id,
        at=_at(today, -3, 13),
    )
    _publish(session, laerkes, anders.id, _at(today, -3, 15))
    outcomes.create(
        session,
        laerke.id,
        kind=OutcomeKind.DECISION,
        follows_id=laerkes.id,
        draft=_laerke_decision_draft(today),
        author_id=anders.id,
        at=_at(today, -1, 15),
    )
    session.flush()
