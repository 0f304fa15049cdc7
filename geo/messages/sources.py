"""Messages of the data's sources and rules (geo/collect/, geo/land/ and geo's top-level modules: access,
batch, catalogue, city, config_yaml): key -> (中文, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
