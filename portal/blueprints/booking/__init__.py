from flask import Blueprint

bp = Blueprint("booking", __name__)


@bp.app_template_global()
def conversation_form(code: str | None) -> str:
    """The conversation form in words (fremmøde, telefon, video)."""
    from portal.blueprints.booking.forms import FORM_NAMES

    return str(FORM_NAMES.get(code, code or ""))


from portal.blueprints.booking import routes, staff_routes  # noqa: E402,F401
