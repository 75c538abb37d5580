"""The processes and planted values of tests/integration/test_logs_without_personal_data.py.

A SQLite demo database whose people in the journeys carry distinctive names; the journeys type a
distinctive e-mail address, phone number, CPR number and free text into the portal's forms and
query strings. Every process's whole output is kept and searched for them afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from portal import clock, demo
from portal.extensions import db
from portal.models import Person
from tests.conftest import make_app
from tests.integration.gunicorn_support import wait_until_up
from tests.oidc_provider import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

# Names no demo text contains, for the people whose journeys run.
NAMES = {
    "demo-hanne": ("Quorvalda", "Zimbrowitz"),
    "demo-laerke": ("Ysoldine", "Brakkenfjeld"),
    "demo-sofie": ("Thessaly", "Morgrundsen"),
}
EMAIL = "thessaly.planted@morgrund.example"
PHONE = "61 72 83 94"
CPR = "2904837751"
NOTE = "Ulvetand og brombærsyltetøj"  # free text typed into a booking's note
REPRESENTATIVE = "Gurlitza Vandmosen"  # typed as who meets in the citizen's place
REQUEST_IDS = {"login": "journey-login-0001", "refused": "journey-refused-0001"}


def planted_values() -> list[str]:
    """Every planted value in every form it could be written in."""
    names = [part for pair in NAMES.values() for part in pair] + [" ".join(NAMES["demo-hanne"])]
    cpr = [CPR, f"{CPR[:6]}-{CPR[6:]}", f"{CPR[:6]} {CPR[6:]}"]
    phone = [PHONE, PHONE.replace(" ", ""), f"+45{PHONE.replace(' ', '')}"]
    email = [EMAIL, EMAIL.split("@")[0], EMAIL.replace("@", "%40")]
    words = [NOTE, "brombærsyltetøj", "brombaer", "Ulvetand", REPRESENTATIVE, "Vandmosen"]
    return names + cpr + phone + email + words


def prepare_database(path: Path) -> None:
    """Migrations, the demo data, and the planted names (the demo log-in lists them)."""
    from flask_migrate import upgrade

    app = make_app(f"sqlite:///{path}")
    with app.app_context():
        upgrade()
        demo.load(db.session, today=clock.today())
        for subject, (first, last) in NAMES.items():
            person = db.session.scalars(select(Person).where(Person.subject == subject)).one()
            person.first_name, person.last_name = first, last
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def environment(database: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    return {
        **env,
        "PORTAL_ENV": "test",
        "PORTAL_DATABASE_URL": f"sqlite:///{database}",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


@contextmanager
def server(kind: str, database: Path, folder: Path) -> Iterator[tuple[str, Path]]:
    """(its address, the file holding all its standard output and error). `kind`: "flask" (the
    development server) or "gunicorn" (with gunicorn.conf.py: access and error logs on)."""
    port = free_port()
    if kind == "flask":
        command = [str(BIN / "flask"), "--app", "portal", "run", "--port", str(port)]
    else:
        command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "portal:create_app()"]
    env = environment(database, PORTAL_BIND=f"127.0.0.1:{port}", PORTAL_WORKERS="1")
    output = folder / f"{database.stem}-{kind}.log"
    with output.open("w") as sink:  # the child keeps its own copy of the handle
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/healthz", process, output)
        yield url, output
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_worker(database: Path, smtp_port: int) -> str:
    """One round of `flask notify-worker --once` over SMTP; all it wrote."""
    env = environment(database, PORTAL_SMTP_HOST="127.0.0.1", PORTAL_SMTP_PORT=str(smtp_port))
    done = subprocess.run(
        [str(BIN / "flask"), "--app", "portal", "notify-worker", "--once"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout + done.stderr


def json_lines(text: str) -> list[dict]:
    lines = []
    for line in text.splitlines():
        try:
            parsed = json.loads(line)
        except ValueError:
            continue
        if isinstance(parsed, dict):
            lines.append(parsed)
    return lines


def events(text: str, name: str) -> list[dict]:
    return [line for line in json_lines(text) if line.get("event") == name]


def leaks(text: str, paths: list[str]) -> list[str]:
    """The planted values, and the paths with record ids, that `text` contains."""
    lowered = text.lower()
    found = [value for value in planted_values() if value.lower() in lowered]
    return found + [path for path in paths if path in text]
