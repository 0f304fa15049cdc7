"""Transcribed tables of the demo GeoPackage (data/build.py): figures, clusters, key industries and
focus areas copied from the plans named beside each table, and the attribute tables built from them.

Each transcribed text has its English rendering beside it (the ``*_en`` columns): the atlas's own
translation, made for the English pages; the plans themselves are Chinese only and stay the source."""

from __future__ import annotations

import pandas as pd

# --------------------------------------------------- transcribed: 吴江“十四五”工业规划 layout boxes
# (industry, sales_2020_yi_yuan or None, target_2025_yi_yuan or None, 亩均税收 2020 万元/亩 or None)
INDUSTRY_FIGURES = (
    ("高端装备", 1150.46, 1300.0, None),
    ("高端纺织", 1313.27, 1000.0, None),  # "继续保持千亿能级"
    ("新材料", None, 1500.0, None),
    ("生物医药和医疗器械", None, 150.0, None),
    ("新一代信息技术", 830.02, 1000.0, 27.0),
    ("光电通信", 339.41, 600.0, None),
)
CLUSTERS = (
    # industry, town, role, note, note_en (the atlas's translation)
    (
        "高端装备",
        "吴江开发区",
        "core",
        "智能制造中心、智造高地",
        "centre of intelligent manufacturing, a high ground of smart manufacturing",
    ),
    (
        "高端装备",
        "汾湖高新区（黎里镇）",
        "core",
        "电梯、扶梯、汽车零部件、工程机械",
        "elevators, escalators, auto parts, construction machinery",
    ),
    (
        "高端装备",
        "吴江高新区（盛泽镇）",
        "supporting",
        "环保设备、油气装备、电力设备",
        "environmental protection equipment, oil and gas equipment, power equipment",
    ),
    (
        "高端装备",
        "震泽镇",
        "supporting",
        "环保设备、油气装备、电力设备",
        "environmental protection equipment, oil and gas equipment, power equipment",
    ),
    (
        "高端装备",
        "桃源镇",
        "supporting",
        "环保设备、油气装备、电力设备",
        "environmental protection equipment, oil and gas equipment, power equipment",
    ),
    (
        "高端装备",
        "东太湖度假区（太湖新城）",
        "supporting",
        "环保设备、油气装备、电力设备",
        "environmental protection equipment, oil and gas equipment, power equipment",
    ),
    (
        "高端装备",
        "七都镇",
        "supporting",
        "七都智能制造产业园",
        "Qidu Intelligent Manufacturing Industrial Park",
    ),
    (
        "高端纺织",
        "吴江高新区（盛泽镇）",
        "core",
        "中国东方丝绸市场、“时尚之都”",
        "China Eastern Silk Market, the “capital of fashion”",
    ),
    ("高端纺织", "平望镇", "supporting", "", ""),
    ("高端纺织", "七都镇", "supporting", "“家纺名镇”", "a “famous home-textiles town”"),
    ("高端纺织", "震泽镇", "supporting", "", ""),
    ("高端纺织", "桃源镇", "supporting", "", ""),
    (
        "新材料",
        "吴江高新区（盛泽镇）",
        "core",
        "恒力国际新材料产业园、盛虹；高端纺织材料",
        "Hengli International New Materials Industrial Park, Shenghong; high-end textile materials",
    ),
    (
        "新材料",
        "吴江开发区",
        "supporting",
        "电子新材料、特种金属材料",
        "new electronic materials, special metal materials",
    ),
    (
        "新材料",
        "震泽镇",
        "supporting",
        "电子新材料、特种金属材料",
        "new electronic materials, special metal materials",
    ),
    ("新材料", "桃源镇", "supporting", "高端纺织材料", "high-end textile materials"),
    ("新材料", "平望镇", "supporting", "高端纺织材料", "high-end textile materials"),
    (
        "生物医药和医疗器械",
        "吴江开发区",
        "core",
        "吴江开发区科创园、京东方生命健康科技园",
        "Wujiang Development Zone Sci-Tech Innovation Park, BOE Life and Health Technology Park",
    ),
    (
        "生物医药和医疗器械",
        "汾湖高新区（黎里镇）",
        "core",
        "产业主要分布地",
        "where the industry mainly lies",
    ),
    (
        "生物医药和医疗器械",
        "东太湖度假区（太湖新城）",
        "supporting",
        "医疗器械产业园",
        "medical devices industrial park",
    ),
    (
        "生物医药和医疗器械",
        "吴江高新区（盛泽镇）",
        "supporting",
        "盛泽镇新材料产业园",
        "Shengze New Materials Industrial Park",
    ),
    (
        "新一代信息技术",
        "吴江开发区",
        "core",
        "京东方 OLED、新型电子元器件",
        "BOE OLED, new electronic components",
    ),
    (
        "新一代信息技术",
        "汾湖高新区（黎里镇）",
        "supporting",
        "英诺赛科，第三代半导体",
        "Innoscience, third-generation semiconductors",
    ),
    ("新一代信息技术", "东太湖度假区（太湖新城）", "supporting", "", ""),
    ("光电通信", "七都镇", "core", "亨通、通鼎：光纤光缆", "Hengtong, Tongding: optical fibre and cable"),
    ("光电通信", "震泽镇", "supporting", "", ""),
    ("光电通信", "汾湖高新区（黎里镇）", "supporting", "永鼎", "Yongding"),
)
# Note: 吴江“十四五”工业规划 puts 恒力/盛虹 (located in 盛泽) at the heart of 新材料; the town of
# those carriers is recorded as core. docs/domain.md §3.3 lists the carriers, not a town, as the core.

