"""Forms on the caseworker's start page: marking a call-me request as handled."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length

from portal.forms import BaseForm
from portal.services.worklist import NOTE_MAX


class HandleCallbackForm(BaseForm):
    """One per call-me request on the list, each with its own prefix so ids stay unique; the
    CSRF token is the app-wide one (CSRFProtect checks every POST before any view runs)."""

    class Meta:
        csrf = False

    note = TextAreaField(
        _l("Kort note (kan udelades)"),
        validators=[Length(max=NOTE_MAX, message=_l("Skriv højst %(max)d tegn.", max=NOTE_MAX))],
    )


def callback_form(callback_id: int, formdata=None) -> HandleCallbackForm:
    return HandleCallbackForm(prefix=f"opkald-{callback_id}", formdata=formdata)
