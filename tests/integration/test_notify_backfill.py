"""The reminder back-fill (portal/services/notifications/backfill.py): things made before there
were notifications get exactly the reminders the normal path would have given them, stale ones
are not enqueued, nothing is added twice, a dry run changes nothing, and the number of
statements depends on the number of batches, not of rows.

"Made before this version" is simulated two ways: by the normal services followed by deleting
their outbox rows (so the back-fill's rows can be compared with the normal path's, field by
field), and by rows built directly with the factories (which never enqueue)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select

from portal import clock
from portal.models import Booking, BookingStatus, Notification, TeamRole, Urgency
from portal.services import booking as bookings
from portal.services import delegation
from portal.services.booking import book
from portal.services.meeting.planning import plan_meeting
from portal.services.notifications import backfill, contact
from tests.factories import booking as make
from tests.factories import meeting as meetings
from tests.factories import people
from tests.factories.booking import NOW, TODAY
from tests.statements import StatementCounter

BACKFILLED = {
    "conversation_tomorrow",
    "window_closing",
    "meeting_tomorrow",
    "participation_due",
    "fuldmagt_ending",
}


def reachable(session, person, *, reminders="sms", copies=False):
    """E-mail for receipts, the reminders by `reminders` (a different channel than receipts, so
    a reminder on the wrong channel would show)."""
    contact.save(
        session,
        person.id,
        email=f"p{person.id}@example.dk",
        mobile="20304050",
        receipts="email",
        reminders=reminders,
        delegate_copies=copies,
        now=NOW,
    )


def give_fuldmagt(session, citizen, holder, scopes):
    delegation.grant(
        session,
        citizen_id=citizen.id,
        holder_id=holder.id,
        scopes=scopes,
        ends_on=TODAY + timedelta(days=300),
        today=TODAY,
        now=NOW,
    )


def reminder_rows(session) -> set[tuple]:
    """Every field the rules decide, for the rows the back-fill is about."""
    rows = session.scalars(select(Notification)).all()
    return {
        (
            r.recipient_id,
            r.citizen_id,
            r.channel,
            r.message_key,
            r.event_key,
            tuple(sorted((r.refs or {}).items())),
            r.urgency,
            r.status,
            r.due_at,
            r.created_at,
        )
        for r in rows
        if (r.refs or {}).get("copy_of", r.message_key) in BACKFILLED
    }


def count_rows(session) -> int:
    return session.scalar(select(func.count()).select_from(Notification))


def forget_outbox(session) -> None:
    """What the database looked like before the notifications version."""
    session.execute(delete(Notification))
    session.commit()


def made_the_normal_way(session):
    """A citizen (reminders by text message) with a delegate who asked for copies (booke and
    moede) and one who did not; a window opened, a conversation booked in it, a meeting planned,
    all through the services, at NOW."""
    caseworker = people.caseworker(session)
    citizen = people.citizen(session, "Hanne", caseworker=caseworker)
    reachable(session, citizen)
    mads, kim = people.relative(session, "Mads"), people.relative(session, "Kim")
    reachable(session, mads, reminders="email", copies=True)
    reachable(session, kim, reminders="email", copies=False)
    give_fuldmagt(session, citizen, mads, ["booke", "moede"])
    give_fuldmagt(session, citizen, kim, ["booke", "moede", "se"])
    bookings.open_deadline(
        session,
        citizen.id,
        opens_on=TODAY,
        closes_on=TODAY + timedelta(days=14),
        topic="Opfølgningssamtale",
        cutoff_hours=24,
        actor_id=caseworker.id,
        now=NOW,
    )
    slot = make.slot_on(session, caseworker, TODAY + timedelta(days=4), 9)
    book(session, citizen, slot.id, "telefon", None, actor_id=citizen.id, now=NOW)
    plan_meeting(
        session,
        citizen.id,
        starts_at=NOW + timedelta(days=10),
        at=NOW,
        actor_id=caseworker.id,
        place="Jobcentret",
        video_url="",
        roles={TeamRole.EMPLOYMENT: "Anders"},
    )
    session.commit()
    return citizen, mads, kim


def test_things_made_without_reminders_get_exactly_the_normal_paths_reminders(empty_session):
    citizen, mads, kim = made_the_normal_way(empty_session)
    citizen_id, mads_id, kim_id = citizen.id, mads.id, kim.id
    normal = reminder_rows(empty_session)
    forget_outbox(empty_session)

    counts = backfill.run(empty_session, NOW)

    assert reminder_rows(empty_session) == normal
    assert count_rows(empty_session) == len(normal)  # reminders only, no notices
    assert counts.examined == {"bookings": 1, "windows": 1, "meetings": 1, "fuldmagter": 2}
    assert counts.added == {
        "fuldmagt_ending": 4,  # both parties of both fuldmagter
        "conversation_tomorrow": 1,
        "window_closing": 1,
        "meeting_tomorrow": 1,
        "participation_due": 1,
        "delegate_copy:conversation_tomorrow": 1,
        "delegate_copy:window_closing": 1,
        "delegate_copy:meeting_tomorrow": 1,
        "delegate_copy:participation_due": 1,
    }
    rows = empty_session.scalars(select(Notification)).all()
    # The citizen chose text messages for reminders; the delegate who asked for copies gets an
    # e-mail copy of each; the one who did not gets none (only their own fuldmagt's reminder).
    assert {(r.recipient_id, r.channel) for r in rows} == {
        (citizen_id, "sms"),
        (mads_id, "email"),
        (kim_id, "email"),
    }
    assert [r.message_key for r in rows if r.recipient_id == kim_id] == ["fuldmagt_ending"]
    assert all(r.urgency == Urgency.REMINDER and r.due_at > NOW for r in rows)


def test_after_the_normal_path_and_on_a_second_run_nothing_is_added(empty_session):
    made_the_normal_way(empty_session)
    before = reminder_rows(empty_session)
    total = count_rows(empty_session)

    assert sum(backfill.run(empty_session, NOW).added.values()) == 0
    forget_outbox(empty_session)
    first = backfill.run(empty_session, NOW)
    second = backfill.run(empty_session, NOW)

    assert sum(first.added.values()) == len(before) == 12
    assert sum(second.added.values()) == 0
    assert count_rows(empty_session) == len(before) < total


def test_a_dry_run_counts_the_same_and_changes_nothing(empty_session):
    made_the_normal_way(empty_session)
    forget_outbox(empty_session)

    dry = backfill.run(empty_session, NOW, dry_run=True)
    assert count_rows(empty_session) == 0
    real = backfill.run(empty_session, NOW)

    assert dry.added == real.added and dry.examined == real.examined
    assert sum(dry.added.values()) == count_rows(empty_session) == 12


def test_reminders_whose_moment_has_passed_are_not_enqueued(empty_session):
    """At Monday noon: a conversation on Tuesday (its reminder was Monday at ten), a window that
    closes on Wednesday (three working days before was last week), a meeting on Tuesday, a
    cancelled booking and one already held, all built without the outbox. Only the meeting in
    five days whose participation choice closes tomorrow still has a reminder to come: the day
    before it, not the participation one."""
    caseworker = people.caseworker(session=empty_session)
    citizen = people.citizen(empty_session, "Hanne", caseworker=caseworker)
    reachable(empty_session, citizen)
    make.window(empty_session, citizen, closes_on=TODAY + timedelta(days=2))
    tomorrow = make.slot_on(empty_session, caseworker, TODAY + timedelta(days=1), 9)
    make.booking(empty_session, citizen, tomorrow)
    later = make.slot_on(empty_session, caseworker, TODAY + timedelta(days=8), 9)
    make.booking(empty_session, citizen, later).status = BookingStatus.CANCELLED
    held = make.slot_on(empty_session, caseworker, TODAY - timedelta(days=7), 9)
    make.booking(empty_session, citizen, held)
    meetings.meeting(empty_session, citizen, starts_at=NOW + timedelta(days=1))
    soon = meetings.meeting(
        empty_session,
        citizen,
        starts_at=NOW + timedelta(days=5),
        deadline=NOW + timedelta(days=1),
    )
    soon_id = soon.id
    empty_session.commit()

    counts = backfill.run(empty_session, NOW)

    [row] = empty_session.scalars(select(Notification)).all()
    assert (row.message_key, row.refs["meeting_id"]) == ("meeting_tomorrow", soon_id)
    assert row.due_at == clock.at_local(TODAY + timedelta(days=4), 10)
    assert counts.added == {"meeting_tomorrow": 1}
    # The cancelled and the held booking are not even read; the window and the meeting on
    # Tuesday are, and the outbox's own rule finds their moments passed.
    assert counts.examined == {"bookings": 1, "windows": 1, "meetings": 2}


def test_a_person_without_contact_details_gets_nothing_and_their_delegate_still_a_copy(
    empty_session,
):
    citizen = people.citizen(empty_session, "Uden")
    mads = people.relative(empty_session, "Mads")
    reachable(empty_session, mads, reminders="email", copies=True)
    give_fuldmagt(empty_session, citizen, mads, ["se"])
    make.window(empty_session, citizen, closes_on=TODAY + timedelta(days=20))
    mads_id = mads.id
    empty_session.commit()
    forget_outbox(empty_session)  # the fuldmagt notices

    backfill.run(empty_session, NOW)

    rows = empty_session.scalars(select(Notification).order_by(Notification.id)).all()
    assert [(r.recipient_id, r.message_key) for r in rows] == [
        (mads_id, "delegate_copy"),
        (mads_id, "fuldmagt_ending"),
    ]
    assert rows[0].refs["copy_of"] == "window_closing"


def test_the_statements_per_batch_do_not_grow_with_the_rows(empty_session):
    caseworker = people.caseworker(session=empty_session)
    mads = people.relative(empty_session, "Mads")
    reachable(empty_session, mads, reminders="email", copies=True)
    for n in range(25):
        citizen = people.citizen(empty_session, f"Borger{n}", caseworker=caseworker)
        reachable(empty_session, citizen)
        if n % 5 == 0:
            give_fuldmagt(empty_session, citizen, mads, ["se"])
        make.window(empty_session, citizen, closes_on=TODAY + timedelta(days=20))
        slot = make.slot_on(
            empty_session, caseworker, TODAY + timedelta(days=7 + n // 8), 8 + n % 8
        )
        make.booking(empty_session, citizen, slot)
        meetings.meeting(empty_session, citizen, starts_at=NOW + timedelta(days=10))
    empty_session.commit()
    forget_outbox(empty_session)

    with StatementCounter(empty_session.get_bind()) as counted:
        counts = backfill.run(empty_session, NOW, batch_size=10)

    assert counts.examined == {"bookings": 25, "windows": 25, "meetings": 25, "fuldmagter": 5}
    assert counts.batches == 10  # 10 + 10 + 5 for each kind, and the five fuldmagter
    added = sum(counts.added.values())
    # Four reminders each, the five copies of each, and each fuldmagt's reminder to both parties.
    assert added == count_rows(empty_session) == 25 * 4 + 5 * 4 + 5 * 2
    # Per batch: the things, the delegates, the settings, the existing keys, the insert (one
    # multi-row statement); and one empty read ending each kind.
    assert len(counted) <= 5 * counts.batches + 4, counted.queries
    inserts = [s for s in counted.queries if s.upper().startswith("INSERT")]
    assert len(inserts) <= counts.batches


def test_a_row_the_normal_path_added_for_one_thing_in_a_batch_is_left_alone(empty_session):
    """Half the bookings already have their reminder (the normal path ran for them): the batch
    adds only the missing ones, in one go."""
    caseworker = people.caseworker(session=empty_session)
    made = []
    for n in range(6):
        citizen = people.citizen(empty_session, f"Borger{n}", caseworker=caseworker)
        reachable(empty_session, citizen)
        slot = make.slot_on(empty_session, caseworker, TODAY + timedelta(days=7), 8 + n)
        made.append(make.booking(empty_session, citizen, slot))
    from portal.services.notifications import outbox

    for booking in made[::2]:
        outbox.booking_reminder(empty_session, booking, NOW)
    ids = [b.id for b in made]
    empty_session.commit()

    counts = backfill.run(empty_session, NOW, kinds=("bookings",))

    assert counts.added == {"conversation_tomorrow": 3}
    reminded = empty_session.scalars(select(Notification.refs)).all()
    assert sorted(r["booking_id"] for r in reminded) == ids
    assert empty_session.scalar(select(func.count()).select_from(Booking)) == 6


def test_a_row_added_by_the_normal_path_meanwhile_makes_the_batch_read_again(
    empty_session, monkeypatch
):
    """The normal path may enqueue the same reminder between the back-fill's look at the
    existing keys and its insert: the unique key refuses the insert, the batch is rolled back and
    read again, and the row is not doubled."""
    caseworker = people.caseworker(session=empty_session)
    made = []
    for n in range(2):
        citizen = people.citizen(empty_session, f"Borger{n}", caseworker=caseworker)
        reachable(empty_session, citizen)
        slot = make.slot_on(empty_session, caseworker, TODAY + timedelta(days=7), 8 + n)
        made.append(make.booking(empty_session, citizen, slot))
    from portal.services.notifications import outbox

    outbox.booking_reminder(empty_session, made[0], NOW)
    empty_session.commit()
    real_new, looks = backfill._new, []

    def missed_once(session, rows):
        looks.append(len(rows))
        return rows if len(looks) == 1 else real_new(session, rows)  # the race: not seen yet

    monkeypatch.setattr(backfill, "_new", missed_once)
    counts = backfill.run(empty_session, NOW, kinds=("bookings",))

    assert looks == [2, 2]
    assert counts.added == {"conversation_tomorrow": 1}
    assert count_rows(empty_session) == 2


def test_a_fuldmagt_ended_by_a_person_or_ending_too_soon_gets_no_reminder(empty_session):
    citizen = people.citizen(empty_session, "Hanne")
    reachable(empty_session, citizen)
    holders = [people.relative(empty_session, name) for name in ("Mads", "Kim", "Lis")]
    for holder in holders:
        reachable(empty_session, holder, reminders="email")
    revoked = delegation.grant(
        empty_session,
        citizen_id=citizen.id,
        holder_id=holders[0].id,
        scopes=["se"],
        ends_on=TODAY + timedelta(days=100),
        today=TODAY,
        now=NOW,
    )
    revoked.revoked_at = NOW
    for holder, days in ((holders[1], 14), (holders[2], 15)):
        delegation.grant(
            empty_session,
            citizen_id=citizen.id,
            holder_id=holder.id,
            scopes=["se"],
            ends_on=TODAY + timedelta(days=days),
            today=TODAY,
            now=NOW,
        )
    citizen_id, lis_id = citizen.id, holders[2].id
    empty_session.commit()
    forget_outbox(empty_session)

    counts = backfill.run(empty_session, NOW, kinds=("fuldmagter",))

    # Ending in 14 days: its reminder was this morning. In 15: tomorrow morning, to both.
    assert counts.examined == {"fuldmagter": 2}
    rows = empty_session.scalars(select(Notification)).all()
    assert sorted(r.recipient_id for r in rows) == sorted([citizen_id, lis_id])
    assert {r.due_at for r in rows} == {clock.at_local(TODAY + timedelta(days=1), 10)}
