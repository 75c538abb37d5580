"""The audit trail's jobs as cron runs them: `flask --app portal audit-seal` and `audit-verify` (a
non-zero exit naming the batch that no longer matches). Retention, which deletes whole sealed
batches, is `flask retention`'s: tests/functional/test_retention.py."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, text

from portal import clock
from portal.config import TestConfig
from portal.extensions import db
from portal.models import AuditEvent, AuditSeal
from tests.conftest import app_variant, append_only_lifted
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


def test_rotated_keys_seal_with_the_first_and_a_missing_key_is_named_not_tampering(
    app, client, database_url, demo_data
):
    """`PORTAL_AUDIT_SEAL_KEYS` rotated: the new key seals, the old one still verifies; with the
    old key taken out, its seals are reported as not checkable (exit 2), never as changed, and no
    secret is ever printed."""
    new_secret = "n" * 40
    old = app.config["AUDIT_SEAL_KEYS"]  # the test profile's key, id "dev"
    rotated = f"2027a:{new_secret};dev:{TestConfig.AUDIT_SEAL_KEYS.partition(':')[2]}"
    _views_by_a_caseworker(client, demo_data)
    with clock.frozen(clock.now() + timedelta(hours=2)):
        assert "with key dev;" in _run(app, "audit-seal").output
    later = clock.now() + timedelta(hours=2)
    with clock.frozen(later):  # an hour the first run did not seal
        _views_by_a_caseworker(client, demo_data)
    with (
        app_variant(database_url, AUDIT_SEAL_KEYS=rotated) as rotated_app,
        clock.frozen(later + timedelta(hours=2)),
    ):
        sealed = _run(rotated_app, "audit-seal")
        assert sealed.exit_code == 0 and "with key 2027a;" in sealed.output
        verified = _run(rotated_app, "audit-verify")
        assert verified.exit_code == 0 and "Audit trail intact: 2 batch" in verified.output
    with app_variant(database_url, AUDIT_SEAL_KEYS=f"2027a:{new_secret}") as new_only:
        verified = _run(new_only, "audit-verify")
    assert verified.exit_code == 2
    assert "NOT fully checked" in verified.output and "does NOT match" not in verified.output
    assert "1 seal(s) made with key 'dev', which PORTAL_AUDIT_SEAL_KEYS does not hold" in (
        verified.output
    )
    # The old key alone verifies its own seal and names the new one as not checkable.
    assert "key '2027a'" in _run(app, "audit-verify").output
    for result in (sealed, verified):
        assert new_secret not in result.output and "development-and-test" not in result.output
    assert old.ids == ("dev",)


def test_verify_says_how_many_seals_are_plain(app, client, demo_data):
    """Seals made before seals were keyed (no key id) still verify, and are counted as weaker."""
    from portal.services import audit_seal

    _views_by_a_caseworker(client, demo_data)
    end = clock.now() + timedelta(hours=2)
    with app.app_context():
        first = db.session.scalar(select(AuditEvent.at).order_by(AuditEvent.at).limit(1))
        start = first.replace(minute=0, second=0, microsecond=0)
        last = db.session.scalar(select(AuditEvent.at).order_by(AuditEvent.at.desc()).limit(1))
        stop = last.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        count, digest = audit_seal.batch_digest(db.session, start, stop)
        db.session.add(
            AuditSeal(
                batch_start=start,
                batch_end=stop,
                row_count=count,
                digest=digest,
                previous_hash=audit_seal.GENESIS,
                seal_hash=audit_seal.seal_hash(audit_seal.GENESIS, start, stop, count, digest),
                sealed_at=end,
            )
        )
        db.session.commit()
    verified = _run(app, "audit-verify")
    assert verified.exit_code == 0, verified.output
    assert f"1 plain seal(s) up to {stop.isoformat()}" in verified.output
    assert "nothing keyed protects them yet" in verified.output
    with clock.frozen(end):  # an hour after the plain seal
        _views_by_a_caseworker(client, demo_data)
    with clock.frozen(end + timedelta(hours=2)):
        assert "with key dev;" in _run(app, "audit-seal").output
    verified = _run(app, "audit-verify")
    assert verified.exit_code == 0 and "the keyed seals after them protect them" in verified.output
