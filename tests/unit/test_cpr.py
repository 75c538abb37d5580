"""CPR numbers are read one way wherever they are typed or claimed, and kept only as a keyed
hash (portal/services/cpr.py)."""

import hashlib
import hmac

import pytest

from portal.services import cpr, delegation, login


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("0102031234", "0102031234"),
        ("010203-1234", "0102031234"),
        (" 010203 1234 ", "0102031234"),
        ("010203-123", None),
        ("01020312345", None),
        ("01O2031234", None),  # a letter O, not a zero
        ("٠١٠٢٠٣١٢٣٤", None),  # Arabic-Indic digits are not ASCII digits
        ("", None),
        (None, None),
        (1020312345, None),
    ],
)
def test_one_reading_of_a_cpr_number(typed, digits):
    assert cpr.normalise_cpr(typed) == digits


def test_log_in_and_the_fuldmagt_form_share_the_one_reading():
    assert login.normalise_cpr is cpr.normalise_cpr
    assert not hasattr(delegation, "normalise_identifier")


def test_the_stored_form_is_an_hmac_of_the_digits_with_the_key():
    stored = cpr.digest("010203-1234", key="k")
    assert stored == hmac.new(b"k", b"0102031234", hashlib.sha256).hexdigest()
    assert stored == cpr.digest("0102031234", key="k")
    assert "0102031234" not in stored and len(stored) == 64
    assert cpr.digest("0102031234", key="another") != stored  # without the key, no look-up
    assert cpr.digest("not a number", key="k") is None


def test_the_configured_key_is_used(monkeypatch):
    monkeypatch.setattr(cpr, "_key", cpr._key)  # the app's key comes back after the test
    cpr.use_key("configured")
    assert cpr.digest("0102031234") == cpr.digest("0102031234", key="configured")
    with pytest.raises(ValueError):
        cpr.use_key("")
