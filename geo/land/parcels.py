"""Land parcels (宗地): land from geometry, intensity against the control minimums, 低效用地 by rules,
and grant-contract promises checked (履约监管).

Parcels join enterprises by enterprise id (企业编号 / 统一社会信用代码 …) or, when they carry none, by
location: the parcel holding the enterprise's point. An enterprise's land is then the sum of its
parcels' areas measured in EPSG:4549; the table's own figure, if any, stays beside it with the
difference. The control minimums, the 低效用地 rules and the contract tolerance are configuration
(``geo/land/land_control.yaml``, documented sources), never constants here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import catalogue
from geo.config_yaml import config_number, layered, read_config_yaml
from geo.errors import DataValidationError
from geo.evaluation.metrics import ID_COL, ZONE_COL
from geo.messages import message
from geo.messages.notes import Listing, Note, note
from geo.spatial.measure import area_mu, to_analysis_crs

DEFAULT_CONTROLS_PATH = Path(__file__).with_name("land_control.yaml")
PARCEL_ID = "parcel_id"

# The parcel columns are declared once, in the column catalogue (geo/catalogue.py, kind "parcels").
PARCEL_LABELS: dict[str, str] = catalogue.labels("parcels", "zh")
PARCEL_LABELS_EN: dict[str, str] = catalogue.labels("parcels", "en")
NUMERIC_COLUMNS = (
    "area_mu",
    "far",
    "coverage_pct",
    "investment_wan_yuan",
    "invest_per_mu_wan_yuan",
    "grant_year",
    "promised_invest_per_mu_wan_yuan",
    "promised_far",
    "promised_tax_per_mu_wan_yuan",
    "promised_full_year",
)
# Parcel indicators offered on the map: key -> (中文, English, unit 中文, unit English).
PARCEL_METRICS: dict[str, tuple[str, str, str, str]] = {
    "far": ("容积率", "FAR", "", ""),
    "coverage_pct": ("建筑系数", "Building coverage", "%", "%"),
    "invest_per_mu_wan_yuan": ("投资强度", "Investment per mu", "万元/亩", "10k yuan/mu"),
    "tax_per_mu_wan_yuan": ("亩均税收", "Tax per mu", "万元/亩", "10k yuan/mu"),
}


def _both(key: str) -> tuple[str, str]:
    return message(key, "zh"), message(key, "en")


# Reasons a parcel is 低效用地 (rule key -> 中文, English; the words in geo/messages/land_notes.py).
RULES = ("class_d", "far_below_min", "coverage_below_min", "idle", "tax_below_min")
REASONS: dict[str, tuple[str, str]] = {rule: _both(f"land.reason.{rule}") for rule in RULES}
# How a parcel found its enterprise: ``join_method`` ("" none) -> 中文, English.
JOIN_METHODS: dict[str, tuple[str, str]] = {
    "id": _both("land.join.id"),
    "location": _both("land.join.location"),
    "": _both("land.join.none"),
}
# The grant-contract verdicts: the Chinese word the ``verdict`` column holds, and its catalogue key.
VERDICT_KEYS = {"met": "land.verdict.met", "missed": "land.verdict.missed", "not_due": "land.verdict.not_due"}
VERDICT_MET, VERDICT_MISSED, VERDICT_NOT_DUE = (message(k, "zh") for k in VERDICT_KEYS.values())
VERDICT_EN = {message(k, "zh"): message(k, "en") for k in VERDICT_KEYS.values()}
# Promise -> achieved column, 中文 name, English name.
PROMISES: dict[str, tuple[str, str, str]] = {
    "promised_invest_per_mu_wan_yuan": ("invest_per_mu_wan_yuan", *_both("land.promise.invest")),
    "promised_far": ("far", *_both("land.promise.far")),
    "promised_tax_per_mu_wan_yuan": ("tax_per_mu_wan_yuan", *_both("land.promise.tax")),
}


def verdict_note(verdict: str) -> Note | str:
    """A ``verdict`` value (达标 / 未达标 / 未到达产期) as a note in either language (another value as
    given)."""
    keys = {message(k, "zh"): k for k in VERDICT_KEYS.values()}
    return note(keys[verdict]) if verdict in keys else verdict


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class LandControls:
    """Control minimums, 低效用地 rules and the contract check (see ``geo/land/land_control.yaml``)."""

    far_min_by_category: Mapping[str, float]
    industry_category: Mapping[str, str]
    coverage_min_pct: float
    rules: Mapping[str, bool] = field(default_factory=dict)
    tax_per_mu_min_wan_yuan: float | None = None
    tolerance_pct: float = 0.0
    check_year: int = 2025

    def far_min(self, industry: Any) -> float:
        """The minimum 容积率 of an atlas industry (NaN when the industry is not mapped)."""
        category = self.industry_category.get(str(industry)) if industry is not None else None
        value = self.far_min_by_category.get(category) if category is not None else None
        return float(value) if value is not None else math.nan


def _read_yaml(path: Path) -> dict:
    return read_config_yaml(path, "用地控制指标配置文件")


def _number(value: Any, where: str, *, allow_none: bool = False) -> float | None:
    def not_a_number(_message: str) -> DataValidationError:
        return DataValidationError.of("land.not_a_number", where=where, value=repr(value))

    return config_number(value, where, error=not_a_number, allow_none=allow_none)


def controls_from_mapping(raw: Mapping) -> LandControls:
    """Controls from a mapping laid out like the YAML file, over the defaults.

    Raises
    ------
    DataValidationError
        For a non-numeric or negative minimum, an industry mapped to an unknown category, or an
        unknown rule.
    """
    merged = layered(_read_yaml(DEFAULT_CONTROLS_PATH), raw)
    cats = {
        str(k): _number(v, f"far_min_by_category.{k}")
        for k, v in (merged.get("far_min_by_category") or {}).items()
    }
    if any(v < 0 for v in cats.values()):
        raise DataValidationError.of("land.far_negative")
    mapping = {str(k): str(v) for k, v in (merged.get("industry_category") or {}).items()}
    unknown = sorted({v for v in mapping.values() if v not in cats})
    if unknown:
        raise DataValidationError.of("land.unknown_category", categories=Listing(unknown))
    low = dict(merged.get("low_efficiency") or {})
    tax_min = _number(
        low.pop("tax_per_mu_min_wan_yuan", None), "low_efficiency.tax_per_mu_min_wan_yuan", allow_none=True
    )
    bad_rules = sorted(set(low) - set(REASONS))
    if bad_rules:
        raise DataValidationError.of(
            "land.unknown_rule",
            rules=Listing(bad_rules),
            options=Listing(k for k in REASONS if k != "tax_below_min"),
        )
    contracts = merged.get("contracts") or {}
    return LandControls(
        far_min_by_category=cats,
        industry_category=mapping,
        coverage_min_pct=_number(merged.get("coverage_min_pct"), "coverage_min_pct"),
        rules={k: bool(v) for k, v in low.items()},
        tax_per_mu_min_wan_yuan=tax_min,
        tolerance_pct=_number(contracts.get("tolerance_pct", 0), "contracts.tolerance_pct"),
        check_year=int(_number(contracts.get("check_year", 2025), "contracts.check_year")),
    )


def default_controls() -> LandControls:
    """The documented defaults of ``geo/land/land_control.yaml``."""
    return controls_from_mapping({})


def load_controls(path: Path | str | None = None) -> LandControls:
    """A city's own YAML over the defaults (keys it leaves out keep the defaults)."""
    return controls_from_mapping({} if path is None else _read_yaml(Path(path)))


