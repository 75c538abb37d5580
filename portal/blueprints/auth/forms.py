from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from portal.forms import BaseForm


class DemoLoginForm(BaseForm):
    subject = HiddenField(validators=[DataRequired(), Length(max=64)])
    next = HiddenField(validators=[Length(max=500)])


class LogoutForm(BaseForm):
    pass


class ProviderLoginForm(BaseForm):
    """Starts a log-in at an OpenID provider (a POST with the CSRF token, not a bare link);
    `next` is the page the person asked for, opened after the log-in."""

    next = HiddenField(validators=[Length(max=500)])


class ConfirmIdentityForm(BaseForm):
    """Step-up: log in again at the provider, then come back to `next`."""

    next = HiddenField(validators=[Length(max=500)])


class EndOtherSessionsForm(BaseForm):
    """ "Log ud alle andre steder": the CSRF token is all it carries."""
