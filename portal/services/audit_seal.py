"""Tamper evidence and retention for the audit trail, without slowing down the requests that
write it.

Requests only append rows (portal/services/audit.py). Later, a job seals each closed batch: the
rows whose `at` falls in [batch_start, batch_end), in a canonical form, are hashed, and that
digest is hashed together with the previous seal's hash (a chain). Batches end on whole UTC hours
and follow each other without gaps; an hour with no rows is folded into the next batch that has
some. A batch is closed once its end lies `GRACE` in the past, so a request that took its time
stamp just before the hour turned has committed before the batch is hashed.

The link is keyed: an HMAC-SHA256 with the installation's sealing key (portal/seal_keys.py), which
is kept outside the database, so someone who can rewrite the database cannot recompute the chain
after changing a row. Each seal names the key that made it (`key_id`; never the key). Seals made
before seals were keyed (`key_id` NULL) are plain sha256 hashes; the first keyed seal chains on
the last of them, so the keyed seals after them protect them too.

`verify` recomputes every batch still present and every link of the chain and names the first
batch that no longer matches. Retention deletes whole sealed batches (the database lets nothing
else be deleted) and keeps their seals, so the chain is still checked across the deleted stretch.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from portal.models import AuditEvent, AuditRetention, AuditSeal
from portal.models.audit import AuditRetentionGuard
from portal.seal_keys import SealKeys
from portal.services import audit

BATCH = timedelta(hours=1)
GRACE = timedelta(minutes=5)
GENESIS = "0" * 64
# Retention never reaches into what the citizen's access log promises to show (two years).
KEEP_AT_LEAST = timedelta(days=2 * 365 + 1)
_COLUMNS = (
    AuditEvent.id,
    AuditEvent.at,
    AuditEvent.actor_id,
    AuditEvent.actor_role,
    AuditEvent.citizen_id,
    AuditEvent.action,
    AuditEvent.target,
    AuditEvent.outcome,
    AuditEvent.detail,
)


def _instant(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(row) -> bytes:
    """One audit row as bytes that are the same on SQLite and PostgreSQL: a JSON array of its
    columns in a fixed order, instants in UTC with microseconds."""
    values = [row[0], _instant(row[1]), *row[2:]]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()


def batch_digest(session: Session, start: datetime, end: datetime) -> tuple[int, str]:
    """How many rows lie in [start, end), and the sha256 of their canonical forms by id."""
    digest = hashlib.sha256()
    count = 0
    rows = session.execute(
        select(*_COLUMNS)
        .where(AuditEvent.at >= start, AuditEvent.at < end)
        .order_by(AuditEvent.id)
        .execution_options(yield_per=1000)
    )
    for row in rows:
        digest.update(canonical(row))
        digest.update(b"\n")
        count += 1
    return count, digest.hexdigest()


def _link(previous: str, start: datetime, end: datetime, count: int, digest: str) -> bytes:
    return f"{previous}\n{_instant(start)}\n{_instant(end)}\n{count}\n{digest}".encode()


def seal_hash(previous: str, start: datetime, end: datetime, count: int, digest: str) -> str:
    """The plain seal of the seals made before seals were keyed (and of no new one)."""
    return hashlib.sha256(_link(previous, start, end, count, digest)).hexdigest()


def seal_mac(
    keys: SealKeys,
    key_id: str,
    previous: str,
    start: datetime,
    end: datetime,
    count: int,
    digest: str,
) -> str:
    """The keyed seal: an HMAC-SHA256 over the same link, with the key `key_id`."""
    return keys.mac(key_id, _link(previous, start, end, count, digest))


def _hour_after(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0) + BATCH


def _last_seal(session: Session) -> AuditSeal | None:
    return session.scalar(select(AuditSeal).order_by(AuditSeal.batch_end.desc()).limit(1))


def seal_closed_batches(session: Session, now: datetime, keys: SealKeys) -> list[AuditSeal]:
    """Seal every closed batch not sealed yet, oldest first, with the sealing key (the caller
    commits). Two nodes running it at once cannot both succeed: batch starts and ends are
    unique. The first keyed seal chains on the last plain one like any other."""
    last = _last_seal(session)
    previous = last.seal_hash if last else GENESIS
    start = last.batch_end if last else None
    closed_until = now - GRACE
    sealed = []
    while True:
        after = [AuditEvent.at >= start] if start is not None else []
        first = session.scalar(select(func.min(AuditEvent.at)).where(*after))
        if first is None:
            break
        end = _hour_after(first)
        if end > closed_until:
            break
        if start is None:
            start = end - BATCH
        count, digest = batch_digest(session, start, end)
        chained = seal_mac(keys, keys.sealing_id, previous, start, end, count, digest)
        seal = AuditSeal(
            batch_start=start,
            batch_end=end,
            row_count=count,
            digest=digest,
            previous_hash=previous,
            seal_hash=chained,
            sealed_at=now,
            key_id=keys.sealing_id,
        )
        session.add(seal)
        sealed.append(seal)
        previous, start = chained, end
    session.flush()
    return sealed


@dataclass(frozen=True)
class Verdict:
    batches: int  # seals walked without finding a mismatch
    rows: int  # rows recomputed
    broken: AuditSeal | None = None  # the first batch that no longer matches
    reason: str = ""
    plain: int = 0  # of the seals walked: plain hashes, made before seals were keyed
    plain_until: datetime | None = None  # the end of the newest plain seal
    # Key id -> how many seals it made that could not be checked: the key is not configured.
    # Their rows and links were checked, their seals not (tampering there would go unseen).
    unchecked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Nothing found that no longer matches (see `complete` for whether all was checked)."""
        return not self.reason

    @property
    def complete(self) -> bool:
        return self.ok and not self.unchecked