# ------------------------------------------------ transcribed: 苏州“十三五”工业规划 key industries
# industry, target_2020_yi_yuan, carrier_parks, chain, chain_en (the atlas's translation)
KEY_INDUSTRIES = (
    (
        "新一代电子信息",
        10000.0,
        "昆山经济技术开发区、苏州工业园区、苏州高新技术产业开发区、吴江经济技术开发区、相城经济开发区",
        "智能通信终端及芯片、高性能传输设备及高速光模块、光纤光缆、TFT-LCD 面板、OLED 显示",
        (
            "smart communication terminals and chips, high-performance transmission equipment and high-speed "
            "optical modules, optical fibre and cable, TFT-LCD panels, OLED displays"
        ),
    ),
    (
        "高端装备制造",
        8000.0,
        "昆山经济技术开发区、苏州工业园区、常熟经济技术开发区、吴江经济技术开发区、苏州高新技术产业开发区、张家港经济开发区、吴中经济开发区",
        "数控机床和机器人、工程机械、半导体设备、智能电梯、汽车及零部件、轨道交通、环保设备、海洋工程装备",
        (
            "CNC machine tools and robots, construction machinery, semiconductor equipment, smart elevators, "
            "automobiles and parts, rail transit, environmental protection equipment, marine engineering "
            "equipment"
        ),
    ),
    (
        "新材料",
        8000.0,
        "张家港经济开发区、昆山经济技术开发区、吴江经济技术开发区、常熟经济技术开发区、太仓港经济开发区、相城经济开发区",
        "纳米功能材料、高性能膜材料、特殊钢、轻合金、碳纤维、先进陶瓷、石化材料",
        (
            "functional nanomaterials, high-performance membrane materials, special steel, light alloys, "
            "carbon fibre, advanced ceramics, petrochemical materials"
        ),
    ),
    (
        "软件和集成电路",
        3000.0,
        "苏州工业园区、昆山经济技术开发区、吴中经济开发区、苏州高新技术产业开发区",
        "云计算、大数据、物联网、工业软件、集成电路设计与封测",
        (
            "cloud computing, big data, the Internet of Things, industrial software, integrated circuit "
            "design, packaging and testing"
        ),
    ),
    (
        "新能源和节能环保",
        3000.0,
        "太仓港经济开发区、常熟经济技术开发区、苏州工业园区、昆山经济技术开发区、张家港经济开发区",
        "节能环保装备、光伏、风能、核能、新能源汽车",
        (
            "energy-saving and environmental protection equipment, photovoltaics, wind power, nuclear power, "
            "new energy vehicles"
        ),
    ),
    (
        "医疗器械和生物医药",
        2000.0,
        "苏州工业园区、苏州高新技术产业开发区、吴中经济开发区、太仓港经济开发区",
        "影像设备、医疗设备、化学制药、诊断试剂",
        "imaging equipment, medical equipment, chemical pharmaceuticals, diagnostic reagents",
    ),
)
# Which seed-000 industries each corridor names as dominant (for highlighting).
CORRIDOR_KEY_INDUSTRIES = {
    "hu_ning": "新一代电子信息、高端装备制造、新能源和节能环保、医疗器械和生物医药",
    "tong_su_jia": "新一代电子信息、高端装备制造、新材料、新能源和节能环保",
    "yanjiang": "高端装备制造、新材料、新能源和节能环保",
    "yanhu": "",
    "yanzhe": "",
}

