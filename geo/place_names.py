"""Places' English names: Suzhou's districts, Wujiang's 区镇, the development zones and the carrier parks.

The data keep their Chinese names (they are what the plans, the registers and the users' files say);
an English page shows the English name from this table, or the Chinese one when the table has none
(a user's own zone, a firm's name). The forms follow the governments' own English sites: the Suzhou
municipal government (english.suzhou.gov.cn: "Gusu District", "Suzhou Industrial Park", county-level
cities as "Kunshan City"), the Wujiang district government (towns as "Shengze Town", zones as
"Wujiang Economic and Technological Development Zone") and the zones' own names; firms' English
names where they publish one (京东方 = BOE, 凯伦 = Canlon, 亨通 = Hengtong). Where no English
name is published the words are rendered in the same pattern (pinyin for the proper name, the kind
of place in English).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# Suzhou's 9 county-level districts (adcodes in data/build.py), the city and its functional zones.
DISTRICTS_EN: dict[str, str] = {
    "苏州市": "Suzhou",
    "虎丘区（苏州高新区）": "Huqiu District (Suzhou New District)",
    "吴中区": "Wuzhong District",
    "相城区": "Xiangcheng District",
    "姑苏区": "Gusu District",
    "吴江区": "Wujiang District",
    "常熟市": "Changshu City",
    "张家港市": "Zhangjiagang City",
    "昆山市": "Kunshan City",
    "太仓市": "Taicang City",
    "苏州工业园区": "Suzhou Industrial Park",
    "苏州高新区": "Suzhou New District",
    "虎丘区": "Huqiu District",
}

# Wujiang's eight 区镇 management units (the Wujiang plan's names) and their short names.
TOWNS_EN: dict[str, str] = {
    "吴江开发区": "Wujiang Development Zone",
    "汾湖高新区（黎里镇）": "Fenhu Hi-tech Zone (Lili Town)",
    "吴江高新区（盛泽镇）": "Wujiang Hi-tech Zone (Shengze Town)",
    "东太湖度假区（太湖新城）": "East Taihu Lake Resort (Taihu New Town)",
    "七都镇": "Qidu Town",
    "震泽镇": "Zhenze Town",
    "桃源镇": "Taoyuan Town",
    "平望镇": "Pingwang Town",
    # short names (the demo's firms are named after them) and the towns inside the zones
    "开发区": "Development Zone",
    "汾湖": "Fenhu",
    "盛泽": "Shengze",
    "东太湖": "East Taihu Lake",
    "七都": "Qidu",
    "震泽": "Zhenze",
    "桃源": "Taoyuan",
    "平望": "Pingwang",
    "盛泽镇": "Shengze Town",
    "黎里镇": "Lili Town",
    "太湖新城": "Taihu New Town",
    "松陵": "Songling",
    # the district's other township-level units (a user's 所在镇 may name them: walk22, 同里镇 left
    # Chinese on the English pages and in the English files)
    "同里镇": "Tongli Town",
    "同里": "Tongli",
    "黎里": "Lili",
    "松陵街道": "Songling Subdistrict",
    "江陵街道": "Jiangling Subdistrict",
    "八坼街道": "Bache Subdistrict",
    "横扇街道": "Hengshan Subdistrict",
}

# The development zones carrying the six key industries (苏州“十三五”工业规划's table).
ZONES_EN: dict[str, str] = {
    "昆山经济技术开发区": "Kunshan Economic and Technological Development Zone",
    "苏州高新技术产业开发区": "Suzhou National New and Hi-tech Industrial Development Zone",
    "吴江经济技术开发区": "Wujiang Economic and Technological Development Zone",
    "相城经济开发区": "Xiangcheng Economic Development Zone",
    "常熟经济技术开发区": "Changshu Economic and Technological Development Zone",
    "张家港经济开发区": "Zhangjiagang Economic Development Zone",
    "吴中经济开发区": "Wuzhong Economic Development Zone",
    "太仓港经济开发区": "Taicang Port Economic Development Zone",
}

# Wujiang's carriers named in 吴江“十四五”工业规划 (data/build.py CARRIER_PARKS).
PARKS_EN: dict[str, str] = {
    "南苏州“智造谷”": "South Suzhou “Smart Manufacturing Valley”",
    "高端装备产业园": "High-end Equipment Industrial Park",
    "无人机航空产业园": "UAV Aviation Industrial Park",
    "航空航天+智能制造创新中心": "Aerospace + Intelligent Manufacturing Innovation Centre",
    "七都智能制造产业园": "Qidu Intelligent Manufacturing Industrial Park",
    "恒力国际新材料产业园": "Hengli International New Materials Industrial Park",
    "凯伦高分子产业园": "Canlon Polymer Industrial Park",
    "吴江开发区科创园": "Wujiang Development Zone Sci-Tech Innovation Park",
    "京东方生命健康科技园": "BOE Life and Health Technology Park",
    "东太湖度假区医疗器械产业园": "East Taihu Lake Resort Medical Devices Industrial Park",
    "盛泽镇新材料产业园": "Shengze New Materials Industrial Park",
    "中国东方丝绸市场": "China Eastern Silk Market",
}

PLACE_EN: dict[str, str] = {**DISTRICTS_EN, **TOWNS_EN, **ZONES_EN, **PARKS_EN}

# The fixed list of administrative places (Suzhou's districts, Wujiang's 区镇 and their short forms):
# the only names a user's own data is translated by (:func:`own_place_name`).
FIXED_PLACE_EN: dict[str, str] = {**DISTRICTS_EN, **TOWNS_EN}

# The 区镇's short English names, where a table has room for one line only (the 亩均 ranking on a
# 1280 px screen): the name people use locally (the plan's own short names, e.g. 盛泽 for 吴江高新区
# （盛泽镇）, 东太湖 for 东太湖度假区), in the same English as above. The full name stays in the
# downloads and the choice lists.
TOWNS_SHORT_EN: dict[str, str] = {
    "吴江开发区": "Wujiang Dev. Zone",
    "汾湖高新区（黎里镇）": "Fenhu",
    "吴江高新区（盛泽镇）": "Shengze",
    "东太湖度假区（太湖新城）": "East Taihu Lake",
    "七都镇": "Qidu",
    "震泽镇": "Zhenze",
    "桃源镇": "Taoyuan",
    "平望镇": "Pingwang",
}

# The other Chinese forms of a 区镇 a user's file may state (填报区镇: "盛泽镇" beside "震泽镇"),
# each with the 区镇 whose short English name it takes on screen: one short name per place (walk 13:
# "Shengze Town" beside "Zhenze" and "Qidu" in one column). The downloads keep the full names.
TOWN_FORMS: dict[str, str] = {
    "盛泽": "吴江高新区（盛泽镇）",
    "盛泽镇": "吴江高新区（盛泽镇）",
    "汾湖": "汾湖高新区（黎里镇）",
    "东太湖": "东太湖度假区（太湖新城）",
    "七都": "七都镇",
    "震泽": "震泽镇",
    "桃源": "桃源镇",
    "平望": "平望镇",
}

# The districts' short English names, where a line has room for a short name only (the city
# evaluation page's title on one line at 1280 px): the proper name without its kind (Suzhou's own
# short forms, SND and SIP for the two functional zones). The full name stays in the choice lists,
# the line under the title and the downloads.
DISTRICTS_SHORT_EN: dict[str, str] = {
    "虎丘区（苏州高新区）": "Huqiu (SND)",
    "吴中区": "Wuzhong",
    "相城区": "Xiangcheng",
    "姑苏区": "Gusu",
    "吴江区": "Wujiang",
    "常熟市": "Changshu",
    "张家港市": "Zhangjiagang",
    "昆山市": "Kunshan",
    "太仓市": "Taicang",
    "苏州工业园区": "SIP",
    "苏州高新区": "SND",
    "苏州高新技术产业开发区": "SND",  # the zone's full name (the development zones' layer)
    "虎丘区": "Huqiu",
}

LIST_SEPARATOR = "、"  # how the plans' tables list several names
_ENGLISH_SEPARATOR = ", "


def place_name(name: object, lang: str = "zh") -> str:
    """``name`` as an English page shows it: its English name, or itself when the table has none.

    Parameters
    ----------
    name
        A place's Chinese name as the data hold it (None or NaN give "").
    lang
        ``"en"`` for the English name; any other language returns ``name`` unchanged (as text).
    """
    if name is None or name != name:  # None, NaN
        return ""
    text = str(name)
    return PLACE_EN.get(text.strip(), text) if lang == "en" else text


def own_place_name(name: object, lang: str = "zh") -> str:
    """A name the user supplied (a zone of an imported layer, the zones an evaluation was run on, the
    区镇 an enterprise table states) as a page or a file shows it: in both languages as the user wrote
    it, except a place of the fixed list (:data:`FIXED_PLACE_EN`: Suzhou's districts, Wujiang's 区镇),
    which English names as everywhere ("七都镇" -> "Qidu Town"). A user's park that happens to share a
    built-in park's name is not given that park's English (walk 17: three of four imported parks
    in English, the fourth in Chinese, in one column); the atlas's own layers keep :func:`place_name`.
    None or NaN give ""."""
    if name is None or name != name:  # None, NaN
        return ""
    text = str(name)
    return FIXED_PLACE_EN.get(text.strip(), text) if lang == "en" else text


def short_place_name(name: object, lang: str = "zh") -> str:
    """``name`` where a table or a title has room for one short line: a 区镇's or a district's short
    English name (:data:`TOWNS_SHORT_EN`, "Shengze" for 吴江高新区（盛泽镇）; :data:`DISTRICTS_SHORT_EN`,
    "Wujiang" for 吴江区) in English, else :func:`place_name`."""
    text = "" if name is None or name != name else str(name).strip()
    if lang == "en" and TOWN_FORMS.get(text, text) in TOWNS_SHORT_EN:
        return TOWNS_SHORT_EN[TOWN_FORMS.get(text, text)]
    if lang == "en" and text in DISTRICTS_SHORT_EN:
        return DISTRICTS_SHORT_EN[text]
    return place_name(name, lang)


def place_label(name: object, lang: str = "zh", *, own: bool = False) -> str:
    """``name`` for a choice list: "Shengze Town (盛泽镇)" in English, so a user can match it with the
    Chinese documents; the name alone in Chinese and where no English name is known. ``own``: a
    name the user supplied (:func:`own_place_name`)."""
    text = "" if name is None or name != name else str(name)
    english = (own_place_name if own else place_name)(text, lang)
    return f"{english} ({text})" if lang == "en" and english != text else text


def name_list(text: object, lang: str, name: Callable[[str, str], str]) -> str:
    """A ``、``-separated list of names (places, industries) with each name given by ``name(item,
    lang)``; in English the items are joined by ", ". None/NaN give ""."""
    if text is None or text != text:
        return ""
    items = [item for item in str(text).split(LIST_SEPARATOR)]
    if lang != "en":
        return str(text)
    return _ENGLISH_SEPARATOR.join(name(item, lang) for item in items)


def place_list(text: object, lang: str = "zh") -> str:
    """A ``、``-separated list of places in ``lang`` ("苏州工业园区、吴中经济开发区" -> "Suzhou Industrial
    Park, Wuzhong Economic Development Zone")."""
    return name_list(text, lang, place_name)


def place_names(values: Iterable[object], lang: str = "zh") -> list[str]:
    """:func:`place_name` of each value (a column of a table), in order."""
    return [place_name(v, lang) for v in values]


def _reversed(names: dict[str, str]) -> dict[str, str]:
    """English -> Chinese for the English names only one Chinese name has."""
    counts: dict[str, int] = {}
    for english in names.values():
        counts[english] = counts.get(english, 0) + 1
    return {english: zh for zh, english in names.items() if counts[english] == 1}


_PLACE_ZH = _reversed(PLACE_EN)


def data_place_name(name: object) -> object:
    """The data's (Chinese) name of a place a file names by the atlas's English name ("Wujiang Hi-tech
    Zone (Shengze Town)" -> 吴江高新区（盛泽镇）), so that a file the English page wrote is read back
    as the Chinese one is; any other value (a Chinese name, an unknown one, None) as it is."""
    return _PLACE_ZH.get(name.strip(), name) if isinstance(name, str) else name


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_word(name: object, lang: str = "zh") -> str:
    """A place's name as a word of a download's file name: English (spaces and characters a file
    system refuses become ``-``) or the Chinese name."""
    return _UNSAFE.sub("-", place_name(name, lang)).strip("-")
