"""Sealing the audit trail in hourly batches, verifying the chain, and retention of whole sealed
batches (portal/services/audit_seal.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from portal import clock
from portal.models import AuditEvent, AuditRetention, AuditSeal
from portal.seal_keys import SealKeys
from portal.services import audit, audit_seal
from tests.conftest import append_only_lifted

NINE = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
LATER = NINE + timedelta(days=3 * 365)  # "now" for retention, beyond the two years kept
OLD_SECRET, NEW_SECRET = "a" * 32, "b" * 32
KEYS = SealKeys.parse(f"2027a:{OLD_SECRET}")
ROTATED = SealKeys.parse(f"2027b:{NEW_SECRET};2027a:{OLD_SECRET}")  # the new key first


def _rows(session, *moments: datetime) -> list[int]:
    ids = []
    for moment in moments:
        with clock.frozen(moment):
            entry = audit.record(
                session,
                actor_id=None,
                actor_role="caseworker",
                citizen_id=None,
                action="plan.view",
                target="/medarbejder/borger/1",
                detail="æøå – de ser",  # not ASCII: the canonical form is stable anyway
            )
            session.flush()
            ids.append(entry.id)
    session.commit()
    return ids


def _seals(session) -> list[tuple[datetime, datetime, int]]:
    return [
        (s.batch_start, s.batch_end, s.row_count)
        for s in session.scalars(select(AuditSeal).order_by(AuditSeal.batch_start))
    ]


def _tamper(session, sql: str, **params) -> None:
    """What someone with the database's superuser (or the SQLite file) could do."""
    with append_only_lifted(session):
        session.execute(text(sql), params)
    session.commit()


def test_only_closed_hours_are_sealed_and_empty_hours_fold_into_the_next(empty_session):
    session = empty_session
    _rows(session, NINE + MINUTE, NINE + 59 * MINUTE, NINE + 3 * HOUR + MINUTE)
    # At 10:04 the nine o'clock hour is not closed yet (five minutes' grace).
    assert audit_seal.seal_closed_batches(session, NINE + HOUR + 4 * MINUTE, KEYS) == []
    sealed = audit_seal.seal_closed_batches(session, NINE + HOUR + 5 * MINUTE, KEYS)
    session.commit()
    assert [(s.batch_start, s.batch_end, s.row_count) for s in sealed] == [(NINE, NINE + HOUR, 2)]
    # Later: the three empty hours and the one with a row are one batch, chained to the first.
    sealed = audit_seal.seal_closed_batches(session, NINE + 5 * HOUR, KEYS)
    session.commit()
    assert _seals(session) == [(NINE, NINE + HOUR, 2), (NINE + HOUR, NINE + 4 * HOUR, 1)]
    first, second = session.scalars(select(AuditSeal).order_by(AuditSeal.batch_start))
    assert first.previous_hash == audit_seal.GENESIS
    assert second.previous_hash == first.seal_hash
    # Running it again seals nothing twice.
    assert audit_seal.seal_closed_batches(session, NINE + 6 * HOUR, KEYS) == []
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.ok and (verdict.batches, verdict.rows) == (2, 3)
    assert [s.id for s in audit_seal._seals(session, page=1)] == [first.id, second.id]


def test_an_empty_trail_seals_nothing_and_verifies(empty_session):
    assert audit_seal.seal_closed_batches(empty_session, NINE, KEYS) == []
    assert audit_seal.verify(empty_session, KEYS).ok


def _three_sealed_hours(session) -> list[int]:
    ids = _rows(session, NINE + MINUTE, NINE + HOUR + MINUTE, NINE + 2 * HOUR + MINUTE)
    audit_seal.seal_closed_batches(session, NINE + 4 * HOUR, KEYS)
    session.commit()
    assert audit_seal.verify(session, KEYS).ok
    return ids


