"""Every date field of every form refuses dates far from today (typos like year 9999)."""

from datetime import date, timedelta

import pytest
from wtforms import DateField
from wtforms.validators import Optional

from portal import clock
from portal.forms import BaseForm


class _Form(BaseForm):
    class Meta:
        csrf = False

    day = DateField("Dag", validators=[Optional()])


@pytest.fixture
def app_ctx():
    from tests.conftest import make_app

    app = make_app("sqlite://")
    with app.test_request_context():
        yield


@pytest.mark.parametrize(
    ("typed", "ok"),
    [("9999-12-31", False), ("0001-01-01", False), (None, True)],
)
def test_date_fields_refuse_far_away_dates(app_ctx, typed, ok):
    from werkzeug.datastructures import MultiDict

    form = _Form(formdata=MultiDict({"day": typed} if typed else {}))
    assert form.validate() is ok
    if not ok:
        assert "Skriv en dato mellem" in form.day.errors[0]


def test_dates_near_today_are_fine_and_the_validator_is_not_piled_up(app_ctx):
    from werkzeug.datastructures import MultiDict

    near = (clock.today() + timedelta(days=400)).isoformat()
    for _ in range(3):
        form = _Form(formdata=MultiDict({"day": near}))
        assert form.validate()
    assert len(form.day.validators) == 2
    assert form.day.data == date.fromisoformat(near)
