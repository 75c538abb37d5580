"""One JSON line per notable event (written through the configuration in portal/logs.py).

Each function names its event and takes only what an operator may see: how and in which role
someone logged in, which action was refused and why (a code), which notification went out on
which channel — never who the person is (no id of a person, name, CPR number, e-mail address,
phone number, nor anything typed). Inside a web request every line also gets the request id
(portal/web/request_log.py). Plain Python, so the notification worker writes the same lines.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger("portal.events")

# How a person logged in, by the OpenID provider's name (None: the demo log-in).
_WAYS = {None: "demo", "citizen": "mitid", "staff": "staff"}
_CODE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def code(text: object) -> str:
    """A reason as a code: the first word of `text` if it looks like one, else "unnamed" — so a
    detail that carries what a person typed (a refused demo subject) never reaches a line."""
    first = str(getattr(text, "value", text) or "").split(" ", 1)[0]
    return first if _CODE.match(first) else "unnamed"


def way_of(provider: str | None) -> str:
    return _WAYS.get(provider, "other")


def _emit(event: str, level: int = logging.INFO, **fields) -> None:
    log.log(level, event, extra={"event": event, **fields})


def login(provider: str | None, role: str) -> None:
    _emit("login", way=way_of(provider), role=code(role))


def login_failed(provider: str | None, reason: object) -> None:
    """A log-in refused: an unknown person, a broken answer from the provider, a bad form."""
    _emit("login_failed", logging.WARNING, way=way_of(provider), reason=code(reason))


def logout(provider: str | None, role: str) -> None:
    _emit("logout", way=way_of(provider), role=code(role))


def session_timed_out(why: str) -> None:
    """A logged-in session ended by the server: "idle" (30 minutes) or "max" (the day's limit)."""
    _emit("session_timeout", reason=code(why))


def refused(action: object, endpoint: str | None, reason: object, status: int) -> None:
    """A request refused by the access policy or by a rule (the audit trail keeps who)."""
    _emit(
        "refused",
        logging.WARNING,
        action=code(action),
        endpoint=endpoint or "-",
        reason=code(reason),
        status=status,
    )


def notification_sent(notification_id: int, message_key: str, channel: str, attempt: int, via: str):
    _emit(
        "notification_sent",
        notification_id=notification_id,
        message_key=code(message_key),
        channel=code(channel),
        attempt=attempt,
        via=code(via),
    )


def notification_failed(
    notification_id: int, message_key: str, channel: str, attempt: int, reason: str, final: bool
) -> None:
    """A try that failed; `final`: the last one (the row is marked failed, nobody retries)."""
    _emit(
        "notification_failed",
        logging.WARNING,
        notification_id=notification_id,
        message_key=code(message_key),
        channel=code(channel),
        attempt=attempt,
        reason=code(reason.replace(" ", "")),  # "smtp: SMTPDataError" → one word
        final=final,
    )


def worker_started(once: bool, interval: int) -> None:
    _emit("worker_start", worker="notifications", once=once, interval_s=interval)


def worker_round(sent: int, failed: int, dropped: int, deferred: int, unconfirmed: int) -> None:
    _emit(
        "worker_round",
        worker="notifications",
        sent=sent,
        failed=failed,
        dropped=dropped,
        deferred=deferred,
        unconfirmed=unconfirmed,
    )


def worker_heartbeat_failed(error: Exception) -> None:
    """The heartbeat file could not be written; the worker goes on sending (its alert fires)."""
    _emit(
        "worker_heartbeat_failed",
        logging.WARNING,
        worker="notifications",
        error=code(type(error).__name__),
    )


def backfill_done(dry_run: bool, examined: dict, added: dict, batches: int) -> None:
    """The reminder back-fill ran: how many things of each kind it read and how many rows of
    each message key it added (or would add, on a dry run)."""
    _emit(
        "notify_backfill",
        dry_run=dry_run,
        examined=dict(examined),
        added=dict(added),
        batches=batches,
    )


def worker_stopped() -> None:
    _emit("worker_stop", worker="notifications")
