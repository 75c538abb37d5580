"""Every refusal the meeting's service can raise has its words in portal/text/errors.py."""

import ast
from pathlib import Path

from portal.services import meeting as meetings
from portal.text.errors import MESSAGES

SERVICE = Path(meetings.__file__).parent


def _calls(name: str):
    for path in SERVICE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
                yield node


def _raised_codes() -> set[str]:
    codes = {meetings.CHOICE_CHANGED, meetings.REQUEST_CHANGED, "name_too_long"}
    codes |= {c.args[0].value for c in _calls("DomainError") if isinstance(c.args[0], ast.Constant)}
    # clean(value, field, limit, code): the code a too long text is refused with
    codes |= {c.args[3].value for c in _calls("clean") if len(c.args) == 4}
    return codes


def test_every_meeting_refusal_has_a_message():
    codes = _raised_codes()
    assert {"deadline_passed", "choice_changed", "name_too_long", "place_too_long"} <= codes
    assert sorted(code for code in codes if code not in MESSAGES) == []
