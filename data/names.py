"""Synthetic enterprise names: two characters of a trade name and an industry word, marked 合成."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

NAME_PREFIX = "天地人和中华东方新宏恒泰盛达通鼎永康瑞丰嘉信华润金鑫锦程隆兴德顺宝汇亚美"
NAME_SUFFIX: dict[str, tuple[str, ...]] = {
    "高端装备": ("机械", "电梯", "精密", "装备", "智能科技"),
    "高端纺织": ("纺织", "丝绸", "化纤", "织造", "印染"),
    "新材料": ("新材料", "高分子", "复合材料", "膜科技"),
    "生物医药和医疗器械": ("生物", "医疗器械", "药业"),
    "新一代信息技术": ("电子", "光电", "半导体", "信息技术"),
    "光电通信": ("光缆", "通信", "线缆", "光电"),
    "其他制造业": ("制品", "实业", "五金", "包装"),
    # The Suzhou-wide demo's key industries (data/city.py); adding keys changes no Wujiang name.
    "新一代电子信息": ("电子", "光电", "显示", "通信"),
    "高端装备制造": ("机械", "精密", "装备", "汽车零部件", "智能科技"),
    "软件和集成电路": ("半导体", "微电子", "软件", "集成电路"),
    "新能源和节能环保": ("新能源", "光伏", "环保科技", "储能"),
    "医疗器械和生物医药": ("生物", "医疗器械", "药业", "医疗科技"),
}


def synthetic_names(
    industries: Iterable[str], places: Iterable[str], *, rng: np.random.Generator
) -> list[str]:
    """One name per enterprise, e.g. 苏州盛泽恒泰纺织有限公司（合成）.

    Parameters
    ----------
    industries
        Each enterprise's industry, a key of :data:`NAME_SUFFIX`.
    places
        Each enterprise's place word (the town's short name), in the same order.
    rng
        Draws two trade-name characters, then the industry word, per enterprise in order: the same
        generator state gives the same names.
    """
    names = []
    for industry, place in zip(industries, places, strict=True):
        a, b = rng.choice(list(NAME_PREFIX), 2, replace=False)
        names.append(f"苏州{place}{a}{b}{rng.choice(NAME_SUFFIX[industry])}有限公司（合成）")
    return names
