"""Shared steps of the functional fuldmagt tests (test_delegation*.py)."""

from sqlalchemy import func, select

from portal import clock
from portal.models import Fuldmagt, FuldmagtEvent
from portal.services import delegation
from tests.helpers import csrf_token, soup


def fuldmagt_of(read_db, holder_id):
    return read_db(lambda s: s.scalar(select(Fuldmagt.id).where(Fuldmagt.holder_id == holder_id)))


def fuldmagt_counts(read_db):
    return read_db(
        lambda s: (
            s.scalar(select(func.count()).select_from(Fuldmagt)),
            s.scalar(select(func.count()).select_from(FuldmagtEvent)),
        )
    )


def text_of(response, selector="main"):
    return soup(response).select_one(selector).get_text(" ", strip=True)


def grant_for(read_db, citizen_id: int, holder_id: int, scope: str) -> None:
    """A fuldmagt with one scope until today, given straight through the service."""

    def give(session):
        delegation.grant(
            session,
            citizen_id=citizen_id,
            holder_id=holder_id,
            scopes=[scope],
            ends_on=clock.today(),
            today=clock.today(),
            now=clock.now(),
        )
        session.commit()

    read_db(give)


def grant_birgit_for_hanne(read_db, demo_data, scope: str) -> None:
    grant_for(read_db, demo_data["Hanne"], demo_data["Birgit"], scope)


def act_for(client, citizen_id):
    start = client.get("/")
    return client.post(
        "/fuldmagt/handl-for", data={"csrf_token": csrf_token(start), "citizen_id": citizen_id}
    )


def start_preview(client, citizen_id, som="borger"):
    page = client.get(f"/medarbejder/borger/{citizen_id}")
    return client.post(
        f"/medarbejder/borger/{citizen_id}/forhaandsvis",
        data={"csrf_token": csrf_token(page), "som": som},
    )
