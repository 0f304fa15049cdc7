"""The city evaluation's yearly tables in one scope (苏州市 or one district): the class transitions
from the year before (counts), the early warnings per rule, what each class pays (差别化价格) and
the per-district and per-development-zone tables — every one an aggregate, computed once from two
years' enterprise tables (:func:`city_tables`), so a page can hold them for every session.

Rules (warnings, surcharges) are the evaluation configuration's (``geo/evaluation/evaluation.yaml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.city import CITY_SCOPE, area_table, city_year
from geo.errors import DataValidationError
from geo.evaluation import CLASSES_T, EvaluationConfig, EvaluationResult, default_config
from geo.messages import Lang, message
from geo.number_formats import rounded_to_format
from geo.place_names import place_name, short_place_name
from geo.yearly import surcharge_totals, transition_table

# The columns of the per-district and per-zone tables (of geo.city.area_table), in this order.
AREA_COLUMNS_SHOWN = (
    "n_enterprises",
    "n_above_scale",
    "land_mu",
    "tax_wan_yuan",
    "tax_per_mu_wan_yuan",
    "sales_per_mu_wan_yuan",
    *(f"n_{c}" for c in CLASSES_T),
    "d_land_mu",
)


@dataclass(frozen=True)
class CityTables:
    """One scope's yearly tables (all aggregates but ``evaluated``, the year's scored enterprises).

    ``weights`` are the weights applied per group (an indicator without data left out, the others
    rescaled: ``EvaluationResult.weights``). ``transitions`` is the wide count table (rows last
    year's class NEW/A–D/T/合计, columns this year's A–D/T/GONE/合计); ``warnings`` one row per rule
    (``warning``, ``warning_en``, ``n_enterprises``, empty with a ``note``/``note_en`` where the two
    years cannot show it); ``surcharges`` one row per class (``n_enterprises``, ``n_paying`` and
    each item in 万元); ``districts`` and ``dev_zones`` one row per area holding enterprises of the scope.
    ``evaluated_in`` is the scope evaluated together (苏州市, or the district for a district-own
    evaluation: :func:`geo.city.city_year`), ``results`` its evaluations per year.
    """

    scope: str
    year: int
    previous_year: int
    evaluated: pd.DataFrame
    benchmarks: pd.DataFrame
    weights: pd.DataFrame
    transitions: pd.DataFrame
    warnings: pd.DataFrame
    surcharges: pd.DataFrame
    surcharge_notes: tuple[str, ...]
    surcharge_notes_en: tuple[str, ...]
    districts: pd.DataFrame
    dev_zones: pd.DataFrame
    evaluated_in: str = CITY_SCOPE
    results: Mapping[int, EvaluationResult] = field(default_factory=dict)


def _area(enterprises, evaluated, zones: gpd.GeoDataFrame, label: str) -> pd.DataFrame:
    table = area_table(enterprises, evaluated, zones, zone_id="name")
    table = table[table["n_enterprises"] > 0]
    # each figure to its measure's decimals (land and tax to two, as shown and downloaded)
    out = rounded_to_format(table[[c for c in AREA_COLUMNS_SHOWN if c in table.columns]])
    return out.rename_axis(label).reset_index()


WARNING_COLUMNS = ("warning", "warning_en", "n_enterprises", "note", "note_en")


def _warning_counts(
    warnings: pd.DataFrame | None, config: EvaluationConfig, *, year: int, years: set[int]
) -> pd.DataFrame:
    """Enterprises warned per rule; a rule the ``years`` held cannot fire (a fall over N years
    needs N + 1 years) has no count but a note saying which years it needs."""
    rows = []
    for rule in config.warning_rules:
        hits = 0 if warnings is None or warnings.empty else int((warnings["warning"] == rule.name).sum())
        row = {"warning": rule.name, "warning_en": rule.name_en or rule.name, "n_enterprises": hits}
        span = range(year - (rule.years or 2), year + 1) if rule.rule == "falling" else range(year, year + 1)
        if not set(span) <= years:
            row["n_enterprises"] = None
            for col, lang in (("note", "zh"), ("note_en", "en")):
                row[col] = message(
                    "city.cycle.warning_needs_years", lang, n=len(span), first=span[0], last=year
                )
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(WARNING_COLUMNS))
    out["n_enterprises"] = out["n_enterprises"].astype("Int64")
    return out.fillna({"note": "", "note_en": ""})


def city_tables(
    current: gpd.GeoDataFrame,
    previous: pd.DataFrame,
    *,
    year: int,
    districts: gpd.GeoDataFrame,
    dev_zones: gpd.GeoDataFrame,
    scope: str = CITY_SCOPE,
    config: EvaluationConfig | None = None,
    own_benchmarks: bool = False,
    results: Mapping[int, EvaluationResult] | None = None,
) -> CityTables:
    """The yearly tables of ``scope``: ``current`` is ``year``'s enterprise table (with points,
    ``district`` and ``dev_zone``), ``previous`` the year before's (same ``ent_id`` for the same
    enterprise). Both years are evaluated with the same rules (default: the configuration's): a
    district as the city evaluates it, or alone with ``own_benchmarks``; ``results`` as for
    :func:`geo.city.city_year` (the city's evaluations, reused for each district).

    Raises
    ------
    DataValidationError
        When a table has no ``district`` column, the scope holds no enterprise, or ``current`` has
        no point geometry.
    """
    if not isinstance(current, gpd.GeoDataFrame):
        raise DataValidationError.of("city.table_without_points")
    config = config if config is not None else default_config()
    cycle = city_year(
        {year - 1: previous, year: current},
        year,
        scope=scope,
        config=config,
        own_benchmarks=own_benchmarks,
        results=results,
    )
    evaluated = cycle.result.enterprises
    rows = current.loc[evaluated.index]
    paid = surcharge_totals(cycle.surcharges).reindex(list(CLASSES_T))
    paid = paid.fillna(0).rename_axis("eval_class").reset_index()
    paid["n_enterprises"] = paid["n_enterprises"].astype("int64")
    paid["n_paying"] = paid["n_paying"].astype("int64")
    return CityTables(
        scope=scope,
        year=year,
        previous_year=year - 1,
        evaluated=evaluated,
        benchmarks=cycle.result.benchmarks,
        weights=cycle.result.weights,
        transitions=transition_table(cycle.matrix),
        warnings=_warning_counts(cycle.warnings, config, year=year, years={year - 1, year}),
        surcharges=paid.round(2),
        surcharge_notes=cycle.surcharge_notes,
        surcharge_notes_en=cycle.surcharge_notes_en,
        districts=_area(rows, evaluated, districts, "district"),
        dev_zones=_area(rows, evaluated, dev_zones, "dev_zone"),
        evaluated_in=cycle.evaluated_in,
        results=cycle.results,
    )


def basis_line(scope: str, *, own_benchmarks: bool = False, lang: Lang = "zh") -> str:
    """The line saying which evaluation ``scope`` shows (under the page's title, in its files):
    「评价范围：苏州市（基准值全市统一）· 显示：吴江区」 for a district as the city evaluates it,
    「评价范围：吴江区（基准值按本区计算）」 for its own evaluation; no 显示 part for 苏州市."""
    if scope == CITY_SCOPE:
        return message("city.eff.basis_city", lang)
    key = "city.eff.basis_own" if own_benchmarks else "city.eff.basis_shown"
    return message(key, lang, scope=place_name(scope, lang))


def evaluation_title(scope: str, *, own_benchmarks: bool = False, lang: Lang = "zh") -> str:
    """The city evaluation page's title for ``scope``: the city's, or the district's saying whose
    evaluation it is (全市评价 / 本区评价), the district by its short English name so that the
    title holds one line at 1280 px ("Per-mu · Wujiang (city-wide, synthetic)")."""
    if scope == CITY_SCOPE:
        return message("city.eff.header", lang)
    key = "city.eff.header_own" if own_benchmarks else "city.eff.header_district"
    return message(key, lang, scope=short_place_name(scope, lang))


__all__ = [
    "AREA_COLUMNS_SHOWN",
    "WARNING_COLUMNS",
    "CityTables",
    "basis_line",
    "city_tables",
    "evaluation_title",
]
