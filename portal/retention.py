"""How long the portal keeps each kind of personal data: one plain value, read from settings.

The periods are settings (`PORTAL_RETENTION_<KIND>_DAYS`, read with the others in
portal/config.py) and reach the rest of the portal only as one `RetentionPeriods` value in
`settings["RETENTION"]`: the retention command deletes by it and the privacy notice states it,
so what the notice promises and what the command does cannot drift apart. No Flask here.

Log-in sessions are not here: `sessions-clean-up` removes a session's row as soon as it has
ended (portal/web/sessions.py); what stays of it is the audit trail's log-in and log-out rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

# Setting name (portal/config.py, environment variable PORTAL_<name>) of each period.
SETTINGS = {
    "audit_days": "RETENTION_AUDIT_DAYS",
    "notifications_days": "RETENTION_NOTIFICATIONS_DAYS",
    "preparation_days": "RETENTION_PREPARATION_DAYS",
}

# The audit trail is evidence of who saw and changed what; the command never deletes any of it
# younger than this, whatever the setting says (the audit seal service refuses it too).
AUDIT_MINIMUM_DAYS = 2 * 365 + 1


class RetentionSettingError(ValueError):
    """A period is not a whole number of days the portal can keep data for."""


@dataclass(frozen=True)
class RetentionPeriods:
    # The access log and the audit trail: counted from the day of the entry.
    audit_days: int = 5 * 365 + 1
    # Sent, failed and dropped notifications: counted from when the message was created.
    notifications_days: int = 365
    # The citizen's preparation for a meeting (drafts and what was sent): counted from the meeting.
    preparation_days: int = 90

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> RetentionPeriods:
        values = {}
        for field in fields(cls):
            name = SETTINGS[field.name]
            raw = settings.get(name, field.default)
            try:
                days = int(str(raw).strip())
            except ValueError:
                raise RetentionSettingError(
                    f"PORTAL_{name} must be a whole number of days, not {raw!r}."
                ) from None
            if days < 1:
                raise RetentionSettingError(f"PORTAL_{name} must be at least 1, not {raw!r}.")
            values[field.name] = days
        if values["audit_days"] < AUDIT_MINIMUM_DAYS:
            raise RetentionSettingError(
                f"PORTAL_RETENTION_AUDIT_DAYS must be at least {AUDIT_MINIMUM_DAYS}."
            )
        return cls(**values)
