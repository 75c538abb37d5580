"""The rules of what is sent: quiet hours, contact details, and texts without case content or
links (tests/integration/test_notifications.py sends them through real servers)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from portal import clock
from portal.models import Channel, Notification, Urgency
from portal.services.errors import DomainError
from portal.services.notifications import contact, quiet
from portal.services.notifications.render import day, when
from portal.text import notifications as words

QUIET = quiet.DEFAULT_QUIET


def local(day_: date, hour: int, minute: int = 0) -> datetime:
    return clock.at_local(day_, hour, minute)


WINTER = date(2030, 1, 15)
SUMMER = date(2030, 7, 15)


@pytest.mark.parametrize("on", [WINTER, SUMMER], ids=["winter time", "summer time"])
@pytest.mark.parametrize(
    ("hour", "minute", "released_on", "released_hour"),
    [
        (8, 59, 0, 9),  # before nine: later the same morning
        (9, 0, 0, 9),  # nine: at once
        (20, 59, 0, 20),  # before nine in the evening: at once
        (21, 0, 1, 9),  # from nine in the evening: the next morning
        (23, 30, 1, 9),
        (0, 15, 0, 9),  # after midnight: that morning
    ],
)
def test_reminders_and_notices_wait_out_the_quiet_hours(
    on, hour, minute, released_on, released_hour
):
    moment = local(on, hour, minute)
    released = quiet.release_at(moment, Urgency.REMINDER, QUIET)
    if released == moment:
        assert (released_on, released_hour) == (0, hour)
    else:
        assert released == local(on + timedelta(days=released_on), released_hour)
    assert quiet.release_at(moment, Urgency.NOTICE, QUIET) == released


def test_a_receipt_of_ones_own_action_goes_at_once_even_at_night():
    night = local(WINTER, 23, 30)
    assert quiet.release_at(night, Urgency.RECEIPT, QUIET) == night


def test_quiet_hours_are_read_from_the_setting():
    assert quiet.parse("22-07") == (22, 7)
    assert quiet.parse("") == QUIET
    assert not quiet.is_quiet(local(WINTER, 21, 30), quiet.parse("22-07"))
    for bad in ("22", "25-07", "7-7", "a-b"):
        with pytest.raises(ValueError):
            quiet.parse(bad)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("20 30 40 50", "+4520304050"),
        ("+45 20304050", "+4520304050"),
        ("0045-91-22-33-44", "+4591223344"),
        ("", None),
    ],
)
def test_danish_mobile_numbers_are_stored_as_plus_45(typed, stored):
    assert contact.clean_mobile(typed) == stored


@pytest.mark.parametrize("typed", ["1234 5678", "2030405", "203040506", "+46 20304050", "abc"])
def test_other_numbers_are_refused(typed):
    with pytest.raises(DomainError) as refused:
        contact.clean_mobile(typed)
    assert (refused.value.code, refused.value.field) == ("mobile_invalid", "mobile")


@pytest.mark.parametrize(
    "typed", ["hanne", "hanne@", "@aaby.dk", "hanne@aaby", "h a@aaby.dk", "a" * 120 + "@aaby.dk"]
)
def test_bad_e_mail_addresses_are_refused(typed):
    with pytest.raises(DomainError) as refused:
        contact.clean_email(typed)
    assert refused.value.code == "email_invalid"


def test_a_channel_needs_its_address():
    class Stored:
        email, mobile, receipts, reminders = "hanne@aaby.dk", None, "email", "sms"

    assert contact.reach(Stored, Urgency.RECEIPT) == contact.Reach(Channel.EMAIL, "hanne@aaby.dk")
    assert contact.reach(Stored, Urgency.REMINDER) is None  # SMS chosen, no number
    assert contact.reach(None, Urgency.RECEIPT) is None


# Words that name what a case is about. No message text may contain one: a text says what to do
# and by when, nothing more.
CASE_WORDS = re.compile(
    r"psykolog|læge|behandling|alkohol|stof|depression|diagnose|sygdom|ressourceforløb|"
    r"fleksjob|førtidspension|sygedagpenge|jobafklaring|indsats|rehabilitering|"
    r"%\((?!when|day|sender)",
    re.IGNORECASE,
)


@pytest.mark.parametrize("key", sorted(words.MESSAGES))
def test_no_message_names_what_the_case_is_about(key):
    message = words.MESSAGES[key]
    for text in (message.subject, message.text):
        assert not CASE_WORDS.search(text), text


@pytest.mark.parametrize("key", sorted(words.MESSAGES))
def test_no_message_carries_a_link(key):
    message = words.MESSAGES[key]
    for text in (message.subject, message.text, words.PORTAL_LINE, words.SMS_SENDER):
        assert not re.search(r"https?:|www\.|\.dk\b|/", text), text


def test_times_are_danish_time_with_the_date_written_out():
    # 8:00 UTC on 1 July is 10:00 in Copenhagen (summer time).
    moment = datetime(2030, 7, 1, 8, 0, tzinfo=clock.now().tzinfo)
    assert when(moment, "da") == "mandag den 1. juli 2030 kl. 10.00"
    assert when(moment, "en") == "Monday 1 July 2030 at 10:00"
    assert day(date(2030, 12, 24), "da") == "tirsdag den 24. december 2030"


def test_an_sms_is_one_line_that_names_the_portal_and_the_sender():
    from portal.services.notifications.render import render

    row = Notification(message_key="outcome_published", channel=Channel.SMS, refs={})
    text = render(None, row, language="da", translate=lambda t: t, sender="Jobcenter Åby")
    assert "\n" not in text.text
    assert text.text.startswith("Én plan fra Jobcenter Åby:")
    assert "Log ind i Én plan" in text.text
