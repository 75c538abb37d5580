"""Small helpers shared by the citizen's and the caseworker's meeting routes."""


def as_int(value) -> int:
    """A posted number, or -1 (never a valid version) when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
