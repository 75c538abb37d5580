"""The portal's one clock: UTC inside, Europe/Copenhagen at the edges.

Tests freeze it with `frozen(...)` so rules about deadlines can be checked at exact instants.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Copenhagen")

_frozen: datetime | None = None


def now() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def today() -> date:
    """Today's date as it is in Denmark."""
    return now().astimezone(LOCAL_TZ).date()


def local(moment: datetime) -> datetime:
    """A stored instant shown in Danish local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ)


def at_local(day: date, hour: int, minute: int = 0) -> datetime:
    """A Danish wall-clock time on `day` as an aware UTC instant (DST handled by zoneinfo)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)


@contextmanager
def frozen(moment: datetime) -> Iterator[None]:
    global _frozen
    if moment.tzinfo is None:
        raise ValueError("freeze the clock with an aware datetime")
    previous, _frozen = _frozen, moment.astimezone(UTC)
    try:
        yield
    finally:
        _frozen = previous
