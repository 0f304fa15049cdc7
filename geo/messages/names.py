"""Names the plans and the data give in Chinese, in English: the industries (the data keep their
Chinese names, which also stand for any industry not listed) and the kinds of county-level unit."""

from __future__ import annotations

from geo.messages.lang import DEFAULT_LANG, Lang

# The industries the plans name (the six fields of the Suzhou plan, Wujiang's industries), in
# English; the data keep their Chinese names, which also stand for any industry not listed here.
INDUSTRY_EN: dict[str, str] = {
    "新一代电子信息": "New-generation electronic information",
    "高端装备制造": "High-end equipment manufacturing",
    "新材料": "New materials",
    "软件和集成电路": "Software and integrated circuits",
    "新能源和节能环保": "New energy and environmental protection",
    "医疗器械和生物医药": "Medical devices and biomedicine",
    "光电通信": "Optoelectronic communication",
    "其他制造业": "Other manufacturing",
    "新一代信息技术": "New-generation information technology",
    "生物医药和医疗器械": "Biomedicine and medical devices",
    "高端纺织": "High-end textiles",
    "高端装备": "High-end equipment",
    # the utility divisions of GB/T 4754-2017 (门类 D), which the evaluation excludes by default
    # (geo/evaluation/evaluation.yaml `exclusions`), under the standard's English names
    "电力、热力生产和供应业": "Production and supply of electric power and heat",
    "燃气生产和供应业": "Production and supply of gas",
    "水的生产和供应业": "Production and supply of water",
}


def industry_name(industry: str, lang: Lang = DEFAULT_LANG) -> str:
    """An industry's name in ``lang`` (its own, Chinese name when no English one is known)."""
    return INDUSTRY_EN.get(industry, industry) if lang == "en" else industry


_INDUSTRY_ZH = {english: zh for zh, english in INDUSTRY_EN.items()}


def data_industry_name(industry: object) -> object:
    """The data's (Chinese) name of an industry a file names by the atlas's English name ("High-end
    textiles" -> 高端纺织), so that a file the English page wrote is read back as the Chinese one is;
    any other value as it is."""
    return _INDUSTRY_ZH.get(industry.strip(), industry) if isinstance(industry, str) else industry


# The kinds of Suzhou's county-level units (the districts layer's ``kind``), in English.
DISTRICT_KIND_EN: dict[str, str] = {"区": "District", "县级市": "County-level city"}


def district_kind_name(kind: object, lang: Lang = DEFAULT_LANG) -> object:
    """A county-level unit's kind (区, 县级市) in ``lang``; anything else as it is."""
    return DISTRICT_KIND_EN.get(kind, kind) if lang == "en" and isinstance(kind, str) else kind


# The mark the demo data put after a synthetic firm's name (data/names.py: 苏州盛泽恒泰纺织有限公司（合成）),
# as each language writes it; the name itself is the firm's own and stays as given.
SYNTHETIC_MARK: dict[Lang, str] = {"zh": "（合成）", "en": " (synthetic)"}


def firm_name(name: object, lang: Lang = DEFAULT_LANG) -> object:
    """A firm's name as ``lang`` writes it: the name as given, a synthetic demo firm's mark in
    ``lang`` (苏州盛泽恒泰纺织有限公司（合成） -> 苏州盛泽恒泰纺织有限公司 (synthetic)); anything
    else as it is."""
    if lang != "en" or not isinstance(name, str) or not name.endswith(SYNTHETIC_MARK["zh"]):
        return name
    return name[: -len(SYNTHETIC_MARK["zh"])] + SYNTHETIC_MARK["en"]


def data_firm_name(name: object) -> object:
    """The data's name of a firm a file names as the English page writes it (``… (synthetic)`` ->
    ``…（合成）``), so that a file the English page wrote is read back as the Chinese one is; any
    other value as it is."""
    if not isinstance(name, str) or not name.endswith(SYNTHETIC_MARK["en"]):
        return name
    return name[: -len(SYNTHETIC_MARK["en"])] + SYNTHETIC_MARK["zh"]
