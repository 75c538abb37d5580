"""Help, glossary, accessibility statement: public pages, readable before logging in."""

from flask import current_app, render_template, send_from_directory

from portal.blueprints.pages import bp
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


@bp.route("/favicon.ico")
@public
def favicon():
    # Pages name the hashed favicon; this answers browsers that ask for /favicon.ico anyway.
    name = current_app.extensions["asset_manifest"]["favicon.svg"]
    return send_from_directory(current_app.static_folder, name, mimetype="image/svg+xml")
