"""UI strings of 用地强度's parcel tabs that read in the page's language (units of the totals, the
English page's words): key -> (中文, English), merged into geo.messages."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "int.unit.mu": ("{value} 亩", "{value} mu"),
    "int.unit.wan_yuan": ("{value} 万元", "CNY {value} × 10,000"),  # (English pages: yuan_amount)
    "int.unit.firms": ("{value} 家", "{value} enterprises"),
}
