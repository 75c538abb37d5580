"""Every refusal the outcome, fuldmagt and plan services can raise has its words in
portal/text/errors.py, in Danish and (through the catalogue) in English."""

import ast
from pathlib import Path

import pytest

from portal.services import delegation, outcomes
from portal.services import plan as plans
from portal.text.errors import MESSAGES


def _raised_codes(module) -> set[str]:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "DomainError"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


@pytest.mark.parametrize(
    ("module", "known"),
    [
        (outcomes, {"nothing_to_publish", "version_not_current"}),
        (delegation, {"already_holds", "fuldmagt_not_active"}),
        (plans, {"goal_required", "status_unchanged"}),
    ],
)
def test_every_refusal_has_a_message(module, known):
    codes = _raised_codes(module)
    if module is outcomes:  # f"{name}_required" for each plain section
        codes |= {f"{name}_required" for name in outcomes.PLAIN_SECTIONS}
    assert known <= codes
    assert sorted(code for code in codes if code not in MESSAGES) == []
