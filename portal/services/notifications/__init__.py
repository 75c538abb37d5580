"""Notifications: a transactional outbox, delivered by a worker over e-mail and text message.

    outbox.py     what a change enqueues, in the change's own transaction (rows, never text)
    lookups.py    what enqueueing reads (settings, delegates) and where it puts rows
    backfill.py   the still-to-come reminders of things made before notifications existed
    contact.py    the person's contact settings, validated
    quiet.py      quiet hours: when a message that is not a receipt may go
    relevance.py  the re-check at send time (a reminder for a cancelled booking is dropped)
    render.py     the text of a row, in the recipient's language, with no case content
    channels.py   e-mail over SMTP, text messages through one HTTP adapter, or only a log line
    worker.py     claims due rows (SKIP LOCKED on PostgreSQL) and delivers them at most once

Delivery is at most once toward the person: a row is marked "sending" and committed before it is
handed to the channel, and marked "sent" after. A worker that stops between the two leaves the
row "sending"; the next worker does not send it again but marks it "unconfirmed" (shown as
"ikke bekræftet"), because a second message for the same event is worse than an unconfirmed one.
The text message adapter also gets the row's idempotency key as `reference`, so a gateway that
honours it cannot send twice either.

No Flask here: the worker (portal/cli.py) passes a translate function and the settings in.
"""
