"""An unexpected error shows a calm page and leaves no half-made change behind."""

from portal.extensions import db
from portal.models import Person
from tests.conftest import app_variant
from tests.helpers import check_page


def test_an_unexpected_error_gives_a_calm_500_and_rolls_back(database_url, demo_data):
    with app_variant(database_url, TESTING=False, PROPAGATE_EXCEPTIONS=False) as app:
        from portal.web.access import public

        @app.route("/test-crash")
        @public
        def crash():
            db.session.get(Person, demo_data["Hanne"]).first_name = "Ændret"
            db.session.flush()
            raise RuntimeError("boom")

        response = app.test_client().get("/test-crash")
        assert response.status_code == 500
        page = check_page(response)
        assert "Der skete en fejl hos os" in page.h1.get_text()
        assert "boom" not in response.get_data(as_text=True)
        with app.app_context():
            assert db.session.get(Person, demo_data["Hanne"]).first_name == "Hanne"
