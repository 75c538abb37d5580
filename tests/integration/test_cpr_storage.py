"""The database never holds a CPR number: the demo people's fictitious numbers are stored as
keyed hashes, and being named as a fuldmagt's holder hashes what was typed (a first MitID
log-in does the same: tests/integration/test_login.py)."""

from sqlalchemy import text

from portal.demo.people import CPR
from portal.extensions import db
from portal.models import Person
from portal.services import cpr, delegation


def test_no_digits_are_stored(app, demo_data):
    with app.app_context():
        rows = db.session.execute(text("SELECT subject, cpr_hash FROM person")).all()
        stored = {subject: value for subject, value in rows if value}
        assert set(stored) == set(CPR)
        for subject, number in CPR.items():
            assert stored[subject] == cpr.digest(number) and number not in stored[subject]
        assert not hasattr(Person, "cpr")


def test_a_holder_is_found_by_the_hash_of_what_was_typed(app, demo_data):
    with app.app_context():
        mads = delegation.find_holder(
            db.session, demo_data["Gitte"], "mads sørensen", " 990101-3001 "
        )
        assert mads.id == demo_data["Mads"]
