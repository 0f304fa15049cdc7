"""The column catalogue: every standard column of zones and enterprises, declared once.

Labels (Chinese and English), units, the exact headers official forms use, the fragments that
suggest a column, numeric/boolean and which use needs it are written here in one table;
``FIELD_ZH``, the import's suggestions, the evaluation's labels and the per-zone amounts are
derived from it, so the 数据管理 page and ``python -m geo.cli evaluate`` read one file one way.
This module also holds the one header normaliser (:func:`norm_header`) and the one yes/no
parser (:func:`parse_yes_no`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml

from geo.spatial.measure import M2_PER_KM2, M2_PER_MU, MU_PER_HECTARE, WAN_PER_YI

Use = Literal["import", "metrics", "evaluation"]


@dataclass(frozen=True)
class Column:
    """One standard column.

    ``headers`` are the exact header names of official forms, without the unit: a table header
    matches when it is one of them followed by one of the unit's spellings (in half- or
    full-width brackets, or none), e.g. ``用地面积(亩)``, ``用地面积（公顷）``. ``aliases`` are
    fragments that suggest the column when no header matches exactly. ``required_for`` names
    the uses that cannot go without it; ``amount`` columns are summed per zone.
    """

    key: str
    label_zh: str
    label_en: str
    unit_zh: str = ""
    unit_en: str = ""
    kind: Literal["id", "text", "number", "boolean"] = "number"
    headers: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    required_for: tuple[Use, ...] = ()
    amount: bool = False

    def label(self, lang: str = "zh", *, with_unit: bool = True) -> str:
        """``用地面积（亩）`` / ``Land (mu)``; without unit for columns that have none."""
        if lang == "en":
            return f"{self.label_en} ({self.unit_en})" if with_unit and self.unit_en else self.label_en
        return f"{self.label_zh}（{self.unit_zh}）" if with_unit and self.unit_zh else self.label_zh


# Spellings of each base unit in headers, with the factor into the base unit (longest first
# when matched). 1 亩 = 10000/15 m², 1 公顷 = 15 亩, 1 万元 = 10 千元 = 10,000 元, 1 万千瓦时 = 10,000 kWh.
UNIT_SPELLINGS: dict[str, dict[str, float]] = {
    "亩": {
        "亩": 1.0,
        "平方米": 1 / M2_PER_MU,
        "平米": 1 / M2_PER_MU,
        "m2": 1 / M2_PER_MU,
        "m²": 1 / M2_PER_MU,
        "㎡": 1 / M2_PER_MU,
        "公顷": MU_PER_HECTARE,
        "hm2": MU_PER_HECTARE,
        "ha": MU_PER_HECTARE,
        "平方公里": M2_PER_KM2 / M2_PER_MU,
        "平方千米": M2_PER_KM2 / M2_PER_MU,
        "km2": M2_PER_KM2 / M2_PER_MU,
        "km²": M2_PER_KM2 / M2_PER_MU,
    },
    "万元": {"万元": 1.0, "千元": 0.1, "元": 1 / 10_000, "亿元": WAN_PER_YI},
    "千瓦时": {
        "千瓦时": 1.0,
        "kwh": 1.0,
        "度": 1.0,
        "万千瓦时": 10_000.0,
        "万kwh": 10_000.0,
        "万度": 10_000.0,
    },
    "吨标准煤": {"吨标准煤": 1.0, "吨标煤": 1.0, "tce": 1.0, "万吨标准煤": 10_000.0},
    "人": {"人": 1.0},
    "平方米": {
        "平方米": 1.0,
        "平米": 1.0,
        "m2": 1.0,
        "m²": 1.0,
        "㎡": 1.0,
        "亩": M2_PER_MU,
        "公顷": 10_000.0,
        "万平方米": 10_000.0,
    },
    "%": {"%": 1.0},
}


ENTERPRISE_COLUMNS: tuple[Column, ...] = (
    Column(
        "ent_id",
        "企业编号",
        "Enterprise ID",
        kind="id",
        headers=(
            "企业编号",
            "企业ID",
            "企业代码",
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "组织机构代码",
            "纳税人识别号",
        ),
        aliases=("信用代码", "编号", "代码", "id"),
        required_for=("evaluation",),
    ),
    Column(
        "name",
        "企业名称",
        "Name",
        kind="text",
        headers=("企业名称", "单位名称", "纳税人名称", "企业（单位）名称", "名称"),
        aliases=("名称", "名字", "企业", "公司"),
        required_for=("import",),
    ),
    Column(
        "industry",
        "行业",
        "Industry",
        kind="text",
        headers=("行业", "所属行业", "行业类别", "行业门类", "国民经济行业", "产业"),
        aliases=("行业", "产业"),
    ),
    Column(
        "town",
        "所在区镇",
        "Town",
        kind="text",
        # the forms a county's files use (walk18 (b)4: 所属镇). Not 所属区域/所属地区 (a district as
        # often as a town) nor 所属园区 (a park): those stay unmapped, the user picks.
        headers=(
            "所在区镇",
            "所属区镇",
            "区镇",
            "乡镇",
            "所在镇",
            "所属镇",
            "所在镇（区）",
            "所属镇（区）",
            "镇（区）",
            "区（镇）",
            "镇（街道）",
            "街道（镇）",
            "镇街",
            "所在镇街",
            "所属镇街",
            "街道",
            "所在街道",
            "所属街道",
        ),
        aliases=("区镇", "镇区", "乡镇", "镇"),
    ),
    Column(
        "land_mu",
        "用地面积",
        "Land",
        "亩",
        "mu",
        headers=("用地面积", "占地面积", "土地面积", "实际用地面积", "土地使用面积", "用地"),
        aliases=("用地", "占地", "土地面积", "亩"),
        required_for=("import", "metrics", "evaluation"),
        amount=True,
    ),
    Column(
        "sales_wan_yuan",
        "销售收入",
        "Sales",
        "万元",
        "10k yuan",
        headers=("销售收入", "营业收入", "主营业务收入", "应税销售收入", "销售额"),
        aliases=("销售", "营收", "营业收入", "收入"),
        required_for=("import", "metrics", "evaluation"),
        amount=True,
    ),
    Column(
        "tax_wan_yuan",
        "税收",
        "Tax",
        "万元",
        "10k yuan",
        headers=(
            "税收",
            "实缴税金",
            "实缴税收",
            "税收总额",
            "税收收入",
            "纳税总额",
            "入库税金",
            "实际入库税金",
        ),
        aliases=("税金", "纳税", "税收", "税"),
        required_for=("import", "metrics", "evaluation"),
        amount=True,
    ),
    Column(
        "value_added_wan_yuan",
        "工业增加值",
        "Value added",
        "万元",
        "10k yuan",
        headers=("工业增加值", "增加值"),
        aliases=("增加值",),
        amount=True,
    ),
    Column(
        "energy_tce",
        "综合能耗",
        "Energy use",
        "吨标准煤",
        "tce",
        headers=("综合能耗", "能耗", "综合能源消费量"),
        aliases=("能耗",),
        amount=True,
    ),
    Column(
        "electricity_kwh",
        "用电量",
        "Electricity",
        "千瓦时",
        "kWh",
        headers=("用电量", "总用电量", "用电"),
        aliases=("用电", "电量"),
        amount=True,
    ),
    Column(
        "employees",
        "从业人员",
        "Employees",
        "人",
        "persons",
        headers=("从业人员", "从业人员数", "年末从业人员", "职工人数", "员工人数"),
        aliases=("从业人员", "职工", "员工", "人数"),
        amount=True,
    ),
    Column(
        "rd_wan_yuan",
        "研发经费",
        "R&D spending",
        "万元",
        "10k yuan",
        headers=("研发经费", "R&D经费", "研发投入", "研究与试验发展经费"),
        aliases=("研发", "r&d"),
        amount=True,
    ),
    Column(
        "above_scale",
        "是否规上",
        "Above designated size",
        kind="boolean",
        headers=("是否规上", "规上", "规模以上", "是否规模以上", "规上企业", "企业规模", "规模"),
        aliases=("规上", "规模"),
        required_for=("evaluation",),
    ),
    # Tenants and compounds (geo/evaluation/compounds.py): enterprises on one 宗地 or compound share
    # its land. Exact headers only, so that a plain 宗地编号 (one enterprise's own parcel) is never
    # read as a shared compound.
    Column(
        "compound_id",
        "共用宗地（园区）编号",
        "Shared parcel/compound ID",
        kind="id",
        headers=("共用宗地（园区）编号", "共用宗地编号", "宗地（园区）编号", "园区（厂区）编号", "厂区编号"),
    ),
    Column(
        "land_host",
        "是否土地权利人",
        "Land holder (host)",
        kind="boolean",
        headers=("是否土地权利人", "土地权利人", "是否房东", "房东", "是否出租方"),
    ),
    Column(
        "floor_area_m2",
        "使用建筑面积",
        "Floor area used",
        "平方米",
        "m²",
        headers=("使用建筑面积", "租用面积", "租赁面积", "承租面积", "占用建筑面积"),
    ),
    Column(
        "land_share_pct",
        "用地分摊比例",
        "Agreed land share",
        "%",
        "%",
        headers=("用地分摊比例", "分摊比例"),
    ),
    # The year a row is for, when one table holds several years (the yearly cycle). Exact headers
    # only (no fragments), so that e.g. 投产年份 is never read as the table's year.
    Column(
        "year",
        "年份",
        "Year",
        kind="text",
        headers=("年份", "年度", "统计年份", "评价年份", "数据年份"),
    ),
)


ZONE_COLUMNS: tuple[Column, ...] = (
    Column(
        "zone_id",
        "分区编号",
        "Zone ID",
        kind="id",
        headers=("分区编号", "园区编号", "编号", "代码", "编码"),
        aliases=("编号", "代码", "编码", "code", "id"),
    ),
    Column(
        "name",
        "名称",
        "Name",
        kind="text",
        # a park layer's name column as it is headed (园区, 开发区, 片区: walk20 item 12)
        headers=(
            "名称",
            "园区名称",
            "区镇名称",
            "分区名称",
            "园区",
            "园区名",
            "开发区",
            "开发区名称",
            "片区",
            "片区名称",
        ),
        aliases=("名称", "名字"),
        required_for=("import",),
    ),
)


# Land parcels (宗地), read by geo/land/parcels.py. Promises come before what they promise, so that a
# fragment like 容积率 does not take the 约定容积率 column.
PARCEL_COLUMNS: tuple[Column, ...] = (
    Column(
        "parcel_id",
        "宗地编号",
        "Parcel ID",
        kind="id",
        headers=(
            "宗地编号",
            "地块编号",
            "宗地代码",
            "地块代码",
            "宗地号",
            "地块号",
            "不动产单元号",
            "不动产单元代码",
        ),
        aliases=("宗地编号", "地块编号", "宗地代码", "地块代码", "zdbh", "dkbh"),
    ),
    Column(
        "ent_id",
        "企业编号",
        "Enterprise ID",
        kind="id",
        headers=(
            "企业编号",
            "企业代码",
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "组织机构代码",
            "使用权人代码",
        ),
        aliases=("信用代码", "企业编号", "企业代码", "uscc"),
    ),
    Column(
        "town",
        "区镇",
        "Town/zone",
        kind="text",
        headers=(
            "区镇",
            "所在区镇",
            "所属区镇",
            "所在镇（区）",
            "所属镇（区）",
            "镇（区）",
            "乡镇",
            "所在镇",
            "所属镇",
            "镇",
        ),
        aliases=("区镇", "镇区", "乡镇"),
    ),
    Column("area_mu", "宗地面积", "Area", "亩", "mu", headers=("宗地面积", "地块面积", "土地面积")),
    Column("idle", "闲置", "Idle", kind="boolean", headers=("是否闲置", "闲置"), aliases=("闲置",)),
    Column(
        "land_use",
        "用地性质",
        "Land use",
        kind="text",
        headers=("用地性质", "土地用途", "用途"),
        aliases=("用地性质", "土地用途"),
    ),
    Column(
        "promised_far",
        "约定容积率",
        "Promised FAR",
        headers=("约定容积率", "承诺容积率"),
        aliases=("约定容积率", "承诺容积率"),
    ),
    Column("far", "容积率", "FAR", headers=("容积率",), aliases=("容积率",)),
    Column(
        "coverage_pct",
        "建筑系数",
        "Building coverage",
        "%",
        "%",
        headers=("建筑系数", "建筑密度"),
        aliases=("建筑系数", "建筑密度"),
    ),
    Column(
        "investment_wan_yuan",
        "固定资产投资",
        "Fixed investment",
        "万元",
        "10k yuan",
        headers=("固定资产投资", "投资总额", "总投资"),
        aliases=("固定资产投资", "投资总额", "总投资"),
    ),
    Column(
        "promised_invest_per_mu_wan_yuan",
        "约定投资强度",
        "Promised investment per mu",
        "万元/亩",
        "10k yuan/mu",
        headers=("约定投资强度", "承诺投资强度"),
        aliases=("约定投资强度", "承诺投资强度"),
    ),
    Column(
        "invest_per_mu_wan_yuan",
        "投资强度",
        "Investment per mu",
        "万元/亩",
        "10k yuan/mu",
        headers=("投资强度",),
        aliases=("投资强度",),
    ),
    Column(
        "grant_year",
        "供地年份",
        "Year granted",
        headers=("供地年份", "出让年份", "供地时间", "出让时间"),
        aliases=("供地", "出让年"),
    ),
    Column(
        "promised_tax_per_mu_wan_yuan",
        "约定亩均税收",
        "Promised tax per mu",
        "万元/亩",
        "10k yuan/mu",
        headers=("约定亩均税收", "承诺亩均税收"),
        aliases=("约定亩均税收", "承诺亩均税收"),
    ),
    Column(
        "promised_full_year",
        "约定达产年份",
        "Promised full-production year",
        headers=("约定达产年份", "达产年份", "约定达产时间"),
        aliases=("达产",),
    ),
)

CATALOGUE: dict[str, tuple[Column, ...]] = {
    "enterprises": ENTERPRISE_COLUMNS,
    "zones": ZONE_COLUMNS,
    "parcels": PARCEL_COLUMNS,
}


ENTERPRISE_BY_KEY: dict[str, Column] = {c.key: c for c in ENTERPRISE_COLUMNS}

# The columns saying who shares a 宗地 or compound (geo/evaluation/compounds.py): an import keeps
# them when the table has them.
SHARED_LAND_COLUMNS: tuple[str, ...] = ("compound_id", "land_host", "floor_area_m2", "land_share_pct")


# Derived tables ------------------------------------------------------------------------------

# Chinese label (with unit) of each standard column; an enterprise's name wins over a zone's.
FIELD_ZH: dict[str, str] = {c.key: c.label("zh") for c in (*ZONE_COLUMNS, *ENTERPRISE_COLUMNS)}


# Additive amounts summed per zone: key -> (Chinese label, unit).
AMOUNT_COLUMNS: dict[str, tuple[str, str]] = {
    c.key: (c.label_zh, c.unit_zh) for c in ENTERPRISE_COLUMNS if c.amount
}


ENTERPRISE_NUMERIC: tuple[str, ...] = tuple(c.key for c in ENTERPRISE_COLUMNS if c.kind == "number")


def required(kind: str, use: Use) -> tuple[str, ...]:
    """Standard columns of ``kind`` that ``use`` cannot go without."""
    return tuple(c.key for c in CATALOGUE.get(kind, ()) if use in c.required_for)


def labels(kind: str = "enterprises", lang: str = "zh") -> dict[str, str]:
    """Column key -> label with unit, for the columns of ``kind``."""
    return {c.key: c.label(lang) for c in CATALOGUE[kind]}


# Matching headers -----------------------------------------------------------------------------


_NORM_RE = re.compile(r"[\s_\-（）()\[\]【】:：/]")


def norm_header(text: object) -> str:
    """A header (or name) for matching only: NFKC, lower case, no spaces, brackets or separators.

    ``用地面积（亩）``, ``用地面积(亩)`` and ``用地面积 亩`` all give ``用地面积亩``. Stored text is
    never replaced by this form.
    """
    return _NORM_RE.sub("", unicodedata.normalize("NFKC", str(text)).lower())


def _spellings(column: Column) -> dict[str, float]:
    return {norm_header(s): f for s, f in UNIT_SPELLINGS.get(column.unit_zh, {}).items()}


def exact_header(header: object, column: Column) -> float | None:
    """The unit factor when ``header`` is one of the column's exact headers (with a unit it knows,
    or none: then the column's own unit), or its English label (``Land (mu)``, as the atlas's
    English files write it), else None."""
    h = norm_header(header)
    if h in (norm_header(column.key), norm_header(column.label_en), norm_header(column.label("en"))):
        return 1.0
    spellings = _spellings(column)
    for name in column.headers:
        n = norm_header(name)
        if h == n:
            return 1.0
        if h.startswith(n) and h[len(n) :] in spellings:
            return spellings[h[len(n) :]]
    return None


def header_unit_factor(header: object, key: str) -> float:
    """Factor from the unit written in a header to the standard column's unit (1 when none is
    written or it is the standard one), e.g. ``税收（元）`` -> 0.0001 for ``tax_wan_yuan``."""
    column = ENTERPRISE_BY_KEY.get(key)
    if column is None or not column.unit_zh:
        return 1.0
    exact = exact_header(header, column)
    if exact is not None:
        return exact
    h = norm_header(header)
    for spelling, factor in sorted(_spellings(column).items(), key=lambda kv: -len(kv[0])):
        if h.endswith(spelling):
            return factor
    return 1.0


def suggest_columns(headers: list[str], kind: str) -> dict[str, str]:
    """Standard column -> table header: exact official headers first, then alias fragments."""
    columns = CATALOGUE.get(kind, ())
    normed = [(h, norm_header(h)) for h in headers]
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for column in columns:  # exact headers, with their units
        hit = next((h for h, _ in normed if h not in used and exact_header(h, column) is not None), None)
        if hit is not None:
            mapping[column.key] = hit
            used.add(hit)
    for column in columns:  # then fragments, in the catalogue's order of preference
        if column.key in mapping:
            continue
        for alias in column.aliases:
            a = norm_header(alias)
            hits = [h for h, n in normed if h not in used and (n == a or (len(a) > 1 and a in n))]
            if hits:
                mapping[column.key] = hits[0]
                used.add(hits[0])
                break
    return {c.key: mapping[c.key] for c in columns if c.key in mapping}


# Yes/no -------------------------------------------------------------------------------------

YES_WORDS = frozenset(
    {"是", "规上", "规模以上", "规上企业", "1", "1.0", "true", "yes", "y", "t", "√", "✓", "✔"}
)
NO_WORDS = frozenset(
    {"否", "规下", "规模以下", "规下企业", "0", "0.0", "false", "no", "n", "f", "×", "✗", "✘"}
)


def _isna(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def parse_yes_no(value: object):
    """True / False for a yes/no cell as people type it (是/否, 规上/规下, 规模以上, 1/0, true/false,
    √/×), ``pd.NA`` for an empty cell, None for text that is neither."""
    if _isna(value) or (isinstance(value, str) and not value.strip()):
        return pd.NA
    if isinstance(value, bool):
        return value
    text = re.sub(r"\.0$", "", unicodedata.normalize("NFKC", str(value)).strip().lower())
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    return None


# Derived 规上 -------------------------------------------------------------------------------

CATALOGUE_YAML = Path(__file__).with_name("catalogue.yaml")


def above_scale_min_sales_wan_yuan(path: Path | str | None = None) -> float:
    """The 主营业务收入 from which an industrial enterprise counts as 规上 (万元), from
    ``geo/catalogue.yaml`` (the statistical definition and its source are given there)."""
    raw = yaml.safe_load(Path(path or CATALOGUE_YAML).read_text(encoding="utf-8")) or {}
    return float(raw["above_scale_from_sales"]["min_sales_wan_yuan"])
