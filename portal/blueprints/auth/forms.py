from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from portal.forms import BaseForm


class DemoLoginForm(BaseForm):
    subject = HiddenField(validators=[DataRequired(), Length(max=64)])
    next = HiddenField(validators=[Length(max=500)])


class LogoutForm(BaseForm):
    pass
