"""Routes only parse, call a service and render or redirect: the unit of work owns transactions
and refusals (portal/web/unit_of_work.py), services own queries. Read from the source with `ast`,
so a shortcut in a new route fails here the day it is written."""

from __future__ import annotations

import ast
from pathlib import Path

BLUEPRINTS = Path(__file__).resolve().parents[2] / "portal" / "blueprints"

FORBIDDEN_CALLS = {"commit", "rollback", "record_refused", "not_found", "select"}


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if (
                node.attr == "session"
                and isinstance(node.value, ast.Name)
                and node.value.id == "db"
            ):
                found.append(f"{path.name}:{node.lineno} db.session")
            elif node.attr in FORBIDDEN_CALLS:
                found.append(f"{path.name}:{node.lineno} .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_CALLS:
            found.append(f"{path.name}:{node.lineno} {node.id}")
        elif isinstance(node, ast.ImportFrom) and node.module in (
            "sqlalchemy",
            "portal.extensions",
        ):
            found.append(f"{path.name}:{node.lineno} imports {node.module}")
    return found


def test_blueprints_hold_no_transactions_refusals_or_queries():
    modules = sorted(BLUEPRINTS.rglob("*.py"))
    assert len(modules) > 20
    problems = {
        str(path.relative_to(BLUEPRINTS)): found for path in modules if (found := _problems(path))
    }
    assert problems == {}


def test_the_check_sees_a_shortcut(tmp_path):
    route = tmp_path / "routes.py"
    route.write_text(
        "from portal.extensions import db\n"
        "def view():\n"
        "    db.session.execute(select(1))\n"
        "    db.session.commit()\n",
        encoding="utf-8",
    )
    found = " ".join(_problems(route))
    for word in ("db.session", ".commit", "select", "imports portal.extensions"):
        assert word in found
