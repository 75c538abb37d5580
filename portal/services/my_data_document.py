"""The structure of 'Hent dine oplysninger': one plain dict, documented in docs/my-data.md, that
becomes the JSON file and is also what the PDF shows, so the two never say different things.

Times are `datetime`s here (the PDF writes them in Danish time) and become ISO 8601 in UTC with
a `Z` in the JSON; days are `YYYY-MM-DD`; coded values are the stable strings stored in the
database (e.g. `"fremmoede"`, `"cancelled"`), listed in the documentation. Raise VERSION when a
key changes meaning or disappears; adding a key does not.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime

from portal.models.delegation import split_scopes
from portal.services.my_data import MyData

FORMAT = "en-plan/mine-oplysninger"
VERSION = 1


def _iso(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not part of the document")


def as_json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=_iso) + "\n"


# Whom the access log names: the citizen, and the people who act on the case as caseworkers,
# previews or through a fuldmagt (as on /log). Someone else who tried a page about the citizen and
# was refused stays unnamed: the copy must not hand out a third person's data (GDPR art. 15(4)).
_NAMED_ROLES = ("caseworker", "preview", "delegate")


def _actor_name(actor, role: str, citizen_id: int) -> str | None:
    if actor is None:
        return None
    return actor.full_name if actor.id == citizen_id or role in _NAMED_ROLES else None


# (role, actor's name or None, action, detail, outcome, the citizen's own row) -> the row in words,
# as the PDF and the access log say it: given by the web layer, in the person's language.
Describe = Callable[[str, str | None, str, str | None, str, bool], str]


def build(data: MyData, made_at: datetime, language: str, describe: Describe) -> dict:
    who = data.name_of
    me = data.person.id
    return {
        "format": FORMAT,
        "version": VERSION,
        "subject": "citizen",
        "made_at": made_at,
        "language": language,
        "person": _person(data),
        "contact_settings": contact(data.contact),
        "login_providers": [
            {"provider": s.provider, "first_login_at": s.created_at} for s in data.logins
        ],
        "plan": _plan(data),
        "meetings": _meetings(data),
        "deadline_windows": [
            {
                "id": w.id,
                "opens_on": w.opens_on,
                "closes_on": w.closes_on,
                "topic": w.topic,
                "change_cutoff_hours": w.change_cutoff_hours,
                "opened_by": who(w.opened_by_id),
                "created_at": w.created_at,
            }
            for w in data.windows
        ],
        "bookings": [_booking(b, who) for b in data.bookings],
        "booking_exemptions": [
            {"exempted": e.exempted, "reason": e.reason, "by": who(e.actor_id), "at": e.at}
            for e in data.exemptions
        ],
        "callback_requests": [
            {
                "window_id": c.window_id,
                "requested_at": c.at,
                "requested_by": who(c.requested_by_id),
                "handled_at": c.handled_at,
                "handled_by": who(c.handled_by_id),
                "handled_note": c.handled_note,
            }
            for c in data.callbacks
        ],
        "booking_help_requests": [
            {
                "window_id": h.window_id,
                "requested_at": h.at,
                "requested_by": who(h.requested_by_id),
                "reason": h.reason,
                "note": h.note,
                "answered_at": h.answered_at,
                "answered_by": who(h.answered_by_id),
                "answer": h.answer,
                "booking_id": h.booking_id,
            }
            for h in data.help_requests
        ],
        "outcomes": _outcomes(data),
        "fuldmagter_given": _fuldmagter(data, given=True),
        "fuldmagter_held": _fuldmagter(data, given=False),
        "access_log": [_audit_row(event, actor, me, describe) for event, actor in data.audit],
        "notifications": [notification(n) for n in data.notifications],
        "sessions": [session_row(s) for s in data.sessions],
    }


def _audit_row(event, actor, me: int, describe: Describe) -> dict:
    name = _actor_name(actor, event.actor_role, me)
    own = actor is not None and actor.id == me
    return {
        "at": event.at,
        "actor": name,
        "actor_role": event.actor_role,
        "action": event.action,
        "action_text": describe(
            event.actor_role, name, event.action, event.detail, event.outcome, own
        ),
        "outcome": event.outcome,
        "detail": event.detail,
        "path": event.target,
    }


def notification(n) -> dict:
    return {
        "created_at": n.created_at,
        "channel": n.channel,
        "message_key": n.message_key,
        "urgency": n.urgency,
        "status": n.status,
        "due_at": n.due_at,
        "sent_at": n.sent_at,
        "sent_to": n.sent_to,
        "subject": n.sent_subject,
        "text": n.sent_text,
    }


def session_row(s) -> dict:
    return {
        "started_at": s.started_at,
        "last_seen_at": s.last_seen_at,
        "browser": s.browser,
        "system": s.system,
        "this_session": s.this_one,
    }


def _person(data: MyData) -> dict:
    p = data.person
    worker = p.caseworker
    return {
        "first_name": p.first_name,
        "last_name": p.last_name,
        "birth_date": p.birth_date,
        "phone": p.phone,
        "email": p.email,
        "course": p.course,
        "language": p.language,
        "caseworker": (
            {"name": worker.full_name, "job_title": worker.job_title, "phone": worker.phone}
            if worker
            else None
        ),
    }


def contact(c) -> dict | None:
    if c is None:
        return None
    return {
        "email": c.email,
        "mobile": c.mobile,
        "receipts": c.receipts,
        "reminders": c.reminders,
        "delegate_copies": c.delegate_copies,
        "updated_at": c.updated_at,
    }


def _plan(data: MyData) -> dict | None:
    plan = data.plan
    if plan is None:
        return None
    return {
        "goal": plan.goal,
        "created_at": plan.created_at,
        "efforts": [
            {
                "id": e.id,
                "title": e.title,
                "meaning": e.meaning,
                "next_step": e.next_step,
                "department": e.department,
                "law": e.law,
                "payer": e.payer,
                "status": e.status,
                "start_date": e.start_date,
                "end_date": e.end_date,
                "contact_name": e.contact_name,
                "contact_phone": e.contact_phone,
                "sensitive": e.sensitive,
            }
            for e in plan.efforts
        ],
        "history": [
            {
                "at": c.at,
                "kind": c.kind,
                "effort_id": c.effort_id,
                "effort_title": c.effort_title,
                "department": c.department,
                "old_value": c.old_value,
                "new_value": c.new_value,
                "outcome_id": c.outcome_id,
                "by": data.name_of(c.actor_id),
            }
            for c in plan.changes
        ],
    }


_PREPARATION_TOPICS = ("situation", "health", "abilities", "goal", "team_note", "companion")


def _meetings(data: MyData) -> list[dict]:
    who = data.name_of
    drafts = {p.meeting_id: p for p in data.preparations}
    shown = []
    for m in data.meetings:
        draft = drafts.get(m.id)
        shown.append(
            {
                "id": m.id,
                "starts_at": m.starts_at,
                "duration_minutes": m.duration_minutes,
                "place": m.place,
                "change_deadline": m.change_deadline,
                "team": [{"role": t.role, "name": t.name} for t in m.members],
                "consent_records": [
                    {"number": r.seq, "given": r.given, "at": r.at, "by": who(r.actor_id)}
                    for r in data.consents
                    if r.meeting_id == m.id
                ],
                "participation_records": [
                    _participation(r, who) for r in data.participations if r.meeting_id == m.id
                ],
                "preparation_draft": (
                    {
                        **{t: getattr(draft, t) for t in _PREPARATION_TOPICS},
                        "saved_at": draft.saved_at,
                    }
                    if draft
                    else None
                ),
                "preparation_sent": [
                    {
                        **{t: getattr(s, t) for t in _PREPARATION_TOPICS},
                        "sent_at": s.sent_at,
                        "by": who(s.actor_id),
                    }
                    for s in data.sendings
                    if s.meeting_id == m.id
                ],
            }
        )
    return shown


def _participation(r, who) -> dict:
    return {
        "number": r.seq,
        "mode": r.mode,
        "representative_name": r.representative_name,
        "representative_relation": r.representative_relation,
        "companion_name": r.companion_name,
        "interpreter_language": r.interpreter_language,
        "status": r.status,
        "reason": r.reason,
        "source": r.source,
        "at": r.at,
        "by": who(r.actor_id),
    }


def _booking(b, who) -> dict:
    slot = b.slot
    return {
        "id": b.id,
        "status": b.status,
        "kind": b.kind,
        "form": b.form,
        "topic": b.topic,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "place": slot.place,
        "caseworker": slot.caseworker.full_name if slot.caseworker else None,
        "window_id": b.window_id,
        "note": b.note,
        "interpreter_language": b.interpreter_language,
        "booked_at": b.booked_at,
        "booked_by": who(b.booked_by_id),
        "ended_at": b.ended_at,
        "ended_by": who(b.ended_by_id),
        "cancel_reason": b.cancel_reason,
        "replaced_by_id": b.replaced_by_id,
    }


def _outcomes(data: MyData) -> list[dict]:
    return [
        {
            "id": o.id,
            "kind": o.kind,
            "follows_id": o.follows_id,
            "versions": [
                {
                    "number": v.number,
                    "title": v.title,
                    "decided": v.decided,
                    "meaning": v.meaning,
                    "next_steps": v.next_steps,
                    "if_you_disagree": v.if_you_disagree,
                    "formal_text": v.formal_text,
                    "decision_date": v.decision_date,
                    "received_date": v.received_date,
                    "appeal_weeks": v.appeal_weeks,
                    "appeal_route": v.appeal_route,
                    "decision_expected": v.decision_expected,
                    "correction_note": v.correction_note,
                    "published_at": v.published_at,
                    "read_at": v.receipts[0].read_at if v.receipts else None,
                }
                for v in o.versions
            ],
        }
        for o in data.outcomes
        if o.versions  # an outcome with only a draft has not been sent to the citizen
    ]


def _fuldmagter(data: MyData, *, given: bool) -> list[dict]:
    me = data.person.id
    return [
        fuldmagt_row(
            f,
            "holder" if given else "citizen",
            data.name_of(f.holder_id if given else f.citizen_id),
            data.name_of,
        )
        for f in data.fuldmagter
        if (f.citizen_id == me) is given
    ]


def fuldmagt_row(f, party_key: str, party: str | None, name_of: Callable) -> dict:
    """One fuldmagt with its events; `party_key` names the other party ("holder" in a citizen's
    copy of what they gave, "citizen" for one they hold), `name_of` gives a person's name."""
    return {
        "id": f.id,
        party_key: party,
        "scopes": sorted(split_scopes(f.scopes)),
        "starts_on": f.starts_on,
        "ends_on": f.ends_on,
        "created_at": f.created_at,
        "revoked_at": f.revoked_at,
        "given_up_at": f.given_up_at,
        "events": [
            {
                "at": e.at,
                "kind": e.kind,
                "by": name_of(e.by_id),
                "scopes": sorted(split_scopes(e.scopes)),
                "ends_on": e.ends_on,
            }
            for e in f.events
        ],
    }
