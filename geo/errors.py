"""The one error type the atlas raises for bad user data, and the subclasses that carry data."""

from __future__ import annotations


class DataValidationError(ValueError):
    """Bad input data, with a message in Chinese that says what is wrong and what to do.

    Parameters
    ----------
    message
        Chinese text naming the bad value and what was expected.
    hint
        Optional Chinese text telling the user what to do about it.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message}。{hint}" if hint else message)


class LayerChoiceError(DataValidationError):
    """A file holds several layers (or sheets) and none was chosen; ``layers`` lists them."""

    def __init__(self, message: str, *, layers: tuple[str, ...], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.layers = tuple(layers)


class RowReportError(DataValidationError):
    """No row of a file passed its checks; ``report`` is the row-level report (one line a problem)."""

    def __init__(self, message: str, *, report, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.report = report
