"""The person's contact settings: an e-mail address, a Danish mobile number, and which channel
for receipts and for reminders. Checked here so a bad address is refused with a clear reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from portal.models import Channel, ContactSettings
from portal.services.errors import DomainError

EMAIL_MAX = 120
# One @, something before it, a dotted domain after it, no spaces: the syntax, not a promise
# that the address exists (only a message can tell that).
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
CHOICES = ("email", "sms", "none")


@dataclass(frozen=True)
class Reach:
    """Where to send a message of one kind: the channel and the address, or nothing."""

    channel: Channel
    address: str


def clean_email(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > EMAIL_MAX or not _EMAIL.match(value):
        raise DomainError("email_invalid", field="email")
    return value


def clean_mobile(value: str | None) -> str | None:
    """A Danish mobile number as +45 and eight digits; spaces, dashes and 0045 are allowed."""
    digits = re.sub(r"[\s\-.()]", "", value or "")
    if not digits:
        return None
    for prefix in ("+45", "0045"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    # Danish numbers are eight digits; mobile series start with 2, 3, 4, 5, 6, 7, 8 or 9.
    if not re.fullmatch(r"[2-9]\d{7}", digits):
        raise DomainError("mobile_invalid", field="mobile")
    return f"+45{digits}"


def settings_of(session: Session, person_id: int) -> ContactSettings | None:
    return session.get(ContactSettings, person_id)


def save(
    session: Session,
    person_id: int,
    *,
    email: str | None,
    mobile: str | None,
    receipts: str,
    reminders: str,
    delegate_copies: bool,
    now: datetime,
) -> ContactSettings:
    email = clean_email(email)
    mobile = clean_mobile(mobile)
    for field, choice in (("receipts", receipts), ("reminders", reminders)):
        if choice not in CHOICES:
            raise DomainError("channel_unknown", field=field)
        if choice == "email" and email is None:
            raise DomainError("channel_needs_email", field=field)
        if choice == "sms" and mobile is None:
            raise DomainError("channel_needs_mobile", field=field)
    settings = session.get(ContactSettings, person_id)
    if settings is None:
        settings = ContactSettings(person_id=person_id)
        session.add(settings)
    settings.email = email
    settings.mobile = mobile
    settings.receipts = receipts
    settings.reminders = reminders
    settings.delegate_copies = bool(delegate_copies)
    settings.updated_at = now
    return settings


def reach(settings: ContactSettings | None, urgency: str) -> Reach | None:
    """Where a message of this urgency goes: reminders by the reminder choice, the rest by the
    receipt choice. None when the person chose nothing or gave no address for it."""
    if settings is None:
        return None
    choice = settings.reminders if urgency == "reminder" else settings.receipts
    if choice == "email" and settings.email:
        return Reach(Channel.EMAIL, settings.email)
    if choice == "sms" and settings.mobile:
        return Reach(Channel.SMS, settings.mobile)
    return None