@pytest.mark.parametrize(
    ("tampering", "why"),
    [
        ("UPDATE audit_event SET detail = 'nothing to see' WHERE id = :id", "rows changed"),
        ("UPDATE audit_event SET at = at + interval '1 second' WHERE id = :id", "rows changed"),
        ("DELETE FROM audit_event WHERE id = :id", "rows changed"),
    ],
)
def test_verify_names_the_first_batch_that_was_tampered_with(empty_session, tampering, why):
    session = empty_session
    ids = _three_sealed_hours(session)
    if session.get_bind().dialect.name == "sqlite":
        tampering = tampering.replace("at + interval '1 second'", "datetime(at, '+1 second')")
    _tamper(session, tampering, id=ids[1])
    verdict = audit_seal.verify(session, KEYS)
    assert not verdict.ok and why in verdict.reason
    assert (verdict.broken.batch_start, verdict.broken.batch_end) == (NINE + HOUR, NINE + 2 * HOUR)
    assert verdict.batches == 1  # the batch before it still matched


def test_a_row_slipped_into_a_sealed_hour_is_found(empty_session):
    session = empty_session
    _three_sealed_hours(session)
    _rows(session, NINE + 2 * HOUR + 30 * MINUTE)  # back-dated: the clock frozen in the past
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.broken.batch_start == NINE + 2 * HOUR and "1 sealed" in verdict.reason


def test_a_rewritten_seal_or_a_broken_chain_is_found(empty_session):
    session = empty_session
    _three_sealed_hours(session)
    first = session.scalar(select(AuditSeal.id).order_by(AuditSeal.batch_start))
    _tamper(session, "UPDATE audit_seal SET row_count = 7 WHERE id = :id", id=first)
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.broken.id == first and verdict.reason == "the seal itself was changed"
    _tamper(session, "DELETE FROM audit_seal WHERE id = :id", id=first)
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.broken.batch_start == NINE + HOUR and "chain is broken" in verdict.reason


def test_retention_deletes_whole_sealed_batches_keeps_the_seals_and_verifies(empty_session):
    session = empty_session
    day_one = [NINE + MINUTE, NINE + HOUR + MINUTE]
    day_two = [NINE + timedelta(days=1, minutes=1)]
    *_, day_two_id = _rows(session, *day_one, *day_two)
    audit_seal.seal_closed_batches(session, NINE + timedelta(days=1, hours=2), KEYS)
    unsealed = _rows(session, NINE + timedelta(days=1, hours=3))
    session.commit()
    # Nothing sealed ended before 1 March: nothing to delete.
    assert audit_seal.delete_sealed_batches_before(session, date(2027, 3, 1), LATER) is None
    run = audit_seal.delete_sealed_batches_before(session, date(2027, 3, 2), LATER)
    session.commit()
    assert (run.rows_deleted, run.cutoff) == (2, NINE + 2 * HOUR)
    # Run again: nothing left to delete, so nothing is recorded either.
    assert audit_seal.delete_sealed_batches_before(session, date(2027, 3, 2), LATER) is None
    assert audit_seal.sealed_rows_before(session, date(2027, 3, 2), LATER) == (NINE + 2 * HOUR, 0)
    remaining = session.scalars(select(AuditEvent.at).order_by(AuditEvent.id)).all()
    # Day two's sealed row, the unsealed row, and the retention run's own row stay.
    assert remaining[:2] == [*day_two, NINE + timedelta(days=1, hours=3)]
    assert session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)) == (
        "audit.retention"
    )
    assert len(_seals(session)) == 3  # every seal kept
    assert session.scalar(select(func.count()).select_from(AuditRetention)) == 1
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.ok, verdict.reason
    assert verdict.batches == 3 and verdict.rows == 1
    assert unsealed  # the unsealed row was never touched
    # A later sealed batch tampered with is still named after retention.
    _tamper(session, "UPDATE audit_event SET detail = 'x' WHERE id = :id", id=day_two_id)
    assert audit_seal.verify(session, KEYS).broken.batch_start == NINE + 2 * HOUR


def test_retention_never_reaches_into_the_two_years_the_access_log_shows(empty_session):
    session = empty_session
    _three_sealed_hours(session)
    soon = NINE + timedelta(days=400)
    with pytest.raises(audit_seal.RetentionRefused):
        audit_seal.delete_sealed_batches_before(session, date(2027, 3, 2), soon)
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 3


