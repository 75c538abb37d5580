"""CPR numbers: how a typed or claimed number is read, and how it is kept.

The portal never stores a CPR number. It stores a keyed hash (HMAC-SHA256) of the ten digits in
`person.cpr_hash` and finds a person by hashing what was typed (naming a fuldmagt's holder) or
what the MitID broker released (a first log-in) with the same key. Without the key the stored
values cannot be turned back into numbers by trying all of them, which a plain hash would allow
(there are only about 10^10 CPR numbers).

The key is the installation's `PORTAL_CPR_KEY`; development and test derive one from the secret
key (portal/config.py). `create_app` hands it to `use_key` once; services then hash without Flask.
Changing the key makes every stored hash unfindable, so it is set once per installation.
"""

from __future__ import annotations

import hashlib
import hmac

_key: bytes | None = None


def use_key(key: str | bytes) -> None:
    """The key every hash is made with (called by create_app)."""
    global _key
    if not key:
        raise ValueError("the CPR key must not be empty")
    _key = key.encode() if isinstance(key, str) else bytes(key)


def derived_key(secret_key: str) -> str:
    """A development or test installation's key, derived from its secret key so that the two
    are never the same value."""
    return hmac.new(secret_key.encode(), b"en-plan cpr key", hashlib.sha256).hexdigest()


def normalise_cpr(value: object) -> str | None:
    """The ten digits of a CPR number as typed or claimed: "010203-1234", "0102031234" and
    " 010203 1234 " are the same number; anything else (letters, too few or many digits, not a
    string) is no CPR number."""
    if not isinstance(value, str):
        return None
    digits = "".join(value.split()).replace("-", "")
    return digits if len(digits) == 10 and digits.isascii() and digits.isdigit() else None


def digest(value: object, key: str | bytes | None = None) -> str | None:
    """The stored form of a CPR number (64 hex characters), or None when `value` is none.
    `key`: only the migration that hashes the existing numbers passes it."""
    digits = normalise_cpr(value)
    if digits is None:
        return None
    if key is not None:
        secret = key.encode() if isinstance(key, str) else key
    elif _key is not None:
        secret = _key
    else:
        raise RuntimeError("no CPR key: create_app calls cpr.use_key")
    return hmac.new(secret, digits.encode(), hashlib.sha256).hexdigest()
