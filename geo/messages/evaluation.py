"""Messages of the evaluation and its yearly cycle (geo/evaluation/, geo/yearly/): key -> (中文, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
