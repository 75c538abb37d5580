"""Where server-side sessions are kept: the database (`SqlStore`) or Redis (`RedisStore`).

Both keep the same `Record` under the SHA-256 of the cookie's id and answer the same questions:
load one, save one (an update never brings back a session that was ended meanwhile), end one,
list or end a person's, and remove the expired ones for the clean-up job. Every answer comes
from the shared store, never from one process's memory, so any app node can serve any request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from portal.models import WebSession

MAX_LISTED = 50  # "Dine log-ins" shows at most this many sessions of one person
_TABLE = WebSession.__table__


@dataclass(frozen=True)
class Record:
    key: str  # sha256 hex of the cookie's id
    person_id: int | None
    started_at: datetime
    last_seen_at: datetime
    expires_at: datetime  # the earlier of the idle time-out and the absolute end
    browser: str
    system: str
    data: str  # the session's values, serialised by the session interface

    def touched(self, **changes) -> Record:
        return replace(self, **changes)


class Store(Protocol):
    def load(self, key: str) -> Record | None: ...
    def add(self, record: Record) -> None: ...
    def update(self, record: Record) -> bool: ...
    def end(self, key: str) -> Record | None: ...
    def of_person(self, person_id: int, now: datetime) -> list[Record]: ...
    def end_others(self, person_id: int, keep: str) -> int: ...
    def take_expired(self, now: datetime, limit: int) -> list[Record]: ...


class SqlStore:
    """Sessions in the `web_session` table, each operation its own short transaction (a session
    is not part of the request's change: ending one must hold even when the request fails)."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @staticmethod
    def _record(row) -> Record:
        return Record(
            key=row.id,
            person_id=row.person_id,
            started_at=row.started_at,
            last_seen_at=row.last_seen_at,
            expires_at=row.expires_at,
            browser=row.browser,
            system=row.system,
            data=row.data,
        )

    @staticmethod
    def _values(record: Record) -> dict:
        return {
            "person_id": record.person_id,
            "started_at": record.started_at,
            "last_seen_at": record.last_seen_at,
            "expires_at": record.expires_at,
            "browser": record.browser,
            "system": record.system,
            "data": record.data,
        }

    def load(self, key: str) -> Record | None:
        # Reads end with a commit too (`begin`): psycopg forgets every prepared statement of the
        # connection on a rollback, and this read comes first in every request.
        with self.engine.begin() as conn:
            row = conn.execute(select(_TABLE).where(_TABLE.c.id == key)).first()
        return self._record(row) if row is not None else None

    def add(self, record: Record) -> None:
        with self.engine.begin() as conn:
            conn.execute(_TABLE.insert().values(id=record.key, **self._values(record)))

    def update(self, record: Record) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(_TABLE).where(_TABLE.c.id == record.key).values(**self._values(record))
            )
        return result.rowcount == 1

    def end(self, key: str) -> Record | None:
        """Remove the session; the record when this call removed it (None: already gone)."""
        with self.engine.begin() as conn:
            row = conn.execute(select(_TABLE).where(_TABLE.c.id == key)).first()
            if row is None:
                return None
            gone = conn.execute(delete(_TABLE).where(_TABLE.c.id == key)).rowcount
        return self._record(row) if gone == 1 else None

    def of_person(self, person_id: int, now: datetime) -> list[Record]:
        with self.engine.begin() as conn:
            rows = conn.execute(
                select(_TABLE)
                .where(_TABLE.c.person_id == person_id, _TABLE.c.expires_at > now)
                .order_by(_TABLE.c.started_at.desc())
                .limit(MAX_LISTED)
            )
            return [self._record(row) for row in rows]

    def end_others(self, person_id: int, keep: str) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(_TABLE).where(_TABLE.c.person_id == person_id, _TABLE.c.id != keep)
            )
        return result.rowcount

    def take_expired(self, now: datetime, limit: int) -> list[Record]:
        """Remove up to `limit` expired sessions; those this call removed (for the audit)."""
        with self.engine.connect() as conn:
            keys = list(
                conn.scalars(
                    select(_TABLE.c.id)
                    .where(_TABLE.c.expires_at <= now)
                    .order_by(_TABLE.c.expires_at)
                    .limit(limit)
                )
            )
        return [record for key in keys if (record := self.end(key)) is not None]


def _epoch(moment: datetime) -> float:
    return moment.timestamp()


