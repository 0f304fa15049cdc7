"""Standard columns of zones and enterprises: suggested mapping, unit factors, typed values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import DataValidationError
from geo.ingest.base import Kind
from geo.ingest.report import _Report, _rows
from geo.ingest.values import _number, _text, _to_bool
from geo.measure import M2_PER_KM2, M2_PER_MU, MU_PER_HECTARE, WAN_PER_YI
from geo.schema import ENTERPRISES

# Standard columns per kind: required ones must be mapped, optional ones are filled with NA.
ZONE_COLUMNS = ("zone_id", "name", "area_km2", "area_mu")


ENTERPRISE_REQUIRED = ("name", "land_mu", "tax_wan_yuan", "sales_wan_yuan")


_ENTERPRISE_NUMERIC = (
    "land_mu",
    "sales_wan_yuan",
    "tax_wan_yuan",
    "value_added_wan_yuan",
    "energy_tce",
    "electricity_kwh",
    "employees",
    "rd_wan_yuan",
)


FIELD_ZH = {
    "ent_id": "企业编号/信用代码",
    "name": "名称",
    "industry": "行业",
    "town": "所在区镇",
    "land_mu": "用地面积（亩）",
    "sales_wan_yuan": "销售收入（万元）",
    "tax_wan_yuan": "税收（万元）",
    "value_added_wan_yuan": "工业增加值（万元）",
    "energy_tce": "综合能耗（吨标煤）",
    "electricity_kwh": "用电量（千瓦时）",
    "employees": "从业人员（人）",
    "rd_wan_yuan": "研发经费（万元）",
    "above_scale": "是否规上",
    "zone_id": "分区编号",
}


# Column-name fragments that suggest each target column (lower-case, matched after normalising).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "ent_id": ("ent_id", "信用代码", "企业编号", "企业代码", "组织机构代码", "编号", "id"),
    "zone_id": ("zone_id", "编号", "代码", "编码", "code", "id"),
    "name": ("name", "企业名称", "单位名称", "园区名称", "名称", "名字", "企业"),
    "industry": ("industry", "所属行业", "行业", "产业"),
    "town": ("town", "所在区镇", "所属区镇", "区镇", "乡镇", "镇"),
    "land_mu": ("land_mu", "用地面积", "用地", "占地", "土地面积", "亩"),
    "sales_wan_yuan": ("sales_wan_yuan", "销售收入", "营业收入", "主营业务收入", "销售", "营收"),
    "tax_wan_yuan": ("tax_wan_yuan", "实缴税金", "税收", "纳税", "税金", "税"),
    "value_added_wan_yuan": ("value_added_wan_yuan", "工业增加值", "增加值"),
    "energy_tce": ("energy_tce", "综合能耗", "能耗"),
    "electricity_kwh": ("electricity_kwh", "用电量", "用电"),
    "employees": ("employees", "从业人员", "职工人数", "员工", "人数"),
    "rd_wan_yuan": ("rd_wan_yuan", "研发经费", "研发", "r&d"),
    "above_scale": ("above_scale", "是否规上", "规上", "规模"),
}


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-（）()\[\]【】:：/]", "", unicodedata.normalize("NFKC", str(text)).lower())


def suggest_mapping(columns: Sequence[str], kind: Kind) -> dict[str, str]:
    """Map the atlas's standard column names onto a table's columns by name (target -> source)."""
    targets = {"enterprises": ENTERPRISES.columns, "zones": ("zone_id", "name")}.get(kind, ())
    normed = [(c, _norm(c)) for c in columns]
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for target in targets:
        for synonym in _SYNONYMS.get(target, (target,)):
            syn = _norm(synonym)
            hits = [c for c, n in normed if c not in used and (n == syn or (len(syn) > 1 and syn in n))]
            if hits:
                mapping[target] = hits[0]
                used.add(hits[0])
                break
    return mapping


def _unit_factor(source_col: str, target: str) -> float:
    """Factor from the unit in a column's name to the unit of the target column."""
    name = unicodedata.normalize("NFKC", source_col).lower()
    if target == "land_mu":
        if re.search(r"平方米|m2|m²|㎡|平米", name):
            return 1 / M2_PER_MU
        if re.search(r"公顷|hm2|ha\b", name):
            return MU_PER_HECTARE
        if re.search(r"平方公里|km2|km²", name):
            return M2_PER_KM2 / M2_PER_MU
    if target.endswith("_wan_yuan"):
        if "亿" in name:
            return WAN_PER_YI
        if re.search(r"(?<!万)元", name) and "万" not in name:
            return 1 / 10_000
    if target == "electricity_kwh" and re.search(r"万(千瓦时|度|kwh)", name):
        return 10_000
    return 1.0


def _unique_ids(
    values: pd.Series | None,
    prefix: str,
    fatal: pd.Series,
    rownum: pd.Series,
    report: _Report,
    source: str | None,
) -> tuple[pd.Series, pd.Series]:
    """IDs as text, blanks numbered ``<prefix><row>`` (reported when the column was mapped), and a
    mask of rows whose ID repeats an earlier surviving row."""
    index = fatal.index
    ids = _text(values) if values is not None else pd.Series([None] * len(index), index=index, dtype=object)
    blank = ids.isna()
    ids = ids.where(~blank, prefix + rownum.loc[index].map("{:05d}".format))
    if source is not None:
        report.add(
            _rows(rownum, blank & ~fatal),
            "warning",
            source,
            "编号为空，已按行号自动编号",
            ids[blank & ~fatal],
        )
    duplicate = pd.Series(False, index=index)
    duplicate[~fatal] = ids[~fatal].duplicated(keep="first")
    return ids, duplicate