# --------------------------------------------------------------------------- columns and checks


def recognise_parcel_columns(columns: Sequence[Any]) -> dict[str, Any]:
    """Which column of an imported parcel layer holds each standard field (standard -> source), by
    the column catalogue: exact headers first (``宗地编号``, ``地块编号``, ``统一社会信用代码``, …), then
    fragments (``容积率(实测)``)."""
    return catalogue.suggest_columns([str(c) for c in columns], "parcels")


def prepare_parcels(parcels: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A parcel layer in the standard columns, with ``area_mu`` measured in EPSG:4549.

    Columns are recognised by :func:`recognise_parcel_columns`; numbers are coerced (blank or
    text: NaN); without a parcel-id column the parcels are numbered ``P1, P2, …``. An ``area_mu``
    the file carries is kept as ``area_mu_reported``. Parcels with no enterprise and no ``idle``
    column count as idle (闲置). The input is not modified.

    Raises
    ------
    DataValidationError
        When the layer is empty, has no CRS, holds non-polygons, or repeats a parcel id.
    """
    if not isinstance(parcels, gpd.GeoDataFrame):
        raise DataValidationError.of("land.not_spatial")
    if len(parcels) == 0:
        raise DataValidationError.of("land.empty")
    if parcels.crs is None:
        raise DataValidationError.of("land.no_crs")
    geoms = parcels.geometry.to_numpy()
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    types = set(shapely.get_type_id(geoms[~missing]).tolist())
    if not types <= {3, 6}:
        raise DataValidationError.of("land.not_polygons")
    mapping = recognise_parcel_columns([c for c in parcels.columns if c != parcels.geometry.name])
    out = pd.DataFrame(index=parcels.index)
    for target, source in mapping.items():
        out[target] = parcels[source]
    if PARCEL_ID in out:
        ids = out[PARCEL_ID].map(
            lambda v: None if v is None or v != v or str(v).strip() == "" else str(v).strip()
        )
        if ids.isna().any():
            raise DataValidationError.of("land.id_blank", column=mapping[PARCEL_ID], n=int(ids.isna().sum()))
        dups = ids[ids.duplicated(keep=False)]
        if len(dups):
            shown = Listing(pd.unique(dups).tolist()[:10])
            raise DataValidationError.of("land.id_duplicate", ids=shown)
        out[PARCEL_ID] = ids
    else:
        out[PARCEL_ID] = [f"P{i}" for i in range(1, len(out) + 1)]
    if ID_COL in out:
        out[ID_COL] = out[ID_COL].map(
            lambda v: None if v is None or v != v or str(v).strip() == "" else str(v).strip()
        )
    else:
        out[ID_COL] = None
    if "area_mu" in out:
        out["area_mu_reported"] = pd.to_numeric(out.pop("area_mu"), errors="coerce")
    for col in NUMERIC_COLUMNS:
        if col in out and col != "area_mu":
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    gdf = gpd.GeoDataFrame(out, geometry=parcels.geometry.to_numpy(), crs=parcels.crs)
    gdf["area_mu"] = area_mu(to_analysis_crs(gdf[[gdf.geometry.name]])).fillna(0.0).to_numpy()
    if "idle" in gdf:
        words = gdf["idle"].map(lambda v: str(v).strip().lower() if v is not None and v == v else "")
        gdf["idle"] = (
            words.isin({"1", "1.0", "true", "是", "闲置", "yes", "y", "t"}).to_numpy()
            | gdf[ID_COL].isna().to_numpy()
        )
    else:
        gdf["idle"] = gdf[ID_COL].isna().to_numpy()
    if "investment_wan_yuan" in gdf:
        computed = np.divide(
            gdf["investment_wan_yuan"].to_numpy(dtype="float64"),
            gdf["area_mu"].to_numpy(),
            out=np.full(len(gdf), np.nan),
            where=gdf["area_mu"].to_numpy() > 0,
        )
        given = (
            gdf["invest_per_mu_wan_yuan"].to_numpy(dtype="float64")
            if "invest_per_mu_wan_yuan" in gdf
            else computed
        )
        gdf["invest_per_mu_wan_yuan"] = np.where(np.isfinite(computed), computed, given)
    return gdf


# --------------------------------------------------------------------------- join and land


@dataclass(frozen=True)
class ParcelJoin:
    """Parcels with the enterprise each belongs to, and how they were joined.

    Attributes
    ----------
    parcels
        The prepared parcels (standard columns, ``area_mu`` in EPSG:4549) with ``ent_id`` filled
        and ``join_method`` (``id`` / ``location`` / empty for none).
    method
        ``"id"`` (by the parcels' enterprise-id column) or ``"location"`` (parcel holding the point).
    unknown_ids
        Enterprise ids on parcels that are not in the enterprise table.
    notes, notes_en
        Remarks for the user: notes (Chinese as strings, ``note.text("en")`` in English) and the same
        written in English.
    """

    parcels: gpd.GeoDataFrame
    method: str
    unknown_ids: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()


def join_parcels(parcels: gpd.GeoDataFrame, enterprises: pd.DataFrame, *, id_col: str = ID_COL) -> ParcelJoin:
    """Give each parcel its enterprise: by enterprise id when the parcels carry one, else by location.

    By id, values are compared as stripped text. By location, each enterprise point is looked up
    in the parcels (in EPSG:4549; a point on an edge counts as inside); a parcel holding several
    enterprise points goes to the first in table order (noted), and parcels holding none are idle.
    ``parcels`` must come from :func:`prepare_parcels`.

    Raises
    ------
    DataValidationError
        When joining by location and the enterprises have no locations or no CRS.
    """
    out = parcels.copy()
    ent_ids = enterprises[id_col].map(lambda v: str(v).strip())
    notes: list[Note] = []
    if out[ID_COL].notna().any():
        known = set(ent_ids)
        unknown = tuple(sorted({v for v in out[ID_COL].dropna() if v not in known}))
        if unknown:
            notes.append(note("land.note.unknown_ids", n=len(unknown), ids=Listing(unknown[:10])))
        out["join_method"] = np.where(out[ID_COL].notna(), "id", "")
        return ParcelJoin(out, "id", unknown, tuple(notes), tuple(n.text("en") for n in notes))
    if not isinstance(enterprises, gpd.GeoDataFrame) or enterprises.crs is None:
        raise DataValidationError.of("land.no_link")
    pm = to_analysis_crs(out[[out.geometry.name]])
    pts = enterprises.geometry.to_crs(pm.crs).to_numpy()
    tree = shapely.STRtree(pm.geometry.to_numpy())
    ent_idx, parcel_idx = tree.query(pts, predicate="intersects")
    holder = np.full(len(out), -1, dtype=np.int64)
    order = np.lexsort((ent_idx, parcel_idx))  # per parcel, the first enterprise in table order
    ent_idx, parcel_idx = ent_idx[order], parcel_idx[order]
    first = np.ones(len(parcel_idx), dtype=bool)
    first[1:] = parcel_idx[1:] != parcel_idx[:-1]
    holder[parcel_idx[first]] = ent_idx[first]
    shared = int((~first).sum())
    if shared:
        notes.append(note("land.note.shared_parcel", n=shared))
    ids = ent_ids.to_numpy(dtype=object)
    out[ID_COL] = [ids[h] if h >= 0 else None for h in holder]
    out["idle"] = holder < 0
    out["join_method"] = np.where(holder >= 0, "location", "")
    n_none = int((holder < 0).sum())
    if n_none:
        notes.append(note("land.note.empty_parcels", n=n_none))
    return ParcelJoin(out, "location", (), tuple(notes), tuple(n.text("en") for n in notes))


def with_parcel_land(enterprises: pd.DataFrame, joined: ParcelJoin, *, id_col: str = ID_COL) -> pd.DataFrame:
    """A copy of ``enterprises`` whose ``land_mu`` is Σ its parcels' area (EPSG:4549).

    Adds ``n_parcels``, ``land_mu_table`` (the table's own figure, NaN when it has none) and
    ``land_diff_mu`` (parcels − table). An enterprise without parcels keeps its table figure
    (``land_source`` says which: ``宗地`` / ``填报`` / empty when neither).
    """
    p = joined.parcels[joined.parcels[ID_COL].notna()]
    sums = p.groupby(ID_COL)["area_mu"].sum()
    counts = p.groupby(ID_COL).size()
    out = enterprises.copy()
    key = enterprises[id_col].map(lambda v: str(v).strip())
    from_parcels = key.map(sums).astype("float64")
    table = (
        pd.to_numeric(enterprises["land_mu"], errors="coerce").astype("float64")
        if "land_mu" in enterprises
        else pd.Series(np.nan, index=enterprises.index)
    )
    out["land_mu_table"] = table.to_numpy()
    out["land_mu"] = from_parcels.where(from_parcels.notna(), table).to_numpy()
    out["n_parcels"] = key.map(counts).fillna(0).astype("int64").to_numpy()
    out["land_diff_mu"] = (from_parcels - table).to_numpy()
    out["land_source"] = np.where(from_parcels.notna(), "宗地", np.where(table.notna(), "填报", ""))
    return out


def parcel_zones(parcels: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, *, zone_id: str = "name") -> pd.Series:
    """The zone of each parcel (the one holding a point on its surface); NaN outside every zone."""
    pm = to_analysis_crs(parcels[[parcels.geometry.name]])
    zm = to_analysis_crs(zones[[zones.geometry.name, zone_id]])
    pts = shapely.point_on_surface(pm.geometry.to_numpy())
    tree = shapely.STRtree(zm.geometry.to_numpy())
    p_idx, z_idx = tree.query(pts, predicate="intersects")
    zone = np.full(len(parcels), None, dtype=object)
    keys = zm[zone_id].to_numpy(dtype=object)
    for p, z in zip(p_idx[::-1], z_idx[::-1], strict=True):  # the first zone in order wins
        zone[p] = keys[z]
    return pd.Series(zone, index=parcels.index, name=ZONE_COL)


# --------------------------------------------------------------------------- intensity and rules


def parcel_indicators(
    joined: ParcelJoin,
    enterprises: pd.DataFrame,
    *,
    controls: LandControls | None = None,
    classes: pd.Series | None = None,
    id_col: str = ID_COL,
) -> gpd.GeoDataFrame:
    """Each parcel with its enterprise's industry, 亩均税收 and class, its minimums and the checks.

    ``tax_per_mu_wan_yuan`` is the enterprise's tax over its land (Σ its parcels, as given by
    :func:`with_parcel_land`): the same for all its parcels; NaN for idle parcels or without data.
    ``far_min`` is the minimum of the industry (NaN when unmapped: not checked); ``below_far`` and
    ``below_coverage`` are true only where both value and minimum are known. ``classes`` is the
    evaluation class per enterprise id (e.g. ``A``..``D``).
    """
    controls = controls or default_controls()
    p = joined.parcels.copy()
    ents = enterprises.assign(_key=enterprises[id_col].map(lambda v: str(v).strip())).set_index("_key")
    key = p[ID_COL]
    if "industry" in ents:
        p["industry"] = key.map(ents["industry"])
    elif "industry" not in p:
        p["industry"] = None
    if "name" in ents:
        p["ent_name"] = key.map(ents["name"])
    tax = pd.to_numeric(ents["tax_wan_yuan"], errors="coerce") if "tax_wan_yuan" in ents else None
    land = pd.to_numeric(ents["land_mu"], errors="coerce") if "land_mu" in ents else None
    if tax is not None and land is not None:
        per_mu = (tax / land.where(land > 0)).astype("float64")
        p["tax_per_mu_wan_yuan"] = key.map(per_mu).astype("float64").to_numpy()
    else:
        p["tax_per_mu_wan_yuan"] = np.nan
    p["eval_class"] = key.map(classes) if classes is not None else None
    p["far_min"] = [controls.far_min(i) for i in p["industry"]]
    p["coverage_min_pct"] = controls.coverage_min_pct
    far = p["far"].to_numpy(dtype="float64") if "far" in p else np.full(len(p), np.nan)
    cov = p["coverage_pct"].to_numpy(dtype="float64") if "coverage_pct" in p else np.full(len(p), np.nan)
    built = ~p["idle"].to_numpy(dtype=bool)
    fmin = p["far_min"].to_numpy(dtype="float64")
    p["below_far"] = built & np.isfinite(far) & np.isfinite(fmin) & (far < fmin)
    p["below_coverage"] = built & np.isfinite(cov) & (cov < controls.coverage_min_pct)
    p["below_minimum"] = p["below_far"] | p["below_coverage"]
    return p


def low_efficiency_parcels(
    indicators: gpd.GeoDataFrame, *, controls: LandControls | None = None
) -> gpd.GeoDataFrame:
    """The parcels found by the 低效用地 rules that are on, each with its ``reasons``, largest first.

    Adds ``reason_keys`` (``;``-separated rule keys) and ``reasons`` / ``reasons_en`` (``、`` /
    ``; ``-separated texts). A parcel whose data a rule needs is missing is not flagged by it.
    """
    controls = controls or default_controls()
    rules = controls.rules
    p = indicators
    hits: dict[str, np.ndarray] = {}
    if rules.get("class_d", True):
        hits["class_d"] = (p["eval_class"] == "D").to_numpy(dtype=bool)
    if rules.get("far_below_min", True):
        hits["far_below_min"] = p["below_far"].to_numpy(dtype=bool)
    if rules.get("coverage_below_min", True):
        hits["coverage_below_min"] = p["below_coverage"].to_numpy(dtype=bool)
    if rules.get("idle", True):
        hits["idle"] = p["idle"].to_numpy(dtype=bool)
    if controls.tax_per_mu_min_wan_yuan is not None:
        tpm = p["tax_per_mu_wan_yuan"].to_numpy(dtype="float64")
        hits["tax_below_min"] = np.isfinite(tpm) & (tpm < controls.tax_per_mu_min_wan_yuan)
    any_hit = np.zeros(len(p), dtype=bool)
    for h in hits.values():
        any_hit |= h
    out = p[any_hit].copy()
    keys = [[k for k, h in hits.items() if h[i]] for i in np.flatnonzero(any_hit)]
    out["reason_keys"] = [";".join(k) for k in keys]
    out["reasons"] = ["、".join(REASONS[r][0] for r in k) for k in keys]
    out["reasons_en"] = ["; ".join(REASONS[r][1] for r in k) for k in keys]
    return out.sort_values(["area_mu", PARCEL_ID], ascending=[False, True], kind="stable")


def check_contracts(
    indicators: gpd.GeoDataFrame, *, controls: LandControls | None = None, check_year: int | None = None
) -> gpd.GeoDataFrame:
    """Parcels with grant-contract promises: achieved vs promised, the gaps and a verdict.

    For each promise (投资强度, 容积率, 亩均税收) present, ``gap_<x>`` = achieved − promised (negative:
    short of it) and ``met_<x>`` = achieved ≥ promised × (1 − tolerance). ``verdict`` is 达标 when
    every promise present is met, 未达标 otherwise (``shortfalls`` names them; a missing achieved
    value counts as not met; ``shortfalls_en`` in English), and 未到达产期 while
    ``promised_full_year`` is after ``check_year``.
    """
    controls = controls or default_controls()
    year = controls.check_year if check_year is None else int(check_year)
    present = [c for c in PROMISES if c in indicators]
    if not present:
        return indicators.iloc[0:0].assign(
            verdict=pd.Series(dtype=object), shortfalls=pd.Series(dtype=object)
        )
    has_promise = np.zeros(len(indicators), dtype=bool)
    for c in present:
        has_promise |= np.isfinite(indicators[c].to_numpy(dtype="float64"))
    out = indicators[has_promise].copy()
    factor = 1.0 - controls.tolerance_pct / 100.0
    missed = np.zeros(len(out), dtype=bool)
    names: list[list[str]] = [[] for _ in range(len(out))]
    names_en: list[list[str]] = [[] for _ in range(len(out))]
    for c in present:
        achieved_col, zh, en = PROMISES[c]
        promised = out[c].to_numpy(dtype="float64")
        achieved = (
            out[achieved_col].to_numpy(dtype="float64") if achieved_col in out else np.full(len(out), np.nan)
        )
        short = achieved_col.replace("_wan_yuan", "")
        out[f"gap_{short}"] = np.where(np.isfinite(promised), achieved - promised, np.nan)
        applies = np.isfinite(promised)
        ok = np.isfinite(achieved) & (achieved >= promised * factor)
        out[f"met_{short}"] = np.where(applies, ok, None)
        for i in np.flatnonzero(applies & ~ok):
            names[i].append(zh)
            names_en[i].append(en)
        missed |= applies & ~ok
    due = (
        out["promised_full_year"].to_numpy(dtype="float64")
        if "promised_full_year" in out
        else np.full(len(out), -np.inf)
    )
    not_due = np.isfinite(due) & (due > year)
    out["verdict"] = np.where(not_due, VERDICT_NOT_DUE, np.where(missed, VERDICT_MISSED, VERDICT_MET))
    out["shortfalls"] = ["" if nd else "、".join(n) for n, nd in zip(names, not_due, strict=True)]
    out["shortfalls_en"] = ["" if nd else "; ".join(n) for n, nd in zip(names_en, not_due, strict=True)]
    return out


# Output labels (units in the labels) for tables and exports.
RESULT_LABELS: dict[str, str] = {
    **PARCEL_LABELS,
    ZONE_COL: "区镇/园区",
    "ent_name": "企业名称",
    "industry": "行业",
    "tax_per_mu_wan_yuan": "亩均税收（万元/亩）",
    "eval_class": "企业评价类别",
    "far_min": "容积率下限",
    "coverage_min_pct": "建筑系数下限（%）",
    "below_far": "容积率低于下限",
    "below_coverage": "建筑系数低于下限",
    "below_minimum": "低于控制下限",
    "area_mu_reported": "文件所载面积（亩）",
    "reasons": "认定理由",
    "reason_keys": "规则",
    "verdict": "履约结论",
    "shortfalls": "未达标指标",
    "gap_invest_per_mu": "投资强度差额（万元/亩）",
    "gap_far": "容积率差额",
    "gap_tax_per_mu": "亩均税收差额（万元/亩）",
    "land_mu_table": "填报用地面积（亩）",
    "land_diff_mu": "宗地与填报之差（亩）",
    "n_parcels": "宗地数（宗）",
    "join_method": "对应方式",
}
RESULT_LABELS_EN: dict[str, str] = {
    **PARCEL_LABELS_EN,
    ZONE_COL: "Town/park",
    "ent_name": "Enterprise",
    "industry": "Industry",
    "tax_per_mu_wan_yuan": "Tax per mu (10k yuan/mu)",
    "eval_class": "Enterprise class",
    "far_min": "FAR minimum",
    "coverage_min_pct": "Coverage minimum (%)",
    "below_far": "FAR below minimum",
    "below_coverage": "Coverage below minimum",
    "below_minimum": "Below a control minimum",
    "area_mu_reported": "Area as in the file (mu)",
    "reasons": "Reasons",
    "reason_keys": "Rules",
    "verdict": "Verdict",
    "shortfalls": "Promises missed",
    "gap_invest_per_mu": "Investment gap (10k yuan/mu)",
    "gap_far": "FAR gap",
    "gap_tax_per_mu": "Tax-per-mu gap (10k yuan/mu)",
    "land_mu_table": "Land as reported (mu)",
    "land_diff_mu": "Parcels minus reported (mu)",
    "n_parcels": "Parcels",
    "join_method": "Joined by",
}


# --------------------------------------------------------------------------- all of it at once


@dataclass(frozen=True)
class ParcelAnalysis:
    """Everything the parcels give, from one call of :func:`analyse_parcels`.

    Attributes
    ----------
    join
        The parcels with their enterprises (:class:`ParcelJoin`).
    enterprises
        The enterprise table with land from the parcels (:func:`with_parcel_land`).
    indicators
        One row per parcel: attributes, zone, industry, 亩均税收, class, minimums and checks.
    low
        The 低效用地 parcels with their reasons (:func:`low_efficiency_parcels`).
    contracts
        The parcels with contract promises, checked (:func:`check_contracts`).
    """

    join: ParcelJoin
    enterprises: pd.DataFrame
    indicators: gpd.GeoDataFrame
    low: gpd.GeoDataFrame
    contracts: gpd.GeoDataFrame
    controls: LandControls


def analyse_parcels(
    parcels: gpd.GeoDataFrame,
    enterprises: pd.DataFrame,
    *,
    classes: pd.Series | None = None,
    zones: gpd.GeoDataFrame | None = None,
    zone_id: str = "name",
    controls: LandControls | None = None,
    id_col: str = ID_COL,
) -> ParcelAnalysis:
    """Prepare, join, measure, check and find: the parcel workflow in one call.

    ``classes`` (evaluation class per enterprise id) feeds the class-D rule; ``zones`` gives each
    parcel its zone by location (else the parcels' ``town`` column, if any, is the zone).
    """
    controls = controls or default_controls()
    prepared = prepare_parcels(parcels)
    joined = join_parcels(prepared, enterprises, id_col=id_col)
    ents = with_parcel_land(enterprises, joined, id_col=id_col)
    ind = parcel_indicators(joined, ents, controls=controls, classes=classes, id_col=id_col)
    if zones is not None:
        ind[ZONE_COL] = parcel_zones(ind, zones, zone_id=zone_id).to_numpy()
    else:
        ind[ZONE_COL] = ind["town"].to_numpy() if "town" in ind else None
    low = low_efficiency_parcels(ind, controls=controls)
    contracts = check_contracts(ind, controls=controls)
    return ParcelAnalysis(joined, ents, ind, low, contracts, controls)


def with_classes(analysis: ParcelAnalysis, classes: pd.Series) -> ParcelAnalysis:
    """The analysis again with evaluation classes (for the class-D rule), parcels unchanged."""
    ind = analysis.indicators.copy()
    ind["eval_class"] = ind[ID_COL].map(classes)
    low = low_efficiency_parcels(ind, controls=analysis.controls)
    return ParcelAnalysis(
        analysis.join, analysis.enterprises, ind, low, analysis.contracts, analysis.controls
    )
