"""What each class pays (差别化价格): per-enterprise surcharges by class and year, their totals per
group, a class's rates in words and the column labels of a surcharge table.

The rates, base units and sources are the evaluation configuration's (``surcharges`` in
``geo/evaluation/evaluation.yaml``, read into :class:`geo.evaluation.rules.Surcharge`); nothing here is a
constant price. ``geo.yearly`` re-exports every public name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from geo.catalogue import labels as catalogue_labels
from geo.errors import DataValidationError
from geo.evaluation import CLASS_COL, CLASSES_T, EvaluationConfig, Surcharge, classes_with_t
from geo.evaluation.metrics import ID_COL, ZONE_COL
from geo.messages import MESSAGES, joined, message


def surcharges(
    evaluated: pd.DataFrame,
    config: EvaluationConfig,
    *,
    year: int | None,
    consumption: pd.DataFrame | None = None,
    id_col: str = ID_COL,
    lang: str = "zh",
) -> tuple[pd.DataFrame, list[str]]:
    """What each enterprise pays extra for its class (差别化价格) in ``year``.

    Per surcharge item of ``config.surcharges``: ``rate_<key>_yuan`` (元 per base unit, from the
    enterprise's class A–D/T) and ``<key>_wan_yuan`` = consumption × rate / 10,000 (万元); an item
    whose consumption column is missing, or that charges no class, is left out and named in the
    notes. ``total_wan_yuan`` sums the items. Consumption comes from ``consumption`` (same index)
    when given, else from ``evaluated``. Land policy text per class goes in ``land_policy``, in
    ``lang`` (:func:`land_policy_of`); the notes are in ``lang``.
    """
    source = consumption if consumption is not None else evaluated
    cls = classes_with_t(evaluated).astype(object)
    out = pd.DataFrame(index=evaluated.index)
    for col in (id_col, "name", "industry", ZONE_COL):
        if col in evaluated.columns:
            out[col] = evaluated[col].to_numpy()
    out[CLASS_COL] = cls.to_numpy()
    notes: list[str] = []
    total = np.zeros(len(out))
    for item in config.surcharges:
        name = _item_name(item, lang)
        if not item.rates:
            source_text = (item.source_en or item.source) if lang == "en" else item.source
            notes.append(message("yearly.surcharge_no_rate", lang, name=name, source=source_text))
            continue
        if item.column not in source.columns:
            column = use_label(item.column, lang)
            notes.append(message("yearly.surcharge_no_column", lang, name=name, column=column))
            continue
        try:
            rate_of = {c: item.rate(c, year) for c in CLASSES_T}
        except DataValidationError:
            notes.append(message("yearly.surcharge_needs_year", lang, name=name))
            continue
        rate = cls.map(rate_of).to_numpy(dtype="float64")
        use = pd.to_numeric(source[item.column], errors="coerce").to_numpy(dtype="float64")
        amount = np.where(rate > 0, np.nan_to_num(use) * rate / 10_000.0, 0.0)
        out[item.column] = use
        out[f"rate_{item.key}_yuan"] = rate
        out[f"{item.key}_wan_yuan"] = amount
        total += amount
    out["total_wan_yuan"] = total
    out["land_policy"] = cls.map(land_policy_of(config, lang)).fillna("").to_numpy()
    return out, notes


def land_policy_of(config: EvaluationConfig, lang: str = "zh") -> dict[str, str]:
    """Each class's land policy in ``lang``, as the page's "what each class pays" tab words it: the
    configuration's ``land_en`` in English (its Chinese text for a class it leaves out)."""
    policy = dict(config.land_policy)
    return {**policy, **dict(config.land_policy_en)} if lang == "en" else policy


def class_rates_text(config: EvaluationConfig, cls: str, year: int | None, lang: str = "zh") -> str:
    """What class ``cls`` pays in ``year``, in words (e.g. ``差别电价 +0.3 元/千瓦时``); with no year,
    each rate given by year is listed with the year it starts."""
    parts = []
    for item in config.surcharges:
        given = item.rates.get(cls)
        if given is None:
            continue
        name = _item_name(item, lang)
        unit = message("yearly.rate_unit", lang, unit=_base_unit(item, lang))
        if isinstance(given, Mapping) and year is None:
            steps = ", ".join(f"{y}: +{r:g}" for y, r in sorted(given.items()))
            parts.append(f"{name} {steps} {unit}")
            continue
        rate = item.rate(cls, year)
        if rate > 0:
            parts.append(f"{name} +{rate:g} {unit}")
    return joined(parts, lang, mark="clause")


def surcharge_totals(per_enterprise: pd.DataFrame, *, by: str | Sequence[str] = CLASS_COL) -> pd.DataFrame:
    """Sum of each surcharge (万元) and the number of enterprises paying, per group of ``by``."""
    by = [by] if isinstance(by, str) else list(by)
    money = [c for c in per_enterprise.columns if c.endswith("_wan_yuan")]
    grouped = per_enterprise.groupby(by, sort=True, observed=True, dropna=False)
    out = grouped[money].sum()
    out.insert(0, "n_paying", grouped["total_wan_yuan"].apply(lambda s: int((s > 0).sum())).astype("int64"))
    out.insert(0, "n_enterprises", grouped.size().astype("int64"))
    return out


def surcharge_labels(config: EvaluationConfig, lang: str = "zh") -> dict[str, str]:
    """Column headers with units for a :func:`surcharges` table, each begun with a capital in English
    as the other headers are ("Power surcharge rate (yuan/kWh)" beside "Surcharges total (10k yuan)";
    a sentence names the surcharge in lower case)."""
    out = {}
    for item in config.surcharges:
        name, unit = _item_name(item, lang), _base_unit(item, lang)
        name = name[:1].upper() + name[1:] if lang == "en" else name
        if item.rates:  # the first charging item names a shared consumption column
            out.setdefault(item.column, message("yearly.surcharge_quantity", lang, name=name, unit=unit))
        out[f"rate_{item.key}_yuan"] = message("yearly.surcharge_rate", lang, name=name, unit=unit)
        out[f"{item.key}_wan_yuan"] = message("yearly.surcharge_amount", lang, name=name)
    return out


def use_label(column: str, lang: str = "zh") -> str:
    """A surcharge's consumption column as the pages head it (用电量（千瓦时）, Water use (m³)): the
    enterprise catalogue's label, else the surcharges' own words for it, else the field's name."""
    catalogued = catalogue_labels("enterprises", lang)
    key = f"yearly.use.{column}"
    return catalogued.get(column) or (message(key, lang) if key in MESSAGES else column)


def _item_name(item: Surcharge, lang: str) -> str:
    """The item's configured name in ``lang`` (its Chinese name where no English one is given)."""
    return (item.name_en or item.name) if lang == "en" else item.name


def _base_unit(item: Surcharge, lang: str) -> str:
    """The item's base unit in ``lang`` (千瓦时 → kWh); a unit the catalogue does not know, as configured."""
    key = f"yearly.base_unit.{item.base_unit}"
    return message(key, lang) if key in MESSAGES else item.base_unit
