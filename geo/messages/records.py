"""Messages of what is kept and published (geo/storage/, geo/publication/, geo/cli/): key ->
(中文, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
