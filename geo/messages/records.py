"""Messages of what is kept and published (geo/storage/, geo/publication/, geo/collect/,
geo/land/, geo/cli/ and geo's top-level modules): key -> (中文, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
