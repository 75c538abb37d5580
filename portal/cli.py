"""Flask commands: `flask --app portal demo-data`, the audit trail's jobs `audit-seal` and
`audit-verify` (portal/services/audit_seal.py), `retention [--dry-run]`
(portal/services/retention.py), `notify-worker` and `notify-backfill` (portal/notify_cli.py) and
`sessions-clean-up`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import IntegrityError

from portal.extensions import db


@click.command("demo-data")
def demo_data_command() -> None:
    """Load or refresh the demo people and their plans (safe to run again)."""
    from portal import clock, demo

    summary = demo.load(db.session, today=clock.today(), org=current_app.config["ORGANISATION"])
    db.session.commit()
    click.echo(f"Demo data ready: {summary}")


@click.command("audit-seal")
@with_appcontext
def audit_seal_command() -> None:
    """Seal every closed hour of the audit trail (run by cron, e.g. ten minutes past each hour)."""
    from portal import clock
    from portal.services import audit_seal

    keys = current_app.config["AUDIT_SEAL_KEYS"]
    try:
        sealed = audit_seal.seal_closed_batches(db.session, clock.now(), keys)
        db.session.commit()
    except IntegrityError:  # another node sealed the same batch first: nothing left to do
        db.session.rollback()
        click.echo("Another run sealed these batches first; nothing to do.")
        return
    if sealed:
        # The newest seal (a MAC, not the key) kept outside the database shows a chain cut short.
        last = sealed[-1]
        click.echo(
            f"Sealed {len(sealed)} batch(es) up to {last.batch_end.isoformat()} with key "
            f"{last.key_id}; newest seal {last.seal_hash}"
        )
    else:
        click.echo("Nothing to seal.")


@click.command("audit-verify")
@with_appcontext
def audit_verify_command() -> None:
    """Check the seals with every configured key. Exits 1 and names the first batch that no
    longer matches; exits 2 when nothing failed but some seals' keys are not configured."""
    from portal.services import audit_seal

    verdict = audit_seal.verify(db.session, current_app.config["AUDIT_SEAL_KEYS"])
    db.session.rollback()
    unchecked = "; ".join(
        f"{n} seal(s) made with key {key_id!r}, which PORTAL_AUDIT_SEAL_KEYS does not hold: "
        "their rows and links were checked, the seals themselves could not be"
        for key_id, n in sorted(verdict.unchecked.items())
    )
    if not verdict.ok:
        where = (
            f"batch {verdict.broken.batch_start.isoformat()} – "
            f"{verdict.broken.batch_end.isoformat()} (seal {verdict.broken.id})"
            if verdict.broken is not None
            else "outside the sealed batches"
        )
        click.echo(f"Audit trail does NOT match: {where}: {verdict.reason}.", err=True)
        if unchecked:
            click.echo(f"Before that, not checkable: {unchecked}.", err=True)
        raise SystemExit(1)
    summary = f"{verdict.batches} batch(es), {verdict.rows} row(s)"
    if verdict.plain:
        # Plain seals are weaker: alone, anyone who can rewrite the database can recompute them.
        protected = (
            "the keyed seals after them protect them"
            if verdict.plain < verdict.batches
            else "nothing keyed protects them yet"
        )
        summary += (
            f"; {verdict.plain} plain seal(s) up to {verdict.plain_until.isoformat()}, made "
            f"before seals were keyed (weaker: {protected})"
        )
    if unchecked:
        click.echo(f"Audit trail NOT fully checked ({summary}): {unchecked}.", err=True)
        raise SystemExit(2)
    click.echo(f"Audit trail intact: {summary}.")


@click.command("retention")
@with_appcontext
@click.option("--dry-run", is_flag=True, help="Say what would be deleted; change nothing.")
def retention_command(dry_run: bool) -> None:
    """Delete what is past its retention period (PORTAL_RETENTION_*_DAYS; run nightly by cron).
    One line per kind, with counts and the day only; exits 1 if a kind failed (rolled back)."""
    from portal import clock
    from portal.services import retention

    results = retention.run(
        db.session, current_app.config["RETENTION"], clock.now(), dry_run=dry_run
    )
    db.session.remove()
    if dry_run:
        click.echo("Dry run: nothing is deleted.")
    for result in results:
        where = f"{result.kind}, before {result.cutoff.isoformat()}"
        if result.failed:
            click.echo(f"{where}: FAILED ({result.failed}); nothing of it deleted.", err=True)
            continue
        counts = ", ".join(f"{n} {what}" for what, n in result.counts.items())
        click.echo(f"{where}: {'would delete' if dry_run else 'deleted'} {counts}.")
    if any(result.failed for result in results):
        raise SystemExit(1)


@click.command("sessions-clean-up")
@with_appcontext
def sessions_clean_up_command() -> None:
    """Remove ended sessions (run it every few minutes from cron); logged-in people's are kept
    in the audit trail as time-outs."""
    from portal.web import sessions

    removed = sessions.clean_up(current_app._get_current_object())
    click.echo(f"Removed {removed} ended sessions.")


def install(app: Flask) -> None:
    from portal.backup import backup_command
    from portal.notify_cli import notify_backfill_command, notify_worker_command

    for command in (
        demo_data_command,
        audit_seal_command,
        audit_verify_command,
        retention_command,
        notify_worker_command,
        notify_backfill_command,
        sessions_clean_up_command,
        backup_command,
    ):
        app.cli.add_command(command)