# ---------------------------------------------------------------- transcribed: 苏委发〔2022〕1号 第13条
# area, adcode, focus, focus_en (the atlas's translation; docs/domain.md §3.4)
COUNTY_FOCUS = (
    (
        "张家港市",
        "320582",
        "新能源、特色半导体、高端装备",
        "new energy, specialty semiconductors, high-end equipment",
    ),
    ("常熟市", "320581", "声学材料、新能源、汽车", "acoustic materials, new energy, automobiles"),
    (
        "太仓市",
        "320585",
        "高端装备及航空航天、生物医药、先进材料",
        "high-end equipment and aerospace, biomedicine, advanced materials",
    ),
    (
        "昆山市",
        "320583",
        "新一代信息技术、高端装备、小核酸生物医药",
        "new-generation information technology, high-end equipment, small-nucleic-acid biomedicine",
    ),
    (
        "吴江区",
        "320509",
        "先进材料、高端装备、新一代信息技术",
        "advanced materials, high-end equipment, new-generation information technology",
    ),
    (
        "吴中区",
        "320506",
        "机器人与智能制造、生物医药及大健康、检验检测",
        "robots and intelligent manufacturing, biomedicine and health, testing and certification",
    ),
    (
        "相城区",
        "320507",
        "数字金融、先进材料、车联网",
        "digital finance, advanced materials, connected vehicles",
    ),
    ("姑苏区", "320508", "数字创意、高技术服务", "digital creative industries, high-tech services"),
    (
        "苏州工业园区",
        "",
        "生物医药、人工智能、纳米技术应用",
        "biomedicine, artificial intelligence, nanotechnology applications",
    ),
    (
        "虎丘区（苏州高新区）",
        "320505",
        "高端医疗器械、集成电路、软件",
        "high-end medical devices, integrated circuits, software",
    ),
)


def build_tables() -> dict[str, pd.DataFrame]:
    """The transcribed attribute tables."""
    figures = pd.DataFrame(
        INDUSTRY_FIGURES,
        columns=["industry", "sales_2020_yi_yuan", "target_2025_yi_yuan", "tax_per_mu_2020_wan_yuan"],
    )
    return {
        "wujiang_industry_figures": figures,
        "wujiang_clusters": pd.DataFrame(CLUSTERS, columns=["industry", "town", "role", "note", "note_en"]),
        "key_industries": pd.DataFrame(
            KEY_INDUSTRIES, columns=["industry", "target_2020_yi_yuan", "carrier_parks", "chain", "chain_en"]
        ),
        "county_cluster_focus": pd.DataFrame(COUNTY_FOCUS, columns=["area", "adcode", "focus", "focus_en"]),
        "wujiang_renewal_record": pd.DataFrame(
            [
                (
                    "2016–2020",
                    853,
                    8806.0,
                    "《苏州市吴江区“十四五”工业经济高质量发展规划》：2016–2020 "
                    "年“共关停及淘汰低效产能企业853家，腾出土地8806余亩”",
                )
            ],
            columns=["period", "enterprises_closed", "land_freed_mu", "source"],
        ),
    }