def _moment(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


class RedisStore:
    """Sessions in Redis: one key per session (JSON), a set of keys per person, and one sorted
    set of keys by expiry for the clean-up job. A key outlives its expiry by a day so that the
    clean-up job still sees who timed out; the portal itself never uses an expired one."""

    KEEP_AFTER_EXPIRY = timedelta(days=1)

    def __init__(self, client, prefix: str):
        self.redis = client
        self.prefix = prefix

    def _key(self, key: str) -> str:
        return f"{self.prefix}:session:{key}"

    def _person(self, person_id: int) -> str:
        return f"{self.prefix}:person:{person_id}:sessions"

    @property
    def _by_expiry(self) -> str:
        return f"{self.prefix}:sessions:by-expiry"

    @staticmethod
    def _dump(record: Record) -> str:
        return json.dumps(
            {
                "person_id": record.person_id,
                "started_at": _epoch(record.started_at),
                "last_seen_at": _epoch(record.last_seen_at),
                "expires_at": _epoch(record.expires_at),
                "browser": record.browser,
                "system": record.system,
                "data": record.data,
            }
        )

    @staticmethod
    def _parse(key: str, raw) -> Record:
        values = json.loads(raw)
        return Record(
            key=key,
            person_id=values["person_id"],
            started_at=_moment(values["started_at"]),
            last_seen_at=_moment(values["last_seen_at"]),
            expires_at=_moment(values["expires_at"]),
            browser=values["browser"],
            system=values["system"],
            data=values["data"],
        )

    def _write(self, record: Record, *, new: bool) -> bool:
        keep_until = int(_epoch(record.expires_at + self.KEEP_AFTER_EXPIRY))
        pipe = self.redis.pipeline(transaction=True)
        if new:
            pipe.set(self._key(record.key), self._dump(record), exat=keep_until, nx=True)
        else:
            pipe.set(self._key(record.key), self._dump(record), exat=keep_until, xx=True)
        written = pipe.execute()[0]
        if not written:
            return False
        pipe = self.redis.pipeline(transaction=True)
        pipe.zadd(self._by_expiry, {record.key: _epoch(record.expires_at)})
        if record.person_id is not None:
            pipe.sadd(self._person(record.person_id), record.key)
        pipe.execute()
        return True

    def load(self, key: str) -> Record | None:
        raw = self.redis.get(self._key(key))
        return self._parse(key, raw) if raw is not None else None

    def add(self, record: Record) -> None:
        self._write(record, new=True)

    def update(self, record: Record) -> bool:
        return self._write(record, new=False)

    def end(self, key: str) -> Record | None:
        pipe = self.redis.pipeline(transaction=True)
        pipe.get(self._key(key))
        pipe.delete(self._key(key))
        pipe.zrem(self._by_expiry, key)
        raw, gone, _ = pipe.execute()
        if raw is None or gone != 1:
            return None  # another request or node ended it first
        record = self._parse(key, raw)
        if record.person_id is not None:
            self.redis.srem(self._person(record.person_id), key)
        return record

    def _keys_of(self, person_id: int) -> list[str]:
        members = self.redis.smembers(self._person(person_id))
        return sorted(k.decode() if isinstance(k, bytes) else k for k in members)

    def of_person(self, person_id: int, now: datetime) -> list[Record]:
        keys = self._keys_of(person_id)
        if not keys:
            return []
        raws = self.redis.mget([self._key(k) for k in keys])
        records, gone = [], []
        for key, raw in zip(keys, raws, strict=True):
            if raw is None:
                gone.append(key)
            elif (record := self._parse(key, raw)).expires_at > now:
                records.append(record)
        if gone:  # keys Redis already let go of
            self.redis.srem(self._person(person_id), *gone)
        records.sort(key=lambda r: r.started_at, reverse=True)
        return records[:MAX_LISTED]

    def end_others(self, person_id: int, keep: str) -> int:
        return sum(1 for key in self._keys_of(person_id) if key != keep and self.end(key))

    def take_expired(self, now: datetime, limit: int) -> list[Record]:
        keys = self.redis.zrangebyscore(self._by_expiry, "-inf", _epoch(now), start=0, num=limit)
        ended = []
        for key in keys:
            key = key.decode() if isinstance(key, bytes) else key
            record = self.end(key)
            if record is None:
                self.redis.zrem(self._by_expiry, key)  # the key itself had already gone
            else:
                ended.append(record)
        return ended
