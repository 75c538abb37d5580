"""Errors the domain raises for the web layer to show calmly."""


class DomainError(Exception):
    """A rule refused the change. `code` names the reason; the web layer words it for people."""

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code)
        self.code = code
        self.field = field


class NotFound(DomainError):
    """The thing does not exist, or does not belong to this citizen (we do not say which)."""

    def __init__(self, what: str):
        super().__init__(f"not_found:{what}")
