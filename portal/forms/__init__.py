"""The shared form base: whitespace stripped, browser validation off (errors are ours, in words)."""

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, widgets


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", [])
            if _strip not in filters:
                filters = [_strip, *filters]
            return unbound_field.bind(form=form, filters=filters, **options)


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (rendered by components/forms.html `checkboxes`)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def show_domain_error(form: FlaskForm, error, messages) -> None:
    """Put a refused rule's message next to its field (or at the top), in words for people.

    `messages` maps DomainError codes to translatable text; an unknown code gets a calm default.
    """
    from flask_babel import gettext

    message = messages.get(error.code) or gettext(
        "Det kunne ikke lade sig gøre. Der er ikke ændret noget."
    )
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, str(message)]
    else:
        form.form_errors.append(str(message))
