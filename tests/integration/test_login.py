"""Who a verified log-in is: the stored subject per provider, a first log-in by CPR number or staff
claim, and never a person through the other kind's provider."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal import clock
from portal.models import AuditEvent, LoginProvider, LoginSubject
from portal.services import login
from portal.services.errors import DomainError
from tests.factories import people

CITIZEN, STAFF = LoginProvider.CITIZEN, LoginProvider.STAFF


def _subjects(session, person_id):
    return list(
        session.execute(
            select(LoginSubject.provider, LoginSubject.subject).where(
                LoginSubject.person_id == person_id
            )
        )
    )


@pytest.mark.parametrize("typed", ["0101901234", "010190-1234", " 010190-1234 "])
def test_a_first_log_in_is_matched_by_cpr_and_remembered(empty_session, typed):
    bo = people.citizen(empty_session, cpr="0101901234")
    assert login.identify(empty_session, CITIZEN, "sub-1", typed) is bo
    assert _subjects(empty_session, bo.id) == [("citizen", "sub-1")]
    # Next time the subject alone finds Bo, whatever the claim says.
    assert login.identify(empty_session, CITIZEN, "sub-1", None) is bo
    rows = empty_session.scalars(select(AuditEvent.detail).where(AuditEvent.actor_id == bo.id))
    assert list(rows) == ["oidc:citizen", "oidc:citizen"]


def test_a_relative_logs_in_through_the_citizens_provider(empty_session):
    kim = people.relative(empty_session, cpr="0202801111")
    assert login.identify(empty_session, CITIZEN, "sub-kim", "0202801111") is kim


@pytest.mark.parametrize("claim", [None, "", "12345", "01019O1234", 101901234, "0101901235"])
def test_no_or_another_cpr_number_finds_nobody(empty_session, claim):
    people.citizen(empty_session, cpr="0101901234")
    with pytest.raises(DomainError, match=login.UNKNOWN):
        login.identify(empty_session, CITIZEN, "sub-1", claim)
    assert empty_session.scalars(select(LoginSubject)).all() == []


def test_a_second_subject_for_a_known_person_is_refused(empty_session):
    bo = people.citizen(empty_session, cpr="0101901234")
    login.identify(empty_session, CITIZEN, "sub-1", "0101901234")
    with pytest.raises(DomainError, match=login.UNKNOWN):
        login.identify(empty_session, CITIZEN, "sub-2", "0101901234")
    assert _subjects(empty_session, bo.id) == [("citizen", "sub-1")]


def test_staff_are_matched_by_their_staff_key_ignoring_case(empty_session):
    anne = people.caseworker(empty_session, staff_key="Anne@Kommune.example")
    assert login.identify(empty_session, STAFF, "staff-sub", "anne@kommune.example") is anne
    assert _subjects(empty_session, anne.id) == [("staff", "staff-sub")]


def test_nobody_logs_in_through_the_other_kinds_provider(empty_session):
    anne = people.caseworker(empty_session, staff_key="anne@kommune.example", cpr="0303703333")
    bo = people.citizen(empty_session, caseworker=anne, cpr="0101901234")
    empty_session.add_all(
        [
            LoginSubject(provider=STAFF, subject="bo", person_id=bo.id, created_at=clock.now()),
            LoginSubject(
                provider=CITIZEN, subject="anne", person_id=anne.id, created_at=clock.now()
            ),
        ]
    )
    empty_session.flush()
    for provider, subject, claim in [
        (STAFF, "bo", None),  # a stored staff subject of a citizen
        (CITIZEN, "anne", None),  # a stored citizen subject of a caseworker
        (CITIZEN, "new", "0303703333"),  # a caseworker's CPR number through MitID
        (STAFF, "new", "0101901234"),  # a citizen's CPR number as a staff claim
    ]:
        with pytest.raises(DomainError, match=login.UNKNOWN):
            login.identify(empty_session, provider, subject, claim)
