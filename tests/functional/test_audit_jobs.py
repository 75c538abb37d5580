"""The audit trail's jobs as cron runs them: `flask --app portal audit-seal` and `audit-verify` (a
non-zero exit naming the batch that no longer matches). Retention, which deletes whole sealed
batches, is `flask retention`'s: tests/functional/test_retention.py."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, text

from portal import clock
from portal.extensions import db
from portal.models import AuditSeal
from tests.conftest import append_only_lifted
from tests.helpers import login


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def _views_by_a_caseworker(client, demo_data) -> None:
    login(client, "demo-anders")
    for citizen in ("Hanne", "Lærke"):
        assert client.get(f"/medarbejder/borger/{demo_data[citizen]}").status_code == 200


def test_seal_then_verify_then_tamper_is_named(app, client, demo_data):
    _views_by_a_caseworker(client, demo_data)
    with clock.frozen(clock.now() + timedelta(hours=2)):
        sealed = _run(app, "audit-seal")
    assert sealed.exit_code == 0 and "Sealed 1 batch" in sealed.output, sealed.output
    assert "Nothing to seal" in _run(app, "audit-seal").output
    verified = _run(app, "audit-verify")
    assert verified.exit_code == 0 and "Audit trail intact: 1 batch" in verified.output

    with app.app_context():
        with append_only_lifted(db.session):
            db.session.execute(
                text("UPDATE audit_event SET detail = 'nothing happened' WHERE citizen_id = :id"),
                {"id": demo_data["Hanne"]},
            )
        db.session.commit()
        seal = db.session.scalar(select(AuditSeal))
        where = f"{seal.batch_start.isoformat()} – {seal.batch_end.isoformat()} (seal {seal.id})"
    verified = _run(app, "audit-verify")
    assert verified.exit_code == 1
    assert f"does NOT match: batch {where}: rows changed" in verified.output


def test_a_second_node_sealing_the_same_batch_finds_nothing_to_do(
    app, client, demo_data, monkeypatch
):
    """Two nodes' cron jobs at once: the one that read the chain before the other committed
    tries the same batch again; the unique batch start refuses it, calmly."""
    from portal.services import audit_seal

    _views_by_a_caseworker(client, demo_data)
    later = clock.now() + timedelta(hours=2)
    with clock.frozen(later):
        assert _run(app, "audit-seal").exit_code == 0
        monkeypatch.setattr(audit_seal, "_last_seal", lambda session: None)  # the stale read
        again = _run(app, "audit-seal")
    assert again.exit_code == 0 and "Another run sealed these batches first" in again.output
    assert _run(app, "audit-verify").exit_code == 0
