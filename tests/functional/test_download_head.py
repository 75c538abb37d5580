"""A HEAD request to a download (portal/web/documents.py): the headers of the file, no file, and
no "allowed" audit row (no download row, no page view), while a HEAD that is not allowed is
refused and recorded exactly like a GET, and an unknown or another citizen's id is still 404."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import AuditEvent, ConsentRecord, Meeting, OutcomeKind, ParticipationRecord
from tests.functional.delegation_support import (
    act_for,
    grant_birgit_for_hanne,
    grant_for,
    start_preview,
)
from tests.functional.outcomes_support import outcome_of_kind
from tests.functional.test_booking import _book
from tests.helpers import login
from tests.statements import counting

JSON_FILE, PDF_FILE = "/mine-oplysninger/json", "/mine-oplysninger/pdf"


def _rows(read_db):
    return read_db(
        lambda s: [
            (e.actor_id, e.action, e.outcome, e.detail, e.target)
            for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]
    )


def _new_rows(read_db, before):
    return _rows(read_db)[len(before) :]


def test_a_head_of_the_citizens_download_leaves_no_row(app, client, read_db, demo_data):
    login(client, "demo-hanne")
    before = _rows(read_db)
    for path, mimetype in ((JSON_FILE, "application/json"), (PDF_FILE, "application/pdf")):
        with counting(app) as counted:
            response = client.head(path)
        assert response.status_code == 200 and response.mimetype == mimetype
        assert response.headers["Content-Disposition"].startswith("attachment; filename=")
        assert response.headers["Cache-Control"] == "no-store"
        assert response.get_data() == b""
        assert len(counted) < 5  # nothing was built: the 26 statements of a download not read
    assert _new_rows(read_db, before) == []
    # A GET still leaves its row: the HEAD changed nothing about that.
    client.get(JSON_FILE)
    assert [r[1:4] for r in _new_rows(read_db, before)] == [("my_data.download", "allowed", "json")]


def test_a_head_of_a_relatives_download_leaves_no_row(client, read_db, demo_data):
    login(client, "demo-mads")
    before = _rows(read_db)
    assert client.head(JSON_FILE).status_code == 200
    assert client.head(PDF_FILE).status_code == 200
    assert _new_rows(read_db, before) == []


def test_a_head_that_is_not_allowed_is_refused_and_recorded(app, client, read_db, demo_data):
    hanne, mads, anders = demo_data["Hanne"], demo_data["Mads"], demo_data["Anders"]
    login(client, "demo-mads")
    act_for(client, hanne)
    before = _rows(read_db)
    assert client.head(JSON_FILE).status_code == 403
    assert client.head(PDF_FILE).status_code == 403
    assert _new_rows(read_db, before) == [
        (mads, "my_data.download", "refused", "citizen_only", JSON_FILE),
        (mads, "my_data.download", "refused", "citizen_only", PDF_FILE),
    ]
    caseworker = app.test_client()
    login(caseworker, "demo-anders")
    before = _rows(read_db)
    assert caseworker.head(PDF_FILE).status_code == 403
    assert _new_rows(read_db, before) == [
        (anders, "my_data.download", "refused", "wrong_role", PDF_FILE)
    ]
    anonymous = app.test_client()
    assert anonymous.head(JSON_FILE).status_code == 302


def test_a_head_in_a_caseworkers_preview_is_refused_and_recorded(client, read_db, demo_data):
    hanne, anders = demo_data["Hanne"], demo_data["Anders"]
    login(client, "demo-anders")
    start_preview(client, hanne)
    before = _rows(read_db)
    assert client.head(JSON_FILE).status_code == 403
    assert _new_rows(read_db, before) == [
        (anders, "my_data.download", "refused", "citizen_only", JSON_FILE)
    ]


def test_a_head_of_an_outcome_pdf_shows_nothing_so_records_no_view(client, read_db, demo_data):
    """The other PDFs share the code path: a delegate's GET is recorded as seen, a HEAD not."""
    hanne = demo_data["Hanne"]
    decision = outcome_of_kind(read_db, hanne, OutcomeKind.DECISION)
    login(client, "demo-mads")  # se + booke for Hanne
    act_for(client, hanne)
    before = _rows(read_db)
    response = client.head(f"/resultater/{decision}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.get_data() == b""
    assert _new_rows(read_db, before) == []
    client.get(f"/resultater/{decision}/pdf")
    assert [r[1:3] for r in _new_rows(read_db, before)] == [("outcomes.view", "allowed")]


def test_a_head_of_someone_elses_or_an_unknown_pdf_is_still_404(client, read_db, demo_data):
    decision = outcome_of_kind(read_db, demo_data["Hanne"], OutcomeKind.DECISION)
    login(client, "demo-laerke")
    count = read_db(lambda s: s.scalar(select(func.count()).select_from(AuditEvent)))
    assert client.head(f"/resultater/{decision}/pdf").status_code == 404
    assert client.head("/resultater/987654/pdf").status_code == 404
    refused = read_db(
        lambda s: s.scalars(
            select(AuditEvent.outcome).where(AuditEvent.id > 0).order_by(AuditEvent.id)
        ).all()[count:]
    )
    assert refused == ["refused", "refused"]


def test_a_delegate_outside_the_scope_is_refused_on_head_too(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    decision = outcome_of_kind(read_db, hanne, OutcomeKind.DECISION)
    grant_birgit_for_hanne(read_db, demo_data, "booke")
    login(client, "demo-birgit")
    act_for(client, hanne)
    before = _rows(read_db)
    assert client.head(f"/resultater/{decision}/pdf").status_code == 403
    assert [r[1:4] for r in _new_rows(read_db, before)] == [
        ("outcomes.view", "refused", "outside_scope")
    ]


def _same_file_headers(head, get) -> None:
    """A HEAD says what a GET would send: the same type, file name and caching, and no body."""
    assert head.status_code == get.status_code == 200
    for name in ("Content-Type", "Content-Disposition", "Cache-Control"):
        assert head.headers[name] == get.headers[name], name
    assert head.get_data() == b"" and get.get_data() != b""
    assert "Content-Length" not in head.headers  # the file was never built, so not measured


def _sofies_booking_seen_by_birgit(client, read_db, demo_data) -> int:
    """Sofie books a conversation, then Birgit holds a fuldmagt to see it and acts for her."""
    login(client, "demo-sofie")
    booking_id, _, _ = _book(client)
    grant_for(read_db, demo_data["Sofie"], demo_data["Birgit"], "se")
    login(client, "demo-birgit")
    assert act_for(client, demo_data["Sofie"]).status_code == 302
    return booking_id


def test_a_head_of_a_receipt_or_calendar_file_leaves_no_row(client, read_db, demo_data):
    booking_id = _sofies_booking_seen_by_birgit(client, read_db, demo_data)
    files = (f"/samtaler/{booking_id}/kvittering.txt", f"/samtaler/{booking_id}/kalender.ics")
    for path in files:
        before = _rows(read_db)
        head = client.head(path)
        assert _new_rows(read_db, before) == []  # the delegate saw nothing: no "seen" row
        get = client.get(path)
        _same_file_headers(head, get)
        assert [r[1:3] for r in _new_rows(read_db, before)] == [("booking.view", "allowed")]
    assert client.head(files[0]).headers["Content-Disposition"] == (
        f'attachment; filename="kvittering-samtale-{booking_id}.txt"'
    )
    assert client.head(files[1]).mimetype == "text/calendar"


RECORDS = (ConsentRecord, ParticipationRecord)


def _first_record(session, model, citizen_id: int) -> int:
    return session.scalar(
        select(func.min(model.id))
        .join(Meeting, model.meeting_id == Meeting.id)
        .where(Meeting.citizen_id == citizen_id)
    )


def test_a_head_of_a_meeting_receipt_leaves_no_row(client, read_db, demo_data):
    hanne = demo_data["Hanne"]
    login(client, "demo-mads")  # se + booke for Hanne
    act_for(client, hanne)
    consent, participation = read_db(lambda s: [_first_record(s, m, hanne) for m in RECORDS])
    for path in (
        f"/moede/kvittering/{consent}",
        f"/moede/deltagelse/valg/{participation}/kvittering",
    ):
        before = _rows(read_db)
        head = client.head(path)
        assert _new_rows(read_db, before) == []
        _same_file_headers(head, client.get(path))
        assert [r[1:3] for r in _new_rows(read_db, before)] == [("meeting.view", "allowed")]


def test_a_head_of_someone_elses_receipt_or_calendar_file_is_404_and_recorded(
    client, read_db, demo_data
):
    login(client, "demo-sofie")
    booking_id, _, _ = _book(client)
    login(client, "demo-laerke")
    before = _rows(read_db)
    paths = (f"/samtaler/{booking_id}/kvittering.txt", f"/samtaler/{booking_id}/kalender.ics")
    for path in paths:
        assert client.head(path).status_code == 404
    assert [(r[1], r[2], r[4]) for r in _new_rows(read_db, before)] == [
        ("booking.view", "refused", path) for path in paths
    ]