def _seals(session: Session, page: int = 500) -> Iterator[AuditSeal]:
    """Every seal, oldest first, read a page at a time (no cursor left open between pages)."""
    after = None
    while True:
        where = [AuditSeal.batch_start > after] if after is not None else []
        seals = session.scalars(
            select(AuditSeal).where(*where).order_by(AuditSeal.batch_start).limit(page)
        ).all()
        yield from seals
        if len(seals) < page:
            return
        after = seals[-1].batch_start


def _seal_matches(seal: AuditSeal, previous: str, keys: SealKeys) -> bool:
    made = (previous, seal.batch_start, seal.batch_end, seal.row_count, seal.digest)
    if seal.key_id is None:
        return seal.seal_hash == seal_hash(*made)
    # As bytes: compare_digest refuses a str that is not ASCII, and a rewritten seal may be one.
    return hmac.compare_digest(seal.seal_hash.encode(), seal_mac(keys, seal.key_id, *made).encode())


def verify(session: Session, keys: SealKeys) -> Verdict:
    """Check every seal, in order, with every configured key; stop at the first batch that no
    longer matches. A seal whose key is not configured is counted as unchecked, not as changed."""
    retained_until = session.scalar(select(func.max(AuditRetention.cutoff)))
    previous, expected_start = GENESIS, None
    batches = rows = plain = 0
    plain_until, keyed, unchecked = None, False, Counter()
    for seal in _seals(session):
        reason = ""
        if seal.previous_hash != previous:
            reason = "the chain is broken before this batch"
        elif expected_start is not None and seal.batch_start != expected_start:
            reason = "a gap or overlap before this batch"
        elif seal.key_id is None and keyed:
            # Plain seals only ever come before the first keyed one: this one replaced a keyed
            # seal, which someone without the key could only do that way.
            reason = "a plain seal after keyed ones (the seal itself was changed)"
        elif seal.key_id is not None and not keys.knows(seal.key_id):
            unchecked[seal.key_id] += 1
        elif not _seal_matches(seal, previous, keys):
            reason = "the seal itself was changed"
        if not reason:
            count, digest = batch_digest(session, seal.batch_start, seal.batch_end)
            rows += count
            retained = retained_until is not None and seal.batch_end <= retained_until
            if not (count == 0 and retained) and (count, digest) != (seal.row_count, seal.digest):
                reason = f"rows changed, added or removed ({count} now, {seal.row_count} sealed)"
        if reason:
            return Verdict(batches, rows, seal, reason, plain, plain_until, dict(unchecked))
        batches += 1
        if seal.key_id is None:
            plain, plain_until = plain + 1, seal.batch_end
        keyed = keyed or seal.key_id is not None
        previous, expected_start = seal.seal_hash, seal.batch_end
    found = Verdict(batches, rows, None, "", plain, plain_until, dict(unchecked))
    if expected_start is not None:
        first = session.scalar(select(func.min(AuditSeal.batch_start)))
        older = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.at < first)
        )
        if older:
            return replace(found, reason=f"{older} rows older than the first sealed batch")
    return found


