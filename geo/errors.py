"""The one error type the atlas raises for bad user data, and the subclasses that carry data.

geo says what went wrong as a key of the message catalogue (:mod:`geo.messages`) with its
parameters; the edge (a page, the command line) writes the sentence in its language with
:meth:`DataValidationError.text`. ``str(error)`` is the Chinese sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.messages import has_hint, message
from geo.messages.notes import in_language


class DataValidationError(ValueError):
    """Bad input data, with a message that says what is wrong and what to do.

    Raise it as ``DataValidationError.of(key, **params)``: the message (and its hint, the key
    ``key + ".hint"`` when the catalogue has one) come from :mod:`geo.messages` in both languages.
    Built directly, ``DataValidationError(message, hint=...)`` carries Chinese text only.

    Parameters
    ----------
    message
        Chinese text naming the bad value and what was expected.
    hint
        Optional Chinese text telling the user what to do about it.
    key, params
        The catalogue key the message was written from and its parameters (``of`` sets them).
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        key: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.message = message
        self.hint = hint
        self.key = key
        self.params = dict(params or {})
        super().__init__(f"{message}。{hint}" if hint else message)

    @classmethod
    def of(cls, key: str, /, *, extra: Mapping[str, Any] | None = None, **params: Any):
        """The error of catalogue entry ``key`` with ``params`` (``extra``: the subclass's own
        arguments, e.g. ``layers`` of :class:`LayerChoiceError`)."""
        hint = message(f"{key}.hint", "zh", **params) if has_hint(key) else None
        return cls(message(key, "zh", **params), hint=hint, key=key, params=params, **(extra or {}))

    def text(self, lang: str = "zh") -> str:
        """The message and hint in ``lang`` (Chinese when the error has no catalogue key)."""
        if lang != "en" or self.key is None:
            return str(self)
        params = in_language(self.params, "en")
        text = message(self.key, "en", **params)
        if has_hint(self.key):
            text = f"{text}. {message(f'{self.key}.hint', 'en', **params)}"
        return text


class LayerChoiceError(DataValidationError):
    """A file holds several layers (or sheets) and none was chosen; ``layers`` lists them."""

    def __init__(self, message: str, *, layers: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.layers = tuple(layers)


class RowReportError(DataValidationError):
    """No row of a file passed its checks; ``report`` is the row-level report (one line a problem)."""

    def __init__(self, message: str, *, report, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.report = report
