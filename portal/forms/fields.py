"""Fields shared by every form. One way to read an id from a form or a query string."""

from __future__ import annotations

from wtforms import HiddenField

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