class RetentionRefused(ValueError):
    pass


def _allow_retention(session: Session, on: bool) -> None:
    """Open or close the one path on which the database lets sealed audit rows be deleted (see
    migration 0019): a transaction-local setting on PostgreSQL, a guard row on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        value = "on" if on else "off"
        session.execute(text("SELECT set_config('portal.audit_retention', :v, true)"), {"v": value})
    elif on:
        session.add(AuditRetentionGuard(id=1))
        session.flush()
    else:
        session.execute(delete(AuditRetentionGuard))


def sealed_rows_before(
    session: Session, before: date, now: datetime
) -> tuple[datetime | None, int]:
    """Where retention up to the start of `before` (UTC) would cut (the end of the last sealed
    batch by then; None when there is none) and how many audit rows it would delete. Refuses a
    date inside the two years the access log shows."""
    limit = datetime.combine(before, time(0), UTC)
    if limit > now - KEEP_AT_LEAST:
        raise RetentionRefused("the access log shows the last two years; choose an older date")
    cutoff = session.scalar(
        select(func.max(AuditSeal.batch_end)).where(AuditSeal.batch_end <= limit)
    )
    if cutoff is None:
        return None, 0
    rows = session.scalar(select(func.count()).select_from(AuditEvent).where(*_sealed(cutoff)))
    return cutoff, rows


def _sealed(cutoff: datetime) -> list:
    """The rows of the sealed batches that ended by `cutoff` (rows older than the first seal are
    no batch's, and the database would refuse to delete them)."""
    first = select(func.min(AuditSeal.batch_start)).scalar_subquery()
    return [AuditEvent.at >= first, AuditEvent.at < cutoff]


def delete_sealed_batches_before(
    session: Session, before: date, now: datetime
) -> AuditRetention | None:
    """Delete the audit rows of every sealed batch that ended by the start of `before` (UTC);
    the seals stay. Records the run, and keeps the run itself in the audit trail (the caller
    commits). None when there is nothing to delete (no sealed batch ended by then, or an earlier
    run deleted its rows already), so a second run records nothing either. Refuses a date inside
    the two years the access log shows."""
    cutoff, rows = sealed_rows_before(session, before, now)
    if cutoff is None or not rows:
        return None
    _allow_retention(session, True)
    deleted = session.execute(
        delete(AuditEvent).where(*_sealed(cutoff)).execution_options(synchronize_session=False)
    ).rowcount
    _allow_retention(session, False)
    if not deleted:  # another node's run deleted them between the count and here
        return None
    run = AuditRetention(at=now, cutoff=cutoff, rows_deleted=deleted)
    session.add(run)
    audit.record(
        session,
        actor_id=None,
        actor_role="system",
        citizen_id=None,
        action="audit.retention",
        detail=f"{deleted} rows in sealed batches before {_instant(cutoff)}",
        at=now,
    )
    session.flush()
    return run
