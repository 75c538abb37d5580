"""The text tables cover every code they label, and the conversation forms are said one way."""

from portal.models import (
    BookingKind,
    BookingStatus,
    ChangeKind,
    Channel,
    ConversationForm,
    FuldmagtEventKind,
    OutcomeKind,
    RequestStatus,
)
from portal.services.outcomes import PLAIN_SECTIONS
from portal.services.readability import Band
from portal.text import conversation_forms, labels


def test_every_code_has_a_label():
    assert set(labels.OUTCOME_KIND) == set(OutcomeKind)
    assert set(labels.LIX_BAND) == set(Band)
    assert set(labels.REQUEST_STATUS) == set(RequestStatus)
    assert set(labels.OUTCOME_SECTION) == set(PLAIN_SECTIONS)
    assert set(labels.CHANGE_KIND) == set(ChangeKind)
    assert set(labels.FULDMAGT_EVENT) == set(FuldmagtEventKind)
    assert set(labels.CHANNEL) == set(Channel) | {"none"}
    # A live booking by who booked it, an ended one by what happened to it.
    assert set(labels.BOOKING_STATE) == set(BookingKind) | (set(BookingStatus) - {"active"})


def test_every_conversation_form_has_a_name_and_a_choice():
    assert set(conversation_forms.NAMES) == set(ConversationForm)
    assert set(conversation_forms.CHOICES) == set(ConversationForm)
    assert set(conversation_forms.WHAT_HAPPENS) <= set(ConversationForm)


def test_a_conversation_form_described_in_danish_and_through_a_translation():
    assert conversation_forms.described("fremmoede") == "Fremmøde"
    assert conversation_forms.described("video") == "Video – du får et link fra din sagsbehandler"
    assert conversation_forms.described(None) == ""
    shouted = conversation_forms.described("telefon", str.upper)
    assert shouted == "TELEFON – DIN SAGSBEHANDLER RINGER TIL DIG"


def test_an_audit_row_about_the_citizen_in_words():
    """ "Hent dine oplysninger" says every audit row about the citizen in words: their own rows,
    refusals, and what others did (the access log's sentence)."""
    from flask import Flask
    from flask_babel import Babel

    from portal.text import log_labels

    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        assert log_labels.entry("citizen", "Hanne", "my_data.download", "pdf", "allowed", True) == (
            "Du har hentet dine oplysninger som PDF."
        )
        assert log_labels.entry("citizen", "Hanne", "auth.timeout", "max", "allowed", True) == (
            "Du blev logget ud, fordi du havde været logget ind længe."
        )
        assert log_labels.entry("citizen", "Hanne", "booking.book", None, "allowed", True) == (
            "Du har booket en samtale til dig."
        )
        assert log_labels.entry("delegate", "Mads", "plan.view", None, "refused", False) == (
            "Mads prøvede at åbne noget af dit, men fik ikke lov."
        )
        assert log_labels.entry("delegate", "Mads", "plan.view", None, "allowed", False) == (
            "Mads har set din plan på dine vegne."
        )
