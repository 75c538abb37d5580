"""The shared form base: whitespace stripped, browser validation off (errors are ours, in words)."""

from datetime import date, datetime, timedelta

from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import DateTimeField, SelectMultipleField, widgets
from wtforms.validators import ValidationError

from portal import clock
from portal.web.i18n import short_date

# Dates typed into any form stay within this distance of today. A typo such as year 9999 or 0001
# is then a message next to the field, not an overflow in date arithmetic further on.
DATE_REACH = timedelta(days=3652)


def out_of_reach(day: date) -> str | None:
    """The message for a date too far from today, or None when it is within reach."""
    today = clock.today()
    low, high = today - DATE_REACH, today + DATE_REACH
    if low <= day <= high:
        return None
    return gettext(
        "Skriv en dato mellem %(low)s og %(high)s.", low=short_date(low), high=short_date(high)
    )


class ReasonableDate:
    def __call__(self, form, field) -> None:
        value = field.data
        if not isinstance(value, date):  # empty, or a time of day (TimeField is a DateTimeField)
            return
        message = out_of_reach(value.date() if isinstance(value, datetime) else value)
        if message:
            raise ValidationError(message)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", [])
            if _strip not in filters:
                filters = [_strip, *filters]
            if issubclass(unbound_field.field_class, DateTimeField) and len(unbound_field.args) < 2:
                # DateField is a DateTimeField too. The shared unbound field is left untouched.
                validators = [*(unbound_field.kwargs.get("validators") or []), ReasonableDate()]
                options = {**options, "validators": validators}
            return unbound_field.bind(form=form, filters=filters, **options)


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (rendered by components/forms.html `checkboxes`)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def show_domain_error(form: FlaskForm, error) -> None:
    """Put a refused rule's message next to its field (or at the top), in words for people, and
    name the refusal for the audit row the unit of work writes.

    The words come from the one table in portal/text/errors.py.
    """
    from portal.text.errors import message_for
    from portal.web import unit_of_work

    unit_of_work.note_refusal(error.code)
    message = message_for(error.code)
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, str(message)]
    else:
        form.form_errors.append(str(message))
