"""The one error type the atlas raises for bad user data."""

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