def _apply_mapping(
    gdf: gpd.GeoDataFrame,
    kind: Kind,
    mapping: Mapping[str, str] | None,
    rownum: pd.Series,
    report: _Report,
    notes: list[str],
) -> gpd.GeoDataFrame:
    if kind == "other":
        return gdf
    mapping = (
        dict(mapping)
        if mapping is not None
        else suggest_mapping([c for c in gdf.columns if c != gdf.geometry.name], kind)
    )
    mapping = {k: v for k, v in mapping.items() if v}
    absent = {t: s for t, s in mapping.items() if s not in gdf.columns}
    if absent:
        raise DataValidationError(
            f"字段对应中指定的列不存在：{'、'.join(f'{FIELD_ZH.get(t, t)}→「{s}」' for t, s in absent.items())}",
            hint=f"现有列：{'、'.join(str(c) for c in gdf.columns if c != gdf.geometry.name)}",
        )
    required = ENTERPRISE_REQUIRED if kind == "enterprises" else ("name",)
    missing = [t for t in required if t not in mapping]
    if missing:
        raise DataValidationError(
            f"缺少必需的字段：{'、'.join(FIELD_ZH.get(t, t) for t in missing)}",
            hint="请在「字段对应」中为它们选择表格里的列，或在源表中补上这些列后重新导入",
        )
    out = gdf.copy()
    renamed = {}
    for target, source in mapping.items():
        renamed[target] = out[source]
    extras = [
        c for c in out.columns if c not in mapping.values() and c != out.geometry.name and c not in renamed
    ]
    result = pd.DataFrame(renamed, index=out.index)
    if kind == "enterprises":
        fatal = pd.Series(False, index=result.index)
        for target in _ENTERPRISE_NUMERIC:
            if target not in result:
                result[target] = np.nan
                continue
            raw = result[target]
            values = _number(raw)
            bad = values.isna() & raw.notna()
            report.add(
                _rows(rownum, bad), "error", mapping[target], f"「{FIELD_ZH[target]}」不是数字", raw[bad]
            )
            negative = values < 0
            report.add(
                _rows(rownum, negative),
                "error",
                mapping[target],
                f"「{FIELD_ZH[target]}」为负数",
                raw[negative],
            )
            if target in ENTERPRISE_REQUIRED:
                empty = raw.isna()
                report.add(
                    _rows(rownum, empty), "error", mapping[target], f"必需字段「{FIELD_ZH[target]}」为空"
                )
                fatal |= bad | negative | empty
            factor = _unit_factor(mapping[target], target)
            if factor != 1.0:
                notes.append(f"「{mapping[target]}」按列名中的单位换算为{FIELD_ZH[target]}（×{factor:g}）")
            result[target] = (values * factor).where(~(bad | negative))
        no_land = (result["land_mu"] == 0) & ~fatal
        report.add(
            _rows(rownum, no_land),
            "warning",
            mapping["land_mu"],
            "用地面积为 0，亩均指标无法计算",
            result["land_mu"][no_land],
        )
        empty_name = result["name"].isna() | (result["name"].astype(str).str.strip() == "")
        report.add(_rows(rownum, empty_name), "error", mapping["name"], "名称为空")
        fatal |= empty_name
        if "above_scale" in result:
            raw = result["above_scale"]
            flags = raw.map(_to_bool)
            unknown = flags.map(lambda v: v is None).astype(bool)
            report.add(
                _rows(rownum, unknown),
                "warning",
                mapping["above_scale"],
                "无法识别是否规上（应为 是/否、规上/规下、1/0），按缺失处理",
                raw[unknown],
            )
            result["above_scale"] = pd.array(
                [pd.NA if v is None or v is pd.NA else bool(v) for v in flags], dtype="boolean"
            )
        else:
            result["above_scale"] = pd.array([pd.NA] * len(result), dtype="boolean")
        for col in ("industry", "town"):
            if col not in result:
                result[col] = pd.NA
        for col in ("name", "industry", "town"):
            result[col] = _text(result[col])
        result["ent_id"], duplicate = _unique_ids(
            result.get("ent_id"), "U", fatal, rownum, report, mapping.get("ent_id")
        )
        report.add(
            _rows(rownum, duplicate),
            "error",
            mapping.get("ent_id", "ent_id"),
            "企业编号重复（每家企业只能有一行），本行已剔除",
            result["ent_id"][duplicate],
        )
        fatal |= duplicate
        result = result[list(ENTERPRISES.columns)]
    else:  # zones
        result["name"] = _text(result["name"])
        fatal = result["name"].isna()
        report.add(_rows(rownum, fatal), "error", mapping["name"], "名称为空")
        ids, duplicate = _unique_ids(
            result.get("zone_id"), "Z", fatal, rownum, report, mapping.get("zone_id")
        )
        renamed_ids = ids.where(~duplicate, ids + "-" + rownum.loc[ids.index].astype(str))
        report.add(
            _rows(rownum, duplicate),
            "warning",
            mapping.get("zone_id", "zone_id"),
            "分区编号重复，已在编号后加上行号以区分",
            renamed_ids[duplicate],
        )
        result["zone_id"] = renamed_ids
        result = result[["zone_id", "name"]]
    for col in extras:
        if col not in result.columns:
            result[col] = out[col]
    result = gpd.GeoDataFrame(result, geometry=out.geometry, crs=out.crs)
    return result.loc[~fatal.to_numpy()]
