"""DKFDS component markup is written only in the macros of templates/components/."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "portal" / "templates"
COMPONENTS = TEMPLATES / "components"

# Classes that make a DKFDS component; the portal's own classes (button-row, ...) are not here.
COMPONENT_CLASSES = {
    "alert",
    "form-group",
    "form-label",
    "form-input",
    "form-select",
    "form-radio",
    "form-checkbox",
    "form-error",
    "form-error-message",
    "radio-large",
    "checkbox-large",
    "button",
    "button-primary",
    "button-secondary",
    "button-small",
    "tag",
}
COMPONENT_TAGS = re.compile(r"<(button|select)\b|<input[^>]*type=\"(radio|checkbox)\"")
CLASS_ATTRIBUTE = re.compile(r'(?<![\w-])class="([^"]*)"')


def _feature_templates():
    return [p for p in TEMPLATES.rglob("*.html") if COMPONENTS not in p.parents]


def _component_classes(source: str) -> set[str]:
    found = set()
    for value in CLASS_ATTRIBUTE.findall(source):
        tokens = set(re.sub(r"\{[{%].*?[%}]\}", " ", value).split())
        found |= {t for t in tokens if t in COMPONENT_CLASSES or t.startswith("alert-")}
    return found


def test_no_hand_written_component_markup_outside_components():
    offenders = {}
    for path in _feature_templates():
        source = path.read_text(encoding="utf-8")
        found = _component_classes(source) | {m.group(0) for m in COMPONENT_TAGS.finditer(source)}
        if found:
            offenders[str(path.relative_to(TEMPLATES))] = sorted(found)
    assert offenders == {}, "use the macros in templates/components/ instead"


def test_the_check_sees_hand_written_markup():
    assert _component_classes('<div class="alert alert-info">') == {"alert", "alert-info"}
    assert _component_classes('<div class="button-row {{ x }}">') == set()
    assert COMPONENT_TAGS.search('<input class="x" type="radio" name="tid">')


def test_macro_names_are_snake_case():
    names = [
        name
        for path in TEMPLATES.rglob("*.html")
        for name in re.findall(r"\{%-?\s*macro\s+(\w+)", path.read_text(encoding="utf-8"))
    ]
    assert names and all(re.fullmatch(r"_?[a-z][a-z0-9]*(_[a-z0-9]+)*", n) for n in names)