def test_the_canonical_form_is_the_same_whatever_the_database(empty_session):
    session = empty_session
    [entry_id] = _rows(session, NINE + timedelta(seconds=1, microseconds=5))
    row = session.execute(select(*audit_seal._COLUMNS).where(AuditEvent.id == entry_id)).one()
    assert (
        audit_seal.canonical(row)
        == (
            f'[{entry_id},"2027-03-01T09:00:01.000005Z",null,"caseworker",null,"plan.view",'
            '"/medarbejder/borger/1","allowed","æøå – de ser"]'
        ).encode()
    )


# Keyed seals (portal/seal_keys.py): what someone who can rewrite the database cannot redo.


def _all_seals(session) -> list[AuditSeal]:
    return session.scalars(select(AuditSeal).order_by(AuditSeal.batch_start)).all()


def _forge(session, row_id: int, *, key_id: str | None = "keep", secret: str | None = None) -> None:
    """Rewrite a row, then recompute every seal from its batch on, as someone with the database
    but (unless `secret` is given) without the key would: a plain sha256 chain. `key_id` is what
    the forged seals then say made them ("keep": what they said)."""
    _tamper(session, "UPDATE audit_event SET detail = 'nothing to see' WHERE id = :id", id=row_id)
    at = session.scalar(select(AuditEvent.at).where(AuditEvent.id == row_id))
    previous = audit_seal.GENESIS
    for seal in _all_seals(session):
        if seal.batch_end <= at:
            previous = seal.seal_hash
            continue
        count, digest = audit_seal.batch_digest(session, seal.batch_start, seal.batch_end)
        made = (previous, seal.batch_start, seal.batch_end, count, digest)
        if secret is None:
            chained = audit_seal.seal_hash(*made)
        else:
            chained = audit_seal.seal_mac(SealKeys.parse(f"x:{secret}"), "x", *made)
        stored_key_id = seal.key_id if key_id == "keep" else key_id
        _tamper(
            session,
            "UPDATE audit_seal SET row_count = :n, digest = :d, previous_hash = :p, "
            "seal_hash = :h, key_id = :k WHERE id = :id",
            n=count,
            d=digest,
            p=previous,
            h=chained,
            k=stored_key_id,
            id=seal.id,
        )
        previous = chained
    session.expire_all()


def _seal_plainly(session, *batches: tuple[datetime, datetime]) -> None:
    """Seals exactly as they were made before seals were keyed: a plain sha256 chain, no key id."""
    previous = audit_seal.GENESIS
    for start, end in batches:
        count, digest = audit_seal.batch_digest(session, start, end)
        chained = audit_seal.seal_hash(previous, start, end, count, digest)
        session.add(
            AuditSeal(
                batch_start=start,
                batch_end=end,
                row_count=count,
                digest=digest,
                previous_hash=previous,
                seal_hash=chained,
                sealed_at=end + 10 * MINUTE,
            )
        )
        previous = chained
    session.commit()


def test_seals_are_keyed_and_name_their_key(empty_session):
    session = empty_session
    _three_sealed_hours(session)
    seals = _all_seals(session)
    assert [s.key_id for s in seals] == ["2027a"] * 3
    for seal in seals:
        made = (seal.previous_hash, seal.batch_start, seal.batch_end, seal.row_count, seal.digest)
        assert seal.seal_hash == audit_seal.seal_mac(KEYS, "2027a", *made)
        assert seal.seal_hash != audit_seal.seal_hash(*made)  # not a hash anyone can redo
        assert OLD_SECRET not in (seal.seal_hash, seal.key_id)
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.complete and (verdict.batches, verdict.plain, verdict.unchecked) == (3, 0, {})
    # The same chain checked with another secret under the same id no longer matches.
    other = SealKeys.parse(f"2027a:{NEW_SECRET}")
    assert audit_seal.verify(session, other).reason == "the seal itself was changed"
    # A seal overwritten with something that is not even hex is found the same way.
    _tamper(session, "UPDATE audit_seal SET seal_hash = 'æøå' WHERE id = :id", id=seals[0].id)
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.broken.batch_start == NINE and verdict.reason == "the seal itself was changed"


