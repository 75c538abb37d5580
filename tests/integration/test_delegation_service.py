"""Fuldmagt rules against a database: terms, one active per person, history kept, who may act for
whom today."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from portal import clock
from portal.models import Fuldmagt, FuldmagtEvent
from portal.models.delegation import FuldmagtHistoryIsAppendOnly
from portal.services import delegation
from portal.services.errors import DomainError, NotFound
from tests.factories import people
from tests.factories.delegation import fuldmagt

TODAY = date(2026, 2, 28)


@pytest.fixture
def who(empty_session):
    """Hanne and Lærke (citizens of Anders), and two relatives, Birgit and Mads."""
    anders = people.caseworker(empty_session, "Anders")
    return SimpleNamespace(
        anders=anders,
        hanne=people.citizen(empty_session, "Hanne", caseworker=anders),
        laerke=people.citizen(empty_session, "Lærke", caseworker=anders),
        birgit=people.relative(empty_session, "Birgit"),
        mads=people.relative(empty_session, "Mads"),
    )


def _grant(session, who, **overrides):
    terms = dict(
        citizen_id=who.hanne.id,
        holder_id=who.birgit.id,
        scopes=["se", "booke"],
        ends_on=TODAY + timedelta(days=90),
        today=TODAY,
        now=clock.now(),
    )
    terms.update(overrides)
    return delegation.grant(session, **terms)


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"scopes": []}, "no_scope", "scopes"),
        ({"scopes": ["se", "samtykke"]}, "unknown_scope", "scopes"),
        ({"ends_on": None}, "no_end", "ends_on"),
        ({"ends_on": TODAY - timedelta(days=1)}, "end_in_past", "ends_on"),
        ({"ends_on": date(2027, 2, 28) + timedelta(days=1)}, "end_too_far", "ends_on"),
        ({"holder_id": None}, "unknown_holder", "holder"),
        ({"holder_id": 999999}, "unknown_holder", "holder"),
    ],
)
def test_grant_refuses_bad_terms(empty_session, who, overrides, code, field):
    with pytest.raises(DomainError) as error:
        _grant(empty_session, who, **overrides)
    assert (error.value.code, error.value.field) == (code, field)
    assert empty_session.query(Fuldmagt).count() == 0


def test_grant_only_to_relatives_not_to_citizens_or_caseworkers(empty_session, who):
    for person in (who.laerke, who.anders, who.hanne):
        with pytest.raises(DomainError, match="unknown_holder"):
            _grant(empty_session, who, holder_id=person.id)


def test_grant_on_the_last_allowed_day_and_history(empty_session, who):
    given = _grant(empty_session, who, ends_on=date(2027, 2, 28))
    assert given.starts_on == TODAY and given.scope_set == {"se", "booke"}
    assert [e.kind for e in given.events] == ["granted"]
    with pytest.raises(DomainError, match="already_holds"):
        _grant(empty_session, who)


def test_change_revoke_and_history_is_append_only(empty_session, who):
    session = empty_session
    given = fuldmagt(session, who.hanne, who.birgit, today=TODAY)
    args = dict(citizen_id=who.hanne.id, fuldmagt_id=given.id, today=TODAY)
    delegation.change(
        session, scopes=["se"], ends_on=TODAY + timedelta(days=10), now=clock.now(), **args
    )
    # The same terms again (a double submit) add no history.
    delegation.change(
        session, scopes=["se"], ends_on=TODAY + timedelta(days=10), now=clock.now(), **args
    )
    delegation.revoke(session, citizen_id=who.hanne.id, fuldmagt_id=given.id, now=clock.now())
    delegation.revoke(session, citizen_id=who.hanne.id, fuldmagt_id=given.id, now=clock.now())
    session.flush()
    kinds = [e.kind for e in session.query(FuldmagtEvent).filter_by(fuldmagt_id=given.id)]
    assert kinds == ["granted", "changed", "revoked"]
    assert delegation.status(given, TODAY) == "revoked"
    with pytest.raises(DomainError, match="fuldmagt_not_active"):
        delegation.change(session, scopes=["se"], ends_on=TODAY, now=clock.now(), **args)


def test_another_citizens_fuldmagt_is_not_found(empty_session, who):
    session = empty_session
    given = fuldmagt(session, who.hanne, who.birgit, today=TODAY)
    with pytest.raises(NotFound):
        delegation.revoke(session, citizen_id=who.laerke.id, fuldmagt_id=given.id, now=clock.now())
    with pytest.raises(NotFound):
        delegation.give_up(session, holder_id=who.mads.id, fuldmagt_id=given.id, now=clock.now())


def test_mandate_follows_the_period_revocation_and_giving_up(empty_session, who):
    session = empty_session
    given = fuldmagt(session, who.hanne, who.birgit, today=TODAY, ends_on=TODAY + timedelta(days=5))
    hanne, birgit = who.hanne.id, who.birgit.id
    assert delegation.mandate(session, birgit, hanne, TODAY).scopes == {"se", "booke"}
    assert delegation.mandate(session, birgit, hanne, TODAY + timedelta(days=5)) is not None
    assert delegation.mandate(session, birgit, hanne, TODAY + timedelta(days=6)) is None
    assert delegation.mandate(session, birgit, hanne, TODAY - timedelta(days=1)) is None
    assert delegation.mandate(session, birgit, who.laerke.id, TODAY) is None
    delegation.give_up(session, holder_id=birgit, fuldmagt_id=given.id, now=clock.now())
    assert delegation.mandate(session, birgit, hanne, TODAY) is None
    assert delegation.status(given, TODAY) == "given_up"
    assert [e.kind for e in given.events] == ["granted", "given_up"]


def test_history_entries_cannot_be_rewritten(empty_session, who):
    session = empty_session
    given = fuldmagt(session, who.hanne, who.birgit, today=TODAY)
    session.flush()
    given.events[0].kind = "revoked"
    with pytest.raises(FuldmagtHistoryIsAppendOnly):
        session.flush()
    session.rollback()
