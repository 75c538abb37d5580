"""One parser for every id a person can send: a form, a query string or a URL."""

import pytest

from portal.forms.fields import MAX_ID, parse_id


@pytest.mark.parametrize("value", ["1", " 42 ", 7, str(MAX_ID)])
def test_usable_ids(value):
    assert parse_id(value) == int(str(value).strip())


@pytest.mark.parametrize(
    "value",
    [None, "", "0", "-1", "abc", "1.5", "1e3", str(MAX_ID + 1), "٣", "1_000", "+5", True, "\x00"],
)
def test_anything_else_is_no_id(value):
    assert parse_id(value) is None
