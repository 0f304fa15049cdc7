"""The language switch: the two languages of the UI, Simplified Chinese by default."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
DEFAULT_LANG: Lang = "zh"
