"""A browser's session with the portal, kept on the server (portal/web/sessions.py).

The cookie holds only a random id; this row is found by the id's SHA-256, so the table alone
cannot be used to take over a session. Used when no Redis is configured.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.types import UTCDateTime


class WebSession(db.Model):
    __tablename__ = "web_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie's id
    # Who is logged in (None: a visitor who has not logged in yet, e.g. on the log-in page).
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the log-in (or first visit)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The earlier of the idle time-out and the absolute end: what the clean-up job looks for.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    browser: Mapped[str] = mapped_column(String(60), default="")
    system: Mapped[str] = mapped_column(String(60), default="")
    data: Mapped[str] = mapped_column(Text, default="{}")  # the session's values, tagged JSON