@pytest.mark.parametrize(
    ("forgery", "why"),
    [
        # Recomputed as plain sha256, keeping the key id: the MAC no longer matches.
        ({}, "the seal itself was changed"),
        # Recomputed with a guessed key: the same.
        ({"secret": "c" * 32}, "the seal itself was changed"),
        # Passed off as plain seals made before the change: plain never follows keyed.
        ({"key_id": None}, "a plain seal after keyed ones"),
    ],
)
def test_a_row_rewritten_with_the_chain_recomputed_without_the_key_is_found(
    empty_session, forgery, why
):
    session = empty_session
    ids = _three_sealed_hours(session)
    _forge(session, ids[1], **forgery)
    verdict = audit_seal.verify(session, KEYS)
    assert not verdict.ok and why in verdict.reason
    assert verdict.broken.batch_start == NINE + HOUR and verdict.batches == 1


def test_the_whole_chain_passed_off_as_plain_shows_as_plain_up_to_now(empty_session):
    """Rewriting every seal as a plain one from the first on is the one forgery that matches;
    the verdict then says every seal is plain, up to the newest batch (README: Known gaps)."""
    session = empty_session
    ids = _three_sealed_hours(session)
    _forge(session, ids[0], key_id=None)
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.ok and (verdict.plain, verdict.batches) == (3, 3)
    assert verdict.plain_until == NINE + 3 * HOUR


def test_rotation_the_new_key_seals_and_the_old_one_still_verifies(empty_session):
    session = empty_session
    _three_sealed_hours(session)
    _rows(session, NINE + 4 * HOUR + MINUTE)
    [new] = audit_seal.seal_closed_batches(session, NINE + 6 * HOUR, ROTATED)
    session.commit()
    assert [s.key_id for s in _all_seals(session)] == ["2027a"] * 3 + ["2027b"]
    assert new.previous_hash == _all_seals(session)[2].seal_hash  # the chain goes on
    verdict = audit_seal.verify(session, ROTATED)
    assert verdict.complete and verdict.batches == 4
    # A row rewritten in a batch sealed with the old key is still found with the rotated keys.
    first = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id))
    _forge(session, first)
    assert audit_seal.verify(session, ROTATED).broken.batch_start == NINE


def test_a_seal_whose_key_is_no_longer_configured_is_unchecked_not_tampered(empty_session):
    session = empty_session
    _three_sealed_hours(session)
    _rows(session, NINE + 4 * HOUR + MINUTE)
    audit_seal.seal_closed_batches(session, NINE + 6 * HOUR, ROTATED)
    session.commit()
    only_new = SealKeys.parse(f"2027b:{NEW_SECRET}")
    verdict = audit_seal.verify(session, only_new)
    assert verdict.ok and not verdict.complete
    assert verdict.unchecked == {"2027a": 3} and verdict.batches == 4
    # The rows and links of those batches are still checked: a careless change is still found.
    first = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id))
    _tamper(session, "UPDATE audit_event SET detail = 'x' WHERE id = :id", id=first)
    verdict = audit_seal.verify(session, only_new)
    assert verdict.broken.batch_start == NINE and "rows changed" in verdict.reason


def test_plain_seals_made_before_the_change_verify_and_the_keyed_chain_goes_on(empty_session):
    session = empty_session
    ids = _rows(session, NINE + MINUTE, NINE + HOUR + MINUTE, NINE + 2 * HOUR + MINUTE)
    _seal_plainly(session, (NINE, NINE + HOUR), (NINE + HOUR, NINE + 2 * HOUR))
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.complete and (verdict.batches, verdict.plain) == (2, 2)
    assert verdict.plain_until == NINE + 2 * HOUR
    [keyed] = audit_seal.seal_closed_batches(session, NINE + 4 * HOUR, KEYS)
    session.commit()
    last_plain = _all_seals(session)[1]
    assert (keyed.key_id, keyed.previous_hash) == ("2027a", last_plain.seal_hash)
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.complete and (verdict.batches, verdict.plain) == (3, 2)
    # A plain batch rewritten, the chain recomputed without the key: the first keyed seal no
    # longer matches, so the keyed seals protect the plain ones before them.
    _forge(session, ids[0])
    verdict = audit_seal.verify(session, KEYS)
    assert verdict.broken.id == keyed.id and verdict.reason == "the seal itself was changed"
