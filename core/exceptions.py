class ApplicationError(Exception):
    """A business rule refused the operation; `status` is what an API caller should get."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class ConflictError(ApplicationError):
    status = 409


class GoneError(ApplicationError):
    status = 410
