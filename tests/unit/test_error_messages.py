"""Every refusal a service can raise has its words in the one table, in Danish and English."""

from __future__ import annotations

import ast
from pathlib import Path

from flask_babel import force_locale

from portal import create_app
from portal.services import meeting as meetings
from portal.services import outcomes
from portal.text.errors import MESSAGES

PORTAL = Path(__file__).resolve().parents[2] / "portal"


def _calls(name: str):
    for path in PORTAL.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
                yield node


def raised_codes() -> set[str]:
    """Every code a refusal can carry: the literal `DomainError("code", ...)` anywhere in portal/,
    and the codes services hand over indirectly (constants, helpers, one per plain section)."""
    codes = {
        c.args[0].value
        for c in _calls("DomainError")
        if c.args and isinstance(c.args[0], ast.Constant)
    }
    # meeting: clean(value, field, limit, code) refuses a too long text with `code`
    codes |= {c.args[3].value for c in _calls("clean") if len(c.args) == 4}
    for path in (PORTAL / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # a default `code="..."` of a helper that raises it
            if isinstance(node, ast.FunctionDef):
                named = node.args.args[-len(node.args.defaults) :] if node.args.defaults else []
                for arg, default in zip(named, node.args.defaults, strict=True):
                    if arg.arg == "code" and isinstance(default, ast.Constant):
                        codes.add(default.value)
            # a DomainError subclass naming its code: super().__init__("code", ...)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "__init__"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                codes.add(node.args[0].value)
    codes |= {meetings.CHOICE_CHANGED, meetings.REQUEST_CHANGED}
    codes |= {f"{name}_required" for name in outcomes.PLAIN_SECTIONS}
    return codes


def test_every_raised_code_has_a_message():
    codes = raised_codes()
    known = {"deadline_passed", "choice_changed", "name_too_long", "nothing_to_publish"}
    known |= {"already_holds", "fuldmagt_not_active", "goal_required", "slot_taken", "conflict"}
    assert known <= codes
    assert sorted(codes - set(MESSAGES)) == []


def test_every_message_is_in_danish_and_english():
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    untranslated = []
    with app.test_request_context():
        for code, message in MESSAGES.items():
            with force_locale("da"):
                danish = str(message)
            with force_locale("en"):
                english = str(message)
            if not danish or english == danish:
                untranslated.append(code)
    assert untranslated == []
