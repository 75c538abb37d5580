"""The keys the audit trail's seals are made with: one plain value, read once from settings.

`PORTAL_AUDIT_SEAL_KEYS` names one or more keys, `id:secret` separated by ";", e.g.
`2026a:<secret>;2025b:<secret>`. The first seals new batches; every one of them verifies, so a key
is rotated by putting the new one first and keeping the old one for as long as seals made with it
are checked. Each seal stores the id of the key that made it (`audit_seal.key_id`), never the
secret. The keys live outside the database on purpose: someone who can rewrite the database but
has no key cannot recompute a seal (portal/services/audit_seal.py). No Flask here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field

SETTING = "PORTAL_AUDIT_SEAL_KEYS"
# Short, printable ids: they are stored in every seal and named in `audit-verify`'s messages.
_ID = re.compile(r"[A-Za-z0-9._-]{1,40}")
# A secret shorter than this is too easy to guess; HMAC-SHA256 keys gain nothing above 64 bytes.
MINIMUM_SECRET = 32


class SealKeyError(ValueError):
    """The setting does not describe usable keys (the message never contains a secret)."""


@dataclass(frozen=True)
class SealKeys:
    sealing_id: str  # the key new seals are made with
    # id -> secret; repr=False so that printing the settings never shows a secret.
    _secrets: dict[str, bytes] = field(repr=False)

    @classmethod
    def parse(cls, text: str) -> SealKeys:
        secrets: dict[str, bytes] = {}
        for number, part in enumerate(text.split(";"), start=1):
            if not part.strip():
                continue
            key_id, colon, secret = part.strip().partition(":")
            key_id, secret = key_id.strip(), secret.strip()
            if not colon or not _ID.fullmatch(key_id):
                raise SealKeyError(
                    f"{SETTING}: key {number} must be written id:secret, the id 1-40 letters, "
                    "digits, '.', '_' or '-'."
                )
            if key_id in secrets:
                raise SealKeyError(f"{SETTING}: the id {key_id!r} is given twice.")
            if len(secret) < MINIMUM_SECRET:
                raise SealKeyError(
                    f"{SETTING}: the secret of {key_id!r} must be at least "
                    f"{MINIMUM_SECRET} characters."
                )
            secrets[key_id] = secret.encode()
        if not secrets:
            raise SealKeyError(f"{SETTING} names no key.")
        return cls(next(iter(secrets)), secrets)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._secrets)

    def knows(self, key_id: str) -> bool:
        return key_id in self._secrets

    def mac(self, key_id: str, message: bytes) -> str:
        """HMAC-SHA256 of `message` with the key `key_id`, in hex (KeyError if not configured)."""
        return hmac.new(self._secrets[key_id], message, hashlib.sha256).hexdigest()
