"""Names and columns of the GeoPackage layers, shared by the build, the loaders and the pages."""

from __future__ import annotations

from dataclasses import dataclass

# Accuracy classes, from most to least exact (docs/domain.md §6).
ACCURACY_CLASSES = ("real", "transcribed", "schematic", "synthetic")

# The eight Wujiang 区镇 management units, in the order the Wujiang plan (吴江“十四五”工业规划) names them.
WUJIANG_TOWNS = (
    "吴江开发区",
    "汾湖高新区（黎里镇）",
    "吴江高新区（盛泽镇）",
    "东太湖度假区（太湖新城）",
    "七都镇",
    "震泽镇",
    "桃源镇",
    "平望镇",
)

# Industries of the Wujiang plan's layout boxes (吴江“十四五”工业规划), plus the remainder.
WUJIANG_INDUSTRIES = (
    "高端装备",
    "高端纺织",
    "新材料",
    "生物医药和医疗器械",
    "新一代信息技术",
    "光电通信",
    "其他制造业",
)


@dataclass(frozen=True)
class LayerSchema:
    """A stored layer: its table name, geometry kind and required columns (with units in names)."""

    name: str
    geometry: str | None  # "polygon", "line", "point" or None for attribute tables
    columns: tuple[str, ...]


DISTRICTS = LayerSchema("districts", "polygon", ("adcode", "name", "name_en", "kind", "area_km2"))
CITY_OUTLINE = LayerSchema("city_outline", "polygon", ("adcode", "name", "area_km2"))
WUJIANG_TOWN_ZONES = LayerSchema(
    "wujiang_towns", "polygon", ("town_id", "name", "short_name", "seat_lon", "seat_lat", "area_km2")
)
DEV_ZONES = LayerSchema("dev_zones", "polygon", ("zone_id", "name", "level", "county", "industries"))
CARRIER_PARKS = LayerSchema("carrier_parks", "point", ("park_id", "name", "town", "industries"))
CORRIDOR_AXES = LayerSchema(
    "corridor_axes", "line", ("corridor_id", "name", "kind", "industries", "description")
)
CORRIDOR_BELTS = LayerSchema(
    "corridor_belts", "polygon", ("corridor_id", "name", "kind", "industries", "description")
)
ENTERPRISES = LayerSchema(
    "enterprises",
    "point",
    (
        "ent_id",
        "name",
        "industry",
        "town",
        "land_mu",
        "sales_wan_yuan",
        "tax_wan_yuan",
        "value_added_wan_yuan",
        "energy_tce",
        "electricity_kwh",
        "employees",
        "rd_wan_yuan",
        "above_scale",
    ),
)
# Land parcels (宗地). Chinese labels with units: geo.land.parcels.PARCEL_LABELS.
PARCELS = LayerSchema(
    "parcels",
    "polygon",
    (
        "parcel_id",  # 宗地编号
        "ent_id",  # 企业编号 (empty: idle parcel)
        "town",  # 区镇
        "area_mu",  # 宗地面积 (亩), measured in EPSG:4549
        "idle",  # 闲置
        "land_use",  # 用地性质 M1/M2/M3
        "far",  # 容积率
        "coverage_pct",  # 建筑系数 (%)
        "investment_wan_yuan",  # 固定资产投资 (万元)
        "invest_per_mu_wan_yuan",  # 投资强度 (万元/亩)
        "grant_year",  # 供地年份
        "promised_invest_per_mu_wan_yuan",  # 约定投资强度 (万元/亩), contracts from 2016
        "promised_far",  # 约定容积率
        "promised_tax_per_mu_wan_yuan",  # 约定亩均税收 (万元/亩)
        "promised_full_year",  # 约定达产年份
    ),
)
# The synthetic later years of the enterprises (data/years.py): one row per enterprise and year.
ENTERPRISE_YEARS = LayerSchema(
    "enterprise_years", "point", ("year", *ENTERPRISES.columns, "start_year", "water_m3", "renewed_from")
)
# Attribute tables (no geometry).
WUJIANG_CLUSTERS = LayerSchema("wujiang_clusters", None, ("industry", "town", "role", "note"))
WUJIANG_INDUSTRY_FIGURES = LayerSchema(
    "wujiang_industry_figures",
    None,
    ("industry", "sales_2020_yi_yuan", "target_2025_yi_yuan", "tax_per_mu_2020_wan_yuan"),
)
KEY_INDUSTRIES = LayerSchema(
    "key_industries", None, ("industry", "target_2020_yi_yuan", "carrier_parks", "chain")
)
COUNTY_FOCUS = LayerSchema("county_cluster_focus", None, ("area", "adcode", "focus"))
RENEWAL_RECORD = LayerSchema(
    "wujiang_renewal_record", None, ("period", "enterprises_closed", "land_freed_mu", "source")
)
LAYER_METADATA = LayerSchema(
    "layer_metadata", None, ("layer", "title_zh", "title_en", "accuracy", "source", "licence", "crs", "note")
)

ALL_LAYERS = (
    DISTRICTS,
    CITY_OUTLINE,
    WUJIANG_TOWN_ZONES,
    DEV_ZONES,
    CARRIER_PARKS,
    CORRIDOR_AXES,
    CORRIDOR_BELTS,
    ENTERPRISES,
    PARCELS,
    ENTERPRISE_YEARS,
    WUJIANG_CLUSTERS,
    WUJIANG_INDUSTRY_FIGURES,
    KEY_INDUSTRIES,
    COUNTY_FOCUS,
    RENEWAL_RECORD,
    LAYER_METADATA,
)
LAYERS_BY_NAME = {schema.name: schema for schema in ALL_LAYERS}
