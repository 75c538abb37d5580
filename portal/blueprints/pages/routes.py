"""Help, glossary, accessibility statement, privacy notice: public pages, readable before
logging in."""

from flask import current_app, render_template, send_from_directory

from portal.blueprints.pages import bp
from portal.text import privacy as privacy_text
from portal.text.glossary import TERMS
from portal.web.access import public


@bp.route("/hjaelp")
@public
def help():
    return render_template("pages/help.html")


@bp.route("/ordforklaring")
@public
def glossary():
    return render_template("pages/glossary.html", terms=TERMS)


@bp.route("/tilgaengelighed")
@public
def accessibility():
    return render_template("pages/accessibility.html")


@bp.route("/privatliv")
@public
def privacy():
    # The periods are worked out from the settings on every view, so the notice states what the
    # retention command and the session clean-up actually do.
    app = current_app
    return render_template(
        "pages/privacy.html",
        kept=privacy_text.kept_for(app.config["RETENTION"]),
        idle=privacy_text.seconds_in_words(app.permanent_session_lifetime),
        longest=privacy_text.seconds_in_words(float(app.config["SESSION_MAX_HOURS"]) * 3600),
    )


@bp.route("/favicon.ico")
@public
def favicon():
    # Pages name the hashed favicon; this answers browsers that ask for /favicon.ico anyway.
    name = current_app.extensions["asset_manifest"]["favicon.svg"]
    return send_from_directory(current_app.static_folder, name, mimetype="image/svg+xml")
