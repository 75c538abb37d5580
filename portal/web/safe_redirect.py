"""Only ever redirect to a path on this site after login."""

from urllib.parse import urlsplit


def local_path(target: str | None, default: str) -> str:
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return default  # backslashes and control characters (CR/LF) never belong in a path
    return target
