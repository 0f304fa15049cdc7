"""The words of the 数据归集 report and outputs, in Chinese and English (one table).

The page and the command line write their sentences from the string catalogue (geo/messages/);
what the report files themselves say (sheet names, headers, match methods, reasons) lives here, once.
"""

from __future__ import annotations

from geo.catalogue import norm_header
from geo.messages import Lang

# key -> (中文, English)
LABELS: dict[str, tuple[str, str]] = {
    # sheets
    "sheet.summary": ("汇总", "Summary"),
    "sheet.register": ("企业名录", "Register"),
    "sheet.issues": ("冲突与重复", "Conflicts and repeats"),
    "sheet.assembled": ("归集结果", "Assembled"),
    "sheet.provenance": ("数据来源", "Provenance"),
    # match methods and reasons
    "method.code": ("统一社会信用代码", "credit code"),
    "method.org_code": ("组织机构代码", "organisation code"),
    "method.name": ("名称（唯一）", "name (unique)"),
    "reason.not_found": ("名录中没有此代码/名称", "not in the register"),
    "reason.bad_code": (
        "代码校验位不符，且与名录中的代码不完全一致",
        "code fails its check and is not exactly in the register",
    ),
    "reason.ambiguous": (
        "名录中有多家企业同名或同组织机构代码",
        "several register entries share this name or code",
    ),
    "reason.no_key": ("没有代码也没有名称", "neither code nor name"),
    "check.credit": (
        "统一社会信用代码校验位不符（GB 32100-2015）",
        "credit-code check character fails (GB 32100-2015)",
    ),
    "check.org": ("组织机构代码校验位不符（GB 11714）", "organisation-code check character fails (GB 11714)"),
    "check.format": ("代码格式不对（长度或字符）", "malformed code (length or characters)"),
    "sep.code_problem": ("{code}：{problem}", "{code}: {problem}"),
    "industry.malformed": ("行业代码格式不对", "malformed industry code"),
    "industry.not_manufacturing": (
        "不是制造业代码（C 门类 13–43 大类）",
        "not a manufacturing code (C 13–43)",
    ),
    "industry.edition_2011": (
        "2011 版行业代码，请换成 GB/T 4754-2017",
        "2011-edition code: give the 2017 one",
    ),
    "industry.unknown_division": ("对照表中没有该大类", "division not in the crosswalk"),
    # summary rows
    "sum.department": ("部门", "Department"),
    "sum.file": ("文件", "File"),
    "sum.sha256": ("SHA-256", "SHA-256"),
    "sum.rows": ("行数", "Rows"),
    "sum.by_code": ("按统一社会信用代码匹配", "Matched by credit code"),
    "sum.by_org_code": ("按组织机构代码匹配", "Matched by organisation code"),
    "sum.by_name": ("按名称匹配", "Matched by name"),
    "sum.unmatched": ("未匹配", "Unmatched"),
    "sum.bad_codes": ("代码校验不符", "Codes failing their check"),
    "sum.ambiguous": ("重名/重码未匹配", "Ambiguous (not matched)"),
    "sum.bad_values": ("数值无法识别", "Unreadable values"),
    "sum.conflicts": ("冲突（无法相加的两个值）", "Conflicts (values that cannot be summed)"),
    "sum.twice": ("同一户号/宗地匹配到多家", "One account/parcel matched to several"),
    "sum.unreached": ("名录中未得到数值的企业", "Register entries without a value"),
    "sum.register": ("企业名录", "Register"),
    "sum.register_checks": ("名录代码校验不符（仅提醒）", "Register codes failing their check (warning)"),
    "sum.industry_problems": ("行业代码未能对应", "Industry codes not mapped"),
    "sum.missing": ("为空（未得到数值，不按 0 计）", "empty (no value; never counted as 0)"),
    # row headers
    "col.row": ("行号", "Row"),
    "col.code": ("代码（原文）", "Code (as written)"),
    "col.org_code_given": ("组织机构代码（原文）", "Organisation code (as written)"),
    "col.name": ("名称（原文）", "Name (as written)"),
    "col.unit_key": ("户号/宗地编号", "Account/parcel"),
    "col.method": ("匹配方式", "Matched by"),
    "col.ent_id": ("匹配到的企业", "Matched enterprise"),
    "col.reason": ("未匹配原因", "Why unmatched"),
    "col.check": ("代码校验", "Code check"),
    "col.suggestion": ("可能是（仅供核对，未关联）", "Perhaps (for checking; not joined)"),
    "col.kind": ("类别", "Kind"),
    "col.column": ("字段", "Column"),
    "col.values": ("数值", "Values"),
    "col.rows": ("行号", "Row numbers"),
    "col.ent_ids": ("企业", "Enterprises"),
    "col.value": ("原值", "Value"),
    "col.industry_code": ("行业代码", "Industry code"),
    "col.problem": ("问题", "Problem"),
    "col.department": ("部门", "Department"),
    "col.file": ("文件", "File"),
    "col.n_rows": ("行数", "Number of rows"),
    "col.sha256": ("SHA-256", "SHA-256"),
    "col.methods": ("匹配方式", "Matched by"),
    "col.units": ("户号/宗地编号", "Accounts/parcels"),
    "col.unit": ("原单位", "Unit in the file"),
    # the assembled table's own columns (the catalogue's columns carry the catalogue's labels)
    "col.industry_division": ("行业大类代码", "Industry division code"),
    "col.industry_division_name": ("行业大类", "Industry division"),
    "col.src": ("来源：{column}", "Source: {column}"),
    "bool.yes": ("是", "Yes"),
    "bool.no": ("否", "No"),
    # a unit as a file names it (the provenance's 原单位), by its normalised spelling
    **{
        f"unit.{spelling}": (zh, en)
        for zh, en, spellings in (
            ("亩", "mu", ("亩",)),
            ("平方米", "m²", ("平方米", "平米", "m2", "m²", "㎡")),
            ("公顷", "ha", ("公顷", "hm2", "ha")),
            ("平方公里", "km²", ("平方公里", "平方千米", "km2", "km²")),
            ("元", "yuan", ("元",)),
            ("千元", "1,000 yuan", ("千元",)),
            ("万元", "10k yuan", ("万元",)),
            ("亿元", "100m yuan", ("亿元",)),
            ("千瓦时", "kWh", ("千瓦时", "kwh", "度")),
            ("万千瓦时", "10k kWh", ("万千瓦时", "万kwh", "万度")),
            ("吨标准煤", "tce", ("吨标准煤", "吨标煤", "tce")),
            ("万吨标准煤", "10k tce", ("万吨标准煤",)),
            ("人", "persons", ("人",)),
            ("当量", "pollutant equiv.", ("当量",)),
            ("万平方米", "10k m²", ("万平方米",)),
        )
        for spelling in spellings
    },
    "kind.conflict": ("冲突", "conflict"),
    "kind.twice": ("一户号/宗地对应多家", "one key, several enterprises"),
    "kind.bad_value": ("数值无法识别", "unreadable value"),
    "kind.register_check": ("名录代码校验不符", "register code fails its check"),
    "kind.industry": ("行业代码未能对应", "industry code not mapped"),
    "kind.unreached": ("未得到该部门数值", "no value from this department"),
}


def label(key: str, lang: Lang = "zh") -> str:
    """The report's word for ``key`` in ``lang``; an unknown key raises KeyError."""
    zh, en = LABELS[key]
    return en if lang == "en" else zh


def unit_label(unit: str, lang: Lang = "zh") -> str:
    """A unit as a file wrote it (``平方米``, ``kwh``, ``千元``) in ``lang``: in English ``m²``,
    ``kWh``, ``1,000 yuan``; in Chinese, and a text that is no unit the atlas knows (e.g. a
    register's header), as the file wrote it."""
    key = f"unit.{norm_header(unit)}"
    return label(key, lang) if lang == "en" and key in LABELS else unit


__all__ = ["LABELS", "label", "unit_label"]
