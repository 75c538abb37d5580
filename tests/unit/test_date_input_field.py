"""The day / month / year date field: what it reads, what it says, and what it keeps."""

from datetime import date, timedelta

import pytest
from flask import render_template_string
from werkzeug.datastructures import MultiDict
from wtforms.validators import InputRequired, Optional

from portal import clock
from portal.forms import BaseForm
from portal.forms.fields import DateInputField


class _Form(BaseForm):
    class Meta:
        csrf = False

    when = DateInputField("Hvornår", validators=[InputRequired(message="Skriv datoen.")])
    maybe = DateInputField("Måske", validators=[Optional()])


@pytest.fixture
def app_ctx():
    from tests.conftest import make_app

    app = make_app("sqlite://")
    with app.test_request_context():
        yield


def _posted(day="", month="", year="", **more):
    return _Form(
        formdata=MultiDict({"when-day": day, "when-month": month, "when-year": year, **more})
    )


def test_reads_three_parts_into_a_date(app_ctx):
    form = _posted(" 7", "03 ", "2027")
    assert form.validate(), form.errors
    assert form.when.data == date(2027, 3, 7)
    assert form.maybe.data is None and form.maybe.errors == []


@pytest.mark.parametrize(
    ("typed", "message", "wrong"),
    [
        (("", "3", "2027"), "Skriv dagen i datoen.", {"day"}),
        (("7", "", "2027"), "Skriv måneden i datoen.", {"month"}),
        (("7", "3", ""), "Skriv året i datoen.", {"year"}),
        (("", "", "2027"), "Skriv dag og måned i datoen.", {"day", "month"}),
        (("", "3", ""), "Skriv dag og år i datoen.", {"day", "year"}),
        (("7", "", ""), "Skriv måned og år i datoen.", {"month", "year"}),
        (("7", "marts", "2027"), "Skriv datoen med tal, fx 27 3 2026.", {"month"}),
        (("7", "3", "27"), "Skriv året med 4 tal, fx 2026.", {"year"}),
        (("31", "2", "2027"), "Datoen findes ikke. Tjek dag og måned.", {"day", "month", "year"}),
        (("1", "13", "2027"), "Datoen findes ikke. Tjek dag og måned.", {"day", "month", "year"}),
        (("1", "1", "9" * 5000), "Skriv året med 4 tal, fx 2026.", {"year"}),
    ],
)
def test_each_mistake_has_its_own_words_and_keeps_what_was_typed(app_ctx, typed, message, wrong):
    form = _posted(*typed)
    assert not form.validate()
    assert form.when.errors == [message]  # one message, not also "Skriv datoen."
    assert form.when.invalid_parts == wrong
    assert form.when.data is None
    assert [form.when.part_value(p) for p in ("day", "month", "year")] == list(typed)


def test_nothing_typed_is_empty_for_required_and_optional_fields(app_ctx):
    form = _posted()
    assert not form.validate()
    assert form.when.errors == ["Skriv datoen."]
    assert form.maybe.errors == [] and form.maybe.data is None


def test_out_of_reach_uses_the_shared_rule(app_ctx):
    far = clock.today() + timedelta(days=3653 + 30)
    form = _posted(str(far.day), str(far.month), str(far.year))
    assert not form.validate()
    assert form.when.errors[0].startswith("Skriv en dato mellem")
    near = clock.today() + timedelta(days=400)
    assert _posted(str(near.day), str(near.month), str(near.year)).validate()


def test_an_unposted_form_shows_its_date_and_the_parts_are_named_after_the_field(app_ctx):
    form = _Form(formdata=None, data={"when": date(2027, 3, 7)})
    assert [form.when.part_value(p) for p in ("day", "month", "year")] == ["7", "3", "2027"]
    assert form.when.part_name("day") == "when-day" and form.when.part_id("year") == "when-year"
    prefixed = _Form(formdata=None, prefix="frist")
    assert prefixed.when.part_name("month") == "frist-when-month"


MACRO = """{% from "components/forms.html" import date_input, error_summary %}
{{ error_summary(form) }}{{ date_input(form.when, hint="Den dag, det sker.") }}"""


def test_the_macro_renders_a_fieldset_with_three_numeric_inputs(app_ctx):
    from bs4 import BeautifulSoup

    html = BeautifulSoup(render_template_string(MACRO, form=_Form(formdata=None)), "html.parser")
    fieldset = html.find("fieldset")
    assert fieldset.legend.get_text(strip=True) == "Hvornår"
    assert "Den dag, det sker." in fieldset.select_one(".form-hint").get_text()
    inputs = fieldset.find_all("input")
    assert [i["name"] for i in inputs] == ["when-day", "when-month", "when-year"]
    assert all(i["type"] == "text" and i["inputmode"] == "numeric" for i in inputs)
    labels = [fieldset.find("label", attrs={"for": i["id"]}).get_text() for i in inputs]
    assert labels == ["Dag", "Måned", "År"]
    assert not html.select(".form-error, [aria-invalid]")


def test_the_macro_marks_only_the_parts_at_fault(app_ctx):
    from bs4 import BeautifulSoup

    form = _posted("7", "", "2027")
    form.validate()
    html = BeautifulSoup(render_template_string(MACRO, form=form), "html.parser")
    assert html.select_one(".form-group.form-error") is not None
    message = html.select_one(".form-error-message").get_text(" ", strip=True)
    assert "Skriv måneden i datoen." in message
    assert [i["name"] for i in html.select("input[aria-invalid=true]")] == ["when-month"]
    assert [i["name"] for i in html.select("input.date-input-error")] == ["when-month"]
    assert html.select_one(".error-summary a")["href"] == "#when-month"
    assert html.find("fieldset")["aria-describedby"] == "when-hint when-error"
    assert {i["name"]: i["value"] for i in html.find_all("input")} == {
        "when-day": "7",
        "when-month": "",
        "when-year": "2027",
    }
