"""htmx rendering goes through public APIs: a named block for htmx, the whole page otherwise."""

from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader

from portal.web import htmx

PAGE = "<html><body><h1>{{ title }}</h1>{% block part %}<p>{{ title }}: {{ org.jobcenter }}</p>{% endblock %}</body></html>"


@pytest.fixture
def app():
    from tests.conftest import make_app

    app = make_app("sqlite://")
    app.jinja_env.loader = ChoiceLoader([DictLoader({"t.html": PAGE}), app.jinja_env.loader])
    return app


def test_htmx_gets_the_block_with_the_app_context(app):
    with app.test_request_context(headers={"HX-Request": "true"}):
        assert htmx.is_htmx()
        assert htmx.render("t.html", block="part", title="Hej") == "<p>Hej: Jobcenter Åby</p>"


def test_other_requests_get_the_whole_page(app):
    with app.test_request_context():
        assert not htmx.is_htmx()
        page = htmx.render("t.html", block="part", title="Hej")
        assert page.startswith("<html>") and "<h1>Hej</h1>" in page


def test_htmx_response_headers(app):
    with app.test_request_context(headers={"HX-Request": "true"}):
        response = htmx.response("ok", trigger="saved")
        assert response.headers["HX-Trigger"] == "saved" and response.get_data() == b"ok"


def test_no_code_reaches_into_jinja_private_blocks():
    portal = Path(__file__).resolve().parents[2] / "portal"
    for source in portal.rglob("*.py"):
        assert ".blocks[" not in source.read_text(encoding="utf-8"), source
    imports = [
        p.relative_to(portal).as_posix()
        for p in portal.rglob("*.py")
        if "htmx_flask" in p.read_text(encoding="utf-8")
        or "jinja2_fragments" in p.read_text(encoding="utf-8")
    ]
    assert imports == ["web/htmx.py"]
