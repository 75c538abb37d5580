"""Fuldmagt rules: terms, one active per person, history kept, who may act for whom today."""

from datetime import date, timedelta

import pytest

from portal import clock
from portal.models import Fuldmagt, FuldmagtEvent
from portal.services import delegation
from portal.services.errors import DomainError, NotFound

TODAY = date(2026, 2, 28)


def test_latest_end_is_twelve_months_ahead_even_on_short_months():
    assert delegation.latest_end(date(2026, 3, 15)) == date(2027, 3, 15)
    assert delegation.latest_end(date(2028, 2, 29)) == date(2029, 2, 28)


def _grant(session, ids, **overrides):
    terms = dict(
        citizen_id=ids["Hanne"],
        holder_id=ids["Birgit"],
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
def test_grant_refuses_bad_terms(session, demo_data, overrides, code, field):
    before = session.query(Fuldmagt).count()
    with pytest.raises(DomainError) as error:
        _grant(session, demo_data, **overrides)
    assert (error.value.code, error.value.field) == (code, field)
    assert session.query(Fuldmagt).count() == before


def test_grant_only_to_relatives_not_to_citizens_or_caseworkers(session, demo_data):
    for name in ("Lærke", "Anders", "Hanne"):
        with pytest.raises(DomainError, match="unknown_holder"):
            _grant(session, demo_data, holder_id=demo_data[name])


def test_grant_on_the_last_allowed_day_and_history(session, demo_data):
    fuldmagt = _grant(session, demo_data, ends_on=date(2027, 2, 28))
    assert fuldmagt.starts_on == TODAY and fuldmagt.scope_set == {"se", "booke"}
    assert [e.kind for e in fuldmagt.events] == ["granted"]
    with pytest.raises(DomainError, match="already_holds"):
        _grant(session, demo_data)


def test_change_revoke_and_history_is_append_only(session, demo_data):
    fuldmagt = _grant(session, demo_data)
    args = dict(citizen_id=demo_data["Hanne"], fuldmagt_id=fuldmagt.id, today=TODAY)
    delegation.change(
        session, scopes=["se"], ends_on=TODAY + timedelta(days=10), now=clock.now(), **args
    )
    # The same terms again (a double submit) add no history.
    delegation.change(
        session, scopes=["se"], ends_on=TODAY + timedelta(days=10), now=clock.now(), **args
    )
    delegation.revoke(
        session, citizen_id=demo_data["Hanne"], fuldmagt_id=fuldmagt.id, now=clock.now()
    )
    delegation.revoke(
        session, citizen_id=demo_data["Hanne"], fuldmagt_id=fuldmagt.id, now=clock.now()
    )
    session.flush()
    kinds = [e.kind for e in session.query(FuldmagtEvent).filter_by(fuldmagt_id=fuldmagt.id)]
    assert kinds == ["granted", "changed", "revoked"]
    assert delegation.status(fuldmagt, TODAY) == "revoked"
    with pytest.raises(DomainError, match="not_active"):
        delegation.change(session, scopes=["se"], ends_on=TODAY, now=clock.now(), **args)


def test_another_citizens_fuldmagt_is_not_found(session, demo_data):
    fuldmagt = _grant(session, demo_data)
    with pytest.raises(NotFound):
        delegation.revoke(
            session, citizen_id=demo_data["Lærke"], fuldmagt_id=fuldmagt.id, now=clock.now()
        )
    with pytest.raises(NotFound):
        delegation.give_up(
            session, holder_id=demo_data["Mads"], fuldmagt_id=fuldmagt.id, now=clock.now()
        )


def test_mandate_follows_the_period_revocation_and_giving_up(session, demo_data):
    fuldmagt = _grant(session, demo_data, ends_on=TODAY + timedelta(days=5))
    hanne, birgit = demo_data["Hanne"], demo_data["Birgit"]
    assert delegation.mandate(session, birgit, hanne, TODAY).scopes == {"se", "booke"}
    assert delegation.mandate(session, birgit, hanne, TODAY + timedelta(days=5)) is not None
    assert delegation.mandate(session, birgit, hanne, TODAY + timedelta(days=6)) is None
    assert delegation.mandate(session, birgit, hanne, TODAY - timedelta(days=1)) is None
    assert delegation.mandate(session, birgit, demo_data["Lærke"], TODAY) is None
    delegation.give_up(session, holder_id=birgit, fuldmagt_id=fuldmagt.id, now=clock.now())
    assert delegation.mandate(session, birgit, hanne, TODAY) is None
    assert delegation.status(fuldmagt, TODAY) == "given_up"
    assert [e.kind for e in fuldmagt.events] == ["granted", "given_up"]


def test_history_entries_cannot_be_rewritten(session, demo_data):
    from portal.models.delegation import FuldmagtHistoryIsAppendOnly

    fuldmagt = _grant(session, demo_data)
    session.flush()
    fuldmagt.events[0].kind = "revoked"
    with pytest.raises(FuldmagtHistoryIsAppendOnly):
        session.flush()
    session.rollback()
