"""The 公示 (objection) period: how long it lasts, in working or calendar days, and the day it ends.

Documented configuration, not a constant: ``geo/evaluation/objection_period.yaml`` with its sources
(DOMAIN.md §8: 巢湖, 蚌埠, 景宁 publish for 5 working days to 7 days; §7: 黄岩, 3 days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from geo.config_yaml import read_config_yaml
from geo.errors import DataValidationError
from geo.messages import Lang, message

PERIOD_YAML = Path(__file__).parents[1] / "evaluation" / "objection_period.yaml"
Unit = Literal["working_days", "calendar_days"]
UNITS: tuple[Unit, ...] = ("working_days", "calendar_days")
MAX_DAYS = 60  # longer than any published window (DOMAIN.md §8: 5 working days to 7 days)
_SATURDAY = 5  # date.weekday(): Monday 0 … Sunday 6


@dataclass(frozen=True)
class ObjectionPeriod:
    """How long results stay published for objections.

    Parameters
    ----------
    days
        The window's length, its first day included (1 to :data:`MAX_DAYS`).
    unit
        ``working_days`` (Monday to Friday counted) or ``calendar_days``.
    source
        Where the length comes from (the configuration's ``source``).
    """

    days: int
    unit: Unit = "working_days"
    source: str = ""


def load_objection_period(path: Path | None = None) -> ObjectionPeriod:
    """The objection period of the configuration file ``path`` (default :data:`PERIOD_YAML`).

    Raises
    ------
    DataValidationError
        When the file is missing or not YAML, ``days`` is not a whole number from 1 to
        :data:`MAX_DAYS`, or ``unit`` is neither ``working_days`` nor ``calendar_days``.
    """
    path = PERIOD_YAML if path is None else Path(path)
    raw = read_config_yaml(path, "公示期配置文件")
    days, unit = raw.get("days"), raw.get("unit", "working_days")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise DataValidationError.of("yearly.period.bad_days", file=path.name, value=days, most=MAX_DAYS)
    if unit not in UNITS:
        raise DataValidationError.of("yearly.period.bad_unit", file=path.name, value=unit)
    return ObjectionPeriod(days=days, unit=unit, source=str(raw.get("source") or ""))


def period_end(start: date, period: ObjectionPeriod) -> date:
    """The last day of a window opening on ``start`` (both days included).

    In working days the weekend is skipped: 5 working days from Friday 2026-12-11 end on Thursday
    2026-12-17; from Saturday 2026-12-12 they count from Monday and end on Friday 2026-12-18.
    Public holidays are not known (the configuration says so).
    """
    if period.days < 1:
        raise ValueError(f"days must be at least 1, got {period.days}")
    if period.unit == "calendar_days":
        return start + timedelta(days=period.days - 1)
    day, counted = start, 0
    while True:
        if day.weekday() < _SATURDAY:
            counted += 1
            if counted == period.days:
                return day
        day += timedelta(days=1)


def period_length(period: ObjectionPeriod, lang: Lang = "zh") -> str:
    """The window's length in words: ``5 个工作日`` / ``5 working days``, ``3 天`` / ``3 days``."""
    one = ".one" if period.days == 1 else ""
    return message(f"yearly.period.{period.unit}{one}", lang, days=period.days)


__all__ = [
    "MAX_DAYS",
    "PERIOD_YAML",
    "UNITS",
    "ObjectionPeriod",
    "load_objection_period",
    "period_end",
    "period_length",
]
