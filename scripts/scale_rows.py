"""The generated rows of scripts/scale_data.py, table by table: tuples in each table's column
order, ids given so children can name their parents. Values are deterministic (no randomness),
so two runs at the same scale build the same database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

PER_CASEWORKER = 100  # citizens in a generated caseload
ANDERS_SHARE = 100  # generated citizens in the demo caseworker's caseload
DEPARTMENTS = ("employment", "health", "social", "education")
LAWS = ("beskaeftigelsesloven", "sundhedsloven", "serviceloven")
STATUSES = ("planned", "ongoing", "done", "done", "cancelled")
ACTIONS = ("plan.view", "booking.view", "meeting.view", "outcomes.view", "overview.view")


BASE_TABLES = (
    "person",
    "plan",
    "effort",
    "plan_change",
    "slot",
    "booking",
    "meeting",
    "fuldmagt",
    "fuldmagt_event",
    "outcome",
    "outcome_version",
    "audit_event",
)
PERSON = (
    "id",
    "subject",
    "kind",
    "first_name",
    "last_name",
    "phone",
    "job_title",
    "office_hours",
    "course",
    "caseworker_id",
)
EFFORT = (
    "id",
    "plan_id",
    "title",
    "meaning",
    "department",
    "law",
    "payer",
    "status",
    "start_date",
    "end_date",
    "sensitive",
)
PLAN_CHANGE = ("id", "plan_id", "effort_id", "at", "kind", "department", "effort_title")
SLOT = ("id", "caseworker_id", "starts_at", "ends_at", "forms", "place", "created_at")
BOOKING = (
    "id",
    "slot_id",
    "citizen_id",
    "kind",
    "status",
    "form",
    "topic",
    "booked_by_id",
    "booked_at",
    "ended_at",
    "ended_by_id",
    "cancel_reason",
)
MEETING = (
    "id",
    "citizen_id",
    "starts_at",
    "duration_minutes",
    "place",
    "video_url",
    "change_deadline",
    "video_opens_minutes",
    "created_at",
    "created_by_id",
)
FULDMAGT = (
    "id",
    "citizen_id",
    "holder_id",
    "scopes",
    "starts_on",
    "ends_on",
    "created_at",
    "revoked_at",
    "given_up_at",
)
OUTCOME_VERSION = (
    "id",
    "outcome_id",
    "number",
    "title",
    "decided",
    "meaning",
    "next_steps",
    "if_you_disagree",
    "formal_text",
    "decision_date",
    "appeal_weeks",
    "created_at",
    "published_at",
)
AUDIT = ("id", "at", "actor_id", "actor_role", "citizen_id", "action", "target", "outcome")
FIRST_NAMES = (
    "Anna",
    "Bo",
    "Camilla",
    "Dennis",
    "Emma",
    "Frederik",
    "Gitte",
    "Henrik",
    "Ida",
    "Jonas",
)
LAST_NAMES = (
    "Andersen",
    "Berg",
    "Christensen",
    "Dahl",
    "Eriksen",
    "Friis",
    "Holm",
    "Jensen",
    "Kjær",
    "Lund",
)


def _people(first: int, caseworkers: int, n: dict[str, int], anders: int) -> Iterator[tuple]:
    pid = first
    for k in range(caseworkers):
        yield (
            pid,
            f"scale-cw-{pid}",
            "caseworker",
            "Sagsbehandler",
            f"Nr{k}",
            "70 00 00 00",
            "Sagsbehandler",
            "Mandag-fredag kl. 9-12",
            None,
            None,
        )
        pid += 1
    for k in range(n["citizens"]):
        worker = anders if k < ANDERS_SHARE else first + k % caseworkers
        yield (
            pid,
            f"scale-citizen-{pid}",
            "citizen",
            FIRST_NAMES[k % 10],
            f"{LAST_NAMES[(k // 10) % 10]}{k}",
            None,
            None,
            None,
            "jobafklaring",
            worker,
        )
        pid += 1
    for k in range(n["relatives"]):
        yield (
            pid,
            f"scale-relative-{pid}",
            "relative",
            "Pårørende",
            f"Nr{k}",
            None,
            None,
            None,
            None,
            None,
        )
        pid += 1


def _efforts(first: int, first_plan: int, n: dict[str, int], today: date) -> Iterator[tuple]:
    for k in range(n["efforts"]):
        start = today + timedelta(days=(k % 400) - 300)
        yield (
            first + k,
            first_plan + k % n["citizens"],
            f"Indsats {k % 50}",
            "Det betyder, at du får hjælp.",
            DEPARTMENTS[k % 4],
            LAWS[k % 3],
            "municipality",
            STATUSES[k % 5],
            start,
            start + timedelta(days=90),
            False,
        )


def _changes(
    first: int, first_effort: int, first_plan: int, n: dict[str, int], now: datetime
) -> Iterator[tuple]:
    for k in range(n["efforts"]):
        yield (
            first + k,
            first_plan + k % n["citizens"],
            first_effort + k,
            now - timedelta(days=k % 400),
            "effort_added",
            DEPARTMENTS[k % 4],
            f"Indsats {k % 50}",
        )


def _slot_time(k_in_caseload: int, now: datetime) -> datetime:
    """Distinct times per caseworker: ten a day, at :17 and :47, from 80 days ago on."""
    day, hour = divmod(k_in_caseload, 10)
    return (now - timedelta(days=80) + timedelta(days=day)).replace(
        hour=7 + hour // 2, minute=17 + 30 * (hour % 2)
    )


def _slot_plan(n: dict[str, int], citizens: range, caseworker_of):
    """(slot offset, caseworker, citizen, the slot's number within that caseworker's slots)."""
    per_worker: dict[int, int] = {}
    for k in range(n["bookings"]):
        citizen = citizens[k % len(citizens)]
        worker = caseworker_of(citizen)
        number = per_worker.get(worker, 0)
        per_worker[worker] = number + 1
        yield k, worker, citizen, number


def _slots(first: int, n, citizens, caseworker_of, now: datetime) -> Iterator[tuple]:
    for k, worker, _, number in _slot_plan(n, citizens, caseworker_of):
        starts = _slot_time(number, now)
        yield (
            first + k,
            worker,
            starts,
            starts + timedelta(minutes=30),
            "fremmoede,telefon,video",
            "Jobcentret",
            now - timedelta(days=200),
        )


def _bookings(
    first: int, first_slot: int, n, citizens, caseworker_of, now: datetime
) -> Iterator[tuple]:
    for k, worker, citizen, number in _slot_plan(n, citizens, caseworker_of):
        starts = _slot_time(number, now)
        cancelled = k % 10 == 0
        yield (
            first + k,
            first_slot + k,
            citizen,
            "summons",
            "cancelled" if cancelled else "active",
            "telefon",
            "Opfølgningssamtale",
            worker,
            starts - timedelta(days=14),
            starts - timedelta(days=2) if cancelled else None,
            citizen if cancelled else None,
            "Syg" if cancelled else None,
        )


def _versions(first: int, first_outcome: int, n, now: datetime, today: date) -> Iterator[tuple]:
    for k in range(n["outcomes"]):
        yield (
            first + k,
            first_outcome + k,
            1,
            "Teamets indstilling",
            "Teamet anbefaler et ressourceforløb.",
            "Det betyder, at du får hjælp i et år.",
            "Du hører fra os.",
            "Ring til os.",
            "Indstilling.",
            today - timedelta(days=60),
            4,
            now - timedelta(days=60),
            now - timedelta(days=59),
        )


def _audit(first: int, n, citizens: range, now: datetime) -> Iterator[tuple]:
    count = len(citizens)
    for k in range(n["audit"]):
        citizen = citizens[k % count]
        yield (
            first + k,
            now - timedelta(minutes=k // count * 37 + k % 600),
            citizen,
            "citizen",
            citizen,
            ACTIONS[k % 5],
            "/plan",
            "allowed",
        )
