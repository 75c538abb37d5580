"""Fields shared by every form: one way to read an id (`parse_id`, `IdField`), and one date
typed as day, month and year (`DateInputField`).

The DKFDS / GOV.UK date pattern instead of a browser date picker: three short text inputs with
a numeric keyboard on phones, named `<name>-day`, `<name>-month` and `<name>-year`, rendered by
the `date_input` macro in templates/components/forms.html. Its `.data` is a `datetime.date` (or
None), exactly like WTForms' DateField, so routes and services do not know the difference.
What was typed is kept, also when it is wrong, so the person corrects it instead of retyping.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import Field, HiddenField
from wtforms.utils import unset_value

from portal.forms import out_of_reach

# Ids stay within what both databases store in an integer column.
MAX_ID = 2**31 - 1


def parse_id(value) -> int | None:
    """A positive database id from a form, query or URL value; anything else is no id at all."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    # ASCII digits only: int() would also read "٣" or "1_000".
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdField(HiddenField):
    """A hidden id: `.data` is a positive int, or None for a missing, odd or tampered value."""

    def process_formdata(self, valuelist):
        self.data = parse_id(valuelist[0]) if valuelist else None

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


PARTS = ("day", "month", "year")

# Which parts are missing -> what to say (a message per combination reads better than a list).
MISSING = {
    frozenset({"day"}): _l("Skriv dagen i datoen."),
    frozenset({"month"}): _l("Skriv måneden i datoen."),
    frozenset({"year"}): _l("Skriv året i datoen."),
    frozenset({"day", "month"}): _l("Skriv dag og måned i datoen."),
    frozenset({"day", "year"}): _l("Skriv dag og år i datoen."),
    frozenset({"month", "year"}): _l("Skriv måned og år i datoen."),
}
NOT_NUMBERS = _l("Skriv datoen med tal, fx 27 3 2026.")
YEAR_DIGITS = _l("Skriv året med 4 tal, fx 2026.")
NOT_A_DATE = _l("Datoen findes ikke. Tjek dag og måned.")


class DateInputField(Field):
    """A date as day, month and year inputs. Use InputRequired or Optional as with any field:
    "nothing typed" is empty; anything typed is read and checked here, with its own messages,
    and must lie within the reach of every date in the portal (portal.forms.DATE_REACH)."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.typed: dict[str, str] | None = None  # the parts as typed, once submitted
        self.invalid_parts: frozenset[str] = frozenset()  # the parts to mark as wrong

    def part_name(self, part: str) -> str:
        return f"{self.name}-{part}"

    def part_id(self, part: str) -> str:
        return f"{self.id}-{part}"

    def part_value(self, part: str) -> str:
        """What the input shows: what was typed, or the date's own day, month or year."""
        if self.typed is not None:
            return self.typed[part]
        if isinstance(self.data, date):
            return str(getattr(self.data, part))
        return ""

    @property
    def error_anchor(self) -> str:
        """The id the error summary links to: the first part to correct."""
        return self.part_id(next((p for p in PARTS if p in self.invalid_parts), PARTS[0]))

    def process(self, formdata, data=unset_value, extra_filters=None):
        # The three inputs stand for one value: read them as the one raw value WTForms expects.
        if formdata is not None:
            self.typed = {p: (formdata.get(self.part_name(p)) or "").strip() for p in PARTS}
            typed = "-".join(self.typed[p] for p in PARTS)
            formdata = MultiDict({self.name: typed} if any(self.typed.values()) else {})
        super().process(formdata, data, extra_filters)

    def process_formdata(self, valuelist):
        self.data = None
        self.invalid_parts = frozenset()
        if not valuelist:  # nothing typed: empty (InputRequired or Optional decides)
            return
        typed = self.typed
        missing = frozenset(p for p in PARTS if not typed[p])
        if missing:
            self._refuse(missing, MISSING[missing])
        not_numbers = frozenset(p for p in PARTS if not typed[p].isdigit())
        if not_numbers:
            self._refuse(not_numbers, NOT_NUMBERS)
        if len(typed["year"]) != 4:
            self._refuse(frozenset({"year"}), YEAR_DIGITS)
        try:
            day = date(int(typed["year"]), int(typed["month"]), int(typed["day"]))
        except ValueError:  # 31 2 2026, month 13, or digits beyond what int() reads
            day = None
        if day is None:
            self._refuse(frozenset(PARTS), NOT_A_DATE)
        message = out_of_reach(day)
        if message:
            self._refuse(frozenset(PARTS), message)
        self.data = day

    def _refuse(self, parts: frozenset[str], message) -> None:
        self.invalid_parts = parts
        raise ValueError(str(message))
